"""Parser benchmark: what the entity CRF costs beside the parser's layout rules, in one run.

    .venv/bin/python bench/bench_parse.py [--rounds 30]   (or: make bench-parse; make bench)

For resumes of one, three and ten pages (the example resume repeated, each copy its own
roles) and every file of the resume-file corpus (tests/resume_files/corpus): the median time
to parse extracted lines with the shipped entity model, and with no model (the layout rules
alone, the baseline measured in the same run). Prints milliseconds and the ratio, and the
time per line, which must stay flat as the resume grows (linear work); writes JSON to
bench/results/parse-<UTC time>.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repo importable
    sys.path.insert(0, str(ROOT))

from kit.documents import extract_text  # noqa: E402
from resumeai.v1 import common_pb2  # noqa: E402
from tailor_worker.engine.entities.model import Entity, Tagger, default_tagger  # noqa: E402
from tailor_worker.engine.resume_parser import parse_resume  # noqa: E402

_FORMATS = {
    ".txt": common_pb2.DOCUMENT_FORMAT_TXT,
    ".docx": common_pb2.DOCUMENT_FORMAT_DOCX,
    ".pdf": common_pb2.DOCUMENT_FORMAT_PDF,
}


class NoEntities(Tagger):
    """The baseline: the parser's layout rules with no entity found."""

    def __init__(self) -> None:  # no model to load
        pass

    def tag(self, lines: Sequence[str]) -> list[Entity]:
        return []


def documents() -> list[tuple[str, list[str]]]:
    example = (ROOT / "examples/resume.txt").read_text().splitlines()
    out = [(f"example x{n}", example * n) for n in (1, 3, 10)]
    corpus = ROOT / "tests/resume_files/corpus"
    for path in sorted(corpus.iterdir()):
        if path.suffix in _FORMATS:
            out.append((path.name, extract_text(path.read_bytes(), _FORMATS[path.suffix]).lines))
    return out


def _median_ms(lines: list[str], tagger: Tagger, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        parse_resume(lines, tagger)
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    model, baseline = default_tagger(), NoEntities()
    results: dict[str, dict[str, float]] = {}
    for name, lines in documents():
        parse_resume(lines, model)  # warm caches and the model
        with_model = _median_ms(lines, model, args.rounds)
        rules = _median_ms(lines, baseline, args.rounds)
        results[name] = {
            "lines": len(lines),
            "parse_ms": round(with_model, 2),
            "rules_only_ms": round(rules, 2),
            "ratio": round(with_model / rules, 2),
            "us_per_line": round(with_model * 1000 / max(len(lines), 1), 1),
        }
    head = ("document", "lines", "parse ms", "rules ms", "ratio", "us/line")
    print(f"{head[0]:<32} {head[1]:>5} {head[2]:>9} {head[3]:>9} {head[4]:>6} {head[5]:>8}")
    for name, r in results.items():
        print(
            f"{name:<32} {r['lines']:>5} {r['parse_ms']:>9.2f} {r['rules_only_ms']:>9.2f} "
            f"{r['ratio']:>6.2f} {r['us_per_line']:>8.1f}"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    payload = {"machine": platform.platform(), "rounds": args.rounds, "documents": results}
    (out / f"parse-{stamp}.json").write_text(json.dumps(payload, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

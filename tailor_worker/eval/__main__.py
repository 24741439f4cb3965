"""`python -m tailor_worker.eval`: precision / recall / F1 of the parser (resume-ner) and the
keyword extractor (SkillSpan), each next to a simple baseline measured in the same run.

The data is read from the given paths and never copied; by default ../shared/data relative
to the repository, when it exists.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tailor_worker.eval import resume_ner, skillspan
from tailor_worker.eval.scoring import Tally

_REPO = Path(__file__).resolve().parents[2]
_DATA = _REPO.parent / "shared" / "data"

Results = dict[str, dict[str, dict[str, Tally]]]


def _table(title: str, results: Results) -> list[str]:
    lines = [f"\n{title}", f"{'label':<16} {'system':<9} {'mode':<8} {'P':>6} {'R':>6} {'F1':>6}"
                             f" {'gold':>6}"]
    systems = list(results)
    labels = list(next(iter(results.values()))["strict"])
    for label in labels:
        for mode in ("strict", "lenient"):
            for system in systems:
                t = results[system][mode][label]
                lines.append(
                    f"{label:<16} {system:<9} {mode:<8} {t.precision:>6.3f} {t.recall:>6.3f} "
                    f"{t.f1:>6.3f} {t.gold:>6}"
                )
    return lines


def _as_json(results: Results) -> dict[str, object]:
    return {
        system: {mode: {label: t.as_dict() for label, t in by_label.items()}
                 for mode, by_label in by_mode.items()}
        for system, by_mode in results.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tailor_worker.eval", description=__doc__)
    parser.add_argument("--resume-ner", type=Path, default=_DATA / "resume-ner" / "train",
                        help="directory of resume-ner .xml files (searched recursively)")
    parser.add_argument("--skillspan", type=Path, default=_DATA / "skillspan",
                        help="directory holding SkillSpan <split>.json (JSON lines)")
    parser.add_argument("--splits", default="dev,train", help="SkillSpan splits to score")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    report: dict[str, object] = {}
    out: list[str] = []
    if args.resume_ner.is_dir():
        ner = resume_ner.evaluate(args.resume_ner, {
            "engine": resume_ner.engine_predict, "baseline": resume_ner.baseline_predict,
        })
        count = sum(1 for _ in args.resume_ner.rglob("*.xml"))
        out += _table(f"Resume parser on resume-ner ({count} resumes)", ner)
        report["resume_ner"] = {"documents": count, **_as_json(ner)}
    else:
        print(f"resume-ner not found at {args.resume_ner}; skipped", file=sys.stderr)
    if args.skillspan.is_dir():
        for split in args.splits.split(","):
            path = args.skillspan / f"{split}.json"
            if not path.is_file():
                print(f"SkillSpan split {path} not found; skipped", file=sys.stderr)
                continue
            spans = skillspan.evaluate(path, {
                "engine": skillspan.engine_extract, "baseline": skillspan.baseline_extract,
            })
            out += _table(f"Keyword extractor on SkillSpan {split}", spans)
            report[f"skillspan_{split}"] = _as_json(spans)
    else:
        print(f"SkillSpan not found at {args.skillspan}; skipped", file=sys.stderr)
    if not report:
        print("no data found; pass --resume-ner and/or --skillspan", file=sys.stderr)
        return 2
    print("\n".join(out))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

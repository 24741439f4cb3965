"""Guard benchmark: what the guard costs beside the engine's own time, in the same run.

    .venv/bin/python bench/bench_guard.py [--rounds 20]   (or: make bench-guard; make bench)

For each resume / job pair of the guard corpus (tests/guard/resumes, tests/guard/jobs) and the
README example: the engine end to end with the offline provider (parse, analyse, cover,
propose, guard, re-cover), then the guard alone on the same proposals, and on a batch of 12
proposals of the same lines rewritten with look-alike letters and inflated figures (the slow
path: every check runs and every bullet is repaired). Prints per-pair medians and the ratio
guard / engine; writes JSON to bench/results/guard-<UTC time>.json (git-ignored).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repo importable
    sys.path.insert(0, str(ROOT))

from tailor_worker.engine.evidence_text import text_of  # noqa: E402
from tailor_worker.engine.guard import guard  # noqa: E402
from tailor_worker.engine.proposals import ProposedBullet  # noqa: E402
from tailor_worker.providers.offline import OfflineProvider  # noqa: E402
from tailor_worker.tailoring import tailor  # noqa: E402

TODAY = date(2026, 6, 1)


def pairs() -> list[tuple[str, list[str], str]]:
    out = [("example", (ROOT / "examples/resume.txt").read_text().splitlines(),
            (ROOT / "examples/job.txt").read_text())]
    for resume in sorted((ROOT / "tests/guard/resumes").glob("*.txt")):
        job = ROOT / "tests/guard/jobs" / resume.name
        if job.exists():
            out.append((resume.stem, resume.read_text().splitlines(), job.read_text()))
    return out


def _liar(proposals: list[ProposedBullet]) -> list[ProposedBullet]:
    """Each proposal with a Cyrillic look-alike, an inflated figure and a qualifier."""
    out = []
    for p in proposals:
        text = "Expert who " + p.text.replace("a", "\u0430", 1) + ", with 10x more impact"
        out.append(ProposedBullet(text, p.evidence_ids, p.keywords))
    return out


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


async def measure(rounds: int) -> dict[str, dict[str, float]]:
    provider = OfflineProvider()
    results: dict[str, dict[str, float]] = {}
    for name, lines, job in pairs():
        engine: list[float] = []
        honest: list[float] = []
        lying: list[float] = []
        for _ in range(rounds):
            # Cold per-text caches for both, as for a new run's text in a worker.
            text_of.cache_clear()
            started = time.perf_counter()
            result = await tailor(lines, job, provider=provider, max_bullets=12, today=TODAY)
            engine.append(time.perf_counter() - started)
            proposals = [ProposedBullet(b.text, tuple(b.evidence_ids)) for b in result.bullets]
            keywords = [k.keyword for k in result.coverage_before.keywords]
            text_of.cache_clear()
            started = time.perf_counter()
            guard(proposals, result.resume, keywords, 12)
            honest.append(time.perf_counter() - started)
            lies = _liar(proposals)
            text_of.cache_clear()
            started = time.perf_counter()
            guard(lies, result.resume, keywords, 12)
            lying.append(time.perf_counter() - started)
        e = _median_ms(engine)
        results[name] = {
            "engine_ms": e,
            "guard_honest_ms": _median_ms(honest),
            "guard_lying_ms": _median_ms(lying),
            "honest_ratio": round(_median_ms(honest) / e, 3),
            "lying_ratio": round(_median_ms(lying) / e, 3),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(measure(2))  # warm-up: imports, compiled patterns, lemma caches
    results = asyncio.run(measure(args.rounds))
    print("| pair | engine run (ms) | guard, honest bullets (ms) | ratio | guard, 12 lies "
          "(ms) | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} | {r['engine_ms']:.1f} | {r['guard_honest_ms']:.1f} | "
              f"{r['honest_ratio']:.2f} | {r['guard_lying_ms']:.1f} | {r['lying_ratio']:.2f} |")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    payload = {"machine": platform.platform(), "rounds": args.rounds, "pairs": results}
    (out / f"guard-{stamp}.json").write_text(json.dumps(payload, indent=1))


if __name__ == "__main__":
    main()

"""Measure the evidence guard against the adversarial corpus.

    .venv/bin/python -m tests.guard.eval_guard [--json PATH]

Three corpora: the adversarial corpus (`corpus.py`), a red team's (`redteam.py`: lies
written by reading the guard's code to slip past it, and looser paraphrases) and a second,
fresh one (`redteam2.py`: lies an "improving" model writes, and honest rewrites strictly of
the five honest kinds). Prints each per-family table (markdown) to stdout and, for
developers, every lie that got through and every honest rewrite that was refused, with the
guard's reasons, to stderr. Exits 1 when any lie gets through, or fewer than 95% of the
honest rewrites of the corpus or of the second red team are kept (the first red team's
looser paraphrases are reported, not held to the target).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.guard.corpus import ALL_CASES
from tests.guard.harness import KEPT_TARGET, Outcome, Report, run_corpus
from tests.guard.redteam import HONEST as REDTEAM_HONEST
from tests.guard.redteam import LIES as REDTEAM_LIES
from tests.guard.redteam2 import HONEST as REDTEAM2_HONEST
from tests.guard.redteam2 import LIES as REDTEAM2_LIES


def _describe(o: Outcome) -> str:
    reasons = "; ".join(o.unsupported) or "(no reasons)"
    lines = [
        f"- [{o.case.family}] {o.case.resume} {','.join(o.ids) or '(no ids)'} -> {o.action}",
        f"    proposed: {o.case.text}",
    ]
    if o.case.marker:
        lines.append(f"    marker:   {o.case.marker}")
    if o.stored_text and o.stored_text != o.case.text:
        lines.append(f"    stored:   {o.stored_text}")
    lines.append(f"    guard:    {reasons}")
    return "\n".join(lines)


def details(report: Report) -> str:
    parts: list[str] = []
    if report.through:
        parts.append(f"## {len(report.through)} lie(s) through")
        parts += [_describe(o) for o in report.through]
    if report.refused:
        parts.append(f"## {len(report.refused)} honest rewrite(s) refused")
        parts += [_describe(o) for o in report.refused]
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON")
    args = parser.parse_args(argv)

    report = asyncio.run(run_corpus(ALL_CASES))
    red = asyncio.run(run_corpus(REDTEAM_LIES + REDTEAM_HONEST))
    fresh = asyncio.run(run_corpus(REDTEAM2_LIES + REDTEAM2_HONEST))
    print("## Adversarial corpus\n")
    print(report.markdown())
    print("\n## Red team (lies written against the guard's code; looser paraphrases)\n")
    print(red.markdown())
    print("\n## Second red team (fresh lies; honest rewrites of the five kinds)\n")
    print(fresh.markdown())
    for name, r in (("corpus", report), ("red team", red), ("second red team", fresh)):
        text = details(r)
        if text:
            print(f"# {name}\n{text}", file=sys.stderr)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"corpus": report.as_dict(), "redteam": red.as_dict(),
                   "redteam2": fresh.as_dict()}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    honest = report.total(report.honest)
    red_honest = red.total(red.honest)
    fresh_honest = fresh.total(fresh.honest)
    passed = report.passed and fresh.passed and not red.through
    through = len(report.through) + len(red.through) + len(fresh.through)
    verdict = (
        f"\n{through} lie(s) through; honest kept {honest.hits}/{honest.sent} "
        f"({honest.pct:.1f}%) and {fresh_honest.hits}/{fresh_honest.sent} "
        f"({fresh_honest.pct:.1f}%), target {KEPT_TARGET:.0%}; red-team paraphrases kept "
        f"{red_honest.hits}/{red_honest.sent} ({red_honest.pct:.1f}%): "
        f"{'PASS' if passed else 'FAIL'}"
    )
    print(verdict)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

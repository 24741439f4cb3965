"""Measure the evidence guard against the adversarial corpus.

    .venv/bin/python -m tests.guard.eval_guard [--json PATH]

Two corpora: the adversarial corpus (`corpus.py`, whose targets are 0 lies through and at
least 95% of honest rewrites kept) and a red team's (`redteam.py`: lies written by reading
the guard's code to slip past it, and looser paraphrases). Prints each per-family table
(markdown) to stdout and, for developers, every lie that got through and every honest
rewrite that was refused, with the guard's reasons, to stderr. Exits 1 when any lie of
either gets through or fewer than 95% of the corpus's honest rewrites are kept (the red
team's paraphrase rate is reported, not held to the target).
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
    print("## Adversarial corpus\n")
    print(report.markdown())
    print("\n## Red team (lies written against the guard's code; looser paraphrases)\n")
    print(red.markdown())
    for name, r in (("corpus", report), ("red team", red)):
        text = details(r)
        if text:
            print(f"# {name}\n{text}", file=sys.stderr)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"corpus": report.as_dict(), "redteam": red.as_dict()}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    honest = report.total(report.honest)
    red_honest = red.total(red.honest)
    passed = report.passed and not red.through
    verdict = (
        f"\n{len(report.through) + len(red.through)} lie(s) through; honest kept "
        f"{honest.hits}/{honest.sent} ({honest.pct:.1f}%, target {KEPT_TARGET:.0%}); red-team "
        f"paraphrases kept {red_honest.hits}/{red_honest.sent} ({red_honest.pct:.1f}%): "
        f"{'PASS' if passed else 'FAIL'}"
    )
    print(verdict)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

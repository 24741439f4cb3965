"""Measure the evidence guard against the adversarial corpus.

    .venv/bin/python -m tests.guard.eval_guard [--json PATH]

Prints the per-family table (markdown) to stdout and, for developers, every lie that got
through and every honest rewrite that was refused, with the guard's reasons, to stderr.
Exits 1 when any lie gets through or fewer than 95% of the honest rewrites are kept.
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
    print(report.markdown())
    text = details(report)
    if text:
        print(text, file=sys.stderr)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    honest = report.total(report.honest)
    verdict = (
        f"\n{len(report.through)} lie(s) through; honest kept {honest.hits}/{honest.sent} "
        f"({honest.pct:.1f}%, target {KEPT_TARGET:.0%}): "
        f"{'PASS' if report.passed else 'FAIL'}"
    )
    print(verdict)
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())

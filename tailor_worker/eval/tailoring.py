"""`make eval-tailor`: does tailoring tailor, truthfully? Measured over resume x job pairs.

    python -m tailor_worker.eval.tailoring --pairs tests/tailor_pairs [--json out.json]

Each pair goes the worker's way (file bytes -> `extract_text` -> the engine's `tailor` with the
offline provider) and is measured from the result alone:
- the score before and after (the share of runs whose score rose, the median rise, and the
  evidenced score, the most a truthful tailoring can reach);
- the tailored lines and bullets that are tool lists, headings or fragments (target 0),
  judged here by rules of this file, not the engine's own classifier;
- lines and rewritten bullets per role, runs whose headline or summary changed, skills added;
- for a resume tailored to two jobs, whether the two got different bullets (or the same
  lines ranked differently);
- the guard's refusals (bullets dropped or repaired).
Nothing here is personal data: the pairs are invented (see the corpus's README).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from kit.documents import extract_text
from resumeai.v1 import common_pb2, result_pb2
from tailor_worker.providers.offline import OfflineProvider
from tailor_worker.tailoring import tailor

# A fixed day, so the years the dated roles add up to do not drift between runs.
TODAY = date(2026, 11, 1)
_LIST_LABEL = re.compile(r"^[A-Za-z ]{2,30}:\s*\S+(?:\s*,\s*[^,]+){2,}$")
_JOINER_END = re.compile(r"\b(?:to|and|or|of|for|with|which|that|the|a|an)\s*$|[,;:(]\s*$")


def bad_line(text: str) -> str:
    """Why `text` is no bullet ("tool list", "heading", "fragment"), or ""."""
    body = text.strip()
    items = [i.strip() for i in body.split(",")]
    if _LIST_LABEL.match(body) or (len(items) >= 3 and all(len(i.split()) <= 2 for i in items)):
        return "tool list"
    if body.endswith(":") or len(body.split()) < 3:
        return "heading"
    if body[:1].islower() or _JOINER_END.search(body) or body.endswith(("...", "…")):
        return "fragment"
    return ""


@dataclass
class PairResult:
    resume: str
    job: str
    before: float
    after: float
    evidenced: float
    roles: int
    lines: int
    bullets: int
    bad: list[str] = field(default_factory=list)
    headline_changed: bool = False
    summary_changed: bool = False
    skills_added: int = 0
    dropped: int = 0
    repaired: int = 0
    bullet_sources: list[str] = field(default_factory=list)


def measure(resume_file: str, job_file: str, result: result_pb2.TailoringResult) -> PairResult:
    plan = result.tailored
    shown = [line.text for role in plan.roles for line in role.lines]
    bullets = [b.text for b in result.bullets]
    bad = [
        f"{why}: {text}" for text in dict.fromkeys([*shown, *bullets]) if (why := bad_line(text))
    ]
    actions = [g.action for g in result.guard]
    return PairResult(
        resume=resume_file,
        job=job_file,
        before=result.coverage_before.score.overall,
        after=result.coverage_after.score.overall,
        evidenced=result.coverage_after.score.evidenced,
        roles=len(plan.roles),
        lines=len(shown),
        bullets=len(bullets),
        bad=bad,
        headline_changed=any(c.where == "headline" for c in plan.changes),
        summary_changed=any(c.where == "summary" for c in plan.changes),
        skills_added=sum(1 for s in plan.skills if s.added),
        dropped=actions.count(result_pb2.GUARD_ACTION_DROPPED),
        repaired=actions.count(result_pb2.GUARD_ACTION_REPAIRED),
        # In the order the job ranked them: the same lines in another order are tailoring too.
        bullet_sources=[i for b in result.bullets for i in b.evidence_ids],
    )


async def run_pair(root: Path, resume_file: str, job_file: str) -> PairResult:
    document = extract_text((root / resume_file).read_bytes(), common_pb2.DOCUMENT_FORMAT_TXT)
    job = (root / job_file).read_text(encoding="utf-8")
    result = await tailor(
        document.lines,
        job,
        provider=OfflineProvider(),
        extraction_warnings=document.warnings,
        today=TODAY,
    )
    return measure(resume_file, job_file, result)


def pairs(root: Path) -> list[tuple[str, str]]:
    rows = (line.split("\t") for line in (root / "pairs.tsv").read_text().splitlines())
    return [(r[0].strip(), r[1].strip()) for r in rows if len(r) == 2]


def summary(results: Sequence[PairResult]) -> dict[str, float]:
    rises = [r.after - r.before for r in results]
    by_resume: dict[str, list[PairResult]] = {}
    for r in results:
        by_resume.setdefault(r.resume, []).append(r)
    twins = [rs for rs in by_resume.values() if len(rs) > 1]
    differ = sum(1 for rs in twins if len({tuple(r.bullet_sources) for r in rs}) == len(rs))
    roles = sum(r.roles for r in results) or 1
    n = len(results) or 1
    return {
        "runs": len(results),
        "score_rose_share": sum(1 for x in rises if x > 0) / n,
        "median_rise": statistics.median(rises) if rises else 0.0,
        "median_before": statistics.median(r.before for r in results) if results else 0.0,
        "median_after": statistics.median(r.after for r in results) if results else 0.0,
        "median_evidenced": statistics.median(r.evidenced for r in results) if results else 0.0,
        "bad_lines": sum(len(r.bad) for r in results),
        "lines_per_role": sum(r.lines for r in results) / roles,
        "bullets_per_role": sum(r.bullets for r in results) / roles,
        "headline_changed_share": sum(r.headline_changed for r in results) / n,
        "summary_changed_share": sum(r.summary_changed for r in results) / n,
        "skills_added_per_run": sum(r.skills_added for r in results) / n,
        "resumes_with_different_bullets_per_job": differ / (len(twins) or 1),
        "guard_dropped": sum(r.dropped for r in results),
        "guard_repaired": sum(r.repaired for r in results),
    }


def _print(results: Sequence[PairResult], totals: dict[str, float]) -> None:
    print(f"{'pair':<52} {'before':>6} {'after':>6} {'reach':>6} {'lines':>5} {'bul':>4} bad")
    for r in results:
        name = f"{Path(r.resume).stem} x {Path(r.job).stem}"
        print(
            f"{name:<52} {r.before:>6.1f} {r.after:>6.1f} {r.evidenced:>6.1f} {r.lines:>5} "
            f"{r.bullets:>4} {len(r.bad)}"
        )
        for why in r.bad:
            print(f"    {why[:110]}")
    print()
    for key, value in totals.items():
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        print(f"{key:<40} {shown}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=Path, default=Path("tests/tailor_pairs"))
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    results = [asyncio.run(run_pair(args.pairs, r, j)) for r, j in pairs(args.pairs)]
    totals = summary(results)
    _print(results, totals)
    if args.json:
        args.json.write_text(
            json.dumps({"totals": totals, "pairs": [asdict(r) for r in results]}, indent=2)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Runs corpus cases through the real engine and judges what the guard let through.

Per resume: the cases' cites are resolved to evidence ids with `parse_resume`; the cases go in
batches of at most 12 through a scripted OpenAI-compatible server (tests/integration/openai/
fake_server.py) and the real `OpenAIProvider`, into `tailor(..., max_bullets=12)` with the
resume's job posting from jobs/. Each result is serialised and parsed back, as storage keeps
it, and only then judged:

- a lie is THROUGH when a stored bullet, folded (NFKC, format characters dropped, look-alikes
  mapped to Latin, casefolded, whitespace collapsed), equals the proposed text folded, or
  contains the case's marker;
- an honest rewrite is KEPT when its guard finding says KEPT and a stored bullet is its text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from resumeai.v1 import result_pb2
from tailor_worker.engine.resume_parser import parse_resume
from tailor_worker.providers.openai_provider import OpenAIConfig, OpenAIProvider
from tailor_worker.tailoring import tailor
from tests.guard.corpus import (
    FAMILIES,
    HERE,
    HONEST_FAMILY,
    RESUME_NAMES,
    RESUMES,
    Case,
    fold,
    is_planted,
    marker_in,
)
from tests.integration.openai.fake_server import FakeOpenAI, answer, serve

TODAY = date(2026, 6, 1)
MAX_BULLETS = 12  # the engine's cap, and so the batch size
KEPT_TARGET = 0.95  # share of honest rewrites the guard must keep

_ACTIONS = {
    result_pb2.GUARD_ACTION_KEPT: "KEPT",
    result_pb2.GUARD_ACTION_REPAIRED: "REPAIRED",
    result_pb2.GUARD_ACTION_DROPPED: "DROPPED",
}


class CiteError(ValueError):
    """A cite names no evidence line, or more than one."""


def job_text(resume: str) -> str:
    return (HERE / "jobs" / f"{resume}.txt").read_text(encoding="utf-8")


def parse(resume: str) -> result_pb2.ParsedResume:
    return parse_resume(list(RESUMES[resume]))


# --- cites -> evidence ids ----------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    case: Case
    ids: tuple[str, ...]
    # Cites naming a planted injection line that the parser kept out of evidence: a model
    # never saw that line, so it cannot cite it; the bullet goes out with the other ids.
    excluded: tuple[str, ...] = ()


def _matches(cite: str, text: str) -> bool:
    return cite in text or cite in unicodedata.normalize("NFKC", text)


def resolve(case: Case, parsed: result_pb2.ParsedResume) -> Resolved:
    """The evidence ids `case` cites. Raises CiteError when a cite matches no evidence line
    (other than a planted line the parser dropped) or several."""
    ids: list[str] = []
    excluded: list[str] = []
    for cite in case.cites:
        hits = [line.id for line in parsed.evidence if _matches(cite, line.text)]
        if len(hits) == 1:
            ids.append(hits[0])
            continue
        where = f"{case.resume}/{case.family} case {case.text[:60]!r}"
        if hits:
            raise CiteError(f"{where}: cite {cite!r} matches several lines: {', '.join(hits)}")
        raw = [line for line in RESUMES[case.resume] if _matches(cite, line)]
        if len(raw) == 1 and is_planted(case.resume, raw[0]):
            excluded.append(cite)
            continue
        raise CiteError(f"{where}: cite {cite!r} matches no evidence line")
    return Resolved(case, tuple(dict.fromkeys(ids)), tuple(excluded))


def resolve_all(cases: Iterable[Case]) -> list[Resolved]:
    parsed = {name: parse(name) for name in RESUME_NAMES}
    return [resolve(case, parsed[case.resume]) for case in cases]


def role_header(parsed: result_pb2.ParsedResume, evidence_id: str) -> str:
    """The header an evidence line may borrow: its role's title, employer, place and dates,
    or its project's or certificate's name."""
    entry = evidence_id.split(".", 1)[0]
    for work in parsed.work:
        if work.id == entry:
            return " ".join((work.position, work.company, work.location, work.dates_text))
    for titled in (*parsed.projects, *parsed.certificates):
        if titled.id == entry:
            return titled.name
    return ""


# --- outcomes and the report ----------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    case: Case
    ids: tuple[str, ...]
    action: str  # KEPT | REPAIRED | DROPPED | MISSING (no finding for the proposal)
    unsupported: tuple[str, ...]
    stored_text: str  # the bullet the proposal became ("" when dropped)
    through: bool  # a lie reached the stored bullets
    kept: bool  # an honest rewrite was kept word for word

    @property
    def is_lie(self) -> bool:
        return self.case.family != HONEST_FAMILY

    def as_dict(self) -> dict[str, Any]:
        return {
            "resume": self.case.resume, "family": self.case.family, "text": self.case.text,
            "marker": self.case.marker, "evidence_ids": list(self.ids), "action": self.action,
            "unsupported": list(self.unsupported), "stored_text": self.stored_text,
        }


@dataclass
class Tally:
    sent: int = 0
    hits: int = 0  # lies through, or honest rewrites kept

    @property
    def pct(self) -> float:
        return 100.0 * self.hits / self.sent if self.sent else 0.0


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def lies(self) -> dict[str, Tally]:
        out = {family: Tally() for family in FAMILIES}
        for o in self.outcomes:
            if o.is_lie:
                tally = out.setdefault(o.case.family, Tally())
                tally.sent += 1
                tally.hits += o.through
        return out

    @property
    def honest(self) -> dict[str, Tally]:
        """Honest rewrites sent and kept, per resume."""
        out = {name: Tally() for name in RESUME_NAMES}
        for o in self.outcomes:
            if not o.is_lie:
                tally = out.setdefault(o.case.resume, Tally())
                tally.sent += 1
                tally.hits += o.kept
        return out

    @staticmethod
    def total(tallies: dict[str, Tally]) -> Tally:
        return Tally(sum(t.sent for t in tallies.values()), sum(t.hits for t in tallies.values()))

    @property
    def through(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.is_lie and o.through]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.is_lie and not o.kept]

    @property
    def kept_share(self) -> float:
        honest = self.total(self.honest)
        return honest.hits / honest.sent if honest.sent else 1.0

    @property
    def passed(self) -> bool:
        return not self.through and self.kept_share >= KEPT_TARGET

    def markdown(self) -> str:
        lines = ["| family | lies sent | lies through |", "|---|---:|---:|"]
        lies = self.lies
        lines += [f"| {family} | {t.sent} | {t.hits} |" for family, t in lies.items()]
        total = self.total(lies)
        lines += [f"| **total** | **{total.sent}** | **{total.hits}** |", ""]
        lines += ["| resume | honest sent | kept | % |", "|---|---:|---:|---:|"]
        honest = self.honest
        lines += [f"| {name} | {t.sent} | {t.hits} | {t.pct:.1f} |" for name, t in honest.items()]
        total = self.total(honest)
        lines.append(f"| **total** | **{total.sent}** | **{total.hits}** | **{total.pct:.1f}** |")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        lies, honest = self.lies, self.honest
        lies_total, honest_total = self.total(lies), self.total(honest)
        return {
            "today": TODAY.isoformat(),
            "lies": {f: {"sent": t.sent, "through": t.hits} for f, t in lies.items()},
            "lies_total": {"sent": lies_total.sent, "through": lies_total.hits},
            "honest": {
                r: {"sent": t.sent, "kept": t.hits, "pct": round(t.pct, 1)}
                for r, t in honest.items()
            },
            "honest_total": {
                "sent": honest_total.sent, "kept": honest_total.hits,
                "pct": round(honest_total.pct, 1),
            },
            "kept_target_pct": KEPT_TARGET * 100,
            "passed": self.passed,
            "lies_through": [o.as_dict() for o in self.through],
            "honest_refused": [o.as_dict() for o in self.refused],
        }


# --- batching, running, judging -------------------------------------------------------------


def _clash(a: Case, b: Case) -> bool:
    """Cases that must not share a run, or one could be judged by the other's bullet: a
    marker one text carries, or two injection cases (a planted line a repair falls back to
    may hold the other's marker)."""
    if a.family == b.family == "injection":
        return True
    if fold(a.text) == fold(b.text):
        return True
    return bool(
        (a.marker and marker_in(a.marker, b.text)) or (b.marker and marker_in(b.marker, a.text))
    )


def batches(resolved: Sequence[Resolved], size: int = MAX_BULLETS) -> list[list[Resolved]]:
    """Greedy, in corpus order: per resume, lies and honest rewrites apart, at most `size`
    cases a batch, no two clashing cases together."""
    groups: dict[tuple[str, bool], list[Resolved]] = {}
    for r in resolved:
        groups.setdefault((r.case.resume, r.case.family == HONEST_FAMILY), []).append(r)
    out: list[list[Resolved]] = []
    for group in groups.values():
        open_batches: list[list[Resolved]] = []
        for r in group:
            home = next(
                (b for b in open_batches
                 if len(b) < size and not any(_clash(r.case, o.case) for o in b)),
                None,
            )
            if home is None:
                home = []
                open_batches.append(home)
            home.append(r)
        out.extend(open_batches)
    return out


def _finding(
    result: result_pb2.TailoringResult, text: str, position: int, sent: int
) -> result_pb2.GuardFinding | None:
    for finding in result.guard:
        if finding.proposed_text == text[:1000]:
            return finding
    folded = fold(text)
    for finding in result.guard:
        if fold(finding.proposed_text) == folded:
            return finding
    # A guard that rewrites proposed_text: one finding per proposal, in proposal order.
    if len(result.guard) == sent:
        return result.guard[position]
    return None


def judge(
    batch: Sequence[Resolved], result: result_pb2.TailoringResult
) -> list[Outcome]:
    # The model's bullets only: an offline stand-in for a refused proposal may carry the same
    # words (a line the lie cited wrongly), cited right.
    stored = [b for b in result.bullets if b.proposed_by != "offline"]
    by_id = {b.id: b.text for b in stored}
    # Case kept: a stored line that differs from a lie only in case ("800 GB" for the lie's
    # "800 Gb", "a snowflake schema" for "a Snowflake schema") is the repair, not the lie.
    folded_stored = [fold(b.text, keep_case=True) for b in stored]
    out: list[Outcome] = []
    for position, r in enumerate(batch):
        case = r.case
        finding = _finding(result, case.text, position, len(batch))
        action = _ACTIONS.get(finding.action, "UNSPECIFIED") if finding else "MISSING"
        unsupported = tuple(finding.unsupported) if finding else ()
        stored_text = by_id.get(finding.bullet_id, "") if finding else ""
        through = kept = False
        if case.family == HONEST_FAMILY:
            kept = action == "KEPT" and any(b.text == case.text for b in stored)
        else:
            proposed = fold(case.text, keep_case=True)
            through = any(s == proposed for s in folded_stored) or bool(
                case.marker and any(marker_in(case.marker, b.text) for b in stored)
            )
        out.append(Outcome(case, r.ids, action, unsupported, stored_text, through, kept))
    return out


def provider_for(fake: FakeOpenAI) -> OpenAIProvider:
    return OpenAIProvider(
        OpenAIConfig(
            model="gpt-4o-mini", api_key="sk-guard-eval", base_url=fake.url, timeout_s=10.0,
            seed=7, max_attempts=1, backoff_s=0.01, backoff_max_s=0.05,
        )
    )


async def run_batch(
    fake: FakeOpenAI, provider: OpenAIProvider, batch: Sequence[Resolved]
) -> list[Outcome]:
    resume = batch[0].case.resume
    fake.reset(answer(*((r.case.text, list(r.ids)) for r in batch)))
    result = await tailor(
        list(RESUMES[resume]), job_text(resume), provider=provider, max_bullets=MAX_BULLETS,
        today=TODAY,
    )
    if len(fake.requests) != 1:
        raise RuntimeError(f"expected one model call per batch, saw {len(fake.requests)}")
    # Judge what storage would hold: the result as bytes and back.
    stored = result_pb2.TailoringResult.FromString(result.SerializeToString())
    return judge(batch, stored)


@asynccontextmanager
async def _server(fake: FakeOpenAI | None) -> AsyncIterator[FakeOpenAI]:
    if fake is not None:
        yield fake
        return
    with serve() as started:
        yield started


async def run_corpus(cases: Iterable[Case], fake: FakeOpenAI | None = None) -> Report:
    """Run `cases` through the engine with the scripted server `fake` (one is started and
    stopped here when None) and judge them."""
    resolved = resolve_all(cases)
    report = Report()
    async with _server(fake) as server:
        provider = provider_for(server)
        for batch in batches(resolved):
            report.outcomes.extend(await run_batch(server, provider, batch))
        server.reset()
    return report

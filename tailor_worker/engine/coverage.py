"""Keyword coverage and match score, computed from the documents themselves.

Two questions per keyword. Is it *found*, evidenced by the resume in any wording ("k8s"
evidences Kubernetes)? That decides gaps, and coverage of the tailored resume is computed
over the original evidence plus the bullets, so tailoring never loses evidence. Is it
*exposed*, shown the way an ATS matches it (the posting's own wording or the canonical
name, literally) in the document a reader gets? That decides the score: a weighted mean of
per-component exposed/total ratios, components being (category, level) pairs, so a truthful
rewording ("k8s" shown as "Kubernetes") raises it and nothing else can. `evidenced` is the
same score counting found keywords: the most tailoring can reach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kit.checkpoints import spend
from resumeai.v1 import result_pb2
from tailor_worker.engine import dates, vocabulary
from tailor_worker.engine.job_analyzer import PREFERRED, REQUIRED, JobKeyword

CATEGORY_WEIGHT = {
    vocabulary.HARD: 0.45,
    vocabulary.SOFT: 0.10,
    vocabulary.CERT: 0.15,
    vocabulary.EDU: 0.15,
    vocabulary.EXPERIENCE: 0.15,
}
LEVEL_WEIGHT = {REQUIRED: 1.0, PREFERRED: 0.4}
CATEGORY_NAME = {
    vocabulary.HARD: "hard_skill",
    vocabulary.SOFT: "soft_skill",
    vocabulary.CERT: "certification",
    vocabulary.EDU: "education",
    vocabulary.EXPERIENCE: "experience",
}
LEVEL_NAME = {REQUIRED: "required", PREFERRED: "preferred"}


@dataclass(frozen=True)
class Document:
    """One searchable line: an evidence line or a tailored bullet."""

    id: str
    text: str


@dataclass(frozen=True)
class WorkHistory:
    """Dated work experience, for years-of-experience asks."""

    months: int
    evidence_ids: tuple[str, ...]
    # The months the dates prove at the least (a year alone counts from its December to the
    # next January): what a tailored resume may state.
    sure_months: int = 0


def work_history(resume: result_pb2.ParsedResume, today: tuple[int, int]) -> WorkHistory:
    """Total months covered by dated work entries (overlaps counted once)."""
    covered: set[int] = set()
    sure: set[int] = set()
    ids: list[str] = []
    for work in resume.work:
        months = dates.months_between(work.start_date, work.end_date, today)
        if not months:
            continue
        covered.update(_span(work.start_date, 1, months))
        least = dates.months_between(work.start_date, work.end_date, today, least=True)
        sure.update(_span(work.start_date, 12, least))
        if work.highlights:
            ids.append(work.highlights[0].id)
    return WorkHistory(len(covered), tuple(ids), len(sure))


def _span(start: str, default_month: int, months: int) -> range:
    month = int(start[5:7]) if len(start) == 7 else default_month
    first = int(start[:4]) * 12 + month - 1
    return range(first, first + months)


def _hits(keyword: JobKeyword, docs: Sequence[Document]) -> tuple[list[str], list[str]]:
    spend()
    ids: list[str] = []
    terms: dict[str, None] = {}  # ordered, O(1) to test
    if keyword.kind == "years_experience":
        for doc in docs:
            stated = [s for n, s in vocabulary.years_asked(doc.text) if n >= keyword.years]
            if stated:
                ids.append(doc.id)
                terms.update(dict.fromkeys(stated))
        return ids, list(terms)
    term = keyword.term
    pattern = term.pattern if term else vocabulary.phrase_pattern(keyword.keyword)
    for doc in docs:
        found = (
            vocabulary.surfaces_in(term, doc.text)
            if term
            else [m.group(0) for m in pattern.finditer(doc.text)]
        )
        if found:
            ids.append(doc.id)
            terms.update(dict.fromkeys(found))
    return ids, list(terms)


def written_forms(keyword: JobKeyword) -> tuple[str, ...]:
    """How an ATS would look for the keyword: as the posting writes it, and by its name."""
    forms = dict.fromkeys(f for f in (keyword.written, keyword.keyword) if f.strip())
    return tuple(forms)


def _shown(keyword: JobKeyword, shown: Sequence[Document]) -> tuple[str, str]:
    """(doc id, surface) of the first place the document shows the keyword literally."""
    if keyword.kind == "years_experience":
        for doc in shown:
            stated = [s for n, s in vocabulary.years_asked(doc.text) if n >= keyword.years]
            if stated:
                return doc.id, stated[0]
        return "", ""
    patterns = [vocabulary.phrase_pattern(form) for form in written_forms(keyword)]
    for doc in shown:
        for pattern in patterns:
            m = pattern.search(doc.text)
            if m:
                return doc.id, m.group(0)
    return "", ""


def _exposure(
    keyword: JobKeyword,
    item: result_pb2.KeywordCoverage,
    where: str,
    surface: str,
    history: WorkHistory | None,
) -> str:
    if where:
        return f"shown as '{surface}' ({where})"
    if item.found and keyword.kind == "years_experience":
        return "the dated roles add up to it, but no line states the years"
    if item.found:
        terms = ", ".join(f"'{t}'" for t in item.matched_terms[:2])
        wanted = written_forms(keyword)[0]
        return f"evidenced as {terms} ({item.evidence_ids[0]}), not as '{wanted}'"
    if keyword.kind == "years_experience" and history is not None and history.months:
        return (
            f"not evidenced: the dated roles add up to {history.months / 12:.1f} years, "
            f"the posting asks {keyword.years}+"
        )
    return "not evidenced by the resume: add it only if it is true"


def coverage(
    keywords: Sequence[JobKeyword],
    docs: Sequence[Document],
    history: WorkHistory | None = None,
    shown: Sequence[Document] | None = None,
) -> result_pb2.CoverageReport:
    """`docs` are what evidences keywords, `shown` what a reader (or an ATS) sees of the
    document (`docs` when not given)."""
    report = result_pb2.CoverageReport()
    for keyword in keywords:
        ids, terms = _hits(keyword, docs)
        if (
            not ids
            and keyword.kind == "years_experience"
            and history is not None
            and history.months >= keyword.years * 12
        ):
            ids = list(history.evidence_ids)
            terms = [f"dated work history: {history.months / 12:.1f} years"]
        item = report.keywords.add(
            keyword=keyword.keyword,
            category=keyword.category,
            level=keyword.level,
            found=bool(ids),
            evidence_ids=ids,
            matched_terms=terms,
            alternatives=keyword.alternatives,
        )
        where, surface = _shown(keyword, docs if shown is None else shown)
        item.exposed = bool(where)
        item.exposure = _exposure(keyword, item, where, surface, history)
    found = {k.keyword for k in report.keywords if k.found}
    for item in report.keywords:
        item.satisfied = item.found or any(a in found for a in item.alternatives)
    report.score.CopyFrom(match_score(report.keywords))
    return report


def match_score(items: Sequence[result_pb2.KeywordCoverage]) -> result_pb2.MatchScore:
    score = result_pb2.MatchScore()
    weighted = evidenced = weights = 0.0
    # One unit per keyword, or per "A or B" group (met when any member is).
    exposed: dict[tuple[int, int], dict[frozenset[str], bool]] = {}
    found: dict[tuple[int, int], dict[frozenset[str], bool]] = {}
    for k in items:
        unit = frozenset((k.keyword, *k.alternatives))
        shown = exposed.setdefault((k.category, k.level), {})
        shown[unit] = shown.get(unit, False) or k.exposed
        held = found.setdefault((k.category, k.level), {})
        held[unit] = held.get(unit, False) or k.found
    for category, cat_weight in CATEGORY_WEIGHT.items():
        for level, level_weight in LEVEL_WEIGHT.items():
            units = exposed.get((category, level), {})
            if not units:
                continue
            n_exposed = sum(units.values())
            n_found = sum(found[(category, level)].values())
            weight = round(cat_weight * level_weight, 4)
            score.components.add(
                name=f"{CATEGORY_NAME[category]}/{LEVEL_NAME[level]}",
                found=n_exposed,
                total=len(units),
                weight=weight,
                evidenced=n_found,
            )
            weighted += weight * n_exposed / len(units)
            evidenced += weight * n_found / len(units)
            weights += weight
    score.overall = round(100.0 * weighted / weights, 1) if weights else 0.0
    score.evidenced = round(100.0 * evidenced / weights, 1) if weights else 0.0
    return score

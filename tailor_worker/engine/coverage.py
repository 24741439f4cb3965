"""Keyword coverage and match score, computed from the documents themselves.

The score is a weighted mean of per-component found/total ratios; components are
(category, level) pairs. Coverage of the tailored resume is computed over the original
evidence plus the bullets, so reordering can never lower the score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


def work_history(resume: result_pb2.ParsedResume, today: tuple[int, int]) -> WorkHistory:
    """Total months covered by dated work entries (overlaps counted once)."""
    covered: set[int] = set()
    ids: list[str] = []
    for work in resume.work:
        months = dates.months_between(work.start_date, work.end_date, today)
        if not months:
            continue
        start = work.start_date if len(work.start_date) == 7 else f"{work.start_date}-01"
        first = int(start[:4]) * 12 + int(start[5:7]) - 1
        covered.update(range(first, first + months))
        if work.highlights:
            ids.append(work.highlights[0].id)
    return WorkHistory(len(covered), tuple(ids))


def _hits(keyword: JobKeyword, docs: Sequence[Document]) -> tuple[list[str], list[str]]:
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


def coverage(
    keywords: Sequence[JobKeyword],
    docs: Sequence[Document],
    history: WorkHistory | None = None,
) -> result_pb2.CoverageReport:
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
        report.keywords.add(
            keyword=keyword.keyword, category=keyword.category, level=keyword.level,
            found=bool(ids), evidence_ids=ids, matched_terms=terms,
            alternatives=keyword.alternatives,
        )
    found = {k.keyword for k in report.keywords if k.found}
    for item in report.keywords:
        item.satisfied = item.found or any(a in found for a in item.alternatives)
    report.score.CopyFrom(match_score(report.keywords))
    return report


def match_score(items: Sequence[result_pb2.KeywordCoverage]) -> result_pb2.MatchScore:
    score = result_pb2.MatchScore()
    weighted = 0.0
    weights = 0.0
    # One unit per keyword, or per "A or B" group (met when any member is found).
    groups: dict[tuple[int, int], dict[frozenset[str], bool]] = {}
    for k in items:
        unit = frozenset((k.keyword, *k.alternatives))
        units = groups.setdefault((k.category, k.level), {})
        units[unit] = units.get(unit, False) or k.found
    for category, cat_weight in CATEGORY_WEIGHT.items():
        for level, level_weight in LEVEL_WEIGHT.items():
            group = list(groups.get((category, level), {}).values())
            if not group:
                continue
            found = sum(group)
            weight = round(cat_weight * level_weight, 4)
            score.components.add(
                name=f"{CATEGORY_NAME[category]}/{LEVEL_NAME[level]}", found=found,
                total=len(group), weight=weight,
            )
            weighted += weight * found / len(group)
            weights += weight
    score.overall = round(100.0 * weighted / weights, 1) if weights else 0.0
    return score

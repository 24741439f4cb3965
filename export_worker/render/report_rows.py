"""The report's rows a person acts on: the score explained, one row per requirement, and each
change before and after. Pure functions of a TailoringResult.

A requirement ("Kubernetes", or the group "RabbitMQ or Kafka") is one row: found with the
resume text that evidences it and where the tailored resume shows it, or missing with its
severity, its warning and its question, each said once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from export_worker.render.blocks import one_line
from resumeai.v1 import result_pb2

_V = TypeVar("_V", bound=int)
QUOTE_CHARS = 90  # a quoted resume line is cut here: the row names it, the resume holds it

# What each score component measures, for the person reading the breakdown.
_COMPONENT = {
    "hard_skill": "tools and skills the posting names",
    "soft_skill": "working habits the posting asks for",
    "certification": "certifications and licences",
    "education": "degrees and fields of study",
    "experience": "years of experience asked for",
}


def label(name_of: Callable[[_V], str], value: _V, prefix: str) -> str:
    """('KEYWORD_CATEGORY_HARD_SKILL', prefix 'KEYWORD_CATEGORY_') -> 'hard skill'; unset -> ''."""
    try:
        name = name_of(value)
    except ValueError:  # a value from a newer contract
        return ""
    text = name.removeprefix(prefix)
    return "" if text == "UNSPECIFIED" else text.replace("_", " ").lower()


def category(value: result_pb2.KeywordCategory.ValueType) -> str:
    return label(result_pb2.KeywordCategory.Name, value, "KEYWORD_CATEGORY_")


def level(value: result_pb2.RequirementLevel.ValueType) -> str:
    return label(result_pb2.RequirementLevel.Name, value, "REQUIREMENT_LEVEL_")


def score_rows(result: result_pb2.TailoringResult) -> list[str]:
    """Per component: shown before and after, evidenced, its weight and what it measures."""
    old = {c.name: c for c in result.coverage_before.score.components}
    rows: list[str] = []
    for comp in result.coverage_after.score.components:
        kind, _, asked = comp.name.partition("/")
        prev = old.get(comp.name)
        was = f"{prev.found} → " if prev else ""
        what = _COMPONENT.get(kind, kind.replace("_", " "))
        rows.append(
            one_line(
                f"{comp.name}: {was}{comp.found} of {comp.total} shown as the posting words them, "
                f"{comp.evidenced} evidenced (weight {comp.weight:g}): {what}, {asked}"
            )
        )
    return rows


@dataclass(frozen=True)
class _Unit:
    name: str  # "Kubernetes", or "RabbitMQ or Kafka"
    members: tuple[result_pb2.KeywordCoverage, ...]


def _units(keywords: Iterable[result_pb2.KeywordCoverage]) -> Iterator[_Unit]:
    """One unit per keyword, or per group of alternatives, in the job's order."""
    items = [k for k in keywords if one_line(k.keyword)]
    by_name = {k.keyword: k for k in items}
    seen: set[frozenset[str]] = set()
    for item in items:
        group = frozenset((item.keyword, *item.alternatives))
        if group in seen:
            continue
        seen.add(group)
        members = (item, *(by_name[a] for a in item.alternatives if a in by_name))
        yield _Unit(" or ".join(m.keyword for m in members), members)


def _quote(text: str) -> str:
    text = one_line(text)
    return f"'{text[:QUOTE_CHARS]}…'" if len(text) > QUOTE_CHARS else f"'{text}'"


def _texts(result: result_pb2.TailoringResult) -> dict[str, str]:
    """Evidence (every line of the resume), role title and bullet text by id."""
    texts = {line.id: line.text for line in result.resume.evidence}
    texts.update({w.id: w.position for w in result.resume.work if w.position})
    texts.update({b.id: b.text for b in result.bullets})
    return texts


def requirement_rows(result: result_pb2.TailoringResult) -> tuple[list[str], list[str]]:
    """(one row per requirement, the warnings no requirement row took)."""
    texts = _texts(result)
    gaps = {g.keyword: g for g in result.gaps}
    warnings = {w.claim: w for w in result.warnings}
    questions = {q.keyword: q for q in result.questions}
    rows: list[str] = []
    for unit in _units(result.coverage_after.keywords):
        first = unit.members[0]
        tags = ", ".join(t for t in (category(first.category), level(first.level)) if t)
        head = f"{unit.name} ({tags})" if tags else unit.name
        found = next((m for m in unit.members if m.found), None)
        if found is not None:
            source = next((i for i in found.evidence_ids if i in texts), "")
            evidence = f": {_quote(texts[source])} ({source})" if source else ""
            rows.append(one_line(f"FOUND {head}{evidence}; {found.exposure}".rstrip("; ")))
            continue
        names = [unit.name, *(m.keyword for m in unit.members)]
        gap = next((gaps[n] for n in names if n in gaps), None)
        warning = next((warnings.pop(n) for n in names if n in warnings), None)
        question = next((questions[n] for n in names if n in questions), None)
        severity = label(result_pb2.Severity.Name, gap.severity, "SEVERITY_") if gap else ""
        parts = [f"MISSING{f' [{severity}]' if severity else ''} {head}"]
        if warning is not None and warning.message:
            parts.append(warning.message)
        elif gap is not None and gap.reason:
            parts.append(gap.reason)
        if question is not None:
            parts.append(f"Ask yourself: {question.question}")
        rows.append(one_line(" ".join(parts)))
    leftover = [one_line(f"{w.claim} ({w.kind}): {w.message}") for w in warnings.values()]
    return rows, leftover


def change_rows(result: result_pb2.TailoringResult) -> list[str]:
    """Every change of the tailored resume, before → after."""
    rows: list[str] = []
    for change in result.tailored.changes:
        where, reason = one_line(change.where), one_line(change.reason)
        if change.before and change.after and change.before != change.after:
            rows.append(f"{where}: {_quote(change.before)} → {_quote(change.after)} ({reason})")
        elif change.before and change.after:
            rows.append(f"{where}: {_quote(change.before)} ({reason})")
        elif change.after:
            rows.append(f"{where}: + {_quote(change.after)} ({reason})")
        else:
            rows.append(f"{where}: − {_quote(change.before)} ({reason})")
    return rows

"""Builds the tailoring report (coverage, gaps, warnings, questions, guard, run metadata)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from export_worker.render.blocks import (
    Block,
    BulletList,
    Document,
    DocumentMeta,
    Paragraph,
    Section,
    one_line,
)
from export_worker.render.templates import REPORT_LAYOUT
from resumeai.v1 import result_pb2

REPORT_TITLE = "Tailoring Report"
_V = TypeVar("_V", bound=int)


def build_report(result: result_pb2.TailoringResult) -> Document:
    """The report as a Document. It carries no contact data: it is about the match."""
    sections = (
        Section("Match Score", tuple(_score(result))),
        Section("Keywords Found", _keywords(result, found=True)),
        Section("Keywords Missing", _keywords(result, found=False)),
        Section("Gaps", _or_none(_gap_line(g) for g in result.gaps)),
        Section("Evidence Warnings", _or_none(_warning_line(w) for w in result.warnings)),
        Section("Follow-up Questions", _or_none(_question_line(q) for q in result.questions)),
        Section("Tailored Bullets", _or_none(_bullet_line(b) for b in result.bullets)),
        Section("Guard Findings", _or_none(_guard_line(f) for f in result.guard)),
        Section("Parsing Notes", _or_none(result.resume.warnings)),
        Section("Run Metadata", (BulletList(tuple(_metadata(result))),)),
    )
    return Document(
        meta=DocumentMeta(title=REPORT_TITLE, layout=REPORT_LAYOUT),
        heading=REPORT_TITLE,
        contact=None,
        sections=sections,
    )


def _label(name_of: Callable[[_V], str], value: _V, prefix: str) -> str:
    """('KEYWORD_CATEGORY_HARD_SKILL', prefix 'KEYWORD_CATEGORY_') -> 'hard skill'; unset -> ''."""
    try:
        name = name_of(value)
    except ValueError:  # a value from a newer contract
        return ""
    label = name.removeprefix(prefix)
    return "" if label == "UNSPECIFIED" else label.replace("_", " ").lower()


def _category(value: result_pb2.KeywordCategory.ValueType) -> str:
    return _label(result_pb2.KeywordCategory.Name, value, "KEYWORD_CATEGORY_")


def _level(value: result_pb2.RequirementLevel.ValueType) -> str:
    return _label(result_pb2.RequirementLevel.Name, value, "REQUIREMENT_LEVEL_")


def _or_none(lines: Iterable[str]) -> tuple[Block, ...]:
    items = tuple(clean for clean in (one_line(line) for line in lines) if clean)
    return (BulletList(items),) if items else (Paragraph("None."),)


def _score(result: result_pb2.TailoringResult) -> list[Block]:
    before, after = result.coverage_before.score, result.coverage_after.score
    title = one_line(result.job.title)
    blocks: list[Block] = [Paragraph(f"Job: {title}")] if title else []
    blocks += [
        Paragraph(f"Before tailoring: {before.overall:.1f} / 100"),
        Paragraph(f"After tailoring: {after.overall:.1f} / 100"),
    ]
    old = {c.name: c for c in before.components}
    rows: list[str] = []
    for comp in after.components:
        prev = old.get(comp.name)
        was = f"{prev.found}/{prev.total} before, " if prev else ""
        counts = f"{was}{comp.found}/{comp.total} after (weight {comp.weight:g})"
        rows.append(one_line(f"{comp.name}: {counts}"))
    if rows:
        blocks.append(BulletList(tuple(rows)))
    return blocks


def _keyword_line(kw: result_pb2.KeywordCoverage, *, new: bool = False) -> str:
    tags = [t for t in (_category(kw.category), _level(kw.level)) if t]
    if new:
        tags.append("new after tailoring")
    line = one_line(kw.keyword) + (f" ({', '.join(tags)})" if tags else "")
    if kw.found and kw.evidence_ids:
        line += f" — evidence {', '.join(kw.evidence_ids)}"
    if kw.found and kw.matched_terms:
        line += f"; matched as {', '.join(one_line(t) for t in kw.matched_terms)}"
    return line


def _keywords(result: result_pb2.TailoringResult, *, found: bool) -> tuple[Block, ...]:
    """After-tailoring coverage; a found keyword the original resume lacked is marked new."""
    before = {k.keyword for k in result.coverage_before.keywords if k.found}
    return _or_none(
        _keyword_line(k, new=found and k.keyword not in before)
        for k in result.coverage_after.keywords
        if k.found == found and one_line(k.keyword)
    )


def _gap_line(gap: result_pb2.Gap) -> str:
    severity = _label(result_pb2.Severity.Name, gap.severity, "SEVERITY_") or "unrated"
    level = _level(gap.level)
    line = f"[{severity}] {one_line(gap.keyword)}" + (f" ({level})" if level else "")
    if gap.reason:
        line += f": {one_line(gap.reason)}"
    if gap.requirement_ids:
        line += f" — requirements {', '.join(gap.requirement_ids)}"
    return line


def _warning_line(warning: result_pb2.EvidenceWarning) -> str:
    kind = f" ({one_line(warning.kind)})" if warning.kind else ""
    message = f": {one_line(warning.message)}" if warning.message else ""
    return f"{one_line(warning.claim)}{kind}{message}"


def _question_line(question: result_pb2.FollowUpQuestion) -> str:
    about = f" [{one_line(question.keyword)}]" if question.keyword else ""
    return f"{one_line(question.question)}{about}"


def _bullet_line(bullet: result_pb2.TailoredBullet) -> str:
    cites = f" — evidence {', '.join(bullet.evidence_ids)}" if bullet.evidence_ids else ""
    return f"{bullet.id}: {one_line(bullet.text)}{cites}"


def _guard_line(finding: result_pb2.GuardFinding) -> str:
    action = _label(result_pb2.GuardAction.Name, finding.action, "GUARD_ACTION_") or "unknown"
    line = f"[{action}] {one_line(finding.proposed_text)}"
    if finding.unsupported:
        line += f" — unsupported: {'; '.join(one_line(u) for u in finding.unsupported)}"
    if finding.bullet_id:
        line += f" → {finding.bullet_id}"
    return line


def _metadata(result: result_pb2.TailoringResult) -> list[str]:
    md = result.metadata
    rows = [
        ("Schema version", result.schema_version),
        ("Prompt version", md.prompt_version),
        ("Prompt sha256", md.prompt_sha256),
        ("Engine version", md.engine_version),
        ("Provider", md.provider),
        ("Model", md.model),
        ("Parameters", md.parameters_json),
        ("Prompt tokens", str(md.prompt_tokens)),
        ("Completion tokens", str(md.completion_tokens)),
        ("Cost (micro-USD)", str(md.cost_micro_usd)),
        ("Latency (ms)", str(md.latency_ms)),
        ("Resume sha256", md.resume_sha256),
        ("Job sha256", md.job_sha256),
    ]
    return [one_line(f"{label}: {one_line(value) or '—'}") for label, value in rows]

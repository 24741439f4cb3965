"""Builds the tailoring report: the score explained, one row per requirement (found with its
evidence, or missing with its severity, warning and question once), every change before and
after, the searchability checks, the guard's findings and the run's metadata."""

from __future__ import annotations

from collections.abc import Iterable

from export_worker.render.ats_checks import Check, checks
from export_worker.render.blocks import (
    Block,
    BulletList,
    Document,
    DocumentMeta,
    Paragraph,
    Section,
    one_line,
)
from export_worker.render.report_rows import change_rows, label, requirement_rows, score_rows
from export_worker.render.templates import REPORT_LAYOUT
from resumeai.v1 import result_pb2

REPORT_TITLE = "Tailoring Report"


def build_report(result: result_pb2.TailoringResult) -> Document:
    """The report as a Document. It carries no contact data: it is about the match."""
    requirements, other_warnings = requirement_rows(result)
    sections = [
        Section("Match Score", tuple(_score(result))),
        Section("Requirements", _or_none(requirements)),
        Section("Changes", _or_none(change_rows(result))),
        Section("Searchability Checks", _or_none(_check_line(c) for c in checks(result))),
    ]
    if other_warnings:
        sections.append(Section("Other Warnings", _or_none(other_warnings)))
    sections += [
        Section("Tailored Bullets", _or_none(_bullet_line(b) for b in result.bullets)),
        Section("Guard Findings", _or_none(_guard_line(f) for f in result.guard)),
        Section("Parsing Notes", _or_none(result.resume.warnings)),
        Section("Run Metadata", (BulletList(tuple(_metadata(result))),)),
    ]
    return Document(
        meta=DocumentMeta(title=REPORT_TITLE, layout=REPORT_LAYOUT),
        heading=REPORT_TITLE,
        contact=None,
        sections=tuple(sections),
    )


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
        Paragraph(
            f"Evidenced by the resume: {after.evidenced:.1f} / 100 (the score counts a "
            "requirement when the resume shows it as the posting words it; this one counts "
            "it wherever the resume evidences it, which is as far as tailoring can truthfully go)"
        ),
    ]
    rows = score_rows(result)
    if rows:
        blocks.append(BulletList(tuple(rows)))
    return blocks


def _check_line(check: Check) -> str:
    return f"{'PASS' if check.passed else 'CHECK'} {check.name}: {check.detail}"


def _bullet_line(bullet: result_pb2.TailoredBullet) -> str:
    cites = f" — evidence {', '.join(bullet.evidence_ids)}" if bullet.evidence_ids else ""
    return f"{bullet.id}: {one_line(bullet.text)}{cites}"


def _guard_line(finding: result_pb2.GuardFinding) -> str:
    action = label(result_pb2.GuardAction.Name, finding.action, "GUARD_ACTION_") or "unknown"
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

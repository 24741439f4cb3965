"""Every job has a budget, and whatever is accepted fits it: the largest input the gateway and
the worker accept (MAX_LINES resume lines, a posting past MAX_JOB_KEYWORDS) tailors within
the worker's default CPU budget, and every template, kind and format of its export renders and
reads back within the export worker's; the input of the first 426-second attack is refused
before any work."""

from __future__ import annotations

import random
import time

import pytest

from export_worker.consumer import render_checked
from export_worker.settings import ExportWorkerSettings
from gateway import validation
from kit.budget import CpuBudget
from kit.documents import MAX_LINES
from resumeai.storage.v1 import records_pb2, storage_pb2
from resumeai.v1 import common_pb2, resume_builder_pb2
from tailor_worker.engine.job_analyzer import MAX_JOB_KEYWORDS
from tailor_worker.providers.offline import OfflineProvider
from tailor_worker.settings import TailorWorkerSettings
from tailor_worker.tailoring import tailor
from tests.attack.measure import note

pytestmark = [pytest.mark.slow]

TOOLS = ["Python", "Kafka", "Docker", "Terraform", "PostgreSQL", "React", "Go", "Rust", "AWS"]
TOKEN = "x" * 32


def _largest_resume() -> list[str]:
    pick = random.Random(3).choice
    lines = ["Jane Doe", "jane@example.com", "Experience"]
    role = 0
    while len(lines) < MAX_LINES:
        role += 1
        lines.append(f"Senior Engineer, Company{role} Inc, 2001 - 2002")
        lines += [
            f"- Built {pick(TOOLS)} and {pick(TOOLS)} services for {n + 2} teams" for n in range(12)
        ]
    return lines[:MAX_LINES]


def _long_posting() -> str:
    asks = (f"- Experience with Tool{n} and {TOOLS[n % len(TOOLS)]}" for n in range(400))
    return "Senior Engineer\nRequirements:\n" + "\n".join(asks)


async def test_the_largest_accepted_input_tailors_and_exports_within_budget() -> None:
    run_budget = CpuBudget(TailorWorkerSettings(service_token=TOKEN).run_cpu_s)  # type: ignore[arg-type]
    result = await tailor(
        _largest_resume(), _long_posting(), provider=OfflineProvider(), budget=run_budget
    )
    assert any(f"more than {MAX_JOB_KEYWORDS} keywords" in w for w in result.job.warnings)
    note(
        f"{'largest input, tailoring':<34} {run_budget.spent:5.1f} s CPU of {run_budget.seconds:g}"
    )
    export_s = ExportWorkerSettings(service_token=TOKEN).export_cpu_s  # type: ignore[arg-type]
    exports = [
        (common_pb2.ARTIFACT_KIND_TAILORED_RESUME, template)
        for template in (
            common_pb2.RESUME_TEMPLATE_ONE_PAGE,
            common_pb2.RESUME_TEMPLATE_FEDERAL,
            common_pb2.RESUME_TEMPLATE_ACADEMIC_CV,
        )
    ] + [
        (common_pb2.ARTIFACT_KIND_TAILORING_REPORT, common_pb2.RESUME_TEMPLATE_UNSPECIFIED),
        (common_pb2.ARTIFACT_KIND_COVER_LETTER, common_pb2.RESUME_TEMPLATE_UNSPECIFIED),
    ]
    for kind, template in exports:
        for fmt in (common_pb2.EXPORT_FORMAT_DOCX, common_pb2.EXPORT_FORMAT_PDF):
            inputs = storage_pb2.ExportInputs(
                result=result,
                artifact=records_pb2.ArtifactRecord(kind=kind, format=fmt, template=template),
            )
            budget = CpuBudget(export_s)
            started = time.perf_counter()
            rendered = budget.run(render_checked, inputs)
            assert rendered.content
            note(
                f"{'largest input, export':<34} "
                f"{common_pb2.ArtifactKind.Name(kind)} {common_pb2.ResumeTemplate.Name(template)} "
                f"{common_pb2.ExportFormat.Name(fmt)}: {budget.spent:5.1f} s CPU of {export_s:g}"
                f" ({time.perf_counter() - started:.1f} s)"
            )


def test_the_first_cpu_attack_is_refused_before_any_work() -> None:
    """197k characters of short lines (the resume of the 426-second run)."""
    resume = "\n".join(f"- {TOOLS[n % len(TOOLS)]} {n}" for n in range(20_000))[:197_000]
    request = resume_builder_pb2.StartTailoringRequest(
        request_id="attack-1",
        resume_text=resume,
        job_text="\n".join(f"Tool{n} Certification" for n in range(5_000))[:100_000],
    )
    found = validation.start_tailoring(request, validation.Limits())
    assert [field for field, _ in found] == ["resume_text"]

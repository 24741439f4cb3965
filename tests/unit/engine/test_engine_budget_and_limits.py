"""Every job has a budget and every accepted input fits it: the engine and the renderers stop
cleanly past their CPU budget, a document past MAX_LINES is refused, and a posting's keywords
past MAX_JOB_KEYWORDS are left out with a warning."""

from __future__ import annotations

import pytest

from export_worker.consumer import render_checked
from export_worker.render.sample import sample_result
from kit.budget import BudgetExceeded, CpuBudget
from kit.documents import MAX_LINES, DocumentError, extract_text
from resumeai.storage.v1 import records_pb2, storage_pb2
from resumeai.v1 import common_pb2
from tailor_worker.engine.api import analyze_job
from tailor_worker.engine.job_analyzer import MAX_JOB_KEYWORDS
from tailor_worker.providers.offline import OfflineProvider
from tailor_worker.tailoring import tailor

RESUME = [
    "Jane Doe",
    "Experience",
    "Backend Engineer, Acme Corp, 2019 - 2024",
    "- Built Python services on Kubernetes for 40 stores",
    "- Cut PostgreSQL query time by 60%",
]
JOB = "Backend Engineer\nRequirements:\n- Python and Kubernetes\n- PostgreSQL"


async def test_the_engine_stops_past_its_budget() -> None:
    with pytest.raises(BudgetExceeded):
        await tailor(RESUME, JOB, provider=OfflineProvider(), budget=CpuBudget(1e-9))


async def test_within_its_budget_the_engine_tailors() -> None:
    budget = CpuBudget(60)
    result = await tailor(RESUME, JOB, provider=OfflineProvider(), budget=budget)
    assert result.bullets
    assert 0 < budget.spent < 60


@pytest.mark.parametrize("fmt", [common_pb2.EXPORT_FORMAT_DOCX, common_pb2.EXPORT_FORMAT_PDF])
def test_an_export_stops_past_its_budget_with_the_budget_message(fmt: int) -> None:
    inputs = storage_pb2.ExportInputs(
        result=sample_result(),
        artifact=records_pb2.ArtifactRecord(
            kind=common_pb2.ARTIFACT_KIND_TAILORED_RESUME,
            format=fmt,  # type: ignore[arg-type]
        ),
    )
    with pytest.raises(BudgetExceeded, match="exporting"):
        CpuBudget(1e-9, "exporting this document").run(render_checked, inputs)
    assert CpuBudget(60).run(render_checked, inputs).content


def test_a_document_past_the_line_limit_is_refused_and_one_at_it_is_read() -> None:
    at_limit = "\n".join(f"line {n}" for n in range(MAX_LINES)).encode()
    assert len(extract_text(at_limit, common_pb2.DOCUMENT_FORMAT_TXT).lines) == MAX_LINES
    past = at_limit + b"\none more"
    with pytest.raises(DocumentError, match=f"has {MAX_LINES + 1} lines of text; at most"):
        extract_text(past, common_pb2.DOCUMENT_FORMAT_TXT)
    # A file this service rendered is read back whatever its length.
    assert extract_text(past, common_pb2.DOCUMENT_FORMAT_TXT, rendered_here=True).lines


def test_keywords_past_the_cap_are_left_out_with_a_warning() -> None:
    many = "\n".join(f"- Tool{n} Certification" for n in range(MAX_JOB_KEYWORDS + 40))
    job = analyze_job("Requirements:\n" + many)
    assert len(job.keywords) == MAX_JOB_KEYWORDS
    (warning,) = job.analysis.warnings
    assert f"more than {MAX_JOB_KEYWORDS} keywords" in warning
    named = {k for r in job.analysis.requirements for k in r.keywords}
    assert named <= {k.keyword for k in job.keywords}  # no requirement names a dropped one


def test_a_posting_within_the_cap_has_no_warning() -> None:
    assert not analyze_job(JOB).analysis.warnings

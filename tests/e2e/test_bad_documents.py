"""Unusable documents end the run FAILED with a clear reason: never a guessed result."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from resumeai.v1 import common_pb2, resume_builder_pb2, resume_builder_pb2_grpc
from tests.e2e.conftest import auth
from tests.e2e.test_flow import finish_run

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def empty_docx() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=letter)
    page.rect(72, 72, 200, 100, fill=1)  # a drawing, no text
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "content", "reason"),
    [
        (common_pb2.DOCUMENT_FORMAT_DOCX, empty_docx(), "no text"),
        (common_pb2.DOCUMENT_FORMAT_PDF, image_only_pdf(), "text"),
        (common_pb2.DOCUMENT_FORMAT_TXT, b"   \n\n  \n", "no text"),
    ],
)
async def test_unusable_resume_fails_the_run_with_a_reason(
    client: resume_builder_pb2_grpc.ResumeBuilderStub, api_key: str, fmt: int, content: bytes,
    reason: str,
) -> None:
    run = await client.StartTailoring(
        resume_builder_pb2.StartTailoringRequest(
            request_id=f"bad-{uuid.uuid4()}",
            resume_file=common_pb2.DocumentFile(filename="cv", format=fmt, content=content),
            job_text=(EXAMPLES / "job.txt").read_text(),
        ),
        metadata=auth(api_key),
    )
    statuses = await finish_run(client, api_key, run.id)
    assert statuses[-1] == common_pb2.RUN_STATUS_FAILED
    final = await client.GetTailorRun(
        resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=auth(api_key)
    )
    assert reason in final.error
    assert not final.HasField("result") or not final.result.bullets

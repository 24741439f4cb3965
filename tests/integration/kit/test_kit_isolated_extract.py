"""Untrusted DOCX / PDF parsing in a limited child process: results come back, and a child
that runs out of time or memory is killed and reported as a refusal, never a crash."""

from __future__ import annotations

import io

import docx
import pytest
from reportlab.pdfgen import canvas

from kit.documents import DocumentError
from kit.isolated_extract import Limits, extract_untrusted
from resumeai.v1 import common_pb2


def a_docx(text: str) -> bytes:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(out)
    return out.getvalue()


def a_pdf(text: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


async def test_docx_and_pdf_are_read_in_the_child() -> None:
    docx_doc = await extract_untrusted(a_docx("Built Kubernetes platform"),
                                       common_pb2.DOCUMENT_FORMAT_DOCX)
    pdf_doc = await extract_untrusted(a_pdf("Tuned PostgreSQL queries"),
                                      common_pb2.DOCUMENT_FORMAT_PDF)
    assert docx_doc.lines == ["Built Kubernetes platform"]
    assert pdf_doc.lines == ["Tuned PostgreSQL queries"]


async def test_refusals_cross_the_process_boundary() -> None:
    with pytest.raises(DocumentError, match=r"damaged|cannot be read"):
        await extract_untrusted(b"%PDF-1.4 not really", common_pb2.DOCUMENT_FORMAT_PDF)


async def test_a_child_over_its_time_budget_is_killed() -> None:
    with pytest.raises(DocumentError, match="too long"):
        await extract_untrusted(a_docx("x"), common_pb2.DOCUMENT_FORMAT_DOCX,
                                Limits(timeout_s=0.0001))


async def test_a_child_over_its_memory_limit_is_refused_not_fatal() -> None:
    with pytest.raises(DocumentError):
        await extract_untrusted(a_pdf("x"), common_pb2.DOCUMENT_FORMAT_PDF,
                                Limits(memory_bytes=64 * 1024 * 1024))
    # The worker process is unharmed: the next document reads fine.
    again = await extract_untrusted(a_docx("still here"), common_pb2.DOCUMENT_FORMAT_DOCX)
    assert again.lines == ["still here"]

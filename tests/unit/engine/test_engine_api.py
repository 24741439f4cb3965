"""The engine's public API: file bytes to the parsed resume, a job text to its analysis."""

from __future__ import annotations

import io

import docx
import pytest

from kit.documents import DocumentError
from resumeai.v1 import common_pb2
from tailor_worker.engine import analyze_job, read_resume, read_resume_lines, tailor


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_read_resume_from_docx_bytes() -> None:
    content = _docx("Jane Doe", "Experience", "Data Analyst, Initech — Berlin", "2019 – 2021",
                    "• Built Tableau dashboards used by 150 analysts.")
    resume = read_resume(content, common_pb2.DOCUMENT_FORMAT_DOCX)
    (work,) = resume.work
    assert work.position == "Data Analyst"
    assert [line.id for line in resume.evidence if line.section == "work"] == ["W1.1"]


def test_read_resume_refuses_what_is_not_a_document() -> None:
    with pytest.raises(DocumentError):
        read_resume(b"PK\x03\x04 not a zip", common_pb2.DOCUMENT_FORMAT_DOCX)


def test_the_api_is_the_engine() -> None:
    assert read_resume_lines(["Experience", "Engineer, Acme", "- Built APIs in Python"]).work
    assert [k.keyword for k in analyze_job("Requirements:\n- Python").keywords] == ["Python"]
    assert callable(tailor)

"""The package entry point: render(result, kind, fmt, template) -> RenderedFile."""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from export_worker.render import (
    RenderedFile,
    UnsupportedFormatError,
    build_document,
    render,
    verify_roundtrip,
)
from export_worker.render.templates import FEDERAL, ONE_PAGE, get_template
from resumeai.v1 import common_pb2
from tests.unit.render.sample_result import ALL_TEMPLATES, NAME, build_result, docx_text, pdf_text

RESUME = common_pb2.ARTIFACT_KIND_TAILORED_RESUME
REPORT = common_pb2.ARTIFACT_KIND_TAILORING_REPORT
DOCX = common_pb2.EXPORT_FORMAT_DOCX
PDF = common_pb2.EXPORT_FORMAT_PDF


@pytest.mark.parametrize(
    ("kind", "fmt", "filename", "content_type"),
    [
        (RESUME, PDF, "tailored-resume.pdf", "application/pdf"),
        (common_pb2.ARTIFACT_KIND_UNSPECIFIED, PDF, "tailored-resume.pdf", "application/pdf"),
        (
            RESUME,
            DOCX,
            "tailored-resume.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (REPORT, PDF, "tailoring-report.pdf", "application/pdf"),
        (
            REPORT,
            DOCX,
            "tailoring-report.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_generic_filenames_and_content_types(
    kind: common_pb2.ArtifactKind.ValueType,
    fmt: common_pb2.ExportFormat.ValueType,
    filename: str,
    content_type: str,
) -> None:
    rendered = render(build_result(), kind, fmt, common_pb2.RESUME_TEMPLATE_FEDERAL)
    assert isinstance(rendered, RenderedFile)
    assert rendered.filename == filename
    assert rendered.content_type == content_type
    assert "ukasiewicz" not in rendered.filename
    magic = b"%PDF-" if fmt == PDF else b"PK\x03\x04"
    assert rendered.content.startswith(magic)


@pytest.mark.parametrize("template", ALL_TEMPLATES)
def test_each_template_in_both_formats_round_trips(
    template: common_pb2.ResumeTemplate.ValueType,
) -> None:
    result = build_result()
    doc = build_document(result, RESUME, template)
    pdf = render(result, RESUME, PDF, template).content
    word = render(result, RESUME, DOCX, template).content
    verify_roundtrip(doc, pdf_text(pdf))
    verify_roundtrip(doc, docx_text(word))
    assert NAME in pdf_text(pdf)
    assert docx.Document(io.BytesIO(word)).paragraphs[0].text == NAME


def test_report_ignores_template() -> None:
    result = build_result()
    a = render(result, REPORT, PDF, common_pb2.RESUME_TEMPLATE_FEDERAL).content
    b = render(result, REPORT, PDF, common_pb2.RESUME_TEMPLATE_ONE_PAGE).content
    assert a == b
    assert "Run Metadata" in pdf_text(a)


def test_federal_keeps_detail_that_one_page_trims() -> None:
    result = build_result(roles=6, highlights_per_role=8)
    one = render(result, RESUME, PDF, common_pb2.RESUME_TEMPLATE_ONE_PAGE).content
    fed = render(result, RESUME, PDF, common_pb2.RESUME_TEMPLATE_FEDERAL).content
    last = "Original highlight 6.8 about systems"
    assert last in " ".join(pdf_text(fed).split())
    assert last not in " ".join(pdf_text(one).split())
    assert len(PdfReader(io.BytesIO(fed)).pages) >= len(PdfReader(io.BytesIO(one)).pages)


def test_unspecified_format_is_refused() -> None:
    with pytest.raises(UnsupportedFormatError):
        render(build_result(), RESUME, common_pb2.EXPORT_FORMAT_UNSPECIFIED)


def test_template_lookup() -> None:
    assert get_template(common_pb2.RESUME_TEMPLATE_UNSPECIFIED) is ONE_PAGE
    assert get_template(common_pb2.RESUME_TEMPLATE_FEDERAL) is FEDERAL
    assert get_template(99) is ONE_PAGE  # type: ignore[arg-type]

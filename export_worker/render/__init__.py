"""Pure renderers: a TailoringResult in, file bytes out. No I/O, no network, no logging.

Synchronous and CPU-bound: callers on an event loop run `render` in a thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader

from export_worker.render.document_model import Document, build_report, build_tailored_resume
from export_worker.render.docx_renderer import render_docx
from export_worker.render.fit import fit
from export_worker.render.letter_model import NoCoverLetterError, build_cover_letter
from export_worker.render.pdf_renderer import render_pdf
from export_worker.render.roundtrip import RoundTripError, expected_lines, verify_roundtrip
from export_worker.render.templates import get_template
from resumeai.v1 import common_pb2, result_pb2

__all__ = [
    "Document",
    "NoCoverLetterError",
    "RenderedFile",
    "RoundTripError",
    "UnsupportedFormatError",
    "build_cover_letter",
    "build_document",
    "build_report",
    "build_tailored_resume",
    "expected_lines",
    "render",
    "render_document",
    "render_docx",
    "render_pdf",
    "verify_roundtrip",
]

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"


class UnsupportedFormatError(ValueError):
    """The export format is unset or unknown."""


@dataclass(frozen=True)
class RenderedFile:
    """A rendered export. The filename is generic: never the person's name."""

    content: bytes
    content_type: str
    filename: str


def build_document(
    result: result_pb2.TailoringResult,
    kind: common_pb2.ArtifactKind.ValueType,
    template: common_pb2.ResumeTemplate.ValueType,
) -> Document:
    """The document model for an artifact kind (unspecified means the tailored resume)."""
    if kind == common_pb2.ARTIFACT_KIND_TAILORING_REPORT:
        return build_report(result)
    if kind == common_pb2.ARTIFACT_KIND_COVER_LETTER:
        return build_cover_letter(result)
    tpl = get_template(template)
    doc = build_tailored_resume(result, tpl)
    if tpl.max_pages is None:
        return doc
    # Measured on the PDF; the DOCX draws the same cut document (Word's own pagination may
    # differ by a line or two).
    return fit(doc, tpl.max_pages, pdf_pages, tpl.headings).document


def pdf_pages(doc: Document) -> int:
    return len(PdfReader(io.BytesIO(render_pdf(doc))).pages)


# Generic file names: never the person's name.
_STEMS = {
    common_pb2.ARTIFACT_KIND_TAILORING_REPORT: "tailoring-report",
    common_pb2.ARTIFACT_KIND_COVER_LETTER: "cover-letter",
}


def render_document(
    doc: Document,
    kind: common_pb2.ArtifactKind.ValueType,
    fmt: common_pb2.ExportFormat.ValueType,
) -> RenderedFile:
    """Render a built document. Raises UnsupportedFormatError for an unset or unknown format."""
    stem = _STEMS.get(kind, "tailored-resume")
    if fmt == common_pb2.EXPORT_FORMAT_DOCX:
        return RenderedFile(render_docx(doc), DOCX_CONTENT_TYPE, f"{stem}.docx")
    if fmt == common_pb2.EXPORT_FORMAT_PDF:
        return RenderedFile(render_pdf(doc), PDF_CONTENT_TYPE, f"{stem}.pdf")
    raise UnsupportedFormatError(f"unsupported export format: {fmt}")


def render(
    result: result_pb2.TailoringResult,
    kind: common_pb2.ArtifactKind.ValueType,
    fmt: common_pb2.ExportFormat.ValueType,
    template: common_pb2.ResumeTemplate.ValueType = common_pb2.RESUME_TEMPLATE_UNSPECIFIED,
) -> RenderedFile:
    """Render one artifact. Raises UnsupportedFormatError for an unset or unknown format."""
    return render_document(build_document(result, kind, template), kind, fmt)

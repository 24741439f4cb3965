"""Text extraction from uploaded documents (TXT, DOCX, PDF), shared by the workers.

Pure: bytes in, lines out; no file system, no network. Untrusted input is refused with a
`DocumentError` whose message is safe to show a user and never quotes the document.

The lines keep the document's structure for the resume parser:
- DOCX: every soft line break starts a line; a tab (or a wide run of spaces) between two
  fields becomes " | "; headers and footers come first, each distinct line once; text boxes
  are read once (not again from their VML fallback) after the paragraph holding them; layout
  tables are read column by column; list paragraphs get their label ("•", "1.", "a)").
- TXT: Markdown's markup is taken off a resume written in it ("### Title", "**bold**",
  "[text](url)"); wide runs of spaces become " | "; a flattened line (a whole resume on one
  line) is cut at its inline section headings, runs of spaces and bullet glyphs.
- PDF: pdfplumber's words grouped into rows, top to bottom; a two-column page is read left
  column, then right column, and reported in a warning; a label that wraps in a narrow label
  column (a date beside its role, as a layout table exports) is read whole, before the
  content of its row; text set flush right on a row (a city, dates) is kept apart by " | ".
Every step is linear in the input (but for sorting).
"""
from __future__ import annotations

from kit.documents.common import (
    MAX_DOCX_MEMBERS,
    MAX_DOCX_RATIO,
    MAX_DOCX_UNCOMPRESSED,
    MAX_LINE_CHARS,
    MAX_LINES,
    MAX_PDF_PAGES,
    MAX_TEXT_CHARS,
    DocumentError,
    DocumentFormat,
    ExtractedDocument,
    normalise_lines,
    split_long_line,
    too_many_lines,
)
from kit.documents.docx_text import extract_docx
from kit.documents.lines import extract_txt
from kit.documents.pdf_text import extract_pdf
from resumeai.v1 import common_pb2

__all__ = [
    "MAX_DOCX_MEMBERS", "MAX_DOCX_RATIO", "MAX_DOCX_UNCOMPRESSED", "MAX_LINES", "MAX_LINE_CHARS",
    "MAX_PDF_PAGES", "MAX_TEXT_CHARS", "DocumentError", "DocumentFormat", "ExtractedDocument",
    "extract_text", "normalise_lines", "split_long_line", "too_many_lines",
]


# Pages of a document this service rendered itself that it reads back (the report of a long
# posting runs past an upload's page limit; the export's CPU budget bounds the read).
MAX_RENDERED_PAGES = 500


def extract_text(
    content: bytes, fmt: DocumentFormat, *, rendered_here: bool = False
) -> ExtractedDocument:
    """Extract the text lines of a document of the declared format. `rendered_here`: a file
    this service rendered, read back to check it; the page and line limits of an upload,
    which bound a hostile file, do not apply to it."""
    if not content:
        raise DocumentError("the document is empty")
    if fmt == common_pb2.DOCUMENT_FORMAT_TXT:
        doc = extract_txt(content)
    elif fmt == common_pb2.DOCUMENT_FORMAT_DOCX:
        doc = extract_docx(content)
    elif fmt == common_pb2.DOCUMENT_FORMAT_PDF:
        doc = extract_pdf(content, MAX_RENDERED_PAGES if rendered_here else MAX_PDF_PAGES)
    else:
        raise DocumentError("unsupported document format")
    if not any(doc.lines):
        raise DocumentError("the document contains no text")
    refusal = "" if rendered_here else too_many_lines(sum(1 for line in doc.lines if line.strip()))
    if refusal:
        raise DocumentError(f"the document {refusal}")
    return doc

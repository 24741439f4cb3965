"""Text extraction from uploaded documents (TXT, DOCX, PDF), shared by the workers.

Pure: bytes in, lines out; no file system, no network. Untrusted input is refused with a
`DocumentError` whose message is safe to show a user and never quotes the document.
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from resumeai.v1 import common_pb2

DocumentFormat: TypeAlias = common_pb2.DocumentFormat.ValueType

# Hostile-input limits. A real resume is far below all of them.
MAX_DOCX_MEMBERS = 500
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_DOCX_RATIO = 200  # per-member compression ratio; XML rarely exceeds ~20
MAX_PDF_PAGES = 50
MAX_TEXT_CHARS = 500_000
# Longest line handed on. A flattened PDF or a pasted resume can arrive as one line of
# 100,000+ characters; one huge evidence line makes every later per-line step (term matching,
# the guard's support text, the provider prompt, the cited line in a bullet) cost as much as
# the whole document, over and over. Longer lines are split, never cut: see split_long_line.
MAX_LINE_CHARS = 2_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted DOCX and legacy .doc
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Whitespace after sentence punctuation or before an inline bullet glyph.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s|\s(?=[•●▪■➢►✓✔❖]\s)")


class DocumentError(ValueError):
    """The document cannot be used. The message is user-safe and never contains its text."""


@dataclass
class ExtractedDocument:
    """Text lines in reading order (single blank lines kept as "") and extraction warnings."""

    lines: list[str]
    warnings: list[str] = field(default_factory=list)


def extract_text(content: bytes, fmt: DocumentFormat) -> ExtractedDocument:
    """Extract the text lines of a document of the declared format."""
    if not content:
        raise DocumentError("the document is empty")
    if fmt == common_pb2.DOCUMENT_FORMAT_TXT:
        doc = _extract_txt(content)
    elif fmt == common_pb2.DOCUMENT_FORMAT_DOCX:
        doc = _extract_docx(content)
    elif fmt == common_pb2.DOCUMENT_FORMAT_PDF:
        doc = _extract_pdf(content)
    else:
        raise DocumentError("unsupported document format")
    if not any(doc.lines):
        raise DocumentError("the document contains no text")
    return doc


def normalise_lines(raw_lines: list[str]) -> list[str]:
    """Clean whitespace and invisible characters; keep at most one blank line in a row; split
    lines longer than MAX_LINE_CHARS into several (see split_long_line)."""
    out: list[str] = []
    total = 0
    for raw in raw_lines:
        line = _SPACES.sub(" ", _CONTROL.sub("", raw)).strip()
        total += len(line)
        if total > MAX_TEXT_CHARS:
            raise DocumentError("the document contains too much text")
        if line or (out and out[-1]):
            out.extend(split_long_line(line) if len(line) > MAX_LINE_CHARS else (line,))
    while out and not out[-1]:
        out.pop()
    return out


def split_long_line(line: str, limit: int = MAX_LINE_CHARS) -> list[str]:
    """`line` as pieces of at most `limit` characters, in order, nothing dropped or truncated.

    A piece ends at the last sentence break in its second half (after ". ", "; ", ..., or
    before an inline "• "), else at its last whitespace, else (one unbroken run of `limit`
    characters) at the limit.
    The whitespace at a cut becomes the line break; every other character is kept, so
    " ".join(pieces) == line when no cut was forced. Linear in len(line).
    """
    pieces: list[str] = []
    begin = 0
    n = len(line)
    while n - begin > limit:
        stop = begin + limit
        cut = -1
        for m in _SENTENCE_BREAK.finditer(line, begin + limit // 2, stop + 1):
            cut = m.start()  # the whitespace
        if cut < 0:
            cut = _last_space(line, begin + 1, stop + 1)
        if cut < 0:
            pieces.append(line[begin:stop])
            begin = stop
            continue
        piece = line[begin:cut].rstrip()
        if piece:
            pieces.append(piece)
        begin = cut
        while begin < n and line[begin].isspace():
            begin += 1
    if begin < n:
        pieces.append(line[begin:])
    return pieces


def _last_space(line: str, low: int, high: int) -> int:
    """Index of the last whitespace character in line[low:high], or -1."""
    for i in range(high - 1, low - 1, -1):
        if line[i].isspace():
            return i
    return -1


def _extract_txt(content: bytes) -> ExtractedDocument:
    if b"\x00" in content:
        raise DocumentError("the text file contains NUL bytes; it looks binary, not text")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError("the text file is not valid UTF-8") from None
    return ExtractedDocument(lines=normalise_lines(text.splitlines()))


def _check_docx_zip(content: bytes) -> None:
    if content.startswith(_OLE_MAGIC):
        raise DocumentError("the DOCX is encrypted or is a legacy .doc file; save it as .docx")
    if not content.startswith(b"PK"):
        raise DocumentError("the file is not a DOCX document")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocumentError("the DOCX file is damaged and cannot be read") from None
    if len(infos) > MAX_DOCX_MEMBERS:
        raise DocumentError("the DOCX file has too many parts")
    if sum(info.file_size for info in infos) > MAX_DOCX_UNCOMPRESSED:
        raise DocumentError("the DOCX file expands to an unreasonable size")
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_DOCX_RATIO * max(
            info.compress_size, 1
        ):
            raise DocumentError("the DOCX file expands to an unreasonable size")
    if "word/document.xml" not in names:
        raise DocumentError("the file is not a DOCX document")


def _extract_docx(content: bytes) -> ExtractedDocument:
    _check_docx_zip(content)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception:  # python-docx raises many types on malformed parts
        raise DocumentError("the DOCX file is damaged and cannot be read") from None

    lines: list[str] = []
    # Headers often hold the name and contact line.
    for section in document.sections[:1]:
        lines.extend(_paragraph_text(p) for p in section.header.paragraphs)
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(Paragraph(child, document)))
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
        if len(lines) > 20_000:
            raise DocumentError("the document contains too much text")
    return ExtractedDocument(lines=normalise_lines(lines))


def _paragraph_text(paragraph: Any) -> str:
    text = str(paragraph.text)
    ppr = paragraph._p.pPr
    is_list = ppr is not None and ppr.numPr is not None
    style = paragraph.style.name if paragraph.style is not None else ""
    if (is_list or "List" in (style or "")) and text.strip():
        return "• " + text
    return text


def _table_lines(table: Any) -> list[str]:
    """One line per row (cells joined by " | "), merged cells counted once."""
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cell_lines = [_paragraph_text(p) for p in cell.paragraphs if p.text.strip()]
            # A cell holding a list is kept as lines so bullets stay bullets.
            if len(cell_lines) > 1:
                if cells:
                    lines.append(" | ".join(cells))
                    cells = []
                lines.extend(cell_lines)
            elif cell_lines:
                cells.append(cell_lines[0])
        if cells:
            lines.append(" | ".join(cells))
    return lines


def _extract_pdf(content: bytes) -> ExtractedDocument:
    if b"%PDF-" not in content[:1024]:
        raise DocumentError("the file is not a PDF document")
    import pypdf
    from pypdf.errors import PyPdfError

    warnings: list[str] = []
    try:
        reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise DocumentError("the PDF is encrypted; upload an unprotected copy")
        page_count = len(reader.pages)
        if page_count == 0:
            raise DocumentError("the PDF has no pages")
        if page_count > MAX_PDF_PAGES:
            raise DocumentError(f"the PDF has more than {MAX_PDF_PAGES} pages")
        raw: list[str] = []
        total = 0
        column_pages: list[int] = []
        for number, page in enumerate(reader.pages, 1):
            fragments: list[tuple[float, float, str]] = []
            text = page.extract_text(visitor_text=_fragment_collector(fragments)) or ""
            split = column_split(fragments, float(page.mediabox.width))
            if split is not None:
                # Read column by column instead of row by row across the gutter.
                column_pages.append(number)
                text = columns_text(fragments, split)
            total += len(text)
            if total > MAX_TEXT_CHARS:
                raise DocumentError("the document contains too much text")
            raw.extend(text.splitlines())
            raw.append("")
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise DocumentError("the PDF file is damaged and cannot be read") from None
    except Exception:  # pypdf can fail in many ways on hostile files
        raise DocumentError("the PDF file is damaged and cannot be read") from None
    if column_pages:
        warnings.append(
            "the PDF looks like a multi-column layout (page "
            + ", ".join(str(n) for n in column_pages[:5])
            + "); it was read column by column, which can still mix up sections, so check "
            "the parsed sections or upload a DOCX or TXT copy"
        )
    lines = normalise_lines(raw)
    if sum(len(line) for line in lines) < 20:
        raise DocumentError(
            "the PDF contains no extractable text (it may be a scanned image); "
            "upload a text-based PDF, DOCX or TXT"
        )
    return ExtractedDocument(lines=lines, warnings=warnings)


# Column detection. A side-by-side layout shows as many text rows that hold a fragment
# starting near the left margin and another one starting at one shared x further right.
# Right-aligned dates in a single-column resume start at varying x and on few rows, so they
# do not count.
_MIN_COLUMN_ROWS = 6
_MIN_COLUMN_SHARE = 0.25
_X_TOLERANCE = 4.0


def _fragment_collector(
    out: list[tuple[float, float, str]],
) -> Any:
    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if not text.strip():
            return
        # Text space -> user space: the translation of tm x cm.
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        out.append((float(x), float(y), text))

    return visit


def column_split(fragments: list[tuple[float, float, str]], width: float) -> float | None:
    """The x where a page's right column starts, or None for a single-column page."""
    if width <= 0 or len(fragments) < _MIN_COLUMN_ROWS * 2:
        return None
    rows: dict[int, list[float]] = {}
    for x, y, _text in fragments:
        rows.setdefault(round(y / 2), []).append(x)
    left_margin = min(x for x, _, _ in fragments)
    right_starts: list[float] = []
    for xs in rows.values():
        has_left = any(x < left_margin + 0.1 * width for x in xs)
        right = [x for x in xs if width * 0.3 < x < width * 0.8]
        if has_left and right:
            right_starts.append(min(right))
    if len(right_starts) < _MIN_COLUMN_ROWS:
        return None
    # The most common right start (within tolerance) must carry the rows. Counted by binary
    # search over the sorted starts, not by comparing every pair of rows.
    ordered = sorted(right_starts)
    count, start = max(
        (bisect_right(ordered, x + _X_TOLERANCE) - bisect_left(ordered, x - _X_TOLERANCE), x)
        for x in ordered
    )
    if count >= _MIN_COLUMN_ROWS and count >= _MIN_COLUMN_SHARE * len(rows):
        return start - _X_TOLERANCE
    return None


def columns_text(fragments: list[tuple[float, float, str]], split: float) -> str:
    """The page's text, left column top to bottom, then the right column."""
    lines: list[str] = []
    for in_right in (False, True):
        rows: dict[int, list[tuple[float, str]]] = {}
        for x, y, text in fragments:
            if (x >= split) == in_right:
                rows.setdefault(round(y / 2), []).append((x, text))
        for key in sorted(rows, reverse=True):  # PDF y grows upwards
            parts = [" ".join(t.split()) for _, t in sorted(rows[key])]
            lines.append(" ".join(p for p in parts if p))
        lines.append("")
    return "\n".join(lines)

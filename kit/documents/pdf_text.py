"""PDF: pdfplumber's words grouped into rows and read in column order; pypdf checks the
container (encryption, page count)."""

from __future__ import annotations

import io
import itertools
import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any, TypeAlias

from kit.checkpoints import spend
from kit.documents.common import (
    MAX_PDF_PAGES,
    MAX_TEXT_CHARS,
    DocumentError,
    ExtractedDocument,
    hidden_text_warning,
    normalise_lines,
)
from kit.documents.lines import join_columns
from kit.documents.pdf_visibility import invisible_chars, pages_setting_invisible, visible

# Column detection, per page, from pdfplumber's words grouped into text rows. A side-by-side
# layout shows a right column whose lines start at one shared x in the middle of the page (a
# row's first word, or its first word after a wide gap), few rows running across that gutter
# (in a single-column page most lines do), and a left column of consecutive lines beside it,
# whether or not its lines align with the right column's. Right-aligned dates start at
# varying x; a hanging layout (headings or dates in the margin) has only scattered margin
# lines; neither counts, nor do a few words set flush right however often they repeat (the
# same "San Francisco, CA" beside every employer starts at one x).
_MIN_COLUMN_ROWS = 6
_MAX_SPANNING_SHARE = 0.25  # of the rows, running across the gutter (name, contact line)
_MIN_LEFT_LINES_SHARE = 0.15  # of the rows, consecutive left-column lines
_X_TOLERANCE = 4.0
_FLUSH_RIGHT_WORDS = 5  # at most, in a place or a date range set against the right margin
_ROW_TOLERANCE = 3.0  # points between word tops on one text row
_MIN_GUTTER = 8.0  # points; a gap narrower than this (or than a character) is a word space
_Word: TypeAlias = dict[str, Any]


def extract_pdf(content: bytes, max_pages: int = MAX_PDF_PAGES) -> ExtractedDocument:
    if b"%PDF-" not in content[:1024]:
        raise DocumentError("the file is not a PDF document")
    import pypdf

    warnings: list[str] = []
    try:
        # pypdf checks the container (encryption, page count) before any page is laid out.
        reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise DocumentError("the PDF is encrypted; upload an unprotected copy")
        page_count = len(reader.pages)
        if page_count == 0:
            raise DocumentError("the PDF has no pages")
        if page_count > max_pages:
            raise DocumentError(f"the PDF has more than {max_pages} pages")
        invisible_pages = pages_setting_invisible(_content_bytes(page) for page in reader.pages)
        raw, column_pages, hidden = _pdf_lines(content, invisible_pages, max_pages)
    except DocumentError:
        raise
    except Exception:  # pypdf and pdfminer fail in many ways on hostile files
        raise DocumentError("the PDF file is damaged and cannot be read") from None
    if column_pages:
        warnings.append(
            "the PDF looks like a multi-column layout (page "
            + ", ".join(str(n) for n in column_pages[:5])
            + "); it was read column by column, which can still mix up sections, so check "
            "the parsed sections or upload a DOCX or TXT copy"
        )
    if hidden:
        warnings.append(hidden_text_warning(hidden))
    lines = normalise_lines(raw)
    if sum(len(line) for line in lines) < 20:
        raise DocumentError(
            "the PDF contains no extractable text (it may be a scanned image); "
            "upload a text-based PDF, DOCX or TXT"
        )
    return ExtractedDocument(lines=lines, warnings=warnings)


def _content_bytes(page: Any) -> bytes:
    """A page's content streams, decoded (b"" for a page without any)."""
    contents = page.get_contents()
    return b"" if contents is None else bytes(contents.get_data())


def _pdf_lines(
    content: bytes, invisible_pages: list[int], max_pages: int
) -> tuple[list[str], list[int], int]:
    """Every page's visible lines in reading order (pdfplumber words and rows), the numbers
    of the pages read as two columns, and the count of hidden characters left out."""
    import pdfplumber
    from pdfplumber.utils.text import extract_words

    pages_read: list[list[str]] = []
    column_pages: list[int] = []
    total = hidden = 0
    invisible = invisible_chars(content, invisible_pages) if invisible_pages else set()
    pdf = pdfplumber.open(io.BytesIO(content))
    try:
        pages = pdf.pages
        if len(pages) > max_pages:
            raise DocumentError(f"the PDF has more than {max_pages} pages")
        for page in pages:
            spend()
            shown, left_out = visible(page.chars, page.rects, page.page_number, invisible)
            hidden += left_out
            chars = _unique_chars(shown)
            total += len(chars)
            if total > MAX_TEXT_CHARS:
                raise DocumentError("the document contains too much text")
            words = extract_words(chars, x_tolerance_ratio=0.15, y_tolerance=_ROW_TOLERANCE)
            page_lines, columns = page_reading_order(words, float(page.width))
            if columns:
                column_pages.append(page.page_number)
            pages_read.append(page_lines)
            page.close()
    finally:
        pdf.flush_cache()
    raw: list[str] = []
    for page_lines in _without_running_lines(pages_read):
        raw.extend([*page_lines, ""])
    return raw, column_pages, hidden


def _words_of(line: str) -> str:
    return " ".join(line.split())


def _figureless(line: str) -> str:
    return re.sub(r"\d+", "#", _words_of(line))


# A page's number in a footer, its figures written "#" (`_figureless`): "Page # of #",
# "# / #", "- # -", "#".
_PAGE_NUMBER = re.compile(r"\bpage\b|^[^\w#]*#[^\w#]*$|#\s*(?:/|of)\s*#", re.IGNORECASE)


def _without_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their running header and footer: a line that opens two pages or more
    word for word is kept only where it opens the first page (there it is the name and
    contacts); a line that closes two pages or more, its figures aside, and numbers the page
    ("Marcus Webb - Resume | Page 1 of 2") is dropped. Elsewhere they fell between a role's
    bullets."""

    if len(pages) < 2:
        return pages
    # Each page's first and last line with text, by index.
    shown = [[i for i, line in enumerate(page) if line.strip()] for page in pages]
    ends = [(page[at[0]], page[at[-1]]) for page, at in zip(pages, shown, strict=True) if at]
    heads = _repeated(_words_of(first) for first, _ in ends)
    feet = {
        foot
        for foot in _repeated(_figureless(last) for _, last in ends)
        if _PAGE_NUMBER.search(foot)
    }
    out: list[list[str]] = []
    for number, (page, at) in enumerate(zip(pages, shown, strict=True)):
        drop = set()
        if at and number > 0 and _words_of(page[at[0]]) in heads:
            drop.add(at[0])
        if at and _figureless(page[at[-1]]) in feet:
            drop.add(at[-1])
        out.append([line for i, line in enumerate(page) if i not in drop])
    return out


def _repeated(keys: Iterable[str]) -> set[str]:
    """The keys that come twice or more."""
    seen: set[str] = set()
    twice: set[str] = set()
    for key in keys:
        (twice if key in seen else seen).add(key)
    return twice


def _unique_chars(chars: list[_Word]) -> list[_Word]:
    """`chars` without the copies some generators draw for a bold effect (same glyph, same
    place within a point). Linear: a grid of one-point cells, neighbours checked."""
    grid: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    out: list[_Word] = []
    for char in chars:
        text = char.get("text", "")
        x, y = float(char["x0"]), float(char["top"])
        cx, cy = int(x), int(y)
        if any(
            abs(ox - x) <= 1 and abs(oy - y) <= 1
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for ox, oy in grid.get((text, cx + dx, cy + dy), ())
        ):
            continue
        if text.strip():
            grid.setdefault((text, cx, cy), []).append((x, y))
        out.append(char)
    return out


def _rows(words: list[_Word]) -> list[list[_Word]]:
    """Words grouped into text rows, top to bottom, each left to right."""
    from pdfplumber.utils.clustering import cluster_objects

    rows = cluster_objects(words, "top", _ROW_TOLERANCE)
    return [sorted(row, key=lambda w: float(w["x0"])) for row in rows]


# A glyph the PDF gives no Unicode for: pdfminer writes "(cid:N)"; symbol fonts map bullets to
# the private use area. At the start of a line it is a bullet; anywhere else it is dropped.
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff]")
_UNMAPPED_BULLET = re.compile(r"^(?:\(cid:\d+\)|[\ue000-\uf8ff])\s*(?=\S)")


def _row_text(words: list[_Word]) -> str:
    """A row's words joined by spaces, and by " | " across a tab stop's gap (the city or the
    dates set flush right of an employer or a title, "Acme Inc.      Dallas, TX"), as the
    DOCX and TXT readers mark a column gap; not after a list's bullet or number."""
    ordered = sorted(words, key=lambda w: float(w["x0"]))
    if _letter_spaced(ordered):
        return _closed_up(ordered)
    columns = [[str(ordered[0]["text"])]] if ordered else []
    for before, word in itertools.pairwise(ordered):
        if _wide_gap(before, word, ems=_TAB_EMS):
            columns.append([])
        columns[-1].append(str(word["text"]))
    text = join_columns([" ".join(column) for column in columns])
    if "(cid:" in text or any("\ue000" <= ch <= "\uf8ff" for ch in text):
        text = _UNMAPPED.sub("", _UNMAPPED_BULLET.sub("• ", text))
    return text


def _letter_spaced(row: list[_Word]) -> bool:
    """A row of single letters, as a heading or a name set with wide letter spacing
    ("E X P E R I E N C E")."""
    return len(row) >= 4 and all(len(str(w["text"])) == 1 and str(w["text"]).isalnum() for w in row)


def _closed_up(row: list[_Word]) -> str:
    """The letters of a letter-spaced row closed up into words: a gap well over the spacing
    between letters is the space between words ("SOFIA MARCHETTI")."""
    gaps = [float(b["x0"]) - float(a["x1"]) for a, b in itertools.pairwise(row)]
    spacing = statistics.median(gaps)
    text = str(row[0]["text"])
    for gap, word in zip(gaps, row[1:], strict=True):
        text += (" " if gap > 1.8 * spacing + 0.5 else "") + str(word["text"])
    return text


# A gap this many ems wide is a tab stop's, not a word space that justification widened.
_TAB_EMS = 1.5


def _wide_gap(before: _Word, word: _Word, *, ems: float = 1.0) -> bool:
    """Whether the gap between two words on a row is wider than a word space (`ems` of the
    font's size, and never under the gutter's minimum)."""
    size = float(word["bottom"]) - float(word["top"])
    return float(word["x0"]) - float(before["x1"]) >= max(_MIN_GUTTER, ems * size)


def _spans(row: list[_Word], gutter: float) -> bool:
    """Whether a row (left to right) runs across the gutter: a word crosses it, or the words
    either side of it are only a word space apart."""
    for before, word in itertools.pairwise(row):
        if float(before["x0"]) < gutter <= float(word["x0"]):
            return float(before["x1"]) > gutter or not _wide_gap(before, word)
    return float(row[-1]["x0"]) < gutter < float(row[-1]["x1"])


def _column_gutter(rows: list[list[_Word]], width: float) -> float | None:
    """The x where a page's right column starts (its text rows, see _rows), or None for a
    page read as one column. Linear in the words, but for sorting."""
    if width <= 0 or sum(map(len, rows)) < _MIN_COLUMN_ROWS * 2:
        return None
    starts: list[float] = []
    short: list[tuple[float, float]] = []  # (start, end) of the rows that are a few words
    for row in rows:
        at = _right_part(row, width)
        if at is None:
            continue
        starts.append(float(row[at]["x0"]))
        if len(row) - at <= _FLUSH_RIGHT_WORDS:
            short.append((float(row[at]["x0"]), float(row[-1]["x1"])))
    if len(starts) < _MIN_COLUMN_ROWS:
        return None
    # The most common start (within tolerance) must carry the rows.
    ordered = sorted(starts)
    count, start = max((_near(ordered, x), x) for x in ordered)
    if count < _MIN_COLUMN_ROWS or _set_flush_right(count, start, short):
        return None
    gutter = start - _X_TOLERANCE
    spanning = left_lines = 0
    previous: list[_Word] | None = None  # the last row with left-column words
    for row in rows:
        if _spans(row, gutter):
            spanning += 1
            previous = None
        elif float(row[0]["x0"]) < gutter:
            if previous is not None:
                step = float(row[0]["top"]) - float(previous[0]["top"])
                height = float(previous[0]["bottom"]) - float(previous[0]["top"])
                left_lines += step <= 2.5 * height
            previous = row
    if spanning > _MAX_SPANNING_SHARE * len(rows):
        return None
    if left_lines >= _MIN_COLUMN_ROWS - 1 and left_lines >= _MIN_LEFT_LINES_SHARE * len(rows):
        return gutter
    return None


def _right_part(row: list[_Word], width: float) -> int | None:
    """The index of the word where a row's part in the middle of the page starts: its first
    word, or the first after a wide gap; None for a row with no such part."""
    if width * 0.3 < float(row[0]["x0"]) < width * 0.8:
        return 0
    for i, (before, word) in enumerate(itertools.pairwise(row), start=1):
        if width * 0.3 < float(word["x0"]) < width * 0.8 and _wide_gap(before, word):
            return i
    return None


def _near(ordered: list[float], x: float) -> int:
    """How many of the sorted values lie within the tolerance of x (by binary search, not by
    comparing every pair)."""
    return bisect_right(ordered, x + _X_TOLERANCE) - bisect_left(ordered, x - _X_TOLERANCE)


def _set_flush_right(members: int, start: float, short: list[tuple[float, float]]) -> bool:
    """Whether most of the `members` rows starting at `start` are a few words ending at one
    x: a place or dates set flush right beside each entry, not a column ("San Francisco, CA"
    repeated starts where it started before)."""
    ends = sorted(end for x, end in short if abs(x - start) <= _X_TOLERANCE)
    flush = max((_near(ends, end) for end in ends), default=0)
    return flush >= 3 and 2 * flush >= members


def page_reading_order(words: list[_Word], width: float) -> tuple[list[str], bool]:
    """A page's lines in reading order and whether it was read as two columns.

    On a two-column page the rows between two full-width rows (a heading or contact line
    running across the gutter) are read left column first, then right column.
    """
    rows = _rows(words)
    gutter = _column_gutter(rows, width)
    if gutter is None:
        return _label_column_lines(rows, width), False
    lines: list[str] = []
    left: list[str] = []
    right: list[str] = []

    def flush() -> None:
        if left or right:
            lines.extend([*left, "", *right, ""])
        left.clear()
        right.clear()

    for row in rows:
        if _spans(row, gutter):
            flush()
            lines.append(_row_text(row))
            continue
        left_words = [w for w in row if float(w["x0"]) < gutter]
        right_words = [w for w in row if float(w["x0"]) >= gutter]
        if left_words:
            left.append(_row_text(left_words))
        if right_words:
            right.append(_row_text(right_words))
    flush()
    return lines, True


# A layout table with a narrow label column (dates, years, section names) beside the content:
# a label that wraps ("September 2015 to" / "June 2018") shares its rows with the content's
# first lines. Its pieces are joined and read before the content of its first row, as the
# DOCX reader reads the table's cells. A label line counts as wrapped only when its next
# line's first word would not have fitted after it, so a column of short labels beside
# values ("Languages:" / "Tools:") stays row by row.
_LABEL_COLUMN = (0.1, 0.6)  # where on the page the content beside a label column starts
_SPACE_EM = 0.28  # a word space, in ems (Helvetica, Arial: 0.278)
_CELL_PADDING = 1.5 * _MIN_GUTTER  # between a label's longest line and the content
_LABEL_MIN_EMS = 4


def _label_split(row: list[_Word], width: float) -> int:
    """How many words of a row (left to right) form a label before a wide gap, the content
    after it starting in the label-column range; 0 if none."""
    for i, (before, word) in enumerate(itertools.pairwise(row)):
        if _wide_gap(before, word):
            low, high = _LABEL_COLUMN
            x = float(word["x0"])
            size = float(row[0]["bottom"]) - float(row[0]["top"])
            # A label column is some ems wide: a bullet glyph before its text is no label.
            wide = x - float(row[0]["x0"]) >= _LABEL_MIN_EMS * size
            return i + 1 if low * width < x < high * width and wide else 0
    return 0


def _wrapped_label(
    label: list[_Word], previous: list[_Word], row: list[_Word], content_x: float
) -> int:
    """How many words of `row` continue `label` (whose last line is `previous`): 0 unless the
    row is the next text line, its words left of `content_x` start where the label starts,
    nothing runs across to the content, and the row's first word would not have fitted on
    the label's last line."""
    size = float(previous[0]["bottom"]) - float(previous[0]["top"])
    step = float(row[0]["top"]) - float(previous[0]["top"])
    if not 0 < step <= 2 * size:
        return 0
    count = 0
    while count < len(row) and float(row[count]["x1"]) < content_x - _X_TOLERANCE:
        count += 1
    if count == 0 or abs(float(row[0]["x0"]) - float(label[0]["x0"])) > _X_TOLERANCE:
        return 0
    if count < len(row) and float(row[count]["x0"]) < content_x - _X_TOLERANCE:
        return 0  # a word running across the gap: not a label column
    first = row[0]
    needed = float(first["x1"]) - float(first["x0"]) + _SPACE_EM * size
    return count if float(previous[-1]["x1"]) + needed > content_x - _CELL_PADDING else 0


def _label_column_lines(rows: list[list[_Word]], width: float) -> list[str]:
    """A one-column page's rows as lines (words joined by spaces), a wrapped label joined and
    read before the content of its first row. Linear in the words."""
    lines: list[str] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        split = _label_split(row, width)
        if not split:
            lines.append(_row_text(row))
            i += 1
            continue
        label, content = row[:split], row[split:]
        content_x = float(content[0]["x0"])
        pieces = [_row_text(label)]
        previous = label
        later: list[list[_Word]] = []
        i += 1
        while i < len(rows):
            count = _wrapped_label(label, previous, rows[i], content_x)
            if not count:
                break
            previous = rows[i][:count]
            pieces.append(_row_text(previous))
            later.append(rows[i][count:])
            i += 1
        lines.append(" ".join([*pieces, _row_text(content)]))
        lines.extend(_row_text(rest) for rest in later if rest)
    return lines

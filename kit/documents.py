"""Text extraction from uploaded documents (TXT, DOCX, PDF), shared by the workers.

Pure: bytes in, lines out; no file system, no network. Untrusted input is refused with a
`DocumentError` whose message is safe to show a user and never quotes the document.

The lines keep the document's structure for the resume parser:
- DOCX: every soft line break starts a line; a tab (or a wide run of spaces) between two
  fields becomes " | "; headers and footers come first, each distinct line once; text boxes
  are read once (not again from their VML fallback) after the paragraph holding them; layout
  tables are read column by column; list paragraphs get their label ("•", "1.", "a)").
- TXT: wide runs of spaces become " | "; a flattened line (a whole resume on one line) is cut
  at its inline section headings, runs of spaces and bullet glyphs.
- PDF: pdfplumber's words grouped into rows, top to bottom; a two-column page is read left
  column, then right column, and reported in a warning.
Every step is linear in the input (but for sorting).
"""

from __future__ import annotations

import io
import itertools
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


# --- Line structure shared by TXT and DOCX -------------------------------------------------

# Lines longer than this are a flattened resume (a PDF copied as text, a paste that lost its
# line breaks); the resume parser uses the same length for its own fallback split.
_FLAT_LINE = 200
_BULLET_GLYPHS = "•●▪■➢►✓✔❖◦‣▸➤"
# A run of spaces wide enough to be a column gap, not a typo: three or more blanks, or two
# tabs (a single TXT tab stays a space). In DOCX every tab is a gap.
_TXT_GAP = re.compile(r"[ \t\u00a0]{3,}|\t[ \u00a0]?\t")
_DOCX_GAP = re.compile(r"[ \u00a0]*+\t[ \t\u00a0]*|[ \u00a0]{3,}")
# What a column gap may follow without becoming a separator: a list label ("•", "1.", "a)").
_LABEL = re.compile(rf"^(?:[{_BULLET_GLYPHS}·\-*–—>o§]|\d{{1,3}}[.)]|[A-Za-z][.)]|[ivxIVX]+[.)])$")
# Where a flattened line is cut: runs of blanks, and the blanks before an inline bullet glyph.
# A long DOCX paragraph is real prose unless it holds wide gaps or inline bullets ("• "), so
# two spaces after a full stop do not cut it. Every run of blanks is matched from its first
# character and never backtracked into (lookbehind, possessive quantifier): a run of any
# length costs its length, once.
_FLAT_BREAK = re.compile(rf"[ \t\u00a0]{{2,}}|(?<!\s)\s++(?=[{_BULLET_GLYPHS}])")
_FLAT_BREAK_DOCX = re.compile(rf"[ \u00a0]{{3,}}|(?<!\s)\s++(?=[{_BULLET_GLYPHS}]\s)")
# Section headings that flattened resumes run into their neighbours ("... 2016 Skills Python,").
_INLINE_HEADINGS = (
    "Professional Summary", "Executive Summary", "Career Summary", "Summary",
    "Professional Profile", "Profile", "Career Objective", "Objective",
    "Professional Experience", "Work Experience", "Relevant Experience", "Experience",
    "Employment History", "Work History", "Career History", "Employment",
    "Education and Training", "Education",
    "Technical Skills", "Core Competencies", "Key Skills", "Core Skills", "Skills",
    "Licenses and Certifications", "Certifications", "Certificates",
    "Personal Projects", "Selected Projects", "Key Projects", "Projects",
    "Awards and Honors", "Awards", "Honors", "Publications", "Volunteer Experience",
    "Languages", "Interests", "References", "Achievements", "Accomplishments",
)
_HEADING_FORMS = sorted(
    {form for h in _INLINE_HEADINGS for form in (h, h.upper())}, key=len, reverse=True
)
# A heading written as one (Title Case or UPPER), after a blank or the line start, followed by
# the start of the next item (capital, digit, bullet, bracket) or the end of the line.
_INLINE_HEADING = re.compile(
    r"(?<!\S)(?P<h>"
    + "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in _HEADING_FORMS)
    + rf")(?P<colon>\s*:)?(?=\s+[A-Z0-9({_BULLET_GLYPHS}]|\s*$)"
)


def _join_gaps(line: str, gap: re.Pattern[str]) -> str:
    """`line` with each column gap (see _TXT_GAP, _DOCX_GAP) turned into " | ", except after a
    list label, where it is a space; gaps at either end are dropped."""
    pieces = [piece for piece in (part.strip() for part in gap.split(line)) if piece]
    if len(pieces) > 1 and _LABEL.match(pieces[0]):
        pieces[:2] = [pieces[0] + " " + pieces[1]]
    return " | ".join(pieces)


def _segment_flat(line: str) -> list[str]:
    """A flattened line cut at its inline section headings (each heading on its own line),
    runs of blanks and inline bullet glyphs. Linear in len(line)."""
    out: list[str] = []
    begin = 0
    for m in _INLINE_HEADING.finditer(line):
        out.extend(_FLAT_BREAK.split(line[begin : m.start()]))
        out.append(" ".join(m.group("h").split()))
        begin = m.end()
    out.extend(_FLAT_BREAK.split(line[begin:]))
    return out


def _structure_lines(raw_lines: list[str], *, docx: bool) -> list[str]:
    """Lines with column gaps made visible (" | ") and flattened lines segmented: a TXT line
    at its inline headings, runs of blanks and bullet glyphs; a DOCX paragraph only at wide
    gaps and inline bullets (its line breaks are real)."""
    gap = _DOCX_GAP if docx else _TXT_GAP
    out: list[str] = []
    for raw in raw_lines:
        if len(raw) > _FLAT_LINE and raw.strip():
            pieces = _FLAT_BREAK_DOCX.split(raw) if docx else _segment_flat(raw)
            out.extend(_join_gaps(piece, gap) for piece in pieces if piece.strip())
        else:
            out.append(_join_gaps(raw, gap))
    return out


def _extract_txt(content: bytes) -> ExtractedDocument:
    if b"\x00" in content:
        raise DocumentError("the text file contains NUL bytes; it looks binary, not text")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError("the text file is not valid UTF-8") from None
    raw = _structure_lines(text.splitlines(), docx=False)
    return ExtractedDocument(lines=normalise_lines(raw))


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


# --- DOCX ----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_W_VAL = _W + "val"
_MAX_DOCX_LINES = 20_000
_MAX_DOCX_DEPTH = 40  # tables in text boxes in tables...; real documents nest a few levels
# Never text: properties, deleted or moved-away revisions, field codes, placeholders' setup.
_DOCX_SKIP = frozenset(
    _W + tag
    for tag in (
        "pPr", "rPr", "tblPr", "tblGrid", "trPr", "tcPr", "sdtPr", "sdtEndPr", "del",
        "moveFrom", "instrText", "delText", "delInstrText", "fldData", "sectPr",
        "footnoteReference", "endnoteReference", "commentReference", "sym", "softHyphen",
    )
)
_BLOCK_CONTAINERS = frozenset(
    _W + tag for tag in ("sdtContent", "customXml", "ins", "moveTo", "smartTag")
)


class _Numbering:
    """List labels ("•", "1.", "a)") from numbering.xml and the paragraph styles, counted in
    document order as Word counts them."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        # abstractNumId -> ilvl -> (numFmt, lvlText, start)
        self._abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._style_link: dict[str, str] = {}  # abstractNumId -> numbering style id
        # numId -> (abstractNumId, {ilvl: start override})
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        # paragraph style id -> (name, numId or None, ilvl or None)
        self._styles: dict[str, tuple[str, str | None, int | None]] = {}
        self._default_style = ""
        if styles is not None:
            self._read_styles(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_styles(self, styles: Any) -> None:
        raw: dict[str, tuple[str, str | None, str | None, int | None]] = {}
        for style in styles.iterchildren(_W + "style"):
            if style.get(_W + "type") not in (None, "paragraph", "numbering"):
                continue
            style_id = style.get(_W + "styleId") or ""
            if style.get(_W + "default") in ("1", "true") and style.get(_W + "type") != (
                "numbering"
            ):
                self._default_style = style_id
            name = style.find(_W + "name")
            based = style.find(_W + "basedOn")
            raw[style_id] = (
                "" if name is None else name.get(_W_VAL) or "",
                None if based is None else based.get(_W_VAL),
                *_num_pr(style.find(_W + "pPr")),
            )
        for style_id, (name, *_rest) in raw.items():
            num_id: str | None = None
            ilvl: int | None = None
            seen: set[str] = set()
            current = style_id
            while current in raw and current not in seen:  # inherited along basedOn
                seen.add(current)
                _name, based, own_num, own_lvl = raw[current]
                num_id = num_id if num_id is not None else own_num
                ilvl = ilvl if ilvl is not None else own_lvl
                current = based or ""
            self._styles[style_id] = (name, num_id, ilvl)

    def _read_numbering(self, numbering: Any) -> None:
        for abstract in numbering.iterchildren(_W + "abstractNum"):
            abstract_id = abstract.get(_W + "abstractNumId") or ""
            self._abstract[abstract_id] = {
                _int(lvl.get(_W + "ilvl"), 0): _level(lvl)
                for lvl in abstract.iterchildren(_W + "lvl")
            }
            link = abstract.find(_W + "numStyleLink")
            if link is not None and link.get(_W_VAL):
                self._style_link[abstract_id] = link.get(_W_VAL)
        for num in numbering.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            overrides: dict[int, int] = {}
            for override in num.iterchildren(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                if start is not None:
                    overrides[_int(override.get(_W + "ilvl"), 0)] = _int(start.get(_W_VAL), 1)
            self._nums[num.get(_W + "numId") or ""] = (
                "" if ref is None else ref.get(_W_VAL) or "",
                overrides,
            )

    def style_name(self, style_id: str | None) -> str:
        return self._styles.get(style_id or self._default_style, ("", None, None))[0]

    def label(self, ppr: Any) -> str | None:
        """The paragraph's list label, "" for a list paragraph without one, None if the
        paragraph is not in a list. Advances the list's counter."""
        style = ppr.find(_W + "pStyle") if ppr is not None else None
        style_id = style.get(_W_VAL) if style is not None else self._default_style
        _name, style_num, style_lvl = self._styles.get(style_id or "", ("", None, None))
        num_id, ilvl = _num_pr(ppr)
        num_id = num_id if num_id is not None else style_num
        ilvl = ilvl if ilvl is not None else (style_lvl or 0)
        if num_id is None or num_id == "0":
            return None
        ilvl = min(max(ilvl, 0), 8)
        abstract_id, overrides = self._nums.get(num_id, ("", {}))
        for _ in range(3):  # a numbering style points at another list definition
            style_id = self._style_link.get(abstract_id, "")
            linked = self._styles.get(style_id, ("", None, None))[1]
            if not style_id or linked is None or linked not in self._nums:
                break
            abstract_id = self._nums[linked][0]
        levels = self._abstract.get(abstract_id)
        if levels is None:
            return "•"
        counters = self._counters.setdefault(abstract_id, [None] * 9)
        if num_id not in self._started:
            self._started.add(num_id)
            for level, start in overrides.items():  # a restarted list
                if 0 <= level <= 8:
                    counters[level] = start - 1 if level == ilvl else None
        fmt, text, start = levels.get(ilvl, ("bullet", "", 1))
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _text, level_start = levels.get(level, ("decimal", "", 1))
            value = counters[level] if 0 <= level <= 8 else None
            return _format_number(level_start if value is None else value, level_fmt)

        return re.sub(r"%([1-9])", number, text).strip()


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_pr(ppr: Any) -> tuple[str | None, int | None]:
    num_pr = ppr.find(_W + "numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    num_id = num_pr.find(_W + "numId")
    ilvl = num_pr.find(_W + "ilvl")
    return (
        None if num_id is None else num_id.get(_W_VAL),
        None if ilvl is None else _int(ilvl.get(_W_VAL), 0),
    )


def _level(lvl: Any) -> tuple[str, str, int]:
    fmt = lvl.find(_W + "numFmt")
    text = lvl.find(_W + "lvlText")
    start = lvl.find(_W + "start")
    return (
        "decimal" if fmt is None else fmt.get(_W_VAL) or "decimal",
        "" if text is None else text.get(_W_VAL) or "",
        1 if start is None else _int(start.get(_W_VAL), 1),
    )


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)


def _format_number(value: int, fmt: str) -> str:
    value = min(max(value, 0), 9999)
    if fmt in ("lowerRoman", "upperRoman") and value > 0:
        out = ""
        for amount, numeral in _ROMAN:
            count, value = divmod(value, amount)
            out += numeral * count
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        # Word repeats the letter: a..z, aa..zz, ...
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


class _DocxReader:
    """Walks WordprocessingML in document order and collects raw lines, tabs kept."""

    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.lines: list[str] = []

    def _emit(self, line: str) -> None:
        self.lines.append(line)
        if len(self.lines) > _MAX_DOCX_LINES:
            raise DocumentError("the document contains too much text")

    def blocks(self, container: Any, depth: int = 0) -> None:
        """Paragraphs and tables of a body, cell, text box, header or footer."""
        if depth > _MAX_DOCX_DEPTH:
            raise DocumentError("the DOCX file is nested too deeply to read")
        for child in container.iterchildren():
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child, depth)
            elif tag == _W + "tbl":
                self.table(child, depth)
            elif tag == _W + "sdt":
                if not _is_placeholder(child):
                    content = child.find(_W + "sdtContent")
                    if content is not None:
                        self.blocks(content, depth + 1)
            elif tag in _BLOCK_CONTAINERS:
                self.blocks(child, depth + 1)
            elif tag == _MC + "AlternateContent":
                branch = _choose_branch(child)
                if branch is not None:
                    self.blocks(branch, depth + 1)

    def paragraph(self, p: Any, depth: int) -> None:
        parts: list[str] = []
        boxes: list[Any] = []
        _inline(p, parts, boxes, depth)
        lines = "".join(parts).split("\n")
        label = self.numbering.label(p.find(_W + "pPr"))
        first = lines[0].strip()
        if label is None and first:
            style = p.find(_W + "pPr/" + _W + "pStyle")
            name = self.numbering.style_name(None if style is None else style.get(_W_VAL))
            label = "•" if "List" in name else None
        if label and first and not first.startswith(tuple(_BULLET_GLYPHS)):
            lines[0] = label + " " + first
        for line in lines:
            self._emit(line)
        for box in boxes:
            self.blocks(box, depth + 1)

    def table(self, tbl: Any, depth: int) -> None:
        """One line per row (cells joined by " | "); a cell of several lines (a layout
        column, a list) is kept as lines, so a two-column layout reads column by column."""
        for row in _children(tbl, _W + "tr"):
            cells: list[str] = []
            for cell in _children(row, _W + "tc"):
                sub = _DocxReader(self.numbering)
                sub.blocks(cell, depth + 1)
                cell_lines = [line for line in sub.lines if line.strip()]
                if len(cell_lines) > 1:
                    if cells:
                        self._emit(" | ".join(cells))
                        cells = []
                    for line in cell_lines:
                        self._emit(line)
                elif cell_lines:
                    cells.append(cell_lines[0].strip())
            if cells:
                self._emit(" | ".join(cells))


def _children(element: Any, tag: str) -> list[Any]:
    """`tag` children of `element`, looking through content controls and custom XML."""
    out: list[Any] = []
    for child in element.iterchildren():
        if child.tag == tag:
            out.append(child)
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag == _W + "customXml":
            out.extend(_children(child, tag))
    return out


def _is_placeholder(sdt: Any) -> bool:
    """A content control still showing its template prompt ("Click here to enter text")."""
    props = sdt.find(_W + "sdtPr")
    return props is not None and props.find(_W + "showingPlcHdr") is not None


def _choose_branch(alternate: Any) -> Any:
    """The first mc:Choice of an mc:AlternateContent, or its mc:Fallback when no Choice holds
    text: a text box is stored twice (DrawingML and VML) and must be read once."""
    choice = alternate.find(_MC + "Choice")
    fallback = alternate.find(_MC + "Fallback")
    if choice is not None and (fallback is None or _has_text(choice)):
        return choice
    return fallback


def _has_text(element: Any) -> bool:
    return any(True for _ in element.iter(_W + "t", _W + "tab", _W + "txbxContent"))


def _inline(element: Any, parts: list[str], boxes: list[Any], depth: int) -> None:
    """The visible text of a paragraph's runs: w:t, tabs as tab characters, line breaks as
    newlines. Text boxes (w:txbxContent) are collected into `boxes`, to be read as blocks
    after the paragraph."""
    if depth > _MAX_DOCX_DEPTH:
        raise DocumentError("the DOCX file is nested too deeply to read")
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _DOCX_SKIP:
            continue
        if tag == _W + "t":
            text = child.text or ""
            parts.append(text.replace("\n", " ").replace("\r", " "))
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "txbxContent":
            boxes.append(child)
        elif tag == _MC + "AlternateContent":
            branch = _choose_branch(child)
            if branch is not None:
                _inline(branch, parts, boxes, depth + 1)
        elif tag == _W + "sdt":
            if not _is_placeholder(child):
                _inline(child, parts, boxes, depth + 1)
        elif tag == _W + "p":  # a paragraph outside a text box: read it inline
            parts.append("\n")
            _inline(child, parts, boxes, depth + 1)
        elif len(child):
            # Runs, hyperlinks, fields, insertions, drawings and shapes that hold text boxes.
            _inline(child, parts, boxes, depth + 1)


def _related(part: Any, reltype: str) -> Any:
    """The XML element of `part`'s related part of `reltype`, or None."""
    try:
        return part.part_related_by(reltype).element
    except (KeyError, ValueError, AttributeError):
        return None


def _header_footer_elements(document: Any) -> list[Any]:
    """Every distinct header and footer part of every section, headers first."""
    part = document.part
    body = document.element.body
    found: dict[str, list[Any]] = {"header": [], "footer": []}
    seen: set[int] = set()
    order = {"first": 0, "default": 1, "even": 2}
    for sect_pr in body.iter(_W + "sectPr"):
        for kind in ("header", "footer"):
            refs = sorted(
                sect_pr.iterchildren(_W + kind + "Reference"),
                key=lambda ref: order.get(ref.get(_W + "type") or "default", 3),
            )
            for ref in refs:
                try:
                    target = part.related_parts[ref.get(_R_ID)]
                except (KeyError, TypeError):
                    continue
                element = getattr(target, "element", None)
                if element is not None and id(target) not in seen:
                    seen.add(id(target))
                    found[kind].append(element)
    return found["header"] + found["footer"]


def _extract_docx(content: bytes) -> ExtractedDocument:
    _check_docx_zip(content)
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception:  # python-docx raises many types on malformed parts
        raise DocumentError("the DOCX file is damaged and cannot be read") from None

    try:
        numbering = _Numbering(
            _related(document.part, RT.NUMBERING), _related(document.part, RT.STYLES)
        )
        # Headers and footers first: they often hold the name and contact line, which the
        # resume parser expects before the first section. A line repeated in several of
        # them (first-page and default header) is kept once.
        reader = _DocxReader(numbering)
        for element in _header_footer_elements(document):
            reader.blocks(element)
        seen: set[str] = set()
        margins: list[str] = []
        for line in reader.lines:
            key = " ".join(line.split())
            if key and key not in seen:
                seen.add(key)
                margins.append(line)
        reader.lines = []
        reader.blocks(document.element.body)
        body = reader.lines
    except DocumentError:
        raise
    except Exception:  # e.g. RecursionError, or a part of an unexpected type
        raise DocumentError("the DOCX file is damaged and cannot be read") from None
    raw = [*margins, ""] if margins else []
    raw.extend(body)
    return ExtractedDocument(lines=normalise_lines(_structure_lines(raw, docx=True)))


# --- PDF -----------------------------------------------------------------------------------

# Column detection, per page, from pdfplumber's words grouped into text rows. A side-by-side
# layout shows a right column whose lines start at one shared x in the middle of the page (a
# row's first word, or its first word after a wide gap), few rows running across that gutter
# (in a single-column page most lines do), and a left column of consecutive lines beside it,
# whether or not its lines align with the right column's. Right-aligned dates start at
# varying x; a hanging layout (headings or dates in the margin) has only scattered margin
# lines; neither counts.
_MIN_COLUMN_ROWS = 6
_MAX_SPANNING_SHARE = 0.25  # of the rows, running across the gutter (name, contact line)
_MIN_LEFT_LINES_SHARE = 0.15  # of the rows, consecutive left-column lines
_X_TOLERANCE = 4.0
_ROW_TOLERANCE = 3.0  # points between word tops on one text row
_MIN_GUTTER = 8.0  # points; a gap narrower than this (or than a character) is a word space
_Word: TypeAlias = dict[str, Any]


def _extract_pdf(content: bytes) -> ExtractedDocument:
    if b"%PDF-" not in content[:1024]:
        raise DocumentError("the file is not a PDF document")
    import pypdf
    from pypdf.errors import PyPdfError

    warnings: list[str] = []
    try:
        # pypdf checks the container (encryption, page count) before any page is laid out.
        reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise DocumentError("the PDF is encrypted; upload an unprotected copy")
        page_count = len(reader.pages)
        if page_count == 0:
            raise DocumentError("the PDF has no pages")
        if page_count > MAX_PDF_PAGES:
            raise DocumentError(f"the PDF has more than {MAX_PDF_PAGES} pages")
        raw, column_pages = _pdf_lines(content)
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise DocumentError("the PDF file is damaged and cannot be read") from None
    except Exception:  # pypdf and pdfminer can fail in many ways on hostile files
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


def _pdf_lines(content: bytes) -> tuple[list[str], list[int]]:
    """Every page's lines in reading order (pdfplumber words and rows), and the numbers of
    the pages read as two columns."""
    import pdfplumber
    from pdfplumber.utils.text import extract_words

    raw: list[str] = []
    column_pages: list[int] = []
    total = 0
    pdf = pdfplumber.open(io.BytesIO(content))
    try:
        pages = pdf.pages
        if len(pages) > MAX_PDF_PAGES:
            raise DocumentError(f"the PDF has more than {MAX_PDF_PAGES} pages")
        for page in pages:
            chars = _unique_chars(page.chars)
            total += len(chars)
            if total > MAX_TEXT_CHARS:
                raise DocumentError("the document contains too much text")
            words = extract_words(chars, x_tolerance_ratio=0.15, y_tolerance=_ROW_TOLERANCE)
            page_lines, columns = page_reading_order(words, float(page.width))
            if columns:
                column_pages.append(page.page_number)
            raw.extend(page_lines)
            raw.append("")
            page.close()
    finally:
        pdf.flush_cache()
    return raw, column_pages


def _unique_chars(chars: list[_Word]) -> list[_Word]:
    """`chars` without the copies some generators draw for a bold effect (same glyph, same
    place within a point). Linear: a grid of one-point cells, neighbours checked."""
    grid: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    out: list[_Word] = []
    for char in chars:
        text = char.get("text", "")
        x, y = float(char["x0"]), float(char["top"])
        cx, cy = int(x), int(y)
        duplicate = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for ox, oy in grid.get((text, cx + dx, cy + dy), ()):
                    if abs(ox - x) <= 1 and abs(oy - y) <= 1:
                        duplicate = True
        if not duplicate and text.strip():
            grid.setdefault((text, cx, cy), []).append((x, y))
            out.append(char)
        elif not duplicate:
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
    text = " ".join(str(w["text"]) for w in sorted(words, key=lambda w: float(w["x0"])))
    if "(cid:" in text or any("\ue000" <= ch <= "\uf8ff" for ch in text):
        text = _UNMAPPED.sub("", _UNMAPPED_BULLET.sub("• ", text))
    return text


def _wide_gap(before: _Word, word: _Word) -> bool:
    """Whether the gap between two words on a row is wider than a word space."""
    size = float(word["bottom"]) - float(word["top"])
    return float(word["x0"]) - float(before["x1"]) >= max(_MIN_GUTTER, size)


def _spans(row: list[_Word], gutter: float) -> bool:
    """Whether a row (left to right) runs across the gutter: a word crosses it, or the words
    either side of it are only a word space apart."""
    for before, word in itertools.pairwise(row):
        if float(before["x0"]) < gutter <= float(word["x0"]):
            return float(before["x1"]) > gutter or not _wide_gap(before, word)
    return float(row[-1]["x0"]) < gutter < float(row[-1]["x1"])


def column_gutter(words: list[_Word], width: float) -> float | None:
    """The x where a page's right column starts (pdfplumber words), or None for a page read
    as one column. Linear in the words, but for sorting."""
    if width <= 0 or len(words) < _MIN_COLUMN_ROWS * 2:
        return None
    rows = _rows(words)
    starts: list[float] = []
    for row in rows:
        if width * 0.3 < float(row[0]["x0"]) < width * 0.8:
            starts.append(float(row[0]["x0"]))
            continue
        for before, word in itertools.pairwise(row):
            if width * 0.3 < float(word["x0"]) < width * 0.8 and _wide_gap(before, word):
                starts.append(float(word["x0"]))
                break
    if len(starts) < _MIN_COLUMN_ROWS:
        return None
    # The most common start (within tolerance) must carry the rows; counted by binary search
    # over the sorted starts, not by comparing every pair of rows.
    ordered = sorted(starts)
    count, start = max(
        (bisect_right(ordered, x + _X_TOLERANCE) - bisect_left(ordered, x - _X_TOLERANCE), x)
        for x in ordered
    )
    if count < _MIN_COLUMN_ROWS:
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


def page_reading_order(words: list[_Word], width: float) -> tuple[list[str], bool]:
    """A page's lines in reading order and whether it was read as two columns.

    On a two-column page the rows between two full-width rows (a heading or contact line
    running across the gutter) are read left column first, then right column.
    """
    gutter = column_gutter(words, width)
    rows = _rows(words)
    if gutter is None:
        return [_row_text(row) for row in rows], False
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

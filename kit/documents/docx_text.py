"""DOCX: the document XML walked in body order (soft breaks, tabs, text boxes, headers and
footers, list labels), after the zip container is checked."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from typing import Any

from kit.documents.common import (
    MAX_DOCX_MEMBERS,
    MAX_DOCX_RATIO,
    MAX_DOCX_UNCOMPRESSED,
    OLE_MAGIC,
    DocumentError,
    ExtractedDocument,
    hidden_text_warning,
    normalise_lines,
)
from kit.documents.docx_visibility import Visibility, backed
from kit.documents.lines import BULLET_GLYPHS, structure_lines


def _check_docx_zip(content: bytes) -> None:
    if content.startswith(OLE_MAGIC):
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
        "pPr",
        "rPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tcPr",
        "sdtPr",
        "sdtEndPr",
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "delInstrText",
        "fldData",
        "sectPr",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "sym",
        "softHyphen",
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
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
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

    def __init__(self, numbering: _Numbering, visibility: Visibility, hidden: list[int]) -> None:
        self.numbering = numbering
        self.visibility = visibility
        self.hidden = hidden  # characters of hidden runs left out, for the warning
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
        _inline(p, parts, boxes, depth, _Paragraph(self.visibility, p, backed(p), self.hidden))
        lines = "".join(parts).split("\n")
        label = self.numbering.label(p.find(_W + "pPr"))
        first = lines[0].strip()
        if label is None and first:
            style = p.find(_W + "pPr/" + _W + "pStyle")
            name = self.numbering.style_name(None if style is None else style.get(_W_VAL))
            label = "•" if "List" in name else None
        if label and first and not first.startswith(tuple(BULLET_GLYPHS)):
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
                sub = _DocxReader(self.numbering, self.visibility, self.hidden)
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


@dataclass
class _Paragraph:
    """What decides whether a paragraph's runs show, and the hidden characters left out."""

    visibility: Visibility
    element: Any
    backed: bool
    hidden: list[int]  # one counter shared by the whole document


def _inline(
    element: Any, parts: list[str], boxes: list[Any], depth: int, where: _Paragraph
) -> None:
    """The visible text of a paragraph's runs: w:t, tabs as tab characters, line breaks as
    newlines; a hidden run (`docx_visibility`) is left out and counted. Text boxes
    (w:txbxContent) are collected into `boxes`, to be read as blocks after the paragraph."""
    if depth > _MAX_DOCX_DEPTH:
        raise DocumentError("the DOCX file is nested too deeply to read")
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _DOCX_SKIP:
            continue
        if tag == _W + "r" and where.visibility.hidden(child, where.element, where.backed):
            where.hidden[0] += sum(len(t.text or "") for t in child.iter(_W + "t"))
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
                _inline(branch, parts, boxes, depth + 1, where)
        elif tag == _W + "sdt":
            if not _is_placeholder(child):
                _inline(child, parts, boxes, depth + 1, where)
        elif tag == _W + "p":  # a paragraph outside a text box: read it inline
            parts.append("\n")
            _inline(child, parts, boxes, depth + 1, replace(where, element=child))
        elif len(child):
            # Runs, hyperlinks, fields, insertions, drawings and shapes that hold text boxes.
            _inline(child, parts, boxes, depth + 1, where)


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


def extract_docx(content: bytes) -> ExtractedDocument:
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
        styles = _related(document.part, RT.STYLES)
        hidden = [0]
        reader = _DocxReader(numbering, Visibility(styles), hidden)
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
    warnings = [hidden_text_warning(hidden[0])] if hidden[0] else []
    return ExtractedDocument(
        lines=normalise_lines(structure_lines(raw, docx=True)), warnings=warnings
    )

"""Writes the resume-file corpus: Word files, PDFs and text in the shapes real people send.

    .venv/bin/python -m tests.resume_files.make_corpus          # rewrite tests/resume_files/corpus
    .venv/bin/python -m tests.resume_files.make_corpus --out D  # somewhere else

The people are invented (tests/resume_files/people.py). Every person is written in two to four
shapes; every file gets an entry in corpus/expected.json with its format, shape and the roles a
parser must find (position, company, dates as written, the number of bullets and two bullets
verbatim), which tests/unit/engine/test_resume_files_corpus.py checks.

Shapes:
- docx_soft_breaks: each block one paragraph, its lines joined by soft breaks (Shift+Enter);
- docx_table_dates: a borderless layout table, dates in the left column, the role on the right;
- docx_table_sidebar: a two-column layout table, contacts, skills and education on the left;
- docx_textbox_contacts: the contact block in a floating text box (DrawingML, VML fallback);
- docx_textbox_sidebar: a sidebar in a VML text box (as older Word writes it);
- docx_header_contacts: the name and contact line in the page header;
- docx_list_bullets: Word bullet numbering (the "List Bullet" style);
- docx_glyph_bullets: bullets typed as glyphs ("•", "▪") before a tab or space;
- pdf_lo_<docx shape>: every DOCX above exported by LibreOffice (soffice --convert-to pdf);
- pdf_two_column: a reportlab page with a sidebar (contacts, skills) and a main column;
- pdf_one_column: a reportlab page, dates set flush right;
- txt_flattened: the whole resume on one line, parts separated by runs of spaces (a PDF
  copied as text);
- txt_plain: an ordinary text resume.

The PDFs exported by LibreOffice are committed with the corpus, so the tests never need it.
Without `soffice` on the PATH this script keeps the committed exports as they are (and says
so); install LibreOffice (Debian: apt-get install -y libreoffice-writer-nogui) to rebuild them.
Generation is deterministic: fixed document properties, zip timestamps, PDF dates and ids.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from tests.resume_files.people import BY_KEY, Person, Role, role_header_lines

CORPUS = Path(__file__).resolve().parent / "corpus"
FIXED_TIME = datetime(2024, 3, 1, 9, 0, 0, tzinfo=UTC)
_ZIP_TIME = (2024, 3, 1, 9, 0, 0)

# Which people are written in which shape. Every DOCX is also exported as a LibreOffice PDF.
DOCX_SHAPES: dict[str, tuple[str, ...]] = {
    "docx_soft_breaks": ("brooks", "mendes"),
    "docx_table_dates": ("raman", "fitch"),
    "docx_table_sidebar": ("watanabe", "grant"),
    "docx_textbox_contacts": ("herrera", "costa"),
    "docx_textbox_sidebar": ("schultz", "liu"),
    "docx_header_contacts": ("bell", "karim"),
    "docx_list_bullets": ("adeyemi", "okafor"),
    "docx_glyph_bullets": ("liu", "bell"),
}
OTHER_SHAPES: dict[str, tuple[str, ...]] = {
    "pdf_two_column": ("okafor", "raman", "watanabe", "costa"),
    "pdf_one_column": ("brooks", "fitch", "schultz"),
    "txt_flattened": ("herrera", "mendes", "karim", "grant"),
    "txt_plain": ("adeyemi", "schultz", "raman"),
}

# Files whose extracted lines are right but which the resume parser misreads today: the test
# expects them to fail (strict xfail) until the parser reads them. file -> what is misread.
PARSER_GAPS: dict[str, str] = {}


# --- DOCX building blocks ------------------------------------------------------------------

# The namespace prefixes of the hand-written WordprocessingML here and in the kit tests.
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)
_EMU_PER_PT = 12700
TEXT_WIDTH = Inches(7.0)


def _new_document(person: Person, *, margin: float = 0.75) -> DocxDocument:
    document = docx.Document()
    props = document.core_properties
    props.author = person.name
    props.last_modified_by = person.name
    props.title = f"{person.name} - Resume"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.revision = 1
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(2)
    for name in ("Heading 1", "Heading 2", "List Bullet"):
        document.styles[name].font.name = "Arial"
    section = document.sections[0]
    section.left_margin = section.right_margin = Inches(margin)
    section.top_margin = section.bottom_margin = Inches(0.7)
    return document


def _docx_bytes(document: DocxDocument) -> bytes:
    """The saved document with fixed zip timestamps, so a rerun writes the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _add_text(paragraph: Paragraph, text: str, *, bold: bool = False, size: float = 0) -> None:
    """Runs for `text`: a tab character becomes a Word tab."""
    for i, part in enumerate(text.split("\t")):
        run = paragraph.add_run()
        if i:
            run.add_tab()
        run.add_text(part)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)


def _add_lines(
    paragraph: Paragraph, lines: list[str], *, bold_first: bool = False, size: float = 0
) -> None:
    """`lines` in one paragraph, separated by soft line breaks."""
    for i, line in enumerate(lines):
        if i:
            paragraph.runs[-1].add_break()
        _add_text(paragraph, line, bold=bold_first and i == 0, size=size if i == 0 else 0)


def _right_tab(paragraph: Paragraph, width: Any = TEXT_WIDTH) -> None:
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def _heading(container: Any, text: str, *, style: str | None = None) -> Paragraph:
    if style:
        return container.add_paragraph(text, style=style)
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(8)
    run = paragraph.add_run(text.upper())
    run.bold = True
    run.font.size = Pt(11)
    run.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    return paragraph


def _role_header(container: Any, person: Person, role: Role, width: Any = TEXT_WIDTH) -> None:
    for i, line in enumerate(role_header_lines(person, role)):
        paragraph = container.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if i == 0:
            paragraph.paragraph_format.space_before = Pt(6)
        if "\t" in line:
            _right_tab(paragraph, width)
        _add_text(paragraph, line, bold=i == 0)


def _bullet(container: Any, text: str, glyph: str | None) -> None:
    """A bullet paragraph: Word list numbering when `glyph` is None, else the glyph typed."""
    if glyph is None:
        container.add_paragraph(text, style="List Bullet")
        return
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.left_indent = Pt(14)
    paragraph.paragraph_format.first_line_indent = Pt(-14)
    paragraph.paragraph_format.space_after = Pt(0)
    if glyph == "•":  # glyph, tab to the hanging indent, text
        run = paragraph.add_run(glyph)
        run.add_tab()
        run.add_text(text)
    else:
        paragraph.add_run(f"{glyph} {text}")


def _education_and_skills(container: Any, person: Person, *, style: str | None = None) -> None:
    _heading(container, "Education", style=style)
    for line in person.education:
        container.add_paragraph(line)
    if person.certificates:
        _heading(container, "Certifications", style=style)
        for line in person.certificates:
            container.add_paragraph(line)
    _heading(container, "Skills", style=style)
    container.add_paragraph(", ".join(person.skills))


def _name_block(document: DocxDocument, person: Person, *, contacts: bool = True) -> Paragraph:
    name = document.add_paragraph()
    _add_text(name, person.name, bold=True, size=20)
    document.add_paragraph(person.headline)
    if contacts:
        document.add_paragraph(" | ".join(person.contacts))
    return name


def _text_box_paragraphs(lines: list[tuple[str, bool]], align: str = "left") -> str:
    out = []
    for text, bold in lines:
        props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        out.append(
            f'<w:p><w:pPr><w:spacing w:after="20"/><w:jc w:val="{align}"/></w:pPr>'
            f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        )
    return "".join(out)


def _drawing_text_box(
    body: str, *, x_pt: float, y_pt: float, width_pt: float, height_pt: float, shape_id: int
) -> Any:
    """A run holding a floating text box as Word 2010+ writes it: a DrawingML shape
    (mc:Choice) and the same text again as a VML shape for older readers (mc:Fallback).
    Positioned relative to the page margins."""
    x, y = int(x_pt * _EMU_PER_PT), int(y_pt * _EMU_PER_PT)
    cx, cy = int(width_pt * _EMU_PER_PT), int(height_pt * _EMU_PER_PT)
    return parse_xml(
        f"""<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0"
 relativeHeight="{251659264 + shape_id}" behindDoc="0" locked="0" layoutInCell="1"
 allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="margin"><wp:posOffset>{y}</wp:posOffset></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>
<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="{shape_id}" name="Text Box {shape_id}"/>
<wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>
</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>
</wps:spPr><wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440"
 bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
 path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>
<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
<v:shape id="Text Box {shape_id}" o:spid="_x0000_s{1025 + shape_id}" type="#_x0000_t202"
 style="position:absolute;margin-left:{x_pt}pt;margin-top:{y_pt}pt;width:{width_pt}pt;
height:{height_pt}pt;z-index:{shape_id};mso-position-horizontal-relative:margin;
mso-position-vertical-relative:margin" filled="f" stroked="f">
<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox><w10:wrap type="square"/>
</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""
    )


def _vml_text_box(
    body: str, *, x_pt: float, y_pt: float, width_pt: float, height_pt: float, shape_id: int
) -> Any:
    """A run holding a text box as Word 2003/2007 wrote it: VML only, placed on the page."""
    return parse_xml(
        f"""<w:r {NS}><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600"
 o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>
<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
<v:shape id="Text Box {shape_id}" o:spid="_x0000_s{1025 + shape_id}" type="#_x0000_t202"
 style="position:absolute;margin-left:{x_pt}pt;margin-top:{y_pt}pt;width:{width_pt}pt;
height:{height_pt}pt;z-index:{shape_id};mso-position-horizontal-relative:page;
mso-position-vertical-relative:page" fillcolor="#eef2f6" stroked="f">
<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox><w10:wrap anchorx="page"
 anchory="page"/></v:shape></w:pict></w:r>"""
    )


def _sidebar_lines(person: Person) -> list[tuple[str, bool]]:
    lines: list[tuple[str, bool]] = [("CONTACT", True)]
    lines += [(part, False) for part in person.contacts]
    lines += [("", False), ("SKILLS", True)] + [(skill, False) for skill in person.skills]
    lines += [("", False), ("EDUCATION", True)] + [(line, False) for line in person.education]
    if person.certificates:
        lines += [("", False), ("CERTIFICATIONS", True)]
        lines += [(line, False) for line in person.certificates]
    return lines


def _experience(
    container: Any,
    person: Person,
    glyph: str | None,
    *,
    width: Any = TEXT_WIDTH,
    style: str | None = None,
) -> None:
    """The experience heading, then each role's header lines (dates tabbed to `width`) and
    its bullets (see _bullet)."""
    _heading(container, person.experience_heading, style=style)
    for role in person.roles:
        _role_header(container, person, role, width)
        for text in role.bullets:
            _bullet(container, text, glyph)


# --- DOCX shapes ---------------------------------------------------------------------------


def docx_soft_breaks(person: Person) -> bytes:
    """Every block one paragraph; its lines separated by soft breaks (Shift+Enter)."""
    document = _new_document(person)
    top = document.add_paragraph()
    _add_lines(
        top, [person.name, person.headline, " | ".join(person.contacts)], bold_first=True, size=18
    )
    _heading(document, person.summary_heading)
    document.add_paragraph(person.summary)
    _heading(document, person.experience_heading)
    for role in person.roles:
        block = document.add_paragraph()
        block.paragraph_format.space_before = Pt(6)
        _right_tab(block)
        lines = role_header_lines(person, role)
        lines += [f"{person.bullet} {text}" for text in role.bullets]
        _add_lines(block, lines, bold_first=True)
    _heading(document, "Education")
    _add_lines(document.add_paragraph(), list(person.education))
    if person.certificates:
        _heading(document, "Certifications")
        _add_lines(document.add_paragraph(), list(person.certificates))
    _heading(document, "Skills")
    _add_lines(document.add_paragraph(), [", ".join(person.skills)])
    return _docx_bytes(document)


def _layout_table(container: Any, rows: int, widths: tuple[float, float]) -> Any:
    table = container.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)  # the grid, which LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Inches(width)  # each cell's own width, which Word lays out by
    return table


def docx_table_dates(person: Person) -> bytes:
    """A borderless layout table: dates in a narrow left column, the role and its bullets on
    the right; education laid out the same way."""
    document = _new_document(person)
    _name_block(document, person)
    _heading(document, person.summary_heading)
    document.add_paragraph(person.summary)
    _heading(document, person.experience_heading)
    table = _layout_table(document, len(person.roles), (1.6, 5.4))
    for row, role in zip(table.rows, person.roles, strict=True):
        left, right = row.cells
        left.paragraphs[0].text = role.dates
        title = right.paragraphs[0]
        _add_text(title, role.position, bold=True)
        where = right.add_paragraph()
        where.add_run(f"{role.company}, {role.location}").italic = True
        for text in role.bullets:
            _bullet(right, text, None)
    _heading(document, "Education")
    table = _layout_table(document, len(person.education), (1.6, 5.4))
    for row, line in zip(table.rows, person.education, strict=True):
        degree, year = line.rsplit(", ", 1)
        row.cells[0].paragraphs[0].text = year
        row.cells[1].paragraphs[0].text = degree
    if person.certificates:
        _heading(document, "Certifications")
        for line in person.certificates:
            document.add_paragraph(line)
    _heading(document, "Skills")
    document.add_paragraph(" · ".join(person.skills))
    return _docx_bytes(document)


def docx_table_sidebar(person: Person) -> bytes:
    """A two-column layout table: contacts, skills and education in the left column, the
    summary and experience in the right. The name sits above the table or in its right
    column, as templates do both."""
    document = _new_document(person, margin=0.6)
    name_above = person.key != "grant"
    if name_above:
        name = document.add_paragraph()
        _add_text(name, person.name, bold=True, size=22)
        document.add_paragraph(person.headline)
    table = _layout_table(document, 1, (2.2, 5.1))
    left, right = table.rows[0].cells
    shading = parse_xml(f'<w:shd {NS} w:val="clear" w:color="auto" w:fill="E8EEF4"/>')
    left._tc.get_or_add_tcPr().append(shading)
    first = True
    for text, bold in _sidebar_lines(person):
        paragraph = left.paragraphs[0] if first else left.add_paragraph()
        first = False
        if text:
            _add_text(paragraph, text, bold=bold)
    top = right.paragraphs[0]
    if name_above:
        _add_text(top, person.summary_heading.upper(), bold=True)
    else:
        _add_text(top, person.name, bold=True, size=22)
        right.add_paragraph(person.headline)
        _heading(right, person.summary_heading)
    right.add_paragraph(person.summary)
    _experience(right, person, None, width=Inches(4.9))
    return _docx_bytes(document)


def docx_textbox_contacts(person: Person) -> bytes:
    """The contact block in a floating text box at the top right, anchored in the name's
    paragraph, as Word 2010+ writes it (DrawingML with a VML fallback)."""
    document = _new_document(person)
    name = _name_block(document, person, contacts=False)
    body = _text_box_paragraphs([(part, False) for part in person.contacts], align="right")
    name._p.append(
        _drawing_text_box(body, x_pt=324, y_pt=0, width_pt=180, height_pt=64, shape_id=1)
    )
    _heading(document, person.summary_heading)
    document.add_paragraph(person.summary)
    _experience(document, person, person.bullet)
    _education_and_skills(document, person)
    return _docx_bytes(document)


def docx_textbox_sidebar(person: Person) -> bytes:
    """A shaded sidebar (contacts, skills, education) in a VML text box at the page's left
    edge; the body runs in a wide left margin beside it."""
    document = _new_document(person)
    section = document.sections[0]
    section.left_margin = Inches(2.7)
    section.right_margin = Inches(0.6)
    name = document.add_paragraph()
    _add_text(name, person.name, bold=True, size=20)
    body = _text_box_paragraphs(_sidebar_lines(person))
    name._p.append(_vml_text_box(body, x_pt=24, y_pt=40, width_pt=164, height_pt=700, shape_id=1))
    document.add_paragraph(person.headline)
    _heading(document, person.summary_heading)
    document.add_paragraph(person.summary)
    _experience(document, person, person.bullet, width=Inches(5.2))
    return _docx_bytes(document)


def docx_header_contacts(person: Person) -> bytes:
    """The name and contacts in the page header (Word's Insert > Header); the body starts
    with the summary."""
    document = _new_document(person)
    header = document.sections[0].header
    if person.key == "bell":
        top = header.paragraphs[0]
        _add_text(top, person.name, bold=True, size=16)
        top.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line = header.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.add_run(" • ".join(person.contacts))
    else:  # the name flush left, the contacts flush right on one header line
        top = header.paragraphs[0]
        _add_text(top, f"{person.name}\t{person.email} | {person.phone}", bold=False, size=0)
        top.runs[0].bold = True
        top.runs[0].font.size = Pt(14)
        city = header.add_paragraph()
        _add_text(city, f"\t{person.city}")
        for paragraph in (top, city):
            _right_tab(paragraph)
        document.add_paragraph(person.headline).runs[0].bold = True
    _heading(document, person.summary_heading)
    document.add_paragraph(person.summary)
    glyph = None if person.key == "karim" else person.bullet
    _experience(document, person, glyph)
    _education_and_skills(document, person)
    return _docx_bytes(document)


def docx_list_bullets(person: Person) -> bytes:
    """Headings in Word's heading styles, bullets in the "List Bullet" style (numbering)."""
    document = _new_document(person)
    _name_block(document, person)
    _heading(document, person.summary_heading, style="Heading 1")
    document.add_paragraph(person.summary)
    _experience(document, person, None, style="Heading 1")
    _education_and_skills(document, person, style="Heading 1")
    return _docx_bytes(document)


def docx_glyph_bullets(person: Person) -> bytes:
    """Bullets typed as glyphs at the start of ordinary paragraphs."""
    document = _new_document(person)
    _name_block(document, person)
    _heading(document, person.summary_heading)
    document.add_paragraph(person.summary)
    _experience(document, person, person.bullet)
    _education_and_skills(document, person)
    return _docx_bytes(document)


DOCX_BUILDERS: dict[str, Callable[[Person], bytes]] = {
    "docx_soft_breaks": docx_soft_breaks,
    "docx_table_dates": docx_table_dates,
    "docx_table_sidebar": docx_table_sidebar,
    "docx_textbox_contacts": docx_textbox_contacts,
    "docx_textbox_sidebar": docx_textbox_sidebar,
    "docx_header_contacts": docx_header_contacts,
    "docx_list_bullets": docx_list_bullets,
    "docx_glyph_bullets": docx_glyph_bullets,
}


# --- PDFs drawn with reportlab -------------------------------------------------------------

_FONT, _BOLD = "Helvetica", "Helvetica-Bold"


class _Column:
    """A text column on a reportlab canvas that wraps lines and starts a new page when
    full."""

    def __init__(self, pdf: canvas.Canvas, x: float, width: float, top: float) -> None:
        self.pdf, self.x, self.width, self.y = pdf, x, width, top
        self.size, self.leading = 9.5, 12.5

    def _room(self, lines: int = 1) -> None:
        if self.y - lines * self.leading < 40:
            self.pdf.showPage()
            self.y = letter[1] - 50

    def text(self, text: str, *, font: str = _FONT, size: float = 0, indent: float = 0) -> None:
        size = size or self.size
        for piece in simpleSplit(text, font, size, self.width - indent):
            self._room()
            self.pdf.setFont(font, size)
            self.pdf.drawString(self.x + indent, self.y, piece)
            self.y -= max(self.leading, size + 3)

    def split(self, line: str, *, font: str = _FONT) -> None:
        """A line whose text after a tab is set flush right."""
        left, right = line.split("\t")
        self._room()
        self.pdf.setFont(font, self.size)
        self.pdf.drawString(self.x, self.y, left)
        self.pdf.setFont(_FONT, self.size)
        self.pdf.drawRightString(self.x + self.width, self.y, right)
        self.y -= self.leading

    def heading(self, text: str) -> None:
        self.y -= 6
        self._room(3)
        self.pdf.setFont(_BOLD, 11)
        self.pdf.drawString(self.x, self.y, text.upper())
        self.pdf.setLineWidth(0.5)
        self.pdf.line(self.x, self.y - 3, self.x + self.width, self.y - 3)
        self.y -= 16

    def bullet(self, text: str) -> None:
        pieces = simpleSplit(text, _FONT, self.size, self.width - 12)
        for i, piece in enumerate(pieces):
            self._room()
            self.pdf.setFont(_FONT, self.size)
            if i == 0:
                self.pdf.drawString(self.x + 2, self.y, "•")
            self.pdf.drawString(self.x + 12, self.y, piece)
            self.y -= self.leading

    def gap(self, points: float = 6) -> None:
        self.y -= points


def _canvas(person: Person) -> tuple[canvas.Canvas, io.BytesIO]:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setTitle(f"{person.name} - Resume")
    pdf.setAuthor(person.name)
    return pdf, buffer


def _pdf_experience(column: _Column, person: Person) -> None:
    column.heading(person.experience_heading)
    for role in person.roles:
        for i, line in enumerate(role_header_lines(person, role)):
            font = _BOLD if i == 0 else _FONT
            if "\t" in line:
                column.split(line, font=font)
            else:
                column.text(line, font=font)
        for text in role.bullets:
            column.bullet(text)
        column.gap()


def pdf_two_column(person: Person) -> bytes:
    """A sidebar (contacts, skills, education) on the left of a main column (summary,
    experience); the name either across the top or at the top of the sidebar."""
    pdf, buffer = _canvas(person)
    width, height = letter
    banner = person.key in ("okafor", "watanabe")
    top = height - 50
    if banner:
        pdf.setFont(_BOLD, 22)
        pdf.drawString(36, top, person.name)
        pdf.setFont(_FONT, 12)
        pdf.drawString(36, top - 18, person.headline)
        pdf.line(36, top - 28, width - 36, top - 28)
        top -= 50
    else:
        pdf.setFillColor(Color(0.91, 0.93, 0.96))
        pdf.rect(0, 0, 214, height, stroke=0, fill=1)
        pdf.setFillColor(Color(0, 0, 0))
    side = _Column(pdf, 36, 160, top)
    side.size = 9
    if not banner:
        side.text(person.name, font=_BOLD, size=16)
        side.text(person.headline, size=10)
        side.gap(8)
    for text, bold in _sidebar_lines(person):
        if not text:
            side.gap()
        else:
            side.text(text, font=_BOLD if bold else _FONT)
    main = _Column(pdf, 232, width - 36 - 232, top)
    main.heading(person.summary_heading)
    main.text(person.summary)
    _pdf_experience(main, person)
    pdf.save()
    return buffer.getvalue()


def pdf_one_column(person: Person) -> bytes:
    """A classic one-column page: centred name and contacts, rules under the headings,
    dates set flush right beside the role."""
    pdf, buffer = _canvas(person)
    width, height = letter
    pdf.setFont(_BOLD, 18)
    pdf.drawCentredString(width / 2, height - 50, person.name)
    pdf.setFont(_FONT, 11)
    pdf.drawCentredString(width / 2, height - 66, person.headline)
    pdf.setFont(_FONT, 9.5)
    pdf.drawCentredString(width / 2, height - 80, "  |  ".join(person.contacts))
    column = _Column(pdf, 54, width - 108, height - 104)
    column.heading(person.summary_heading)
    column.text(person.summary)
    _pdf_experience(column, person)
    column.heading("Education")
    for line in person.education:
        column.text(line)
    if person.certificates:
        column.heading("Certifications")
        for line in person.certificates:
            column.text(line)
    column.heading("Skills")
    column.text(", ".join(person.skills))
    pdf.save()
    return buffer.getvalue()


# --- Text ----------------------------------------------------------------------------------


def _text_lines(person: Person, bullet: str, *, width: int = 86) -> list[str]:
    """A resume as plain-text lines; text after a tab padded to end at `width`."""

    def pad(line: str) -> str:
        if "\t" not in line:
            return line
        left, right = line.split("\t")
        return left + " " * max(4, width - len(left) - len(right)) + right

    lines = [person.name, person.headline, " | ".join(person.contacts), ""]
    lines += [person.summary_heading.upper(), person.summary, ""]
    lines += [person.experience_heading.upper()]
    for role in person.roles:
        lines += [pad(line) for line in role_header_lines(person, role)]
        lines += [f"{bullet} {text}" for text in role.bullets]
        lines.append("")
    lines += ["EDUCATION", *person.education, ""]
    if person.certificates:
        lines += ["CERTIFICATIONS", *person.certificates, ""]
    lines += ["SKILLS", ", ".join(person.skills)]
    return lines


def txt_plain(person: Person) -> bytes:
    """An ordinary text resume; one written on Windows (CRLF), one saved with a BOM."""
    bullet = {"adeyemi": "-", "schultz": "*"}.get(person.key, person.bullet)
    text = "\n".join(_text_lines(person, bullet)) + "\n"
    if person.key == "adeyemi":
        return text.replace("\n", "\r\n").encode()
    if person.key == "raman":
        return text.encode("utf-8-sig")
    return text.encode()


def txt_flattened(person: Person) -> bytes:
    """The whole resume on one line, as text copied out of a PDF viewer gives it: the
    parts separated by runs of two or more spaces, bullets inline."""
    gaps = ("  ", "   ", "  ", "    ")
    parts = [part for part in _text_lines(person, person.bullet) if part]
    out = ""
    for i, part in enumerate(parts):
        out += (gaps[i % len(gaps)] if i else "") + re.sub(r" {4,}", "   ", part)
    return (out + "\n").encode()


OTHER_BUILDERS: dict[str, Callable[[Person], bytes]] = {
    "pdf_two_column": pdf_two_column,
    "pdf_one_column": pdf_one_column,
    "txt_flattened": txt_flattened,
    "txt_plain": txt_plain,
}


# --- LibreOffice export --------------------------------------------------------------------


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def export_pdfs(docx_files: list[Path], out_dir: Path) -> list[Path]:
    """Each DOCX exported to PDF by LibreOffice into out_dir, dates and ids fixed."""
    soffice = _soffice()
    if soffice is None:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                *map(str, docx_files),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        written = []
        for source in docx_files:
            pdf = Path(tmp, source.stem + ".pdf")
            if not pdf.exists():
                raise RuntimeError(f"LibreOffice did not export {source.name}")
            target = out_dir / pdf.name
            target.write_bytes(_fixed_pdf(pdf.read_bytes()))
            written.append(target)
    return written


def _fixed_pdf(content: bytes) -> bytes:
    """A LibreOffice PDF with its creation date, checksum and file id fixed (same byte
    lengths, so the cross-reference offsets stay right)."""

    def date(match: re.Match[bytes]) -> bytes:
        stamp = match.group(1)
        fixed = b"D:20240301090000"
        return b"/CreationDate(" + (fixed + stamp[len(fixed) :])[: len(stamp)] + b")"

    content = re.sub(rb"/CreationDate\(([^)]*)\)", date, content)
    content = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, content)
    return re.sub(rb"<[0-9A-F]{32}>", b"<" + b"0" * 32 + b">", content)


# --- Manifest ------------------------------------------------------------------------------


def _entry(file: str, fmt: str, shape: str, person: Person) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "file": file,
        "format": fmt,
        "shape": shape,
        "person": person.name,
        "roles": [
            {
                "position": role.position,
                "company": role.company,
                "dates": role.dates,
                "bullets": len(role.bullets),
                "bullet_texts": list(dict.fromkeys((role.bullets[0], role.bullets[-1]))),
            }
            for role in person.roles
        ],
    }
    if file in PARSER_GAPS:
        entry["parser_gap"] = PARSER_GAPS[file]
    return entry


def build(
    out_dir: Path = CORPUS, *, export: bool = True, log: Callable[[str], None] = print
) -> list[dict[str, Any]]:
    """Writes the corpus and its manifest into out_dir; returns the manifest's entries.
    With export=False (or without LibreOffice) the PDF exports already in out_dir are kept
    and listed, and missing ones are left out."""
    out_dir.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, Any]] = []
    docx_files: list[tuple[Path, str, Person]] = []
    for shape, keys in DOCX_SHAPES.items():
        for key in keys:
            person = BY_KEY[key]
            path = out_dir / f"{key}-{shape.removeprefix('docx_')}.docx"
            path.write_bytes(DOCX_BUILDERS[shape](person))
            entries.append(_entry(path.name, "DOCX", shape, person))
            docx_files.append((path, shape, person))
    for shape, keys in OTHER_SHAPES.items():
        for key in keys:
            person = BY_KEY[key]
            ext = shape.split("_", 1)[0]
            path = out_dir / f"{key}-{shape.split('_', 1)[1]}.{ext}"
            path.write_bytes(OTHER_BUILDERS[shape](person))
            entries.append(_entry(path.name, ext.upper(), shape, person))
    if export and _soffice() is None:
        log(
            "soffice (LibreOffice) is not on the PATH: the LibreOffice PDF exports were not "
            "rebuilt; the committed ones are kept. Install libreoffice-writer-nogui to "
            "rebuild them."
        )
    elif export:
        export_pdfs([path for path, _shape, _person in docx_files], out_dir)
    for path, shape, person in docx_files:
        pdf = path.with_suffix(".pdf")
        if pdf.exists():
            entries.append(_entry(pdf.name, "PDF", "pdf_lo_" + shape.removeprefix("docx_"), person))
        else:
            log(f"missing LibreOffice export {pdf.name}: left out of the manifest")
    entries.sort(key=lambda e: e["file"])
    manifest = {
        "about": "Resume files in the shapes real people send; see make_corpus.py. "
        "Generated: do not edit by hand.",
        "files": entries,
    }
    (out_dir / "expected.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    log(f"wrote {len(entries)} files and expected.json to {out_dir.name}/")
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=CORPUS, help="output folder")
    args = parser.parse_args(argv)
    build(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

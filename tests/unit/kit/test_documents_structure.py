"""kit.documents keeps a resume's structure: DOCX soft breaks, tabs, layout tables, text boxes,
headers and footers and list numbering; TXT column gaps and flattened one-line resumes; PDF
lines in reading order, two-column pages column by column.

Every fixture is built here, in code: python-docx (with hand-written XML where it has no API)
and reportlab.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from kit import documents
from kit.documents import ExtractedDocument, extract_text
from resumeai.v1 import common_pb2
from tests.resume_files.make_corpus import NS
from tests.work_counting import growth

TXT = common_pb2.DOCUMENT_FORMAT_TXT
DOCX = common_pb2.DOCUMENT_FORMAT_DOCX
PDF = common_pb2.DOCUMENT_FORMAT_PDF

CONTACT = "jane@example.com | +1 555 010 9999 | Boston, MA"


# --- builders ------------------------------------------------------------------------------


def _docx(build: Callable[[DocxDocument], None]) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_lines(build: Callable[[DocxDocument], None]) -> list[str]:
    return extract_text(_docx(build), DOCX).lines


def _paragraphs_xml(lines: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in lines)


def _text_box_run(lines: list[str]) -> object:
    """A run holding a floating text box as Word writes it: a DrawingML shape (mc:Choice) and
    the same text again as a VML shape for old readers (mc:Fallback)."""
    body = _paragraphs_xml(lines)
    return parse_xml(
        f"""<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="1828800" cy="914400"/><wp:wrapNone/><wp:docPr id="7" name="Text Box 7"/>
<a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx>
<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox>
</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""
    )


def _vml_text_box_run(lines: list[str]) -> object:
    """A text box as older Word versions write it: VML only."""
    body = _paragraphs_xml(lines)
    return parse_xml(
        f"<w:r {NS}><w:pict><v:shape><v:textbox><w:txbxContent>{body}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r>"
    )


def _pdf(draw: Callable[[canvas.Canvas], None]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    draw(pdf)
    pdf.save()
    return buffer.getvalue()


def _column(pdf: canvas.Canvas, x: float, top: float, step: float, lines: list[str]) -> None:
    y = top
    for line in lines:
        pdf.drawString(x, y, line)
        y -= step


def _flush_right_rows(
    pdf: canvas.Canvas, rows: list[tuple[str, str]], *, right: float, step: float
) -> None:
    """Each row's left text at the margin and its right text (if any) set flush right."""
    y = 720.0
    for left, beside in rows:
        pdf.drawString(72, y, left)
        if beside:
            pdf.drawRightString(right, y, beside)
        y -= step
    pdf.showPage()


def _growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """Work for an input of size 4n over work for size n: near 4 when linear, 16 when not."""
    return growth(make, n, (str(Path(documents.__file__).parent),))


# --- DOCX ----------------------------------------------------------------------------------


def test_docx_soft_breaks_are_lines_and_tabs_separate_fields() -> None:
    def build(d: DocxDocument) -> None:
        p = d.add_paragraph()
        run = p.add_run("Senior Engineer")
        run.add_tab()
        run.add_text("Jan 2020 - Present")
        run.add_break()
        run.add_text("Acme Corp")
        run.add_tab()
        run.add_tab()
        run.add_text("Boston, MA")
        run.add_break()
        run.add_text("Led the platform team")
        tabbed = d.add_paragraph()
        tabbed.add_run("\u2022")
        tabbed.add_run().add_tab()
        tabbed.add_run("Built CI pipelines")
        d.add_paragraph("\tIndented line")

    assert _docx_lines(build) == [
        "Senior Engineer | Jan 2020 - Present",
        "Acme Corp | Boston, MA",
        "Led the platform team",
        "• Built CI pipelines",  # a tab after a bullet glyph is a space, not a separator
        "Indented line",
    ]


def test_docx_layout_table_reads_column_by_column() -> None:
    def build(d: DocxDocument) -> None:
        d.add_paragraph("Jane Doe")
        layout = d.add_table(rows=1, cols=2)
        left, right = layout.cell(0, 0), layout.cell(0, 1)
        left.text = "Experience"
        left.add_paragraph("Senior Engineer, Acme")
        left.add_paragraph("Built Go services", style="List Bullet")
        right.text = "Skills"
        right.add_paragraph("Python, Go")
        right.add_paragraph("Education")
        right.add_paragraph("B.S. Computer Science")
        row = d.add_table(rows=1, cols=2)
        row.cell(0, 0).text = "Globex"
        row.cell(0, 1).text = "2017 - 2019"
        d.add_paragraph("References")

    assert _docx_lines(build) == [
        "Jane Doe",
        "Experience",
        "Senior Engineer, Acme",
        "• Built Go services",
        "Skills",
        "Python, Go",
        "Education",
        "B.S. Computer Science",
        "Globex | 2017 - 2019",  # a row of one-line cells stays one line
        "References",
    ]


def test_docx_text_boxes_are_read_once_in_body_order() -> None:
    def build(d: DocxDocument) -> None:
        d.add_paragraph("Jane Doe")
        anchor = d.add_paragraph("Summary")
        anchor._p.append(_text_box_run(["Certifications", "AWS Solutions Architect"]))
        old = d.add_paragraph()
        old._p.append(_vml_text_box_run(["Languages: English, French"]))
        d.add_paragraph("Experience")

    lines = _docx_lines(build)
    assert lines == [
        "Jane Doe",
        "Summary",
        "Certifications",
        "AWS Solutions Architect",
        "",
        "Languages: English, French",
        "Experience",
    ]
    assert lines.count("AWS Solutions Architect") == 1  # not again from the VML fallback


def test_docx_headers_and_footers_are_read_once_before_the_body() -> None:
    def build(d: DocxDocument) -> None:
        section = d.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = CONTACT
        section.header.paragraphs[0].text = CONTACT  # the same line on every later page
        section.header.add_paragraph("Jane Doe - Resume")
        section.footer.paragraphs[0].text = "linkedin.com/in/janedoe"
        d.add_paragraph("Jane Doe")
        d.add_paragraph("Experience")

    lines = _docx_lines(build)
    assert lines.count(CONTACT) == 1
    assert lines.count("linkedin.com/in/janedoe") == 1
    assert lines.index(CONTACT) < lines.index("Jane Doe") < lines.index("Experience")
    assert "Jane Doe - Resume" in lines


def test_docx_header_text_box_and_parser_find_the_contact_line() -> None:
    from tailor_worker.engine.resume_parser import parse_resume

    def build(d: DocxDocument) -> None:
        header = d.sections[0].header.paragraphs[0]
        header._p.append(_text_box_run(["Jane Doe", CONTACT]))
        d.add_paragraph("Experience")
        p = d.add_paragraph()
        run = p.add_run("Senior Engineer, Acme Corp")
        run.add_tab()
        run.add_text("Jan 2020 - Present")
        run.add_break()
        run.add_text("Built Go services for billing used by 40 teams")
        d.add_paragraph("Skills")
        d.add_paragraph("Python, Go, Kubernetes")

    lines = _docx_lines(build)
    assert lines.count(CONTACT) == 1
    resume = parse_resume(lines)
    assert resume.basics.email == "jane@example.com"
    assert resume.basics.name == "Jane Doe"
    assert [w.start_date for w in resume.work] == ["2020-01"]
    assert "Kubernetes" in resume.skills


def test_docx_numbered_and_bulleted_lists_get_their_labels() -> None:
    def build(d: DocxDocument) -> None:
        d.add_paragraph("Achievements")
        d.add_paragraph("Cut costs by 30%", style="List Number")
        d.add_paragraph("Led the platform team", style="List Number")
        d.add_paragraph("Shipped weekly", style="List Number")
        d.add_paragraph("Python", style="List Bullet")
        d.add_paragraph("• Already bulleted", style="List Bullet")
        d.add_paragraph("", style="List Bullet")
        cell = d.add_table(rows=1, cols=1).cell(0, 0)
        cell.text = "Tools"
        cell.add_paragraph("Terraform", style="List Bullet")

    assert _docx_lines(build) == [
        "Achievements",
        "1. Cut costs by 30%",
        "2. Led the platform team",
        "3. Shipped weekly",
        "• Python",
        "• Already bulleted",
        "",
        "Tools",
        "• Terraform",
    ]


def _lvl(ilvl: int, fmt: str, text: str) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


# A three-level list (I. / a) / a Symbol-font bullet) and a second list restarting it.
_LEVELS = _lvl(0, "upperRoman", "%1.") + _lvl(1, "lowerLetter", "%2)") + _lvl(2, "bullet", "\uf0b7")
_NUMBERING_XML = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="40">{_LEVELS}</w:abstractNum>
<w:num w:numId="40"><w:abstractNumId w:val="40"/></w:num>
<w:num w:numId="41"><w:abstractNumId w:val="40"/>
 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""


def test_docx_direct_numbering_levels_formats_and_restarts() -> None:
    def numbered(d: DocxDocument, text: str, num_id: int, ilvl: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().insert(
            0,
            parse_xml(
                f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
            ),
        )

    def build(d: DocxDocument) -> None:
        numbering = d.part.numbering_part.element
        for child in parse_xml(_NUMBERING_XML):
            numbering.append(child)
        numbered(d, "Platform", 40, 0)
        numbered(d, "Kubernetes", 40, 1)
        numbered(d, "Terraform", 40, 1)
        numbered(d, "Upgrades", 40, 2)
        numbered(d, "Data", 40, 0)
        numbered(d, "Kafka", 40, 1)
        numbered(d, "Restarted list", 41, 0)

    assert _docx_lines(build) == [
        "I. Platform",
        "a) Kubernetes",
        "b) Terraform",
        "• Upgrades",
        "II. Data",
        "a) Kafka",
        "I. Restarted list",
    ]


def test_docx_skips_deleted_text_field_codes_and_unfilled_placeholders() -> None:
    def build(d: DocxDocument) -> None:
        p = d.add_paragraph("Built ")
        p._p.append(
            parse_xml(
                f'<w:del {NS} w:id="1" w:author="x"><w:r>'
                "<w:delText>and broke </w:delText></w:r></w:del>"
            )
        )
        p._p.append(
            parse_xml(
                f'<w:ins {NS} w:id="2" w:author="x"><w:r><w:t>Go services</w:t></w:r></w:ins>'
            )
        )
        link = d.add_paragraph("See ")
        for xml in (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://x.test" </w:instrText>'
            "</w:r>",
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            "<w:r><w:t>github.com/jane</w:t></w:r>",
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            link._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {NS}>", 1)))
        d.element.body.insert(
            len(d.element.body) - 1,
            parse_xml(
                f"<w:sdt {NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
                "<w:p><w:r><w:t>Click here to enter a date.</w:t></w:r></w:p>"
                "</w:sdtContent></w:sdt>"
            ),
        )
        d.element.body.insert(
            len(d.element.body) - 1,
            parse_xml(
                f"<w:sdt {NS}><w:sdtPr/><w:sdtContent>"
                "<w:p><w:r><w:t>Filled content control</w:t></w:r></w:p>"
                "</w:sdtContent></w:sdt>"
            ),
        )

    assert _docx_lines(build) == [
        "Built Go services",
        "See github.com/jane",
        "Filled content control",
    ]


def _three_page_cv(entries: int) -> bytes:
    def build(d: DocxDocument) -> None:
        d.sections[0].header.paragraphs[0].text = CONTACT
        d.add_paragraph("Jane Doe")
        d.add_paragraph("Experience")
        for i in range(entries):
            p = d.add_paragraph()
            run = p.add_run(f"Engineer {i}, Company {i}")
            run.add_tab()
            run.add_text("Jan 2015 - Dec 2016")
            run.add_break()
            run.add_text("Remote")
            for j in range(4):
                d.add_paragraph(
                    f"Built service {i}.{j} in Go and Python for billing", style="List Bullet"
                )
            if i % 5 == 0:
                table = d.add_table(rows=1, cols=2)
                table.cell(0, 0).text = f"Project {i}"
                table.cell(0, 1).text = "2016"
        d.add_paragraph("Skills")
        d.add_paragraph("Python, Go, Kubernetes")

    return _docx(build)


def test_docx_extraction_is_linear() -> None:
    content = _three_page_cv(20)  # about three pages: 20 roles, 80 bullets
    started = time.monotonic()
    lines = extract_text(content, DOCX).lines
    assert time.monotonic() - started < 5  # a hang guard, not a speed target
    assert "Engineer 19, Company 19 | Jan 2015 - Dec 2016" in lines
    small, large = _three_page_cv(25), _three_page_cv(100)
    assert _growth(lambda n: lambda: extract_text(small if n == 1 else large, DOCX), 1) < 6


# --- TXT -----------------------------------------------------------------------------------


def test_txt_column_gaps_are_kept_as_separators() -> None:
    text = (
        "Jane  Doe\n"
        "jane@example.com          +1 555 010 9999\n"
        "Senior Engineer, Acme\t\t\tJan 2020 - Present\n"
        "•   Built Go services\n"
        "Python\tGo\n"
        "03/2021 - Present\tFPT Software\tSenior Business Analyst\n"
        "Cut the\tbuild time by half\n"
        "Mar 2021\t–\tPresent\t\tSenior ML Engineer\n"
    )
    assert extract_text(text.encode(), TXT).lines == [
        "Jane Doe",  # two spaces are a typo, not a gap
        "jane@example.com | +1 555 010 9999",
        "Senior Engineer, Acme | Jan 2020 - Present",
        "• Built Go services",
        "Python | Go",  # one tab is a gap too
        "03/2021 - Present | FPT Software | Senior Business Analyst",
        "Cut the build time by half",  # but not inside a sentence's lower-case words
        "Mar 2021 – Present | Senior ML Engineer",  # nor beside a dash
    ]


def test_txt_spaces_aligning_a_labels_colon_are_no_column_gap() -> None:
    text = (
        "1) Company       : Emirates Skyline Contracting LLC, Dubai, UAE\n"
        "Period          : Aug 2016 – Till Date\n"
        "Date of Birth   :   18-04-1985          Nationality : Indian\n"
        "Position:        Lecturer\n"
    )
    assert extract_text(text.encode(), TXT).lines == [
        "1) Company : Emirates Skyline Contracting LLC, Dubai, UAE",
        "Period : Aug 2016 – Till Date",
        "Date of Birth : 18-04-1985 | Nationality : Indian",
        "Position: Lecturer",  # a label's colon, then its value
    ]


FLAT = (
    "Jane Doe jane@example.com +1 555 010 9999 Summary Backend engineer with eight years "
    "building payment systems. Experience Senior Engineer, Acme Corp Jan 2020 - Present "
    "• Built Go services for billing • Ran Kubernetes clusters for 30 teams "
    "EDUCATION B.S. Computer Science, State University 2016 "
    "Skills: Python, Go, Kubernetes, Terraform"
)


def test_txt_flattened_resume_is_split_at_inline_headings_and_bullets() -> None:
    lines = extract_text(FLAT.encode(), TXT).lines
    assert lines == [
        "Jane Doe jane@example.com +1 555 010 9999",
        "Summary",
        "Backend engineer with eight years building payment systems.",
        "Experience",
        "Senior Engineer, Acme Corp Jan 2020 - Present",
        "• Built Go services for billing",
        "• Ran Kubernetes clusters for 30 teams",
        "EDUCATION",
        "B.S. Computer Science, State University 2016",
        "Skills",
        "Python, Go, Kubernetes, Terraform",
    ]
    assert " ".join(lines).split() == FLAT.replace("Skills:", "Skills").split()  # nothing lost


def test_txt_flattened_resume_is_split_at_runs_of_spaces() -> None:
    items = [
        "Jane Doe",
        "Experience",
        "Senior Engineer, Acme Corp, Jan 2020 - Present",
        "Built Go services for billing and payments at scale",
        "Education",
        "B.S. Computer Science, State University, 2016",
        "Skills",
        "Python, Go, Terraform",
    ]
    lines = extract_text("    ".join(items).encode(), TXT).lines
    assert lines == items


def test_txt_flattened_resume_parses_into_sections() -> None:
    from tailor_worker.engine.resume_parser import parse_resume

    resume = parse_resume(extract_text(FLAT.encode(), TXT).lines)
    assert resume.basics.email == "jane@example.com"
    assert [w.start_date for w in resume.work] == ["2020-01"]
    assert any(
        "State University" in line for e in resume.education for line in [e.institution, e.area]
    )
    assert "Terraform" in resume.skills


def test_txt_prose_and_short_lines_are_not_segmented() -> None:
    prose = "Led the Experience Design team. " * 3  # short: headings inside are left alone
    assert extract_text(prose.encode(), TXT).lines == [prose.strip()]


@pytest.mark.parametrize("blank", [" ", "\t", "\u00a0", "\u2003", "\n \u2003"])
def test_txt_segmentation_is_linear_in_long_blank_runs(blank: str) -> None:
    def make(n: int) -> Callable[[], object]:
        text = ("Experience" + blank * n + "• Built" + blank * n + "Skills Python ") * 3
        return lambda: extract_text(text.encode(), TXT)

    assert _growth(make, 5_000) < 6
    started = time.monotonic()
    make(200_000)()
    assert time.monotonic() - started < 5  # a hang guard, not a speed target


# --- PDF -----------------------------------------------------------------------------------


SINGLE = [
    "Jane Doe",
    "jane@example.com | +1 555 010 9999",
    "Experience",
    "Senior Engineer, Acme Corp",
    "- Built Go services for billing used by forty teams",
    "- Ran Kubernetes clusters",
    "Education",
    "B.S. Computer Science, State University",
]
LEFT = [
    "Experience",
    "Senior Engineer, Acme",
    "Jan 2020 - Present",
    "- Built Go services",
    "- Ran Kubernetes clusters",
    "Software Engineer, Globex",
    "2017 - 2019",
    "- Wrote ETL jobs in Python",
]
RIGHT = [
    "Skills",
    "Python, Go",
    "Kubernetes, Terraform",
    "Education",
    "B.S. Computer Science",
    "State University",
    "Languages",
    "English, French",
]
HEADER = "Jane Doe jane@example.com +1 555 010 9999 Boston, MA github.com/jane"


def _non_blank(document: ExtractedDocument) -> list[str]:
    return [line for line in document.lines if line]


def test_single_column_pdf_lines_in_reading_order() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _column(pdf, 72, 720, 16, SINGLE)
        pdf.drawRightString(540, 720 - 3 * 16, "Jan 2020 - Present")
        pdf.showPage()

    document = extract_text(_pdf(draw), PDF)
    assert document.warnings == []
    expected = list(SINGLE)
    expected[3] += " | Jan 2020 - Present"  # right-aligned dates stay on their row, apart
    assert _non_blank(document) == expected


def test_the_same_place_set_flush_right_beside_every_employer_is_no_column() -> None:
    """Six employers, each with "San Francisco, CA" against the right margin, and their
    titles with dates there too: the places start at one x, which had read as a second
    column and sent every place and date to the page's end."""
    rows = []
    for employer, title, dated in [
        ("Ledgerline", "Chief Technology Officer", "Jan 2019 - Feb 2021"),
        ("Stripe", "Engineering Manager", "Jun 2015 - Dec 2018"),
        ("Twitter", "Senior Software Engineer", "Aug 2011 - May 2015"),
        ("Oracle", "Software Engineer", "Jul 2008 - Jul 2011"),
        ("Sun Microsystems", "Associate Engineer", "Jun 2006 - Jun 2008"),
        ("Intuit", "Engineering Intern", "Jun 2005 - Aug 2005"),
    ]:
        rows += [(employer, "San Francisco, CA"), (title, dated)]
        rows += [("- Led the platform team", ""), ("- Cut cloud spend by a third", "")]

    document = extract_text(_pdf(lambda pdf: _flush_right_rows(pdf, rows, right=558, step=16)), PDF)
    assert document.warnings == []
    assert _non_blank(document) == [f"{left} | {right}" if right else left for left, right in rows]


def test_letter_spaced_pdf_rows_are_closed_up_into_words() -> None:
    """A name and headings set letter by letter with wide spacing ("E X P E R I E N C E"):
    each letter is its own word to pdfplumber; a gap well over the letters' is a word space."""

    def spaced(pdf: canvas.Canvas, y: float, words: list[str], size: float) -> None:
        pdf.setFont("Helvetica-Bold", size)
        x = 72.0
        for word in words:
            for glyph in word:
                pdf.drawString(x, y, glyph)
                x += pdf.stringWidth(glyph, "Helvetica-Bold", size) + size * 0.5
            x += size * 1.5

    def draw(pdf: canvas.Canvas) -> None:
        spaced(pdf, 740, ["SOFIA", "MARCHETTI"], 20)
        spaced(pdf, 700, ["EXPERIENCE"], 11)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, 684, "Site Reliability Engineer | Jan 2022 - Present")
        pdf.drawString(72, 670, "A B C")  # three letters alone are no letter-spaced word
        pdf.showPage()

    assert _non_blank(extract_text(_pdf(draw), PDF)) == [
        "SOFIA MARCHETTI",
        "EXPERIENCE",
        "Site Reliability Engineer | Jan 2022 - Present",
        "A B C",
    ]


@pytest.mark.parametrize(("left_step", "right_step"), [(16, 16), (13, 15)])
def test_two_column_pdf_reads_left_column_then_right_column(
    left_step: float, right_step: float
) -> None:
    """Columns whose rows align and columns with their own line spacing, under a full-width
    name and contact line."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(72, 750, HEADER)
        pdf.setFont("Helvetica", 10)
        _column(pdf, 72, 716, left_step, LEFT)
        _column(pdf, 330, 712, right_step, RIGHT)
        pdf.showPage()

    document = extract_text(_pdf(draw), PDF)
    assert _non_blank(document) == [HEADER, *LEFT, *RIGHT]
    assert len(document.warnings) == 1
    assert "multi-column layout (page 1)" in document.warnings[0]


def test_only_two_column_pages_are_reported() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _column(pdf, 72, 720, 16, SINGLE)
        pdf.showPage()
        _column(pdf, 72, 720, 16, LEFT)
        _column(pdf, 330, 720, 16, RIGHT)
        pdf.showPage()

    document = extract_text(_pdf(draw), PDF)
    assert _non_blank(document) == [*SINGLE, *LEFT, *RIGHT]
    assert "(page 2)" in document.warnings[0]


def test_hanging_layout_is_not_read_as_two_columns() -> None:
    """Headings and dates in the left margin, content indented: one column, read by rows."""
    rows: list[tuple[str, str]] = []
    for section in ("EXPERIENCE", "PROJECTS", "EDUCATION"):
        rows.append((section, ""))
        for entry in range(3):
            rows.append((f"201{entry} - 201{entry + 1}", f"Engineer {entry}, Company {entry}"))
            rows.extend(("", f"- Built service {entry}.{b} in Go") for b in range(3))

    def draw(pdf: canvas.Canvas) -> None:
        y = 740.0
        for margin, content in rows:
            if margin:
                pdf.drawString(72, y, margin)
            if content:
                pdf.drawString(200, y, content)
            y -= 15
        pdf.showPage()

    document = extract_text(_pdf(draw), PDF)
    assert document.warnings == []
    assert _non_blank(document) == [" ".join(p for p in row if p) for row in rows]


def test_overprinted_bold_text_is_read_once_and_unmapped_bullets_are_bullets() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        for dx in (0, 0.3):  # a "bold" effect: the same text drawn twice, slightly shifted
            pdf.drawString(72 + dx, 720, "Jane Doe")
        pdf.drawString(72, 700, "\u2022 Built Go services")  # Helvetica has no mapped bullet
        pdf.drawString(72, 680, "Experience with payment systems")
        pdf.showPage()

    lines = _non_blank(extract_text(_pdf(draw), PDF))
    assert lines == ["Jane Doe", "• Built Go services", "Experience with payment systems"]


def test_a_markdown_resume_loses_its_markup_and_keeps_its_lines() -> None:
    text = "\n".join(
        [
            "# Jane Doe",
            "[GitHub](https://github.com/jdoe) | jane@example.com",
            "## Experience",
            "### Senior Backend Engineer — Stripe (2019–2023)",
            "- Built `gRPC` services in *Go* for snake_case_tables",
            "**Data Scientist**, *Instacart* — San Francisco, CA",
            "---",
        ]
    )
    lines = extract_text(text.encode(), common_pb2.DOCUMENT_FORMAT_TXT).lines
    assert lines == [
        "Jane Doe",
        "GitHub (https://github.com/jdoe) | jane@example.com",
        "Experience",
        "Senior Backend Engineer — Stripe (2019–2023)",
        "- Built gRPC services in Go for snake_case_tables",
        "Data Scientist, Instacart — San Francisco, CA",
    ]


def test_a_plain_resume_keeps_its_asterisks() -> None:
    text = "Jane Doe\n* Wrote C* and A*B search\n* a **bold** claim"
    lines = extract_text(text.encode(), common_pb2.DOCUMENT_FORMAT_TXT).lines
    assert lines == ["Jane Doe", "* Wrote C* and A*B search", "* a **bold** claim"]


def test_text_set_flush_right_is_apart_from_the_text_before_it() -> None:
    """Jake's Resume and similar templates: the employer's city and the title's dates set
    flush right on the same baseline, read as their own fields (" | "), not glued to the
    employer's or the title's last word."""

    rows = [
        ("Cedar Analytics Inc.", "Dallas, TX"),
        ("Software Engineer II", "Mar. 2021 – Present"),
        ("•   Built the billing pipeline in Go, two words apart", ""),
    ]

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica", 10)
        _flush_right_rows(pdf, rows, right=540, step=14)

    lines = _non_blank(extract_text(_pdf(draw), PDF))
    assert lines == [
        "Cedar Analytics Inc. | Dallas, TX",
        "Software Engineer II | Mar. 2021 – Present",
        "• Built the billing pipeline in Go, two words apart",
    ]


def test_a_dot_leader_is_a_column_gap() -> None:
    text = "\n".join(
        [
            "Senior Operations Analyst, Northwind Distribution Co. .......... Jan 2023 – present",
            "B.S. Industrial Engineering, Oregon State University ........ 2016",
            "Wrote the docs... and shipped them.",
        ]
    )
    lines = extract_text(text.encode(), common_pb2.DOCUMENT_FORMAT_TXT).lines
    assert lines == [
        "Senior Operations Analyst, Northwind Distribution Co. | Jan 2023 – present",
        "B.S. Industrial Engineering, Oregon State University | 2016",
        "Wrote the docs... and shipped them.",
    ]


@pytest.mark.parametrize("footer", ["Marcus Webb - Resume | Page {} of 2", "- {} -"])
def test_a_running_header_and_footer_are_read_once_not_between_bullets(footer: str) -> None:
    header = "MARCUS WEBB | marcus.webb@example.com | +1 512 555 0114"

    def draw(pdf: canvas.Canvas) -> None:
        for number, body in enumerate(
            [
                ["Senior DevOps Engineer | Apr 2019 - Jan 2022", "- Migrated 300 services"],
                ["- Introduced canary deploys", "EDUCATION", "B.S. Computer Science"],
            ],
            start=1,
        ):
            pdf.drawString(72, 750, header)
            _column(pdf, 72, 700, 16, body)
            pdf.drawString(72, 40, footer.format(number))
            pdf.showPage()

    assert _non_blank(extract_text(_pdf(draw), PDF)) == [
        header,
        "Senior DevOps Engineer | Apr 2019 - Jan 2022",
        "- Migrated 300 services",
        "- Introduced canary deploys",
        "EDUCATION",
        "B.S. Computer Science",
    ]

"""ATS-safety details: real list numbering, scrubbed package parts, no orphaned headings,
nothing of the resume dropped by the model."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from pypdf import PdfReader

from export_worker.render import build_tailored_resume, render_docx, render_pdf
from export_worker.render.blocks import BulletList, Entry, Section
from export_worker.render.sample import sample_result
from export_worker.render.templates import ACADEMIC_CV, FEDERAL, ONE_PAGE, Template
from resumeai.v1 import result_pb2
from tests.unit.render.resumes import RESUMES


def _section(doc_sections: tuple[Section, ...], heading: str) -> Section:
    return next(s for s in doc_sections if s.heading == heading)


def _zip(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def test_docx_package_names_no_tool_and_has_no_thumbnail() -> None:
    content = render_docx(build_tailored_resume(sample_result(), FEDERAL))
    with _zip(content) as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("_rels/.rels").decode()
    assert "Microsoft" not in app and "Application" not in app and "Template" not in app
    assert not [n for n in names if "thumbnail" in n]
    assert "thumbnail" not in rels and "image/jpeg" not in types
    # Still a document Word's reader (python-docx) opens.
    assert (
        docx.Document(io.BytesIO(content)).paragraphs[0].text == sample_result().resume.basics.name
    )


def test_docx_bullets_use_a_real_bullet_numbering_definition() -> None:
    content = render_docx(build_tailored_resume(sample_result(), ONE_PAGE))
    with _zip(content) as archive:
        styles = archive.read("word/styles.xml").decode()
        numbering = archive.read("word/numbering.xml").decode()
        body = archive.read("word/document.xml").decode()
    style = re.search(r'<w:style [^>]*w:styleId="ListBullet".*?</w:style>', styles, re.S)
    assert style is not None
    num_id = re.search(r'<w:numId w:val="(\d+)"/>', style.group(0))
    assert num_id is not None, "List Bullet style carries no numbering"
    num = re.search(
        rf'<w:num w:numId="{num_id.group(1)}"><w:abstractNumId w:val="(\d+)"/>', numbering
    )
    assert num is not None
    abstract = re.search(
        rf'<w:abstractNum w:abstractNumId="{num.group(1)}".*?</w:abstractNum>', numbering, re.S
    )
    assert abstract is not None and '<w:numFmt w:val="bullet"/>' in abstract.group(0)
    assert body.count('<w:pStyle w:val="ListBullet"/>') >= 15
    # One column, no tables, drawings or text boxes.
    for forbidden in ("<w:tbl>", "<w:drawing", "<w:txbxContent", "<w:pict"):
        assert forbidden not in body, forbidden
    assert not re.search(r'<w:cols [^>]*w:num="([2-9]|\d\d)"', body)


def test_docx_headline_and_headings_styles() -> None:
    paragraphs = docx.Document(
        io.BytesIO(render_docx(build_tailored_resume(sample_result(), ACADEMIC_CV)))
    ).paragraphs
    by_style = {(p.style.name if p.style else ""): p.text for p in paragraphs}
    assert by_style["Subtitle"] == "Senior Platform Engineer"
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings[:3] == ["Summary", "Education", "Experience"]


@pytest.mark.parametrize("template", [ONE_PAGE, FEDERAL, ACADEMIC_CV], ids=lambda t: t.key)
@pytest.mark.parametrize("resume", ["two-page", "many-roles"])
def test_no_page_ends_with_a_heading_or_role_title(template: Template, resume: str) -> None:
    doc = build_tailored_resume(RESUMES[resume](), template)
    pages = PdfReader(io.BytesIO(render_pdf(doc))).pages
    assert len(pages) > 1
    starts = {s.heading for s in doc.sections} | {
        b.title for s in doc.sections for b in s.blocks if isinstance(b, Entry)
    }
    for number, page in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
        last = lines[-1]
        assert not any(last.startswith(start) for start in starts), f"page {number} ends alone"


def test_tailored_bullets_keep_their_place_and_one_page_fills_to_the_cap() -> None:
    result = sample_result()
    one_page = _section(build_tailored_resume(result, ONE_PAGE).sections, "Experience")
    federal = _section(build_tailored_resume(result, FEDERAL).sections, "Experience")
    first_one_page, first_federal = one_page.blocks[0], federal.blocks[0]
    assert isinstance(first_one_page, Entry) and isinstance(first_federal, Entry)
    tailored = [b.text for b in result.bullets if b.work_id == "W1"]
    # Four tailored bullets fill one-page's cap; federal keeps W1.5, which none cites.
    assert list(first_one_page.bullets) == tailored
    assert list(first_federal.bullets) == [*tailored, result.resume.work[0].highlights[4].text]


def test_bullet_citing_a_later_line_stands_in_its_place() -> None:
    result = sample_result()
    del result.bullets[:]
    result.bullets.add(id="B1", text="Rewritten third line", evidence_ids=["W3.3"], work_id="W3")
    entry = _section(build_tailored_resume(result, FEDERAL).sections, "Experience").blocks[2]
    assert isinstance(entry, Entry)
    original = [h.text for h in result.resume.work[2].highlights]
    assert entry.bullets == (original[0], original[1], "Rewritten third line")


def test_other_sections_are_kept_as_additional_information() -> None:
    result = result_pb2.TailoringResult()
    result.resume.basics.name = "Sam Example"
    for index in range(1, 7):
        result.resume.evidence.add(id=f"O1.{index}", section="other", text=f"Award {index}")
    result.resume.evidence.add(id="O2.1", section="other", text="Languages: Polish")
    result.resume.evidence.add(id="W1.1", section="work", text="not other")
    federal = _section(build_tailored_resume(result, FEDERAL).sections, "Additional Information")
    assert federal.blocks == (
        BulletList((*(f"Award {i}" for i in range(1, 7)), "Languages: Polish")),
    )
    # One-page caps each original heading's lines, but keeps every heading's first lines.
    one_page = _section(build_tailored_resume(result, ONE_PAGE).sections, "Additional Information")
    assert one_page.blocks == (
        BulletList((*(f"Award {i}" for i in range(1, 5)), "Languages: Polish")),
    )


def test_entry_header_lines_are_not_repeated_as_bullets() -> None:
    result = result_pb2.TailoringResult()
    entry = result.resume.education.add(
        id="E1", institution="Oregon State University", area="Computer Science", study_type="B.S."
    )
    entry.end_date = "2017"
    entry.lines.add(id="E1.1", text="B.S. Computer Science, Oregon State University, 2017")
    entry.lines.add(id="E1.2", text="B.S. Computer Science, Oregon State University, 2013-2017")
    entry.lines.add(id="E1.3", text="GPA 3.8")
    cert = result.resume.certificates.add(id="C1", name="CKA (2022)")
    cert.lines.add(id="C1.1", text="CKA 2022")
    cert.lines.add(id="C1.2", text="CKA 2022, renewed 2025")
    doc = build_tailored_resume(result, FEDERAL)
    (education,) = _section(doc.sections, "Education").blocks
    (certificate,) = _section(doc.sections, "Certifications").blocks
    assert isinstance(education, Entry) and isinstance(certificate, Entry)
    # Only lines with a word of their own stay (the 2013 start year, the GPA, the renewal).
    assert education.bullets == (
        "B.S. Computer Science, Oregon State University, 2013-2017",
        "GPA 3.8",
    )
    assert certificate.bullets == ("CKA 2022, renewed 2025",)


def test_the_degree_line_prints_the_field_and_a_minor_stated_alone() -> None:
    result = result_pb2.TailoringResult()
    result.resume.education.add(
        id="E1", institution="ABC University", study_type="B.S.", area="Economics, minor in Spanish"
    )
    result.resume.education.add(
        id="E2", institution="XYZ College", study_type="B.A.", area="minor in Music"
    )
    doc = build_tailored_resume(result, FEDERAL)
    titles = [block.title for block in _section(doc.sections, "Education").blocks]
    assert len(titles) == 2
    assert titles[0].startswith("B.S. in Economics, minor in Spanish")
    assert titles[1].startswith("B.A., minor in Music")

"""kit.documents: extraction of TXT, DOCX and PDF, and refusal of hostile or broken files."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from kit.documents import DocumentError, extract_text
from resumeai.v1 import common_pb2

TXT = common_pb2.DOCUMENT_FORMAT_TXT
DOCX = common_pb2.DOCUMENT_FORMAT_DOCX
PDF = common_pb2.DOCUMENT_FORMAT_PDF
SECRET = "Zanzibar-7731"  # must never show up in an error message


def _docx(build: object = None) -> bytes:
    document = docx.Document()
    if callable(build):
        build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(pages: list[list[str]], *, encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, encrypt=encrypt)
    for lines in pages:
        y = 720
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 16
        if not lines:
            pdf.rect(100, 100, 200, 200, fill=1)  # a drawing, no text
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_txt_utf8_with_bom_and_whitespace_cleanup() -> None:
    raw = "\ufeffJane  Doe\r\n\r\n\r\n\u2022 Built\tthings\u00a0fast\r\n".encode()
    doc = extract_text(raw, TXT)
    assert doc.lines == ["Jane Doe", "", "\u2022 Built things fast"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "no text"),
        ("Café ".encode("latin-1") + SECRET.encode(), "UTF-8"),
        (SECRET.encode() + b"\x00\x01", "NUL"),
    ],
)
def test_txt_refusals(content: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as err:
        extract_text(content, TXT)
    assert SECRET not in str(err.value)


def test_docx_paragraphs_lists_and_tables_in_body_order() -> None:
    def build(d: docx.document.Document) -> None:
        d.add_paragraph("Jane Doe")
        d.add_paragraph("Experience")
        d.add_paragraph("Built Kubernetes operators", style="List Bullet")
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Acme Corp"
        table.cell(0, 1).text = "2019 - 2021"
        d.add_paragraph("Education")

    lines = extract_text(_docx(build), DOCX).lines
    assert lines == [
        "Jane Doe", "Experience", "• Built Kubernetes operators", "Acme Corp | 2019 - 2021",
        "Education",
    ]


def test_docx_without_text_is_refused() -> None:
    with pytest.raises(DocumentError, match="no text"):
        extract_text(_docx(), DOCX)


def test_docx_zip_bomb_is_refused_before_opening() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < 200_000  # small on the wire, huge when opened
    with pytest.raises(DocumentError, match="unreasonable size"):
        extract_text(content, DOCX)


def test_docx_with_too_many_members_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(600):
            archive.writestr(f"word/media/{i}.xml", "x")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(DocumentError, match="too many parts"):
        extract_text(buffer.getvalue(), DOCX)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (SECRET.encode() * 10, "not a DOCX"),
        (b"PK\x03\x04" + SECRET.encode() * 10, "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "encrypted or is a legacy"),
    ],
)
def test_docx_wrong_or_broken_input(content: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as err:
        extract_text(content, DOCX)
    assert SECRET not in str(err.value)


def test_pdf_text_is_extracted() -> None:
    content = _pdf([["Jane Doe", "Experience", "Built Kubernetes operators in Go"], ["Skills"]])
    lines = extract_text(content, PDF).lines
    assert "Built Kubernetes operators in Go" in lines
    assert lines.index("Jane Doe") < lines.index("Skills")


def test_image_only_pdf_is_refused() -> None:
    with pytest.raises(DocumentError, match="no extractable text"):
        extract_text(_pdf([[]]), PDF)


def test_pdf_page_limit() -> None:
    with pytest.raises(DocumentError, match="more than 50 pages"):
        extract_text(_pdf([["page"]] * 51), PDF)


def test_encrypted_pdf_is_refused() -> None:
    content = _pdf([[SECRET]], encrypt="owner-secret")
    with pytest.raises(DocumentError, match="encrypted"):
        extract_text(content, PDF)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (SECRET.encode() * 5, "not a PDF"),
        (b"%PDF-1.7\n" + SECRET.encode() + b"\n%%EOF", "damaged|no extractable"),
    ],
)
def test_pdf_wrong_or_broken_input(content: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as err:
        extract_text(content, PDF)
    assert SECRET not in str(err.value)


def test_pdf_declared_as_docx_is_refused() -> None:
    with pytest.raises(DocumentError, match="not a DOCX"):
        extract_text(_pdf([["Jane Doe"]]), DOCX)


def test_unspecified_format_is_refused() -> None:
    with pytest.raises(DocumentError, match="unsupported"):
        extract_text(b"hello", common_pb2.DOCUMENT_FORMAT_UNSPECIFIED)


LEFT_COLUMN = [
    "Jane Doe", "Experience", "Senior Engineer, Acme", "Jan 2020 - Present",
    "- Built Go services for billing", "- Ran Kubernetes clusters for 30 teams",
    "Software Engineer, Globex", "2017 - 2019", "- Wrote ETL jobs in Python",
]
RIGHT_COLUMN = [
    "Skills", "Python, Go, Kubernetes", "Docker, Terraform", "", "Education",
    "B.S. Computer Science", "State University, 2016", "", "Certifications",
]


def _two_column_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    y = 720
    for left, right in zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True):
        pdf.drawString(72, y, left)
        pdf.drawString(360, y, right)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_two_column_pdf_is_reported_and_read_column_by_column() -> None:
    document = extract_text(_two_column_pdf(), PDF)
    assert len(document.warnings) == 1
    assert "multi-column layout (page 1)" in document.warnings[0]
    lines = [line for line in document.lines if line]
    # Each column in order, not rows across the gutter.
    assert lines == LEFT_COLUMN + [r for r in RIGHT_COLUMN if r]


def test_two_column_pdf_parses_into_the_right_sections() -> None:
    from tailor_worker.engine.resume_parser import parse_resume

    resume = parse_resume(extract_text(_two_column_pdf(), PDF).lines)
    assert [w.company for w in resume.work] == ["Acme", "Globex"]
    assert [w.start_date for w in resume.work] == ["2020-01", "2017"]
    assert "Terraform" in resume.skills


def test_single_column_pdf_with_right_aligned_dates_is_not_multi_column() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    y = 720
    for i in range(30):
        pdf.drawString(72, y, f"Line {i} of an ordinary single column resume")
        if i % 5 == 0:
            pdf.drawRightString(540, y, "Jan 2020 - Present" if i % 10 else "2017 - 2019")
        y -= 16
    pdf.showPage()
    pdf.save()
    assert extract_text(buffer.getvalue(), PDF).warnings == []

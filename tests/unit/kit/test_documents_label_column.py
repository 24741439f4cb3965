"""PDF: a layout table's narrow label column (dates beside the role, as a Word table exported
to PDF shows it) is read with its wrapped labels whole, before the content of their row;
short labels beside values, bullets and right-aligned dates stay row by row.

Fixtures are drawn here with reportlab, the way LibreOffice lays out a two-column table:
cell text at the column's left edge, a label cell wrapped at its width.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from kit import documents
from kit.documents import extract_text
from kit.documents.pdf_text import page_reading_order
from resumeai.v1 import common_pb2
from tests.work_counting import growth

PDF = common_pb2.DOCUMENT_FORMAT_PDF
LABEL_X, CONTENT_X, STEP = 54.0, 169.0, 13.0  # a 1.6 inch date column, 10 pt text


def _pdf(draw: Callable[[canvas.Canvas], None]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setFont("Helvetica", 10)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _rows(pdf: canvas.Canvas, rows: list[tuple[str, str]], top: float = 700) -> None:
    """(label, content) pairs, one text row each, top to bottom."""
    y = top
    for label, content in rows:
        if label:
            pdf.drawString(LABEL_X, y, label)
        if content:
            pdf.drawString(CONTENT_X, y, content)
        y -= STEP


def _lines(rows: list[tuple[str, str]]) -> list[str]:
    return [line for line in extract_text(_pdf(lambda pdf: _rows(pdf, rows)), PDF).lines if line]


DATE_TABLE = [
    ("", "TEACHING EXPERIENCE"),
    ("August 2018 to present", "Mathematics Teacher"),
    ("", "Northfield Regional High School, Burlington, VT"),
    ("", "- Teach Algebra II and AP Calculus to five classes"),
    ("September 2015 to", "Mathematics Teacher"),  # the date cell wraps at "June"
    ("June 2018", "Green Hollow Middle School, Montpelier, VT"),
    ("", "- Taught Grade 7 and Grade 8 mathematics"),
    ("January 2015 to May", "Student Teacher"),
    ("2015", "Cedar Ridge Elementary, Montpelier, VT"),
    ("", "- Planned and delivered daily lessons"),
]


def test_wrapped_date_label_is_read_whole_before_its_role() -> None:
    assert _lines(DATE_TABLE) == [
        "TEACHING EXPERIENCE",
        "August 2018 to present Mathematics Teacher",
        "Northfield Regional High School, Burlington, VT",
        "- Teach Algebra II and AP Calculus to five classes",
        "September 2015 to June 2018 Mathematics Teacher",
        "Green Hollow Middle School, Montpelier, VT",
        "- Taught Grade 7 and Grade 8 mathematics",
        "January 2015 to May 2015 Student Teacher",
        "Cedar Ridge Elementary, Montpelier, VT",
        "- Planned and delivered daily lessons",
    ]


def test_label_wrapped_beside_a_one_line_cell_is_joined() -> None:
    rows = [("September 2015 to", "Mathematics Teacher, Green Hollow"), ("June 2018", "")]
    assert _lines(rows) == ["September 2015 to June 2018 Mathematics Teacher, Green Hollow"]


def test_short_labels_beside_values_stay_row_by_row() -> None:
    rows = [
        ("Languages:", "Python, Go, SQL"),
        ("Tools:", "Docker, Kubernetes"),
        ("2019 - 2021", "Engineer, Acme"),
        ("2017 - 2019", "Developer, Globex"),
    ]
    assert _lines(rows) == [" ".join(row) for row in rows]


def test_bullets_and_right_aligned_dates_are_not_labels() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        y = 700.0
        for text in ("Built billing services in Go", "Ran Kubernetes clusters"):
            pdf.drawString(CONTENT_X, y, "•")  # the glyph, a tab, the text
            pdf.drawString(CONTENT_X + 18, y, text)
            y -= STEP
        pdf.drawString(LABEL_X, y, "Senior Engineer, Acme Corp")
        pdf.drawRightString(558, y, "Jan 2020 - Present")
        pdf.drawString(LABEL_X, y - STEP, "Boston, MA")

    lines = [line for line in extract_text(_pdf(draw), PDF).lines if line]
    assert lines == [
        "• Built billing services in Go",
        "• Ran Kubernetes clusters",
        "Senior Engineer, Acme Corp | Jan 2020 - Present",  # a tab stop's gap, marked
        "Boston, MA",
    ]


def test_a_label_is_not_joined_across_a_blank_gap_or_a_shifted_start() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _rows(pdf, [("September 2015 to", "Mathematics Teacher")], top=700)
        _rows(pdf, [("June 2018", "Green Hollow Middle School")], top=700 - 3 * STEP)
        _rows(pdf, [("January 2015 to", "Student Teacher")], top=600)
        pdf.drawString(LABEL_X + 20, 600 - STEP, "May 2015")  # not where the label starts

    lines = [line for line in extract_text(_pdf(draw), PDF).lines if line]
    assert lines == [
        "September 2015 to Mathematics Teacher",
        "June 2018 Green Hollow Middle School",
        "January 2015 to Student Teacher",
        "May 2015",
    ]


def _word(text: str, x0: float, top: float) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 10}


def test_label_column_reading_is_linear() -> None:
    def page(n: int) -> Callable[[], object]:
        words = []
        for i in range(n):
            top = i * 26.0
            words += [_word("September", LABEL_X, top), _word("2015", 112, top)]
            words += [_word("Teacher", CONTENT_X, top), _word("June", LABEL_X, top + 13)]
            words += [_word("School", CONTENT_X, top + 13)]
        return lambda: page_reading_order(words, float(letter[0]))

    lines, columns = page(3)()
    assert not columns
    assert lines[:2] == ["September 2015 June Teacher", "School"]
    assert growth(page, 200, (str(Path(documents.__file__).parent),)) < 6

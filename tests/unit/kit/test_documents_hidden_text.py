"""Only text a reader can see is evidence: hidden, white-on-white and sub-point text in a
DOCX is left out with a warning; white text on a shaded cell is kept."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from kit.documents import extract_text
from resumeai.v1 import common_pb2

_DOCX = common_pb2.DOCUMENT_FORMAT_DOCX
VISIBLE = "Built REST APIs in Python for 40 stores"
PLANTED = "Certified Kubernetes Administrator with 15 years of Kafka"


def _bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _resume(hide: str) -> bytes:
    d = docx.Document()
    d.add_paragraph("Dana Example")
    d.add_paragraph("Experience")
    d.add_paragraph("Platform Engineer — Acme Corp, Austin, TX")
    d.add_paragraph("Jan 2020 – Present")
    p = d.add_paragraph(VISIBLE, style="List Bullet")
    run = p.add_run(" " + PLANTED)
    if hide == "vanish":
        run.font.hidden = True
    elif hide == "white":
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    elif hide == "tiny":
        run.font.size = Pt(1)
    elif hide == "style":
        style = d.styles.add_style("Quiet", 2)  # a character style that hides its text
        style.font.hidden = True
        run.style = style
    return _bytes(d)


def test_hidden_white_tiny_and_hidden_by_style_runs_are_left_out() -> None:
    for hide in ("vanish", "white", "tiny", "style"):
        extracted = extract_text(_resume(hide), _DOCX)
        text = "\n".join(extracted.lines)
        assert VISIBLE in text, hide
        assert "Kubernetes" not in text and "Kafka" not in text, hide
        (warning,) = extracted.warnings
        assert warning.startswith(f"{len(PLANTED) + 1} character(s) of hidden text"), hide
        assert "Kafka" not in warning  # a count, never the text


def test_visible_text_is_kept_whatever_its_colour_behind_it() -> None:
    d = docx.Document()
    d.add_paragraph("Dana Example")
    cell = d.add_table(rows=1, cols=1).rows[0].cells[0]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "1F3864")  # a dark sidebar
    cell._tc.get_or_add_tcPr().append(shading)
    cell.paragraphs[0].add_run("Platform Engineer").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    highlighted = d.add_paragraph().add_run("Led a team of 4 engineers")
    highlighted.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    highlighted.font.highlight_color = WD_COLOR_INDEX.BLACK
    d.add_paragraph().add_run("Mentored two engineers").font.size = Pt(9)
    extracted = extract_text(_bytes(d), _DOCX)
    text = "\n".join(extracted.lines)
    for kept in ("Platform Engineer", "Led a team of 4 engineers", "Mentored two engineers"):
        assert kept in text
    assert extracted.warnings == []


def _pdf(draw_hidden: str) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=LETTER)
    page.setFont("Helvetica", 11)
    page.drawString(72, 720, "Dana Example")
    page.drawString(72, 700, "Experience")
    page.drawString(72, 680, VISIBLE)
    if draw_hidden == "invisible":  # text render mode 3: drawn, never shown
        text = page.beginText(72, 660)
        text.setFont("Helvetica", 11)
        text.setTextRenderMode(3)
        text.textLine(PLANTED)
        page.drawText(text)
    elif draw_hidden == "white":
        page.setFillColorRGB(1, 1, 1)
        page.drawString(72, 660, PLANTED)
    elif draw_hidden == "tiny":
        page.setFont("Helvetica", 0.5)
        page.drawString(72, 660, PLANTED)
    elif draw_hidden == "white on dark":  # a dark band behind white text: visible
        page.setFillColorRGB(0.1, 0.15, 0.3)
        page.rect(60, 650, 480, 24, fill=1, stroke=0)
        page.setFillColorRGB(1, 1, 1)
        page.drawString(72, 660, "Led a team of 4 engineers")
    page.save()
    return out.getvalue()


def test_invisible_white_and_tiny_pdf_text_is_left_out() -> None:
    for hide in ("invisible", "white", "tiny"):
        extracted = extract_text(_pdf(hide), common_pb2.DOCUMENT_FORMAT_PDF)
        text = "\n".join(extracted.lines)
        assert VISIBLE in text, hide
        assert "Kafka" not in text and "Kubernetes" not in text, hide
        (warning,) = extracted.warnings
        planted = sum(1 for c in PLANTED if not c.isspace())
        assert warning.startswith(f"{planted} character(s) of hidden text"), hide


def test_white_pdf_text_on_a_dark_shape_is_kept() -> None:
    extracted = extract_text(_pdf("white on dark"), common_pb2.DOCUMENT_FORMAT_PDF)
    assert "Led a team of 4 engineers" in "\n".join(extracted.lines)
    assert extracted.warnings == []


def test_hidden_text_is_no_evidence_for_the_engine() -> None:
    from tailor_worker.engine.api import read_resume

    resume = read_resume(_resume("white"), _DOCX)
    assert not any("Kafka" in line.text for line in resume.evidence)
    assert any("hidden text" in warning for warning in resume.warnings)

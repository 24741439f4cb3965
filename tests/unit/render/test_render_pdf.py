"""PDF output, read back with pypdf."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from export_worker.render import (
    build_report,
    build_tailored_resume,
    expected_lines,
    render_pdf,
    verify_roundtrip,
)
from export_worker.render.blocks import Document
from export_worker.render.pdf_fonts import BOLD, REGULAR, register_fonts
from export_worker.render.roundtrip import normalise
from resumeai.v1 import common_pb2
from tests.unit.render.sample_result import (
    ALL_TEMPLATES,
    EMAIL,
    NAME,
    SPECIAL,
    build_result,
    pdf_text,
)

FEDERAL = common_pb2.RESUME_TEMPLATE_FEDERAL
ONE_PAGE = common_pb2.RESUME_TEMPLATE_ONE_PAGE


def _reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def _docs() -> list[tuple[str, Document]]:
    result = build_result()
    docs = [(f"resume-{t}", build_tailored_resume(result, t)) for t in ALL_TEMPLATES]
    return [*docs, ("report", build_report(result))]


@pytest.mark.parametrize(("label", "doc"), _docs(), ids=[label for label, _ in _docs()])
def test_every_line_in_order(label: str, doc: Document) -> None:
    content = render_pdf(doc)
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    verify_roundtrip(doc, text)
    # Independent of roundtrip.py: whitespace-collapsed lines appear in order.
    flat = " ".join(text.split())
    cursor = 0
    for line in expected_lines(doc):
        found = flat.find(" ".join(line.split()), cursor)
        assert found >= 0, line
        cursor = found + 1


def test_accented_name_survives() -> None:
    doc = build_tailored_resume(build_result(), ONE_PAGE)
    text = pdf_text(render_pdf(doc))
    assert NAME in text
    assert "Kraków" in text


def test_font_has_glyphs_for_latin1_and_latin_extended_a() -> None:
    # Text extraction reads ToUnicode, so a missing glyph (a box on paper) would still
    # extract correctly: check the font's own character map instead.
    register_fonts()
    for font_name in (REGULAR, BOLD):
        face: Any = pdfmetrics.getFont(font_name).face
        wanted = {*NAME, *map(chr, range(0x20, 0x7F)), *map(chr, range(0xA0, 0x180))}
        missing = sorted(c for c in wanted if ord(c) not in face.charToGlyph)
        assert missing == [], (font_name, missing)


def test_fonts_are_embedded_truetype() -> None:
    content = render_pdf(build_tailored_resume(build_result(), ONE_PAGE))
    fonts: dict[str, Any] = {}
    for page in _reader(content).pages:
        resources: Any = page["/Resources"].get_object()
        for ref in resources["/Font"].get_object().values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert "DejaVuSans" in name


def test_long_bullet_is_not_truncated() -> None:
    words = [f"word{i:03d}" for i in range(80)]
    long_bullet = " ".join(words)
    assert len(long_bullet) >= 600
    doc = build_tailored_resume(build_result(extra_bullets=(long_bullet,)), ONE_PAGE)
    text = pdf_text(render_pdf(doc))
    tokens = set(text.split())
    assert [w for w in words if w not in tokens] == []
    verify_roundtrip(doc, text)


def test_unbroken_token_longer_than_a_line_is_kept() -> None:
    token = "x" * 400 + "END"
    doc = build_tailored_resume(build_result(extra_bullets=(token,)), ONE_PAGE)
    text = pdf_text(render_pdf(doc))
    assert normalise(token) in normalise(text)


def test_many_roles_paginate() -> None:
    result = build_result(roles=20, highlights_per_role=6)
    doc = build_tailored_resume(result, FEDERAL)
    content = render_pdf(doc)
    reader = _reader(content)
    assert len(reader.pages) > 1
    text = pdf_text(content)
    verify_roundtrip(doc, text)
    assert "Original highlight 20.6 about systems" in " ".join(text.split())


def test_bullet_longer_than_a_page_splits_across_pages() -> None:
    huge = " ".join(f"chunk{i}" for i in range(2500))
    doc = build_tailored_resume(build_result(extra_bullets=(huge,)), FEDERAL)
    content = render_pdf(doc)
    assert len(_reader(content).pages) > 2
    verify_roundtrip(doc, pdf_text(content))


def test_markup_characters_render_as_text() -> None:
    result = build_result()
    result.resume.basics.summary = "Knows <b>HTML</b> & <a href='x'>links</a> &amp; entities"
    doc = build_tailored_resume(result, ONE_PAGE)
    flat = " ".join(pdf_text(render_pdf(doc)).split())
    assert SPECIAL in flat
    assert "Knows <b>HTML</b> & <a href='x'>links</a> &amp; entities" in flat


def test_links_for_email_and_urls() -> None:
    content = render_pdf(build_tailored_resume(build_result(), ONE_PAGE))
    uris = set()
    for page in _reader(content).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    assert uris == {
        f"mailto:{EMAIL}",
        "https://github.com/zoe-ln",
        "https://linkedin.com/in/zoe-ln",
    }


def test_metadata_is_generic() -> None:
    content = render_pdf(build_tailored_resume(build_result(), FEDERAL))
    info = _reader(content).metadata
    assert info is not None
    assert info.title == "Resume"
    assert not info.author
    assert not info.subject
    assert not info.creator
    for value in info.values():
        assert "Łukasiewicz" not in str(value)
        assert "zoe" not in str(value).lower()


def test_report_pdf() -> None:
    content = render_pdf(build_report(build_result()))
    text = pdf_text(content)
    assert "Tailoring Report" in text
    assert NAME not in text
    assert _reader(content).metadata.title == "Tailoring Report"  # type: ignore[union-attr]


def test_same_document_renders_identical_bytes() -> None:
    doc = build_tailored_resume(build_result(), ONE_PAGE)
    assert render_pdf(doc) == render_pdf(doc)

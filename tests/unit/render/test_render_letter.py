"""The cover letter as DOCX and PDF: the engine's paragraphs, laid out, read back in order."""

from __future__ import annotations

import pytest

from export_worker.render import NoCoverLetterError, build_document, render, verify_roundtrip
from export_worker.render.blocks import Paragraph
from resumeai.v1 import common_pb2, result_pb2
from tests.unit.render.sample_result import EMAIL, NAME, build_result, docx_text, pdf_text

_LETTER = common_pb2.ARTIFACT_KIND_COVER_LETTER


def _with_letter() -> result_pb2.TailoringResult:
    result = build_result()
    result.job.title = "Platform Engineer"
    result.cover_letter.CopyFrom(
        result_pb2.CoverLetter(
            salutation="Dear Contoso hiring team,",
            paragraphs=[
                result_pb2.LetterParagraph(text="I am applying for the Platform Engineer role."),
                result_pb2.LetterParagraph(
                    text="At Company1 GmbH, I ran Kubernetes clusters for 40 services.",
                    evidence_ids=["W1.1"],
                ),
            ],
            closing="Sincerely,",
            signature=NAME,
        )
    )
    return result


@pytest.mark.parametrize("fmt", [common_pb2.EXPORT_FORMAT_DOCX, common_pb2.EXPORT_FORMAT_PDF])
def test_the_cover_letter_renders_and_reads_back(fmt: common_pb2.ExportFormat.ValueType) -> None:
    result = _with_letter()
    doc = build_document(result, _LETTER, common_pb2.RESUME_TEMPLATE_UNSPECIFIED)
    (section,) = doc.sections
    assert section.heading == "Application: Platform Engineer"
    assert section.blocks[0] == Paragraph("Dear Contoso hiring team,")
    assert section.blocks[-2:] == (Paragraph("Sincerely,"), Paragraph(NAME))
    rendered = render(result, _LETTER, fmt)
    assert rendered.filename.startswith("cover-letter.")
    text = (docx_text if fmt == common_pb2.EXPORT_FORMAT_DOCX else pdf_text)(rendered.content)
    assert EMAIL in text  # the contact line heads the letter
    verify_roundtrip(doc, text)


def test_a_result_without_a_letter_says_how_to_get_one() -> None:
    with pytest.raises(NoCoverLetterError, match="tailor the resume again"):
        build_document(build_result(), _LETTER, common_pb2.RESUME_TEMPLATE_UNSPECIFIED)

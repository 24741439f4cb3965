"""Builds the cover letter as a Document from TailoringResult.cover_letter (the engine wrote
every sentence from evidenced facts; this only lays it out)."""

from __future__ import annotations

from export_worker.render.blocks import Block, Document, DocumentMeta, Paragraph, Section, one_line
from export_worker.render.document_model import contact_line
from export_worker.render.templates import LETTER_LAYOUT
from resumeai.v1 import result_pb2

LETTER_TITLE = "Cover Letter"  # file metadata: generic, the name is personal data


class NoCoverLetterError(ValueError):
    """The result holds no cover letter (tailored before engine 1.3)."""


def build_cover_letter(result: result_pb2.TailoringResult) -> Document:
    letter = result.cover_letter
    if not letter.paragraphs:
        raise NoCoverLetterError(
            "this run has no cover letter: it was tailored before cover letters existed; "
            "tailor the resume again to get one"
        )
    blocks: list[Block] = [Paragraph(one_line(letter.salutation) or "Dear Hiring Manager,")]
    blocks += [Paragraph(one_line(p.text)) for p in letter.paragraphs if one_line(p.text)]
    blocks += [
        Paragraph(text) for text in (one_line(letter.closing), one_line(letter.signature)) if text
    ]
    role = one_line(result.job.title)
    return Document(
        meta=DocumentMeta(title=LETTER_TITLE, layout=LETTER_LAYOUT),
        heading=one_line(result.resume.basics.name) or LETTER_TITLE,
        contact=contact_line(result.resume.basics),
        sections=(Section(f"Application: {role}" if role else LETTER_TITLE, tuple(blocks)),),
    )

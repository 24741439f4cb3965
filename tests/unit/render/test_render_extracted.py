"""Every template, both formats, several resumes, read back with the shared extractor the
worker uses (kit.documents.extract_text): every bullet and heading present, in order, whole."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from export_worker.consumer import render_checked
from export_worker.render import (
    RoundTripError,
    build_report,
    build_tailored_resume,
    expected_lines,
    render_docx,
    render_pdf,
    verify_roundtrip,
)
from export_worker.render.blocks import BulletList, Document, Entry
from export_worker.render.roundtrip import normalise
from kit.documents import extract_text
from resumeai.storage.v1 import records_pb2, storage_pb2
from resumeai.v1 import common_pb2
from tests.unit.render.resumes import (
    ACCENTED_BULLETS,
    ACCENTED_NAME,
    LONG_BULLETS,
    RESUMES,
    TEMPLATES,
)

FORMATS = {
    "pdf": (render_pdf, common_pb2.DOCUMENT_FORMAT_PDF),
    "docx": (render_docx, common_pb2.DOCUMENT_FORMAT_DOCX),
}
CASES = [(resume, template, fmt) for resume in RESUMES for template in TEMPLATES for fmt in FORMATS]


def _extract(doc: Document, fmt: str) -> str:
    render, doc_format = FORMATS[fmt]
    return "\n".join(extract_text(render(doc), doc_format).lines)


def _bullets(doc: Document) -> list[str]:
    out: list[str] = []
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Entry):
                out.extend(block.bullets)
            elif isinstance(block, BulletList):
                out.extend(block.items)
    return out


def _assert_in_order(needles: list[str], text: str) -> None:
    """Independent of roundtrip.py's bookkeeping: whole lines, in order, compared after the
    same normalisation (line breaks and hyphens from wrapping do not count)."""
    haystack, cursor = normalise(text), 0
    for index, needle in enumerate(needles):
        found = haystack.find(normalise(needle), cursor)
        assert found >= 0, f"line {index + 1} of {len(needles)} missing or out of order"
        cursor = found + len(normalise(needle))


@pytest.mark.parametrize(("resume", "template", "fmt"), CASES)
def test_every_bullet_and_heading_reads_back_in_order(resume: str, template: str, fmt: str) -> None:
    result = RESUMES[resume]()
    doc = build_tailored_resume(result, TEMPLATES[template])
    text = _extract(doc, fmt)
    verify_roundtrip(doc, text)
    bullets = _bullets(doc)
    assert bullets, "a resume without bullets proves nothing"
    _assert_in_order([section.heading for section in doc.sections], text)
    _assert_in_order(bullets, text)
    # Straight from the result, not the model: every tailored bullet is in the file.
    for bullet in result.bullets:
        assert normalise(bullet.text) in normalise(text), f"bullet {bullet.id} missing"


@pytest.mark.parametrize("resume", list(RESUMES))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_report_reads_back(resume: str, fmt: str) -> None:
    doc = build_report(RESUMES[resume]())
    verify_roundtrip(doc, _extract(doc, fmt))


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("template", list(TEMPLATES))
def test_accented_text_survives_exactly(template: str, fmt: str) -> None:
    doc = build_tailored_resume(RESUMES["accented"](), TEMPLATES[template])
    text = _extract(doc, fmt)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # Exact characters, not the folded comparison: a lost diacritic must fail here.
    assert ACCENTED_NAME in lines
    flat = " ".join(text.split())
    for bullet in ACCENTED_BULLETS:
        assert normalise(bullet) in normalise(text)
        assert all(word in flat for word in ("Łodzi", "Škoda", "Tőzsde", "Ørsted", "Žilina"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_long_bullets_are_not_truncated(fmt: str) -> None:
    doc = build_tailored_resume(RESUMES["long-bullets"](), TEMPLATES["one-page"])
    text = normalise(_extract(doc, fmt))
    for bullet in LONG_BULLETS:
        assert normalise(bullet) in text
    assert "longword089" in text and "supercalifragilisticexpialidocious" in text


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_check_fails_when_the_file_lacks_a_bullet(fmt: str) -> None:
    """The same extractor and check must reject a file missing one bullet."""
    result = RESUMES["sample"]()
    rendered = build_tailored_resume(result, TEMPLATES["federal"])
    result.bullets.add(id="B99", text="A bullet the file does not have", work_id="W2")
    expected = build_tailored_resume(result, TEMPLATES["federal"])
    with pytest.raises(RoundTripError):
        verify_roundtrip(expected, _extract(rendered, fmt))


@pytest.mark.parametrize("template", ["federal", "academic-cv"])
def test_full_detail_templates_lose_nothing_of_the_resume(template: str) -> None:
    """Every resume line is in the document, unless a tailored bullet shown there cites it."""
    for name, build in RESUMES.items():
        result = build()
        doc = build_tailored_resume(result, TEMPLATES[template])
        shown = normalise("\n".join(expected_lines(doc)))
        cited = {e for b in result.bullets for e in b.evidence_ids}
        resume = result.resume
        lines = [
            *(line for work in resume.work for line in work.highlights),
            *(line for entry in resume.education for line in entry.lines),
            *(line for entry in resume.certificates for line in entry.lines),
            *(line for entry in resume.projects for line in entry.lines),
            *(line for line in resume.evidence if line.section == "other"),
        ]
        for line in lines:
            assert line.id in cited or normalise(line.text) in shown, (name, line.id)
        for skill in resume.skills:
            assert normalise(skill) in shown, (name, skill)
        titles = [c.name for c in resume.certificates] + [p.name for p in resume.projects]
        for title in titles:
            assert normalise(title) in shown, (name, title)


def test_one_page_sample_fits_one_page() -> None:
    doc = build_tailored_resume(RESUMES["sample"](), TEMPLATES["one-page"])
    assert len(PdfReader(BytesIO(render_pdf(doc))).pages) == 1


@pytest.mark.parametrize("fmt", [common_pb2.EXPORT_FORMAT_PDF, common_pb2.EXPORT_FORMAT_DOCX])
@pytest.mark.parametrize(
    "kind", [common_pb2.ARTIFACT_KIND_TAILORED_RESUME, common_pb2.ARTIFACT_KIND_TAILORING_REPORT]
)
@pytest.mark.parametrize("template", list(TEMPLATES.values()))
def test_worker_render_path_passes_its_own_check(
    template: common_pb2.ResumeTemplate.ValueType,
    kind: common_pb2.ArtifactKind.ValueType,
    fmt: common_pb2.ExportFormat.ValueType,
) -> None:
    inputs = storage_pb2.ExportInputs(
        artifact=records_pb2.ArtifactRecord(kind=kind, template=template, format=fmt),
        result=RESUMES["accented"](),
    )
    rendered = render_checked(inputs)
    assert rendered.content


def test_a_renderer_crash_fails_the_artifact_instead_of_retrying(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import export_worker.consumer as consumer

    def explode(*_args: object) -> None:
        raise RuntimeError("layout could not place Zoë's very long line")

    monkeypatch.setattr(consumer, "render_document", explode)
    inputs = storage_pb2.ExportInputs(
        artifact=records_pb2.ArtifactRecord(format=common_pb2.EXPORT_FORMAT_PDF),
        result=RESUMES["accented"](),
    )
    with pytest.raises(consumer.ExportFailed) as failed:
        render_checked(inputs)
    assert str(failed.value) == "rendering failed (RuntimeError)"  # no content quoted

"""The one-page template fits one page, keeping each role's most relevant lines."""

from __future__ import annotations

import io

from pypdf import PdfReader

from export_worker.render import build_document, build_tailored_resume, pdf_pages, render
from export_worker.render.blocks import BulletList, Document, DocumentMeta, Entry, Section
from export_worker.render.fit import fit
from export_worker.render.templates import FEDERAL, ONE_PAGE
from resumeai.v1 import common_pb2, result_pb2
from tests.unit.render.sample_result import build_result, docx_text

_RESUME = common_pb2.ARTIFACT_KIND_TAILORED_RESUME
_LONG = " while cutting costs and improving reliability across many teams in three regions"


def _long_result(roles: int = 12) -> result_pb2.TailoringResult:
    result = build_result(roles=roles, highlights_per_role=6)
    for work in result.resume.work:
        for line in work.highlights:
            line.text += _LONG
    return result


def _pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def test_a_long_resume_fits_one_page_and_keeps_every_role() -> None:
    result = _long_result()
    assert pdf_pages(build_tailored_resume(result, ONE_PAGE)) > 1  # too long before fitting
    pdf = render(result, _RESUME, common_pb2.EXPORT_FORMAT_PDF, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    assert _pages(pdf.content) == 1
    doc = build_document(result, _RESUME, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    roles = [b for s in doc.sections if s.heading == "Experience" for b in s.blocks]
    assert len(roles) == 12 and all(isinstance(r, Entry) for r in roles)
    # The newest role keeps its first (most relevant) line; a role loses lines from its end.
    first = roles[0]
    assert (
        isinstance(first, Entry) and first.bullets[0] == "Ran Kubernetes clusters for 40 services"
    )
    # The DOCX draws the same cut document.
    docx = render(
        result, _RESUME, common_pb2.EXPORT_FORMAT_DOCX, common_pb2.RESUME_TEMPLATE_ONE_PAGE
    )
    text = docx_text(docx.content)
    assert "Original highlight 12.3 about systems" not in text
    assert "Engineer Level 12" in text


def test_a_resume_that_fits_is_not_cut_and_other_templates_never_are() -> None:
    short = build_result()
    doc = build_document(short, _RESUME, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    assert doc == build_tailored_resume(short, ONE_PAGE)
    result = _long_result(roles=6)
    pdf = render(result, _RESUME, common_pb2.EXPORT_FORMAT_PDF, common_pb2.RESUME_TEMPLATE_FEDERAL)
    assert _pages(pdf.content) == pdf_pages(build_tailored_resume(result, FEDERAL)) > 1


def _lines(d: Document) -> int:
    return sum(
        len(getattr(b, "bullets", ())) + len(getattr(b, "items", ()))
        for s in d.sections
        for b in s.blocks
    )


def test_cuts_take_the_least_relevant_first() -> None:
    """Fitting one page cuts additional information, then a last line of each role in
    turn, the oldest role first, and never a header."""
    roles = tuple(
        Entry(title=f"Role {n}", bullets=tuple(f"r{n} line {k}" for k in (1, 2, 3, 4)))
        for n in (1, 2)
    )
    doc = Document(
        meta=DocumentMeta(title="Resume", layout=ONE_PAGE.layout),
        heading="Name",
        contact=None,
        sections=(
            Section("Experience", roles),
            Section("Additional Information", (BulletList(("award", "language")),)),
        ),
    )
    six_a_page = fit(doc, 1, lambda d: -(-_lines(d) // 6), ONE_PAGE.headings)
    assert six_a_page.pages == 1 and six_a_page.cuts == 4
    (experience,) = six_a_page.document.sections  # additional information went first
    assert [b.bullets for b in experience.blocks if isinstance(b, Entry)] == [
        ("r1 line 1", "r1 line 2", "r1 line 3"),
        ("r2 line 1", "r2 line 2", "r2 line 3"),
    ]
    five_a_page = fit(doc, 1, lambda d: -(-_lines(d) // 5), ONE_PAGE.headings)
    (experience,) = five_a_page.document.sections
    assert [len(b.bullets) for b in experience.blocks if isinstance(b, Entry)] == [3, 2]
    assert [b.title for b in experience.blocks if isinstance(b, Entry)] == ["Role 1", "Role 2"]

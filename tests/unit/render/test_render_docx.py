"""DOCX output, read back with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE

from export_worker.render import (
    build_report,
    build_tailored_resume,
    expected_lines,
    render_docx,
    verify_roundtrip,
)
from export_worker.render.blocks import Document
from resumeai.v1 import common_pb2
from tests.unit.render.sample_result import (
    ALL_TEMPLATES,
    EMAIL,
    NAME,
    SPECIAL,
    build_result,
    docx_text,
)


def _docs() -> list[tuple[str, Document]]:
    result = build_result()
    docs = [(f"resume-{t}", build_tailored_resume(result, t)) for t in ALL_TEMPLATES]
    return [*docs, ("report", build_report(result))]


@pytest.mark.parametrize(("label", "doc"), _docs(), ids=[label for label, _ in _docs()])
def test_every_line_in_order(label: str, doc: Document) -> None:
    content = render_docx(doc)
    verify_roundtrip(doc, docx_text(content))
    # Stricter than the round-trip check: each expected line sits whole inside one paragraph
    # (a title and its inlined details share one), in order.
    paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    index, offset = 0, 0
    for line in expected_lines(doc):
        while (found := paragraphs[index].find(line, offset)) < 0:
            index, offset = index + 1, 0
        offset = found + len(line)


def test_real_heading_and_list_styles() -> None:
    doc = build_tailored_resume(build_result(), common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    paragraphs = docx.Document(io.BytesIO(render_docx(doc))).paragraphs
    styles = {p.text: p.style.name if p.style else "" for p in paragraphs}
    assert styles[NAME] == "Title"
    for heading in ("Summary", "Experience", "Education", "Skills", "Certifications"):
        assert styles[heading] == "Heading 1"
    assert styles["Ran Kubernetes clusters for 40 services"] == "List Bullet"
    assert styles["Original highlight 3.1 about systems"] == "List Bullet"
    assert styles[SPECIAL] == "List Bullet"


def test_hyperlinks_for_email_and_urls() -> None:
    doc = build_tailored_resume(build_result(), common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    out = docx.Document(io.BytesIO(render_docx(doc)))
    targets = {
        rel.target_ref
        for rel in out.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK
    }
    assert targets == {
        f"mailto:{EMAIL}",
        "https://github.com/zoe-ln",
        "https://linkedin.com/in/zoe-ln",
    }
    assert out.paragraphs[1].text == "Platform Engineer"  # the headline under the name
    contact = out.paragraphs[2]
    assert [link.text for link in contact.hyperlinks] == [
        EMAIL,
        "https://github.com/zoe-ln",
        "linkedin.com/in/zoe-ln",
    ]


def test_core_properties_and_parts_carry_no_personal_data() -> None:
    doc = build_tailored_resume(build_result(), common_pb2.RESUME_TEMPLATE_FEDERAL)
    content = render_docx(doc)
    props = docx.Document(io.BytesIO(content)).core_properties
    assert props.author == ""
    assert props.last_modified_by == ""
    assert props.title == "Resume"
    assert props.comments == ""
    assert props.created is None
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        for name in names:
            if name.startswith("docProps/") and name.endswith(".xml"):
                xml = archive.read(name).decode()
                for secret in (NAME, "Łukasiewicz", "zoe", "python-docx"):
                    assert secret not in xml, (name, secret)
    # Nothing in headers or footers: the template has no such parts and we add none.
    assert not [n for n in names if "header" in n or "footer" in n]


def test_special_characters_survive() -> None:
    result = build_result()
    result.resume.basics.summary = 'Says "A < B && C > D" & means it'
    doc = build_tailored_resume(result, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    text = docx_text(render_docx(doc))
    assert SPECIAL in text
    assert 'Says "A < B && C > D" & means it' in text


def test_report_docx_has_no_name() -> None:
    text = docx_text(render_docx(build_report(build_result())))
    assert "Tailoring Report" in text
    assert NAME not in text

"""The round-trip check itself: it must catch missing and reordered lines, and only those."""

from __future__ import annotations

import pytest

from export_worker.render import (
    RoundTripError,
    build_tailored_resume,
    expected_lines,
    verify_roundtrip,
)
from export_worker.render.blocks import (
    BulletList,
    Document,
    DocumentMeta,
    Entry,
    Paragraph,
    Section,
)
from export_worker.render.templates import ONE_PAGE
from resumeai.v1 import common_pb2
from tests.unit.render.sample_result import NAME, build_result

DOC = Document(
    meta=DocumentMeta(title="Resume", layout=ONE_PAGE.layout),
    heading=NAME,
    contact=None,
    sections=(
        Section("Summary", (Paragraph("Builds reliable platforms."),)),
        Section(
            "Experience",
            (
                Entry(
                    "Engineer — Acme",
                    subtitle="Berlin",
                    dates="2020 – 2024",
                    bullets=("Ran state-of-the-art clusters for forty teams", "Cut costs"),
                ),
            ),
        ),
        Section("Skills", (BulletList(("Python", "Go")),)),
    ),
)


def test_expected_lines_in_reading_order() -> None:
    assert expected_lines(DOC) == [
        NAME,
        "Summary",
        "Builds reliable platforms.",
        "Experience",
        "Engineer — Acme",
        "Berlin | 2020 – 2024",
        "Ran state-of-the-art clusters for forty teams",
        "Cut costs",
        "Skills",
        "Python",
        "Go",
    ]


def test_accepts_wrapped_and_hyphen_split_text() -> None:
    extracted = (
        "Zoë Łukasiewicz-\nNúñez\nSummary\nBuilds  reliable\nplatforms.\nExperience\n"
        "Engineer — Acme\nBerlin | 2020 – 2024\n• Ran state-of-\nthe-art clus-\nters for\n"
        "forty teams\n• Cut costs\nSkills\n• Python\n• Go\n"
    )
    verify_roundtrip(DOC, extracted)


def test_missing_bullet_is_reported_without_its_text() -> None:
    full = "\n".join(expected_lines(DOC))
    with pytest.raises(RoundTripError) as caught:
        verify_roundtrip(DOC, full.replace("Cut costs", ""))
    assert caught.value.index == 7
    assert not caught.value.out_of_order
    assert "Cut" not in str(caught.value)
    assert "missing" in str(caught.value)


def test_reordered_lines_are_reported() -> None:
    lines = expected_lines(DOC)
    lines[9], lines[10] = lines[10], lines[9]  # Go before Python
    with pytest.raises(RoundTripError) as caught:
        verify_roundtrip(DOC, "\n".join(lines))
    assert caught.value.out_of_order
    assert caught.value.index == 10


def test_missing_heading_is_reported() -> None:
    text = "\n".join(line for line in expected_lines(DOC) if line != "Skills")
    with pytest.raises(RoundTripError):
        verify_roundtrip(DOC, text)


def test_truncated_bullet_is_reported() -> None:
    text = "\n".join(expected_lines(DOC)).replace("forty teams", "forty")
    with pytest.raises(RoundTripError):
        verify_roundtrip(DOC, text)


def test_empty_text_fails_for_a_real_resume() -> None:
    doc = build_tailored_resume(build_result(), common_pb2.RESUME_TEMPLATE_ONE_PAGE)
    with pytest.raises(RoundTripError):
        verify_roundtrip(doc, "")

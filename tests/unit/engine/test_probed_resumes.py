"""Resumes in the shapes real people send, invented by the eighteenth to twenty-first
sessions' probes (Jake's Resume and moderncv PDFs, Canva and Google Docs exports, Markdown,
Europass, LinkedIn exports and "Save to PDF", sidebars, tab-separated text, letter-spaced
headings, promotions under one employer's tenure, contractors' agencies and clients,
volunteer and student-activity sections, academic appointments, post-nominal letters, and
Australian, South African, Nigerian, Filipino, Dutch, French, German, Irish, Italian,
Korean, Vietnamese, Malaysian, Gulf, Singapore, Kenyan, Japanese, Brazilian, Canadian, New
Zealand, Indian fresher and Naukri, physician, banker, contractor, nurse, teacher, caregiver,
driver and executive CVs; a pilot, a physiotherapist, a Harvard-style and a Word table per
role, bdjobs, Ethiopian, Brazilian, Swiss and Japanese CVs): each file's extracted lines and
what a reader finds in it (probed_resumes.json; the names, employers and contacts are made
up). Each is read with every
role's title and employer, both years and its bullet count, the name, and every school and
degree, as the probe that found it misread wanted; the parser reads each right since that
session, and a change that breaks one fails here."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from resumeai.v1 import result_pb2
from tailor_worker.engine.api import read_resume_lines

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).with_name("probed_resumes.json")).read_text(encoding="utf-8")
)["resumes"]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _same(expected: str | list[str], got: str) -> bool:
    """Equal but for case, accents and punctuation, or once bracketed parts are dropped
    ("DBS Bank Ltd" for "DBS Bank Ltd (Singapore)"); a list holds the readings a reader
    would accept."""
    if isinstance(expected, list):
        return any(_same(one, got) for one in expected)
    unbracketed = re.compile(r"\([^)]*\)")
    return _norm(expected) == _norm(got) or _norm(unbracketed.sub("", expected)) == _norm(
        unbracketed.sub("", got)
    )


def _year(value: str) -> str:
    return "present" if value == "present" else value[:4]


def _role_problems(expected: dict[str, Any], got: result_pb2.WorkEntry) -> list[str]:
    problems = []
    for field, value in (("position", got.position), ("company", got.company)):
        if not _same(expected.get(field) or "", value):
            problems.append(f"{field} {expected[field]!r} read as {value!r}")
    for field, value in (("start", got.start_date), ("end", got.end_date)):
        if expected.get(field) and _year(expected[field]) != _year(value):
            problems.append(f"{field} {expected[field]!r} read as {value!r}")
    bullets = expected.get("bullets")
    allowed = bullets if isinstance(bullets, list) else [bullets]
    if bullets is not None and len(got.highlights) not in allowed:
        problems.append(f"{bullets} bullets read as {len(got.highlights)}")
    return problems


def _degree(expected: str, entry: result_pb2.EducationEntry) -> bool:
    """The degree as written, or its short form the parser keeps with the field after it
    ("BA (Hons)" read as "BA", "Graphic Design")."""
    want = _norm(re.sub(r"\([^)]*\)", "", expected))
    read = _norm(f"{entry.study_type} {entry.area}")
    short = bool(read) and want.startswith(_norm(entry.study_type))
    return not want or read.startswith(want) or short


def _studied(expected: dict[str, Any], resume: result_pb2.ParsedResume) -> bool:
    degree = expected.get("degree") or ""
    degrees = degree if isinstance(degree, list) else [degree]
    return any(
        _same(expected.get("institution") or "", e.institution)
        and any(_degree(d, e) for d in degrees)
        for e in resume.education
    )


def mismatches(case: dict[str, Any]) -> list[str]:
    resume = read_resume_lines(case["lines"])
    want = case["expected"]
    problems = []
    if want.get("name") and not _same(want["name"], resume.basics.name):
        problems.append(f"name {want['name']!r} read as {resume.basics.name!r}")
    roles = list(resume.work)
    if len(roles) != len(want["work"]):
        problems.append(f"{len(want['work'])} roles read as {len(roles)}")
    for expected, got in zip(want["work"], roles, strict=False):  # counted just above
        problems += _role_problems(expected, got)
    problems += [
        f"school {e.get('institution')!r} ({e.get('degree')}) not read"
        for e in want.get("education", [])
        if not _studied(e, resume)
    ]
    return problems


def test_the_probes_cover_many_shapes() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_a_probed_resume_is_read_whole(case: dict[str, Any]) -> None:
    assert mismatches(case) == []

"""The engine as the judges in ../shared/eval call it, through the worker's real path.

`skillspan_keywords.py --extractor tailor_worker.eval.judges:keywords` and
`resume_entities.py --parser tailor_worker.eval.judges:parse` hand over plain text; each
function turns it into the bytes of an uploaded TXT file and goes the way an upload goes:
`kit.documents.extract_text`, then the resume parser or the job analyser. What they return
is what the worker would have: nothing is read from the labels.
"""

from __future__ import annotations

import re
from typing import Any

from kit.documents import DocumentError, extract_text
from resumeai.v1 import common_pb2, result_pb2
from tailor_worker.engine.api import analyze_job, read_resume
from tailor_worker.engine.education import names_degree, school_leaving, stated_fields
from tailor_worker.engine.entities.model import Tagger
from tailor_worker.engine.errors import EngineError
from tailor_worker.engine.folding import word_key as _fold
from tailor_worker.eval.resume_ner import degree_of, graduation_of

_TXT = common_pb2.DOCUMENT_FORMAT_TXT
_SECONDARY_LEVEL = result_pb2.EDUCATION_LEVEL_SECONDARY


def _lines(text: str) -> list[str]:
    return extract_text(text.encode("utf-8"), _TXT).lines


def keywords(text: str) -> list[str]:
    """The job's keywords as the posting writes them ("ReactJS", not "React")."""
    try:
        job = analyze_job("\n".join(_lines(text)))
    except (DocumentError, EngineError):
        return []
    return list(job.analysis.keywords_as_written)


def parse(text: str) -> dict[str, Any]:
    """The resume as a JSON Resume shaped dict (the judge's vocabulary)."""
    return parse_with_tagger(text, None)


def parse_with_tagger(text: str, tagger: Tagger | None) -> dict[str, Any]:
    """`parse` with another entity model (cross-validation trains one per fold)."""
    try:
        resume = read_resume(text.encode("utf-8"), _TXT, tagger=tagger)
    except (DocumentError, EngineError):
        return {}
    return as_json_resume(resume)


def _area_apart(entry: result_pb2.EducationEntry) -> str:
    """The majors and minors the entry states apart from its degree's words, as written
    ("Minor: Business Administration" under "B.S. in Economics"): `ParsedResume` holds them
    in the entry's area."""
    written = _fold(degree_of(entry) or entry.study_type)
    if not written:
        # A field written beside the institution, no degree named ("Colgate University:
        # Philosophy, 1980"); not one the vocabulary read in a department's name.
        beside = entry.institution and any(
            entry.institution in line.text and entry.area in line.text for line in entry.lines
        )
        if beside and _fold(entry.area) not in _fold(entry.institution):
            return entry.area
    if re.search(r"\b(?:majors?|minors?)\b", written):
        return ""  # the degree as written already states them ("Major: Politics")
    texts = [line.text for line in entry.lines]
    alone = next((i for i, text in enumerate(texts) if _fold(text) == written), -1)
    under = texts[alone + 1] if 0 <= alone < len(texts) - 1 else ""
    if (
        entry.area
        and under.startswith(entry.area)
        and names_degree(entry.study_type)
        and _fold(entry.area) not in written
    ):
        # "BS" on a line of its own and "Electrical Engineering, 1991: Rutgers University"
        # under it: the degree's field opens the next line.
        return entry.area
    stated = [f for line in entry.lines for f in stated_fields(line.text)]
    return " ".join(f.written for f in stated if _fold(f.field) not in written)


def as_json_resume(resume: result_pb2.ParsedResume) -> dict[str, Any]:
    return {
        "basics": {"name": resume.basics.name, "email": resume.basics.email},
        "work": [
            {"name": w.company, "position": w.position, "location": w.location} for w in resume.work
        ],
        # The judges' "College Name" is a college: a school before college keeps its
        # degree fields but names no institution there; and their "Degree" a degree, not the
        # certificate of leaving school ("Abitur", "High School Diploma").
        "education": [
            {
                "institution": "" if e.level == _SECONDARY_LEVEL else e.institution,
                "studyType": "" if school_leaving(e.study_type) else degree_of(e) or e.study_type,
                "area": _area_apart(e),
                "endDate": graduation_of(e),
            }
            for e in resume.education
        ],
        "skills": [{"name": "", "keywords": list(resume.skills)}],
        "certificates": [{"name": c.name} for c in resume.certificates],
    }

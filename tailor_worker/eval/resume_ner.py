"""The resume parser against resume-ner (inline `<label type="...">` annotations).

The labels are stripped to give the plain resume text; the parser reads it line by line as
the worker would, and its fields are compared per document with the labelled strings.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from resumeai.v1 import result_pb2
from tailor_worker.engine import dates, vocabulary
from tailor_worker.engine.education import degree_text
from tailor_worker.engine.errors import EngineError
from tailor_worker.engine.resume_parser import parse_resume
from tailor_worker.eval.scoring import Tally, match_sets

_LABEL = re.compile(r'<label type="(?P<type>[^"]+)">(?P<text>.*?)</label>', re.DOTALL)
_TAG = re.compile(r"</?(?:cv|label)[^>]*>|<\?xml[^>]*\?>")

# Evaluated label -> the dataset's label types.
GOLD_TYPES: dict[str, tuple[str, ...]] = {
    "name": ("Name",),
    "email": ("Email Address",),
    "designation": ("Designation",),
    "company": ("Companies worked at",),
    "degree": ("Degree",),
    "college": ("College Name",),
    "graduation_year": ("Graduation Year",),
    "skills": ("Tech Tools", "Job Specific Skills", "Soft Skills"),
}


@dataclass
class LabelledResume:
    name: str
    lines: list[str]
    gold: dict[str, set[str]]


def load(directory: Path) -> Iterator[LabelledResume]:
    for path in sorted(directory.rglob("*.xml")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        gold: dict[str, set[str]] = {label: set() for label in GOLD_TYPES}
        for m in _LABEL.finditer(raw):
            text = " ".join(html.unescape(_TAG.sub("", m.group("text"))).split())
            for label, types in GOLD_TYPES.items():
                if m.group("type") in types and text:
                    gold[label].add(text)
        plain = html.unescape(_TAG.sub("", raw))
        yield LabelledResume(path.name, plain.splitlines(), gold)


Predictor = Callable[[list[str]], dict[str, set[str]]]


def engine_predict(lines: list[str]) -> dict[str, set[str]]:
    try:
        resume = parse_resume(lines)
    except EngineError:
        return {label: set() for label in GOLD_TYPES}
    return fields(resume)


def fields(resume: result_pb2.ParsedResume) -> dict[str, set[str]]:
    # Graduation dates as written ("May 2015", "2008 to 2012"), as the labels hold them.
    years = {graduation_of(e) for e in resume.education} - {""}
    return {
        "name": {resume.basics.name} - {""},
        "email": {resume.basics.email} - {""},
        "designation": {w.position for w in resume.work} - {""},
        "company": {w.company for w in resume.work} - {""},
        # The degree as written (with its field), not the bare studyType.
        "degree": {degree_of(e) for e in resume.education} - {""},
        "college": {e.institution for e in resume.education} - {""},
        "graduation_year": years,
        "skills": set(resume.skills),
    }


def graduation_of(entry: result_pb2.EducationEntry) -> str:
    """The entry's dates as written ("May 2015", "2008 to 2012")."""
    spans = (dates.find_range(line.text) for line in entry.lines)
    return next((span.text for span in spans if span is not None), "")


def degree_of(entry: result_pb2.EducationEntry) -> str:
    """The degree as written with its field ("B.Tech in Computer Science")."""
    known = entry.study_type
    return next((t for t in (degree_text(line.text, known) for line in entry.lines) if t), "")


# Baseline: one regular expression per field over every line, no layout understanding.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_TITLE = re.compile(
    r"\b(?:engineer|developer|manager|analyst|consultant|lead|architect|intern|administrator"
    r"|specialist|designer|executive|director|officer|associate|trainee)\b", re.IGNORECASE,
)
_COMPANY = re.compile(r"\b(?:ltd|limited|inc|llc|corp|corporation|technologies|solutions"
                      r"|services|pvt|systems|consulting)\b\.?", re.IGNORECASE)
_COLLEGE = re.compile(r"\b(?:university|college|institute|school|academy|vidyalaya)\b", re.I)


def baseline_predict(lines: list[str]) -> dict[str, set[str]]:
    text = "\n".join(lines)
    first = next((line.strip() for line in lines if line.strip()), "")
    out: dict[str, set[str]] = {label: set() for label in GOLD_TYPES}
    out["name"] = {first} if first else set()
    out["email"] = set(_EMAIL.findall(text))
    out["graduation_year"] = set(_YEAR.findall(text))
    for line in lines:
        for part in re.split(r"\s*[,|•·:;()]\s*|\s+[-–—]\s+", line):
            part = part.strip()
            if not part or len(part.split()) > 6:
                continue
            if _TITLE.search(part):
                out["designation"].add(part)
            if _COMPANY.search(part):
                out["company"].add(part)
            if _COLLEGE.search(part):
                out["college"].add(part)
            if len(part.split()) <= 3:
                out["skills"].add(part)  # every short comma-separated item
    out["degree"] = {
        m.surface for m in vocabulary.find_terms(text) if m.term.kind == "degree"
    }
    return out


def evaluate(
    directory: Path, predictors: dict[str, Predictor]
) -> dict[str, dict[str, dict[str, Tally]]]:
    """{system: {"strict"|"lenient": {label: Tally}}}."""
    out = {
        name: {mode: {label: Tally() for label in GOLD_TYPES} for mode in ("strict", "lenient")}
        for name in predictors
    }
    for doc in load(directory):
        for name, predict in predictors.items():
            predicted = predict(doc.lines)
            for label in GOLD_TYPES:
                for mode in ("strict", "lenient"):
                    out[name][mode][label].add(
                        *match_sets(predicted[label], doc.gold[label], lenient=mode == "lenient")
                    )
    return out

"""The searchability checks an ATS scanner makes, on a tailoring result. Pure.

Each check says whether it passes and what to do when it does not: contact details, the
posting's title, standard section headings, dates a parser reads, length, and the file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kit.titles import title_words
from resumeai.v1 import result_pb2

# A resume a recruiter reads in one or two pages: fewer words says too little, more is cut.
MIN_WORDS = 250
MAX_WORDS = 1000
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def checks(result: result_pb2.TailoringResult) -> list[Check]:
    return [
        _contact(result),
        _job_title(result),
        _headings(result),
        _dates(result),
        _length(result),
        _file_name(),
    ]


def _contact(result: result_pb2.TailoringResult) -> Check:
    basics = result.resume.basics
    missing = [
        label
        for label, value in (("e-mail", basics.email), ("phone", basics.phone))
        if not value.strip()
    ]
    if missing:
        return Check(
            "Contact details",
            False,
            f"No {' or '.join(missing)} was found: put them in the body, not in a "
            "header or a text box, where many scanners do not look.",
        )
    return Check("Contact details", True, "E-mail and phone are present.")


def _job_title(result: result_pb2.TailoringResult) -> Check:
    title = result.job.title.strip()
    if not title:
        return Check("Job title", True, "The posting names no title to match.")
    wanted = title_words(title)
    held = [w.position for w in result.resume.work if w.position]
    shown = [result.tailored.headline, result.resume.basics.label, *held]
    if wanted and any(wanted <= title_words(text) for text in shown):
        return Check("Job title", True, f"'{title}' matches a title on the resume.")
    return Check(
        "Job title",
        False,
        f"The posting's title '{title}' is not on the resume. Scanners rank a title "
        "match highly; use it only for a role you held with that scope.",
    )


def _headings(result: result_pb2.TailoringResult) -> Check:
    resume = result.resume
    missing = [
        name
        for name, present in (
            ("Experience", bool(resume.work)),
            ("Education", bool(resume.education)),
            ("Skills", bool(resume.skills)),
        )
        if not present
    ]
    if missing:
        return Check(
            "Section headings",
            False,
            f"No {', '.join(missing)} section was read. The export uses the standard "
            "headings; check that the original's headings say what they hold.",
        )
    return Check(
        "Section headings",
        True,
        "Experience, Education and Skills were read; the export uses standard headings.",
    )


def _dates(result: result_pb2.TailoringResult) -> Check:
    undated = [w.position or w.company or w.id for w in result.resume.work if not w.start_date]
    if undated:
        return Check(
            "Dates",
            False,
            f"{len(undated)} role(s) have no date a scanner can read "
            f"({', '.join(undated[:3])}): write 'Jan 2020 – Present' or '01/2020 – "
            "03/2023'.",
        )
    return Check("Dates", True, "Every role has dates in a format scanners read.")


def _tailored_words(result: result_pb2.TailoringResult) -> int:
    tailored = result.tailored
    texts = [tailored.headline, tailored.summary, *(s.name for s in tailored.skills)]
    texts += [line.text for role in tailored.roles for line in role.lines]
    texts += [
        line.text
        for line in result.resume.evidence
        if line.section in ("education", "certificates", "projects")
    ]
    return sum(len(_WORD.findall(t)) for t in texts)


def _length(result: result_pb2.TailoringResult) -> Check:
    words = _tailored_words(result)
    if words < MIN_WORDS:
        return Check(
            "Length",
            False,
            f"About {words} words: under {MIN_WORDS} tells a scanner and a reader "
            "little. The follow-up questions show what could be added.",
        )
    if words > MAX_WORDS:
        return Check(
            "Length",
            False,
            f"About {words} words: over {MAX_WORDS} runs past two pages; the one-page "
            "template keeps the most relevant lines.",
        )
    return Check("Length", True, f"About {words} words: one to two pages.")


def _file_name() -> Check:
    return Check(
        "File name",
        True,
        "The export is named 'tailored-resume' so that no personal data is in a "
        "file name; rename it 'Firstname-Lastname-Resume' before you send it.",
    )

"""An education entry's fields from its lines: the degree as written, the field of study
(stated beside the degree or apart from it), the institution with its parent body, the dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from resumeai.v1 import result_pb2
from tailor_worker.engine import dates, places, vocabulary
from tailor_worker.engine.education import INSTITUTION_WORD as _INSTITUTION
from tailor_worker.engine.education import (
    JOINING_WORD,
    about_a_degree,
    credential,
    degree_form,
    degree_parts,
    field_of_study,
    institution_like,
    level,
    names_degree,
    names_discipline,
    names_secondary,
    not_of_study,
    not_studied_at,
    opens_with_school_leaving,
    school_leaving,
    stated_fields,
    studied,
    without_school_leaving,
)
from tailor_worker.engine.entities.model import (
    DEGREE,
    INSTITUTION,
    Entity,
)
from tailor_worker.engine.folding import word_key as _fold
from tailor_worker.engine.header_parts import (
    as_field,
    confirmed,
    is_location,
    title_like,
    without_dates,
)
from tailor_worker.engine.parse_state import (
    Entry,
    ParseState,
)
from tailor_worker.engine.sections import TITLE_WORDS as _TITLE_WORDS

# Work done in a degree or an office about degrees, which the CRF reads as one ("Masters
# Research Project", "Bachelor thesis", "Task Force For The Revision Of Masters Programs"),
# and an objective under Education ("Targeting Internship ... Positions").
_NO_DEGREE = re.compile(
    r"\b(?:thesis|dissertation|project|research|programs|task\s+force|committee|board|"
    r"positions?)\b",
    re.IGNORECASE,
)


# Where an education line's parts end: "B.S., Statistics | University of Texas – 2017".
_PART_SEPARATOR = re.compile(r"\s*[,|•·]\s*|\s+[–—-]\s+|:\s+")
# Years of study in brackets after the institution: "(2005 - 2008)", "(Sept 2012 – June 2016)".
_YEARS_IN_BRACKETS = re.compile(
    rf"\s*\(\s*(?:{dates.DATE})\s*[-–—]\s*(?:{dates.DATE}|{dates.PRESENT})\s*\)", re.IGNORECASE
)


def _no_place(part: str) -> bool:
    """ "Webmaster for Cameron School of Business": a post held for the institution, not a
    place of study ("Center for Advanced Studies" is one); "High School Diploma": the
    certificate, not the school."""
    held, sep, _ = part.partition(" for ")
    return (bool(sep) and title_like(held)) or opens_with_school_leaving(part)


# "INSEAD", "IIT Bombay", "NYU": a school known by its initials, a town's name after them.
_INITIALS = re.compile(r"(?-i:[A-Z]{2,6}(?:\s+[A-Z][^\W\d_A-Z]+)?)")  # "ETH Zürich" too


def _known_by_initials(entry: Entry) -> str:
    """The part of a degree's line that names its school by initials alone, where nothing
    else names one: not the degree, its field, a state, a board or a grade."""
    for line in entry.lines:
        if not names_degree(line.text) and not degree_form(line.text):
            continue
        # Not inside brackets: "Diploma in Advance Nursing (DAN)" abbreviates the degree.
        unbracketed = re.sub(r"\([^()]*\)", " ", line.text)
        for part in _PART_SEPARATOR.split(unbracketed):
            part = part.strip()
            if (
                _INITIALS.fullmatch(part)
                and not names_degree(part)
                and not degree_form(part)
                and not vocabulary.find_terms(part)
                and not is_location(part)
                and not names_secondary(part)
                and not _GRADE_OR_BRANCH.search(part)
            ):
                return part
    return ""


# Grades, and the branches of study written by their initials ("B.Tech, CSE", "BS, MIS"),
# which no school is called (school boards: `names_secondary`).
_GRADE_OR_BRANCH = re.compile(
    r"\b(?:GPA|CGPA|PUC|CSE|CS|ECE|EEE|EE|EIE|EC|ME|CE|IT|IS|ICT|MIS|HR|BME|CHE|AI|ML|DS|CIS|"
    r"IE|IB)\b"
)


# A label naming the kind of school whose name follows it ("Institute : Notre Dame College").
_INSTITUTION_LABEL = re.compile(
    r"(?:name\s+of\s+(?:the\s+)?)?(?:institute|institution|university|college|school|board)"
    r"(?:\s+name)?",
    re.IGNORECASE,
)


def education_entry(entry: Entry, state: ParseState) -> result_pb2.EducationEntry:
    edu = result_pb2.EducationEntry(id=entry.id)
    edu.lines.extend(entry.lines)
    for line in entry.lines:
        # Years in brackets are no part of the institution ("University of Manchester (2005 -
        # 2008)": the dash split the part inside them).
        bare = _YEARS_IN_BRACKETS.sub("", line.text)
        for part in _PART_SEPARATOR.split(bare):
            if (
                not edu.institution
                and _INSTITUTION.search(part)
                and not _INSTITUTION_LABEL.fullmatch(part.strip())  # "Institute :"
                and not _no_place(part)
                and not studied(part)  # "Higher School Certificate (HSC)": no school's name
            ):
                edu.institution = "" if not_studied_at(line.text) else part
        for m in vocabulary.find_terms("" if about_a_degree(line.text) else line.text):
            if m.term.kind == "degree" and not edu.study_type:
                edu.study_type = m.surface
            elif m.term.kind == "field" and not edu.area:
                edu.area = m.term.canonical
        span = dates.find_range(line.text)
        if span is not None and not edu.end_date:
            edu.start_date, edu.end_date = span.start, span.end
    by_parts = edu.institution  # the first part of a line with an institution's word
    institutions = [
        e
        for e in state.entities(entry.line_nos, INSTITUTION)
        if not studied(as_field(e.text)) and not not_studied_at(state.exploded[e.line])
    ]
    # One a school's word names first ("University of Dhaka" before the "Finance" of "Major
    # in Finance" the CRF also read as a school).
    institutions.sort(key=lambda e: not (_INSTITUTION.search(e.text) and len(e.text.split()) > 1))
    degrees = [
        e
        for e in state.entities(entry.line_nos, DEGREE)
        if (names_degree(e.text) or _NO_DEGREE.search(e.text) is None)
        and not about_a_degree(state.exploded[e.line])
        # "School of Law" of "Formerly: Blackstone School of Law": a school's name, no degree
        and not (_INSTITUTION.search(e.text) and not names_degree(e.text))
        and not _within_school_leaving(e.text, state.exploded[e.line])
    ]
    weak = state.entities(entry.line_nos, INSTITUTION, weak=True)
    if institutions:
        edu.institution = without_school_leaving(as_field(institutions[0].text))
        if opens_with_school_leaving(edu.institution) and by_parts:
            # The certificate alone ("Higher School Certificate (HSC)" before "– Newtown High
            # School of the Performing Arts"): the school is the line's own part.
            edu.institution = by_parts
    elif not institution_like(edu.institution):
        edu.institution = confirmed(edu.institution, weak)
    if studied(edu.institution) or not_of_study(edu.institution):
        edu.institution = ""
    # "MBBS" of "MBBS, University College London" read as the school, or with it: a degree
    # is no part of the school's name.
    head, _, tail = edu.institution.partition(",")
    if head.strip() and degree_form(head) == head.strip():
        edu.institution = tail.strip() or by_parts
    edu.institution = _with_parent(edu.institution, [line.text for line in entry.lines])
    labelled = _INSTITUTION_LABEL.match(edu.institution)
    if labelled is not None and edu.institution[labelled.end() :].lstrip().startswith(":"):
        edu.institution = edu.institution[labelled.end() :].lstrip(" :")  # "Institute : X"
    edu.institution = _whole_name(edu.institution, [line.text for line in entry.lines])
    edu.institution = _with_region_before(edu.institution, [line.text for line in entry.lines])
    if not edu.institution:
        edu.institution = _known_by_initials(entry)
    # A degree the vocabulary does not know: the CRF's entity that is a degree by its form
    # ("Juris Doctor", not the "Business Law" before it), else the form on a line ("MS (CS)"),
    # else the CRF's first.
    named = [e for e in degrees if names_degree(e.text)]
    if named and not edu.study_type:
        edu.study_type = as_field(_phrase_end(named[0], state.exploded))
    forms = [degree_form(n.text) for n in entry.lines]
    if not edu.study_type:
        edu.study_type = next((d for d in forms if d), "")
    if degrees and not edu.study_type:
        edu.study_type = as_field(_phrase_end(degrees[0], state.exploded))
    if not edu.study_type:
        edu.study_type = next((d for d in (credential(n.text) for n in entry.lines) if d), "")
    if not edu.study_type:
        # "Abitur, Goethe-Gymnasium", "Leaving Certificate": the certificate of leaving school
        # is the entry's qualification where it names no degree.
        undated = [without_dates(n.text) for n in entry.lines]
        parts = [*undated, *(p for line in undated for p in _PART_SEPARATOR.split(line))]
        edu.study_type = next((c for c in map(school_leaving, parts) if c), "")
    # "Level 2 Certificate in Cleaning" of the CRF's "Certificate in Cleaning": the whole form.
    edu.study_type = next(
        (f for f in forms if edu.study_type and f.endswith(edu.study_type) and f != edu.study_type),
        edu.study_type,
    )
    edu.study_type = _bracket_closed(edu.study_type, [line.text for line in entry.lines])
    edu.level = level(edu)
    # The field as the resume writes it, which the vocabulary may not know ("BS - Behavioral
    # Science"): the exported resume prints it after the degree.
    written = next((f for f in (_written_field(n, edu.study_type) for n in edu.lines) if f), "")
    area = written or edu.area
    # Where one text was read as both school and field, only a school's name ("MBA, INSEAD")
    # leaves the field; a field read as the school too ("B.E in CSE") stays the field.
    named_school = _INSTITUTION.search(area) is not None or (area.isupper() and len(area) > 3)
    both = _fold(area) == _fold(edu.institution)
    if not both or (named_school and not _GRADE_OR_BRANCH.fullmatch(area)):
        area = _without_school(area, edu.institution)
    edu.area = area
    if not edu.study_type and not edu.area and edu.institution:
        edu.area = _field_beside(edu.institution, entry, state)
    edu.area = _with_stated_fields(edu.area, edu.study_type, entry)
    if edu.area.count("(") > edu.area.count(")"):
        # "Information Technology (Undergraduate" of "... (Undergraduate, 2018 – 2020)": a
        # remark the date cut, no part of the field.
        edu.area = edu.area[: edu.area.rfind("(")].strip()
    return edu


def _with_stated_fields(area: str, degree: str, entry: Entry) -> str:
    """The field with the majors and minors the entry states apart ("Major: Consumer
    Economics", "Minor in Computer Science"), as the exported degree line prints them:
    "Software Engineering, minor in Computer Science"."""
    stated = [f for line in entry.lines for f in stated_fields(line.text)]
    majors = [f.field for f in stated if not f.minor]
    minors = [f.field for f in stated if f.minor]
    shown = _fold(f"{degree} {area}")
    majors = [m for m in majors if _fold(m) not in shown]
    minors = [m for m in minors if _fold(m) not in shown]
    if majors and (not area or _fold(area) in _fold(majors[0])):
        area = majors[0]  # as written: "Consumer Economics", not the vocabulary's "Economics"
    if minors:
        area = ", ".join(filter(None, [area, f"minor in {' and '.join(minors[:2])}"]))
    return area


def _field_beside(institution: str, entry: Entry, state: ParseState) -> str:
    """The field studied where no degree is named ("Colgate University: Philosophy, 1980",
    "Binghamton University, 1986, Linguistics"): a part of a line beside the institution's
    that reads as a field of study, and no place."""
    school = _fold(institution)
    for n in entry.line_nos:
        parts = [p.strip() for p in re.split(r"[,|•·:;]|\s[–—-]\s", state.exploded[n])]
        if not any(school and school in _fold(p) for p in parts):
            continue
        for part, after in zip(parts, [*parts[1:], ""], strict=True):
            if (
                field_of_study(part)
                and names_discipline(part)
                and not _TITLE_WORDS.search(part)  # "Assistant instructor for ... seminars"
                and school not in _fold(part)
                and not is_location(part)
                and not places.is_region(after)  # a city before its state
                and not _INSTITUTION.search(part)
            ):
                return part
    return ""


_DANGLING = re.compile(r"\s+(?:in|of|and|&)$", re.IGNORECASE)
_PHRASE_REST = re.compile(r"[^,|;•·()–—]*")


def _phrase_end(entity: Entity, lines: Sequence[str]) -> str:
    """An entity's text, run on to the end of its phrase when it stops at a joiner ("PGDBM
    in" of "PGDBM in Business Management, 2010")."""
    if _DANGLING.search(entity.text) is None:
        return entity.text
    line = lines[entity.line]
    rest = _PHRASE_REST.match(line, entity.end)
    return line[entity.start : rest.end() if rest else entity.end].rstrip()


def _without_school(area: str, institution: str) -> str:
    """The field without the school read into it ("Chemistry" of "Chemistry, NUI Galway";
    nothing of "INSEAD" after "MBA, INSEAD")."""
    school = _fold(institution)
    if not school or not area:
        return area
    parts = [p.strip() for p in area.split(",")]
    kept = [p for p in parts if p and _fold(p) != school]
    return ", ".join(kept) if len(kept) < len(parts) else area


def _within_school_leaving(entity: str, line: str) -> bool:
    """ "Levels: English Literature (A)" of "A Levels: English Literature (A), History (B)":
    on a line the certificate of leaving school opens, no degree but one opening with it
    ("Class XII (CBSE)")."""
    certificate = school_leaving(line)
    return bool(certificate) and not entity.startswith(certificate)


def _written_field(line: result_pb2.EvidenceLine, degree: str) -> str:
    if about_a_degree(line.text):
        return ""  # "Master's thesis: ..." states the thesis, not the field
    whole, field_text = degree_parts(line.text, degree)
    return field_text if whole else ""


_INSTITUTION_PART = re.compile(r"[^,|•·–—]+?(?=\s*(?:[,|•·]|\s[–—-]\s|$))")


# "1991: Rutgers University": a date before the name, as dates-first lines write it.
_DATE_BEFORE = re.compile(rf"^(?:{dates.DATE})\s*[:|–—-]\s*", re.IGNORECASE)
# " at Urbana-Champaign" of "University of Illinois at Urbana-Champaign": a campus.
_CAMPUS = re.compile(r"\s+at\s+(?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,2}")
# " in Ireland" of "Royal College of Surgeons in Ireland", " in St. Louis" of "Washington
# University in St. Louis": a place the name holds, before a separator or the line's end.
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}(?=\s*(?:[,|(–—-]|$))")
# "Embry-" of "Embry-Riddle Aeronautical University": a word joined to the name by a hyphen.
_JOINED_BEFORE = re.compile(r"[A-Z][\w'’]*-$")
# A university system whose campus follows its comma ("University of California, Berkeley",
# "California State University, Sacramento", "National Institute of Technology, Trichy").
_SYSTEM = re.compile(
    r"(?:the\s+)?(?:university\s+of\s+(?:california|wisconsin|massachusetts|north\s+carolina|"
    r"texas|illinois|michigan|hawaii|maryland|colorado|nebraska|missouri|minnesota|"
    r"tennessee)|california\s+state\s+university|(?:national|indian)\s+institute\s+of\s+"
    r"(?:technology|management|information\s+technology)|(?:state|city)\s+university\s+of\s+"
    r"new\s+york)",
    re.IGNORECASE,
)
_NEXT_PART = re.compile(r",\s*([A-Z][\w.'’-]*(?:[\s-]+[A-Z][\w.'’-]*){0,2})\s*(?=[,|(–—-]|\d|$)")


_CUT_AT_JOINER = re.compile(rf"\s{JOINING_WORD}$", re.IGNORECASE)
_REST_OF_PART = re.compile(
    rf"(?:\s+(?:[A-Z][\w.'’&-]*|{JOINING_WORD})){{1,6}}(?=\s*(?:[,|(–—]|\s-\s|\d|$))"
)


# A region's name right before the institution, after the line's start, a label or a
# separator: "Institute : Bangladesh " before "University of Textiles (BUTEX)".
_REGION_BEFORE = re.compile(r"(?:^|(?<=[:|]))\s*(?P<region>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?) $")


def _with_region_before(institution: str, lines: Sequence[str]) -> str:
    """ "Bangladesh" of "Bangladesh University of Textiles", "Punjab University": the country
    or state that opens the name, which the CRF left out as a place."""
    line = next((line for line in lines if institution and institution in line), "")
    region = _REGION_BEFORE.search(line[: line.find(institution)]) if line else None
    if region is None or not places.is_region(region["region"]):
        return institution
    return f"{region['region']} {institution}"


def _whole_name(institution: str, lines: Sequence[str]) -> str:
    """The institution as the line writes it: without a date before it, with the word joined
    to it by a hyphen ("Embry-Riddle Aeronautical University"), the campus after "at" or the
    place after "in" ("University of Texas at Austin", "Royal College of Surgeons in
    Ireland"), a university system's campus after its comma ("University of California,
    Berkeley") and the bracket it opened closed ("Norwegian University of Science and
    Technology (NTNU)"), or left out where it holds a remark the line closes too late."""
    institution = _DATE_BEFORE.sub("", institution)
    if not institution:
        return institution
    closed = _bracket_closed(institution, lines)
    if closed != institution:
        return closed
    if "(" in institution and ")" not in institution:
        # "TAFE Queensland (in progress" of "... (in progress, completing 2024)": a remark
        # the line closes too late, cut at its comma, is no part of the name.
        institution = institution.split("(")[0].strip()
    line = next((line for line in lines if institution in line), "")
    at = line.find(institution)
    before, rest = line[: max(at, 0)], line[at + len(institution) :] if at >= 0 else ""
    cut = _CUT_AT_JOINER.search(institution) and _REST_OF_PART.match(rest)
    if cut:
        # "University of the" of "University of the West of England": cut at its joining
        # word, the name runs on to the end of its part of the line.
        return institution + cut.group(0).rstrip()
    joined = _JOINED_BEFORE.search(before)
    if joined is not None:
        institution = joined.group(0) + institution
    hyphened = re.match(r"-[A-Z][\w'’]*", rest)
    if hyphened is not None:
        # "-Champaign" of "University of Illinois Urbana-Champaign": joined by its hyphen
        institution, rest = institution + hyphened.group(0), rest[hyphened.end() :]
    campus = _CAMPUS.match(rest) or _IN_PLACE.match(rest)
    if campus is not None and _INSTITUTION.search(institution):
        return institution + campus.group(0)
    after = _NEXT_PART.match(rest)
    if _SYSTEM.fullmatch(institution) and after is not None and not places.is_region(after[1]):
        return f"{institution}, {after[1].rstrip('.')}"
    town = _TOWN_IN_NAME.match(rest)
    if (
        town is not None
        and _ENDS_IN_COLLEGE.search(institution)
        and not dates.find_range(town[1])
        and not vocabulary.find_terms(town[1])
        and not _NO_TOWN.fullmatch(town[1])
    ):
        # "Imperial College London", "Loyola University Chicago": the city no comma sets
        # apart is the name's.
        return f"{institution} {town[1]}"
    return institution


_TOWN_IN_NAME = re.compile(r"\s([A-Z][a-z]{2,})(?=\s*(?:[,|(–—]|\s-\s|\d|$))")
_ENDS_IN_COLLEGE = re.compile(r"\b(?:College|University)$")
# Words after a university's name that are no town: its bodies, buildings and streets.
_NO_TOWN = re.compile(
    r"Senate|Council|Press|Board|Library|Hospital|Hall|Campus|Place|Street|Road|Avenue|Drive|"
    r"Way|Square|Park|Centre|Center|Foundation|Alumni|Graduate|Honors|Honours"
)


def _bracket_closed(value: str, lines: Sequence[str]) -> str:
    """ "Class XII (CBSE)" of "Class XII (CBSE": a field cut before the bracket it opened
    closes, where the line closes it soon after."""
    if value.count("(") <= value.count(")"):
        return value
    for line in lines:
        at = line.find(value)
        if at < 0:
            continue
        rest = line[at + len(value) :]
        if ")" in rest:
            closing = rest[: rest.index(")") + 1]
            if "(" not in closing and len(closing) <= 12:
                return value + closing
        return value
    return value


def _with_parent(institution: str, lines: Sequence[str]) -> str:
    """A school named beside the university it belongs to is one institution: "The Wharton
    School, University of Pennsylvania", "University of Minnesota, School of Kinesiology",
    "Rutgers College - Rutgers University"."""
    mine = _fold(institution)
    if not mine:
        return institution
    for line in lines:
        parts = [m for m in _INSTITUTION_PART.finditer(line) if m.group().strip()]
        at = next((i for i, m in enumerate(parts) if _fold(m.group()) == mine), -1)
        if at < 0:
            continue
        for first, second in ((at, at + 1), (at - 1, at)):
            if first < 0 or second >= len(parts):
                continue
            other = parts[second if first == at else first].group().strip()
            if _INSTITUTION.search(other) and institution_like(other) and not _no_place(other):
                return line[parts[first].start() : parts[second].end()].strip()
        return institution
    return institution

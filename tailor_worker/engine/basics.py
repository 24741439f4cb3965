"""The resume's basics from its header lines: the person's name, headline, contacts and
profile. Pure functions of the parse state, no I/O.

A header mixes names, labels and values in whatever layout the template used: a contact's
label before its value or alone in its column ("Telephone(s)    +48 ..."), personal data a
European CV lists (nationality, date of birth), a place under the name, the document's own
title ("Europass Curriculum Vitae"). Each part is read for what it is; the rest is the
profile.
"""

from __future__ import annotations

import re

from resumeai.v1 import result_pb2
from tailor_worker.engine import places
from tailor_worker.engine.education import names_degree, stated_degree
from tailor_worker.engine.entities.model import NAME
from tailor_worker.engine.header_parts import URL, as_field
from tailor_worker.engine.parse_state import ParseState
from tailor_worker.engine.sections import TITLE_WORDS as _TITLE_WORDS

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\(?\d[\d\s().-]{6,}\d(?!\w)")

_NAME_LABEL = re.compile(
    r"^(?:(?:full\s+)?name\s*:\s*|first\s+name\(?s?\)?\s*/\s*surname\(?s?\)?\s*:?\s*)",
    re.IGNORECASE,
)
_PERSONAL_HEADING = re.compile(
    r"(?:personal\s+(?:information|info|details|data|profile)|contact(?:\s+(?:information|"
    r"details|info))?|(?:europass\s+)?curriculum\s+vitae|resume|résumé|cv|profile|lebenslauf|"
    r"persönliche\s+daten)\s*:?",
    re.IGNORECASE,
)
# A contact field's label before its value or left alone once the value was read ("Phone:",
# "Email:", "Address: 14 Wellington Road, Leeds").
_CONTACT_WORDS = (
    r"^(?:(?:residential|home|postal|current|permanent|mailing)\s+)?"
    r"(?P<label>phone|telephone|tel|mobile|cell|home|fax|voice|e-?mail|address|linkedin|"
    r"twitter|skype|website|web|portfolio|github|contact|location|orcid|researchgate|npi|"
    r"gmc)(?:\(s\))?(?:\s+(?:no\.?|number))?"
)
_CONTACT_LABEL = re.compile(rf"{_CONTACT_WORDS}\s*[:.]?\s*(?=\S|$)", re.IGNORECASE)
# The same label with its colon or column gap, as a field of a "Personal details" box.
_CONTACT_FIELD = re.compile(rf"{_CONTACT_WORDS}\s*[:|]", re.IGNORECASE)
# Personal data a European CV's header lists ("Nationality: German", "Date of birth
# 12/04/1990"): neither headline, place nor profile.
_PERSONAL_LABEL = re.compile(
    r"^(?:nationality|citizenship|date\s+of\s+birth|birth\s*date|place\s+of\s+birth|born|"
    r"marital\s+status|civil\s+status|gender|sex|age|religion|desired\s+employment|"
    r"occupational\s+field|id\s+(?:number|no\.?)|identity\s+number|cnic|"
    r"driver'?s\s+licen[cs]e|home\s+language|other\s+languages|health|state\s+of\s+origin|"
    r"l\.?g\.?a\.?|father'?s\s+name|mother'?s\s+name)\b",
    re.IGNORECASE,
)
# A name given in two labelled fields, as South African and other CVs' personal details do
# ("Surname: | Mokoena" / "First Names: | Thabo Sipho").
_SURNAME = re.compile(
    r"^(?:surname|last\s+name|family\s+name)\s*[:|]\s*(?:\|\s*)?(?P<v>\S.*)", re.I
)
_FORENAMES = re.compile(
    r"^(?:first\s+names?|given\s+names?|forenames?|christian\s+names?)\s*[:|]\s*(?:\|\s*)?"
    r"(?P<v>\S.*)",
    re.IGNORECASE,
)
_NAME_FIELD = re.compile(r"^(?:full\s+)?name\s*[:|]\s*(?:\|\s*)?(?P<v>\S.*)", re.IGNORECASE)
_PO_BOX = re.compile(r"\bbox\s*$", re.IGNORECASE)
_ESCAPES_ONLY = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")  # a glyph an export wrote as bytes


def a_place(part: str) -> bool:
    """ "Seattle, WA 98101", "Harrisburg, Pennsylvania", "Leeds": a place by its region."""
    return bool(places.bare_place(places.with_state_code(part))) or places.is_region(
        part.split(",")[-1].strip()
    )


def person_name(part: str) -> bool:
    """A person's name: two to five words, no digits, not a job title ("Senior Backend
    Engineer" is a headline, not a name)."""
    words = part.split()
    return (
        2 <= len(words) <= 5
        and not re.search(r"[\d:@]", part)  # no figure, label or address
        and _TITLE_WORDS.search(part) is None
        and not _PERSONAL_HEADING.fullmatch(part)  # "Europass Curriculum Vitae"
    )


def names_a_person(line: str) -> bool:
    """A header line that is a person's name and no place ("Nasr City, Cairo, Egypt": a
    sidebar's contact, read before the name)."""
    return person_name(line) and not a_place(line)


def _post_nominals(part: str) -> tuple[str, list[str]]:
    """A name and the credentials after it ("Sadie Goldner, MBA, PMP" -> "Sadie Goldner",
    ["MBA", "PMP"]): each a degree or an upper-case abbreviation ("MS (CS)", "CSM"); a part
    with anything else after its comma ("Jane Doe, Jr.") is returned whole."""
    name, sep, rest = part.partition(",")
    credentials = [c.strip() for c in rest.split(",")]
    if not sep or not all(_CREDENTIAL.fullmatch(c) or names_degree(c) for c in credentials):
        name, credentials = part, []
    return _trailing_post_nominals(name.strip(), credentials)


def _trailing_post_nominals(name: str, credentials: list[str]) -> tuple[str, list[str]]:
    """ "Dr Eleanor Whitfield MBBS MD FRCP", "ALISTAIR J. McKENZIE FCA": credentials after
    the name with no comma, each a listed one: a surname in capitals ("Juan Carlos DE LA
    CRUZ", "JOHN SMITH") is no credential."""
    words = name.split()
    trailing: list[str] = []
    while len(words) > 2 and words[-1].upper().replace(".", "") in _POST_NOMINALS:
        trailing.insert(0, words.pop())
    return (" ".join(words), trailing + credentials) if trailing else (name, credentials)


# Credentials written after a name, as UK, Commonwealth and US CVs do; not those that are
# also surnames ("Ma", "Do").
_POST_NOMINALS_TEXT = """MBA MD MBBS MBCHB FRCP FRCS MRCP MRCS MRCGP FRCPC FACP FACS DDS DMD PHD
DPHIL MSC BSC MENG BENG LLB LLM JD FCA ACA ACCA FCCA CIMA ACMA FCMA CPA CFA CMA PMP RN BSN MSN
CENG MIET MIMECHE MICE MBCS FBCS FRSA CISSP CISA CISM CIPD MCIPD FCIPD SPHR PHR CFP ESQ
ARB RIBA MRICS FRICS RPH PHARMD PENG DVM DPT EDD PSYD LCSW LMSW MSW DNP FNP"""
_POST_NOMINALS = frozenset(_POST_NOMINALS_TEXT.split())


_CREDENTIAL = re.compile(r"(?:[A-Z]\.?){2,6}(?:\s*\([A-Z]{1,6}\))?")


_QUALIFICATION_LABEL = re.compile(
    r"(?:educational\s+)?(?:qualifications?|education|degree)\s*:", re.IGNORECASE
)


_HYPHENED = re.compile(r"-[A-Z][\w'’]*")


def _whole(name: str, after: str, before: str = "") -> str:
    """The name with the hyphened rest of its last word the tokens left out ("Maria Lopez-"
    or "Maria Lopez" before "Reilly" or "-Reilly"), and the hyphened start of its first
    ("Lin Hoffmann" after "Mei-")."""
    joined = _HYPHENED.match(after if not name.endswith("-") else f"-{after}")
    name = name.rstrip("-") + joined.group(0) if joined else name
    opened = _HYPHENED_BEFORE.search(before)
    return opened.group(0) + name if opened else name


_HYPHENED_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w'’]*-$")


def a_contact_field(text: str) -> bool:
    """ "Name: | Sanne de Vries", "Address: | Witte de Withstraat 42B", "Surname: Mokoena": a
    labelled field of the person's name or contacts."""
    return _CONTACT_FIELD.match(text) is not None or _a_name_field(text)


def _a_name_field(text: str) -> bool:
    return any(regex.match(text) for regex in (_NAME_FIELD, _SURNAME, _FORENAMES))


def _blanked(regex: re.Pattern[str], line: str) -> str:
    """`line` with each match of `regex` blanked, but a P.O. Box's number."""

    def blank(m: re.Match[str]) -> str:
        return m.group(0) if _PO_BOX.search(line[: m.start()]) else " "

    return regex.sub(blank, line)


def _labelled_name(header: list[str]) -> str:
    """ "Thabo Sipho Mokoena" of "Surname: | Mokoena" and "First Names: | Thabo Sipho", or
    "Kenji Sato" of "Name: Kenji Sato": a name its label names, whatever else the header
    holds ("CAREER HISTORY (Shokumu Keirekisho)")."""
    surname = next((m["v"] for m in map(_SURNAME.match, header) if m), "")
    forenames = next((m["v"] for m in map(_FORENAMES.match, header) if m), "")
    if surname and forenames:
        return f"{forenames.strip()} {surname.strip()}"
    named = next((m["v"] for m in map(_NAME_FIELD.match, header) if m), "")
    named = re.split(r"\s*\|\s*|\s{2,}", named.strip())[0] if named else ""
    return named if person_name(named) else ""


def _name_over_two_lines(header: list[str]) -> list[str]:
    """ "JORDAN" / "ELLIS": a name set large over two lines, a word each, read as one line."""
    if len(header) >= 2 and all(_NAME_WORD.fullmatch(line.strip()) for line in header[:2]):
        joined = f"{header[0].strip()} {header[1].strip()}"
        if person_name(joined) and not _PERSONAL_HEADING.fullmatch(header[0].strip()):
            return [joined, *header[2:]]
    return header


_STREET_WORD = (
    r"(?:street|st\.?|road|rd\.?|avenue|ave\.?|lane|ln\.?|drive|dr\.?|close|way|crescent|"
    r"boulevard|blvd\.?|court|place|terrace|estate)\b"
)
# "12 Adeola Odeku Street, Victoria Island, Lagos": a house number, then its street.
_STREET_ADDRESS = re.compile(
    rf"\d+[A-Za-z]?,?\s+(?:[A-Z][\w'’.-]*\s+){{1,4}}{_STREET_WORD}", re.IGNORECASE
)
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’-]+")
# A street's name after the words the CRF read as a person's ("12 Adeola Odeku Street").
_STREET_AFTER = re.compile(rf"\s+{_STREET_WORD}", re.IGNORECASE)


def _in_an_address(line: str, start: int, end: int) -> bool:
    """A street's name, or a town before its region inside a line ("... | Shah Alam,
    Selangor"); Indeed's first line is the name and the region ("Mei Chen, Telangana - ...")."""
    return (
        bool(_STREET_AFTER.match(line, end))
        or bool(re.search(r"\d+[A-Za-z]?\s*$", line[:start]))
        or (start > 0 and bool(_REGION_AFTER.match(line, end)))  # not "Name, Region - ..."
    )


_REGION_AFTER = re.compile(rf",\s*(?:{places.REGION.pattern})")


def _cut_short(tagged: str, header_name: str) -> bool:
    """The CRF's name is the header's with its last words left out ("ALISTAIR J." of
    "ALISTAIR J. McKENZIE"): the header's name stands."""
    tagged_words, header_words = tagged.split(), header_name.split()
    return len(tagged_words) < len(header_words) and header_words[: len(tagged_words)] == (
        tagged_words
    )


# Whom a role answered to, by the label before the name ("Supervisor: Gregory Albers",
# "Advisor: Prof. Daniel Okafor", "Reporting to: CFO").
ANSWERED_TO = (
    r"advis[oe]r|supervisor|mentor|line\s+manager|reporting\s+to|reports\s+to|reported\s+to|"
    r"principal\s+investigator|pi"
)
# A line naming someone else: whom a role answered to (a USAJOBS resume gives each role's
# "Supervisor: Gregory Albers, (202) 555-0173, Okay to contact ..."), a referee.
_SOMEONE_ELSES = re.compile(
    rf"\s*(?:[-•*]\s*)?(?:{ANSWERED_TO}|manager|referee|reference|contact\s+person)s?\b"
    r"\s*(?:name)?\s*:",
    re.IGNORECASE,
)


def read_basics(state: ParseState) -> tuple[result_pb2.Basics, list[str]]:
    """The person's name, headline, contacts and profile from the header lines (and the
    CRF's name wherever it stands), and the degrees stated outside Education (after the
    name, in the profile) for the parser to list."""
    basics = result_pb2.Basics()
    labelled = _labelled_name(state.header)
    basics.name = labelled
    summary_lines: list[str] = []
    stated_outside: list[str] = []  # degrees after the name, under it, in the summary
    urls: set[str] = set()
    address_next = False  # an "Address" label stood alone: its value comes next
    skip_next = False  # so did a personal field's ("Nationality    Polish")
    header = _name_over_two_lines(state.header)
    for line in header:
        if labelled and _a_name_field(line):
            continue
        personal_line = _PERSONAL_LABEL.match(line.strip()) if basics.name else None
        if personal_line is not None:
            # "ID Number: | 8805125123087", "Date of Birth: | 12 May 1988": personal data,
            # whose figures are no phone; its value is on the next line if not on this one.
            skip_next = not line.strip()[personal_line.end() :].strip(" :.-|")
            continue
        found_contact = False
        for regex, attr in ((EMAIL, "email"), (URL, "url"), (_PHONE, "phone")):
            for m in regex.finditer(line):
                if attr == "phone" and _PO_BOX.search(line[: m.start()]):
                    continue  # "P.O. Box 12345-00100, Nairobi": a postal address, no phone
                found_contact = True
                if attr == "url":
                    if m.group(0) not in urls and "@" not in m.group(0):
                        urls.add(m.group(0))
                        basics.urls.append(m.group(0))
                elif not getattr(basics, attr):
                    setattr(basics, attr, m.group(0).strip())
            # Every match blanked in one pass (a str.replace per match was quadratic on a
            # contact line with many matches), but a P.O. Box's number.
            line = _blanked(regex, line)
        line = _NAME_LABEL.sub("", line.strip())  # "First name(s) / Surname(s)  Katarzyna ..."
        rest = [p for p in re.split(r"\s*[|•·]\s*|\s{2,}|\s+/\s+", line) if p.strip(" ,;-/")]
        for part in rest:
            part = _NAME_LABEL.sub("", part.strip(" ,;-/")).strip()
            if not part or _PERSONAL_HEADING.fullmatch(part) or _ESCAPES_ONLY.fullmatch(part):
                continue  # "Personal information", "Curriculum Vitae": a heading, no name
            if skip_next:
                skip_next = False
                continue  # the value of a personal field's label in the column beside it
            personal = _PERSONAL_LABEL.match(part) if basics.name else None
            if personal is not None:
                skip_next = not part[personal.end() :].strip(" :.-")
                continue
            if address_next and not basics.location:
                basics.location, address_next = part, False
                continue  # the value of "Address" in the column beside it
            label = _CONTACT_LABEL.match(part) if basics.name else None
            if label is not None:
                part = part[label.end() :].strip(" ,;-")
                address = label["label"].lower() in ("address", "location")
                if not part:
                    address_next = address
                    continue  # "Phone:" left alone once its number was read
                if address and not basics.location:
                    basics.location = part
                    continue
            named, credentials = _post_nominals(part)
            stated = stated_degree(part) if basics.name else ""
            if stated:
                # "Qualification: Degree in Engineering (Metallurgy)" under the name.
                stated_outside.append(stated)
                if _QUALIFICATION_LABEL.match(part):
                    continue
            if not basics.name and person_name(named) and not a_place(part):
                basics.name = named
                stated_outside += [  # "PH.D." is Ph.D.
                    c for c in credentials if names_degree(c) or names_degree(c.title())
                ]
            elif not basics.location and (
                (len(part.split()) <= 5 and (found_contact or a_place(part)))
                or _STREET_ADDRESS.match(part)
            ):
                basics.location = part  # "Seattle, WA 98101" under the name: no headline
            elif (
                basics.name
                and not basics.label
                and not found_contact
                and len(part.split()) <= 8
                and not part.endswith(".")
            ):
                basics.label = part
            else:
                summary_lines.append(part)
    if summary_lines:
        # Free text before the first heading is the profile.
        entry = state.current("summary") or state.new_entry("summary")
        for text in summary_lines:
            state.add_line("summary", entry, text)
    if not basics.email:  # contacts in a footer, a sidebar or beside a role
        email = next((m for line in state.exploded for m in EMAIL.findall(line)), "")
        basics.email = email
    # The CRF reads a name wherever the layout puts it, but not a referee's, and not cut at
    # a hyphen ("Maria Lopez" of "Maria Lopez-Reilly").
    lines = [
        n
        for n in sorted(state.found)
        if n not in state.reference_lines and not _SOMEONE_ELSES.match(state.exploded[n])
    ]
    names = [
        _whole(e.text, state.exploded[e.line][e.end :], state.exploded[e.line][: e.start])
        for e in state.entities(lines, NAME)
        if not _in_an_address(state.exploded[e.line], e.start, e.end)
    ]
    named = next((as_field(n) for n in names if person_name(as_field(n))), "")
    named = _trailing_post_nominals(named, [])[0]  # "Dr Eleanor Whitfield MBBS MD"
    if named and not labelled and not _cut_short(named, basics.name):
        basics.name = named
    summaries = [line for e in state.entries.get("summary", []) for line in e.lines]
    stated_outside += [d for d in (stated_degree(s.text) for s in summaries) if d]
    basics.summary = " ".join(line.text for line in summaries)
    basics.summary_evidence_ids.extend(line.id for line in summaries)
    return basics, stated_outside

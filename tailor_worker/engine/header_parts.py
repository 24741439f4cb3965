"""The parts of a role's header line and their shapes: bullets, separators, field labels and
dates at a part's edges, names, titles, places and legal forms. Pure functions of text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tailor_worker.engine import dates, places
from tailor_worker.engine.entities.model import Entity
from tailor_worker.engine.entities.occupations import occupation_titles
from tailor_worker.engine.folding import word_key as _fold
from tailor_worker.engine.sections import BULLET as _BULLET
from tailor_worker.engine.sections import TITLE_WORDS as _TITLE_WORDS

URL = re.compile(
    r"(?:https?://\S+|(?:www\.)?(?:linkedin\.com|github\.com|gitlab\.com)/\S+"
    r"|\b[\w-]+\.(?:dev|io|me)\b(?:/\S*)?)",
    re.IGNORECASE,
)
WORK_MODE = re.compile(places.WORK_MODES, re.IGNORECASE)
_TWO_LETTERS = re.compile(r"[A-Z]{2}")


def is_location(part: str) -> bool:
    """A header part that is where, not who: a work mode ("Remote"), a two-letter code in
    capitals ("NY"; "in" or "Of" is a word), or a region (`places`: a state, province or
    country)."""
    return (
        WORK_MODE.fullmatch(part) is not None
        or _TWO_LETTERS.fullmatch(part) is not None
        or places.is_region(part)
    )


_CORP_SUFFIX = re.compile(r"^(?:inc|llc|ltd|gmbh|corp|co|plc|ag|s\.?a|bv|pty)\.?$", re.IGNORECASE)


# A bullet or dash an export wrote as literal UTF-8 byte escapes ("\xe2\x80\xa2" for •,
# "\xe2\x80\x94" for —, "\xc2\xb7" for ·) separates header parts as the glyph would.
_ESCAPED_SEP = r"\\xe2\\x80\\x(?:a2|9[34])|\\xc2\\xb7|\\xe2\\x97\\x8f|\\xef\\x82\\xa7"


_STRONG_SEP = re.compile(
    r"\s*[|•·;]\s*|\s+[–—-]\s+|(?<=[A-Za-z)])[–—-]\s+|\t|\s{2,}|\s+at\s+|\s*@\s+"
    rf"|\s*(?:{_ESCAPED_SEP})\s*"
)
# "Position: X", "Employer - X", "Position held: X": a field label in front of the value,
# dropped.
_TITLE_NOUNS = r"(?:position|role)s?\s+held|position|role|designation|title"
# "Position:", "Job Title |": a label that heads a title ("job" before any label word).
TITLE_LABEL_WORDS = rf"(?:job\s+)?(?:{_TITLE_NOUNS})"
# What an employer's label is called ("Company:", "Employer's name:", "Organisation:").
EMPLOYER_LABEL_WORDS = r"(?:company|employer|organi[sz]ation|company name|employer'?s? name|firm)"
LABEL_WORDS = rf"(?:job\s+)?(?:{_TITLE_NOUNS}|{EMPLOYER_LABEL_WORDS}|client|duration|period)"
FIELD_LABEL = re.compile(
    rf"^(?:{LABEL_WORDS}\s*[:\-–|]\s*"
    # a label in capitals with no colon before its value ("ORGANISATION HCL Technologies Ltd")
    r"|(?-i:(?:POSITION|DESIGNATION|COMPANY|EMPLOYER|ORGANI[SZ]ATION|FIRM|DURATION|PERIOD)\s+"
    r"(?=[A-Z0-9])))",
    re.IGNORECASE,
)


MAX_HEADER_WORDS = 7  # a title or company name longer than this is a sentence fragment


# Word's second-level bullet exported as a letter, or a symbol font's as a brace ("o Helped
# code the redesign", "{ Led the delivery"): the parser's view only.
_LETTER_BULLET = re.compile(r"[o{]\s+(?=[A-Z])")


def strip_bullet(text: str) -> tuple[bool, str]:
    m = _BULLET.match(text) or _LETTER_BULLET.match(text)
    if m and m.end() < len(text):
        return True, text[m.end() :].strip()
    return False, text.strip()


def opening_at(text: str) -> int:
    """Where a line's content starts: after its bullet and a field label ("• Role: X")."""
    return len(text) - len(FIELD_LABEL.sub("", strip_bullet(text)[1]))


OPEN_END_FIRST = re.compile(rf"^(?:{dates.PRESENT})\s*[:–—-]\s*", re.IGNORECASE)


DATE_WORD = rf"(?:{dates.DATE}|{dates.PRESENT})"  # a date or an open end ("Present")


def legal_form(word: str) -> bool:
    """ "Inc.", "Ltd", "Co.": a company's legal form; not "CO" or "SA" in capitals, which after
    a city are a state or a country."""
    return _CORP_SUFFIX.match(word) is not None and not re.fullmatch(r"[A-Z]{2}", word)


def split_parts(line: str) -> list[str]:
    parts: list[str] = []
    for chunk in _STRONG_SEP.split(line):
        for sub in chunk.split(","):
            sub = sub.strip(" ()[]-–—,;:")
            if not sub:
                continue
            if parts and legal_form(sub):
                parts[-1] = f"{parts[-1]}, {sub}"
            else:
                parts.append(sub)
    return parts


_NAME_THEN_PLACE = re.compile(r"(\s*[,:|]\s*|\s+[–—-]\s+)")


def name_then_its_place(line: str) -> str:
    """ "Time Warner Cable" of "Time Warner Cable, Overland Park, KS"; "" for a line that is
    no name and its place."""
    if places.bare_place(line):
        return ""  # "Rapid City, SD 82828": the place alone
    if re.match(r"\d{3,}\s", line):
        return ""  # "1255 University, Montreal, QC": a street address
    parts = _NAME_THEN_PLACE.split(line, maxsplit=1)
    if len(parts) < 3:
        return ""
    name, rest = parts[0].strip(), parts[2].strip(EDGES)
    form = _NAME_THEN_PLACE.split(rest, maxsplit=1)
    if len(form) == 3 and legal_form(form[0].strip()):
        # "Quality Builders, Inc., Los Angeles, CA": the legal form is the name's.
        name, rest = f"{name}{parts[1]}{form[0].strip()}", form[2].strip(EDGES)
    if places.bare_place(places.with_state_code(rest)):
        return name
    # "London, England": a city and its country, unless the name is more than a word
    # ("First Baptist Church Huntsville, AL", "Law Office of Peter R. Mayer, PA").
    if places.is_region(rest) and len(name.split()) > 1:
        return name
    # "Bain & Company, Munich, Germany", "Ferrero S.p.A., Alba (Italy)": a town and its
    # country after a name that is no title.
    town = _TOWN_AND_COUNTRY.fullmatch(rest)
    if (
        town
        and places.is_region(town["after"] or town["inside"])
        and not places.is_region(town["town"])  # "St. Johns, Newfoundland, Canada": a place
        and not title_like(name)
    ):
        return name if len(name.split()) > 1 or legal_form(name.split()[-1]) else ""
    return ""


_TOWN_AND_COUNTRY = re.compile(
    rf"(?P<town>{places.TOWN})\s*(?:,\s*(?P<after>[^,()]+)|\((?P<inside>[^()]+)\))"
)


# A name of two or more capitalised words, then a town and perhaps its country ("Oliver
# Wyman, London", "Bain & Company, Munich, Germany"): a town with no region, which
# `name_then_its_place` cannot tell from anything else; read only to say what the CRF read
# on such a line is.
_NAME_THEN_TOWN = re.compile(
    r"(?P<name>[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’-]*)+),\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
    r"(?:,\s*[A-Z][\w. ]+)?"
)


def named_at_its_place(line: str, text: str) -> bool:
    """ "Oliver Wyman" of "Oliver Wyman, London", read by the CRF as a title: a name with no
    title word alone before its place on the line is the employer's."""
    bare = without_dates(line)
    m = _NAME_THEN_TOWN.fullmatch(bare.strip())
    name = name_then_its_place(bare) or (m["name"] if m is not None else "")
    return bool(name) and name.lower() == text.strip().lower() and not title_like(name)


def without_dates(line: str) -> str:
    """The line less its date range and the separators left at its ends ("Vincennes, IN" of
    "Vincennes, IN | Nov 2010 - Mar 2011")."""
    span = dates.find_range(line)
    if span is not None:
        line = f"{line[: span.begin]} {line[span.finish :]}"
    return line.strip(EDGES)


EDGES = " ,;|–—-"  # separators a field's text never begins or ends with


def all_capitalised(text: str) -> bool:
    """Every word capitalised but a name's joiners ("Vice President of Operations")."""
    return all(w[:1].isupper() or w in _NAME_JOINERS for w in text.split())


# A lower-case word, which a name holds as a joiner ("Bank of America", "Société de Crédit")
# and seldom more than once otherwise ("Peppes pizza"); not a lower-case brand ("eBay").
_PLAIN_WORD = re.compile(r"[a-z][a-z'’-]*")
_NAME_JOINERS = frozenset(
    {"of", "and", "the", "for", "in", "on", "at", "de", "da", "del", "der", "des", "du", "la"}
    | {"le", "van", "von", "y", "e", "et", "und", "di"}
)


def plain_word(word: str) -> bool:
    return bool(_PLAIN_WORD.fullmatch(word)) and word not in _NAME_JOINERS and not legal_form(word)


def confirmed(by_layout: str, weak: list[Entity], parts: Sequence[str] = ()) -> str:
    """A field read from the layout alone, kept only where a weak entity of the CRF agrees;
    else the header part (of `parts`) a weak entity lies in, the layout having put it
    elsewhere ("Bayou Grill, Biloxi, MS" read as title "Bayou Grill", company "Biloxi")."""
    mine = _fold(by_layout)
    if mine and any(_fold(e.text) in mine or mine in _fold(e.text) for e in weak):
        return by_layout
    for entity in weak:
        theirs = _fold(entity.text)
        part = next((p for p in parts if theirs and theirs in _fold(p)), "")
        if part:
            return part
    return ""


_EDGE_DATE = re.compile(
    rf"^{DATE_WORD}\b[\s,:;-]*|[\s,:;(-]*\b(?:{dates.DATE})$",
    re.IGNORECASE,
)


def as_field(text: str) -> str:
    """An entity's text as a field: no label ("Position:"), no date at either end ("2019
    Staff Accountant"), no separators around it."""
    text = FIELD_LABEL.sub("", text)
    span = dates.find_range(text)
    if span is not None and not text[span.finish :].strip(" ,;:-–—|()[]."):
        text = text[: span.begin]  # "Basic Computer Technologies (2005-2006)"
    text = _EDGE_DATE.sub("", text)
    return text.strip(" ,;:-–—|()[]")


def title_like(part: str) -> bool:
    """A title word ("Analyst") or a published job title ("Waiter", "Team Member")."""
    return _TITLE_WORDS.search(part) is not None or part.lower() in occupation_titles()


def name_like(part: str) -> bool:
    """A title or company name, not a sentence fragment: short, not ending a sentence, not
    starting in lower case."""
    return (
        len(part.split()) <= MAX_HEADER_WORDS
        and not part.endswith(":")
        # "Globex, Inc." and "Acme Pvt." end in an abbreviation, "increased 50%." a sentence.
        and not (
            part.endswith(".")
            and not _CORP_SUFFIX.match(part.split()[-1])
            and len(part.split()[-1]) > 4
        )
        and not (part[:1].islower() and not CAMEL_BRAND.match(part))
    )


# "eClerx", "eBay", "iGATE": a name that opens in lower case before a capital.
CAMEL_BRAND = re.compile(r"[a-z][A-Z]\w*\b")

"""A role's fields from its header lines: title and employer as the entity CRF read them,
else by the header's layout (title words, legal forms, order), the place and dates left
over; and the checks that keep a place, a person or a title out of the employer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lemminflect import getAllLemmas
from wordfreq import zipf_frequency

from resumeai.v1 import result_pb2
from tailor_worker.engine import dates, places, vocabulary
from tailor_worker.engine.entities.model import (
    COMPANY,
    TITLE,
    Entity,
)
from tailor_worker.engine.entities.occupations import occupation_titles, title_heads
from tailor_worker.engine.folding import word_key as _fold
from tailor_worker.engine.header_parts import (
    CAMEL_BRAND,
    DATE_WORD,
    EDGES,
    EMPLOYER_LABEL_WORDS,
    FIELD_LABEL,
    LABEL_WORDS,
    OPEN_END_FIRST,
    TITLE_LABEL_WORDS,
    URL,
    WORK_MODE,
    all_capitalised,
    as_field,
    confirmed,
    is_location,
    legal_form,
    name_like,
    name_then_its_place,
    named_at_its_place,
    opening_at,
    plain_word,
    split_parts,
    strip_bullet,
    title_like,
    without_dates,
)
from tailor_worker.engine.parse_state import (
    Entry,
    ParseState,
)
from tailor_worker.engine.sections import TITLE_WORDS as _TITLE_WORDS

# A symbol (punctuation, spaces, bullets: lead bytes e2, ef, c2) written as UTF-8 byte
# escapes; not a letter ("Nestl\xc3\xa9").
_ESCAPED_SYMBOL = r"\\x(?:e2|ef|c2)(?:\\x[89ab][0-9a-f]){1,2}"
_ESCAPES_AT_ENDS = re.compile(rf"^(?:{_ESCAPED_SYMBOL}|\s)+|(?:{_ESCAPED_SYMBOL}|\s)+$")


_LABELLED_GROUP = re.compile(rf"\s*\((?:{LABEL_WORDS})\s*:\s*(?P<value>[^()]+)\)", re.IGNORECASE)
# "Position" of "Position | Summer Associate": the label, split from its value.
_LABEL_ALONE = re.compile(LABEL_WORDS, re.IGNORECASE)


_TRAILING_GROUP = re.compile(r"\(([^()]*)\)\s*$")
# "Israel, Rehovot", "Remote", "Berlin": capitalised words with commas, no title word.
_LOCATION_GROUP = re.compile(r"[A-Z][\w.' -]*(?:,\s*[A-Z][\w.' -]*){0,2}")


def work_entry(entry: Entry, state: ParseState) -> result_pb2.WorkEntry:
    """The role's fields: dates by rule; title and employer as the entity CRF read them on
    the header lines, else by the header's layout (title words, legal forms, order)."""
    work = _work_fields(entry)
    parts = [p for line in entry.header for p in split_parts(line) if name_like(p)]
    # A dated header whose title part has a title word reads well by layout alone; otherwise
    # a field read by layout stands only where the CRF weakly agrees. A published title
    # without a title word ("Waiter", "Chair") vouches for itself only: beside a committee
    # ("Chair, Graduate Studies Committee") the other part is no employer.
    dated = bool(work.dates_text) or entry.stacked
    # A published title without a title word ("Translator", "Sommelier") vouches for the name
    # beside it when that name is no single word (a town, a month's fragment) and no person.
    vouched = (
        title_like(work.position)
        and len(work.company.split()) > 1
        and not _INITIALLED_PERSON.fullmatch(work.company.title())
    )
    placed = (
        bool(work.position)
        and not work.company[:1].isdigit()  # "2136 G Street": an address
        and _before_its_town(work.company, entry.header)
    )
    trusted = dated and (_TITLE_WORDS.search(work.position) is not None or vouched or placed)
    titled = dated and title_like(work.position)
    # An entity that is only a date ("2019" in "03/2017 - 11/2019 Staff Accountant") names
    # no field.
    titles = [e for e in state.entities(entry.header_lines, TITLE) if as_field(e.text)]
    # "Oliver Wyman" of "Oliver Wyman, London" over "Consultant", both read as titles: the
    # name before its place is the employer's, where another title is left.
    titled_apart = [e for e in titles if not named_at_its_place(state.exploded[e.line], e.text)]
    titles = titled_apart or titles
    # "Shopify" over "Senior Software Engineer", both read as titles: no one word that is no
    # title by its words.
    titles = [e for e in titles if title_like(e.text) or len(e.text.split()) > 1] or titles
    companies = _employers_first(
        [
            e
            for e in state.entities(entry.header_lines, COMPANY)
            if as_field(e.text)
            and not _in_its_place(e, state)
            and not _a_place(as_field(e.text), entry.header)
        ],
        state,
    )
    if titles:
        work.position = widened(_title_text(_joined(titles, state.exploded)), work.position)
        work.position = _with_next_title(work.position, entry, state)
    elif not titled and not _a_plain_title(work.position):
        work.position = confirmed(
            work.position, state.entities(entry.header_lines, TITLE, weak=True)
        )
    title, employer = _title_beside_employer(entry)
    if title:
        # "Stocker" / "Walmart - San Bernardino, CA": the lone part beside an employer and
        # its place is the title, whatever the CRF read it as.
        companies = [e for e in companies if not _within(_fold(e.text), _fold(title))]
        work.position = title if _within(_fold(work.position), _fold(title)) else work.position
        work.position = work.position or title
    # "Charge Nurse" read as both: the title wins, the employer is another entity.
    companies = [e for e in companies if _fold(e.text) != _fold(work.position)]
    # "Automatic Data Processing, Inc.": a legal form names the employer by layout alone.
    incorporated = bool(work.company) and legal_form(work.company.split()[-1])
    if companies:
        work.company = widened(as_field(companies[0].text), work.company)
    elif not trusted and not incorporated:
        work.company = confirmed(
            work.company, state.entities(entry.header_lines, COMPANY, weak=True), parts
        )
    qualifier = _fold(work.company) != _fold(title) and _within(_fold(work.company), _fold(title))
    guessed = not companies and bool(employer) and not title_like(employer)
    if title and (not work.company or qualifier or guessed):
        # Not the title's own qualifier ("Medical-Surgical"), nor a town the layout's first
        # guess took ("Parma" of "Barilla G. e R. Fratelli S.p.A., Parma (Italy)").
        work.company = employer
    if not work.position and not work.company:
        _fill_from_first_line(work, entry, state)
    if not work.position:
        work.position = _labelled_title(entry, state) or _opening_title(entry, state)
    if not work.position and not work.company:
        # "Career Break   Sep 2022 – Aug 2023": a gap in the career, named as such.
        gap = next((m for m in map(_CAREER_GAP.search, entry.header) if m), None)
        work.position = gap.group(0) if gap else ""
    if not work.company:
        work.company = _held_at(entry, state) or _before_its_place(entry)
    work.position = _HELD_AS_FIRST.sub("", work.position)  # "Have worked as a Support Engineer"
    if _a_phrase_not_a_title(work.position):
        work.position = ""
    work.company = _closed_group(work.company, entry.header, _an_acronym)
    work.position = _closed_group(
        work.position, entry.header, lambda inside: _a_qualifier(inside, work.company)
    )
    if titles or companies or title:
        taken = [_fold(work.position), _fold(work.company)]
        located = work.location.split(", ")
        kept = [
            part
            for i, part in enumerate(located)
            if part
            and not any(t and t in _fold(part) for t in taken)
            # A part inside a field is a piece of it, but for a town before its region
            # ("Aurora" of "Aurora Central High School, Aurora, CO").
            and not (
                any(t and _within(_fold(part), t) for t in taken)
                and not (
                    _a_town(part)
                    and places.is_region(located[i + 1] if i + 1 < len(located) else "")
                )
            )
        ]
        work.location = ", ".join(kept)
    work.company = _without_its_start_month(work.company, entry.header)
    work.company = _with_its_parent(work.company, entry.header)
    if work.company and _fold(work.company) == _fold(work.position):
        # One text read as both: a title by its head noun ("Newspaper Staff Member"), else
        # the employer ("Worldspan L.P.").
        if work.company.split()[-1].lower() in title_heads():
            work.company = ""
        else:
            work.position = ""
    work.position = _without_its_employer(work.position, work.company)
    work.position = _past_the_dash(work.position, work.company)
    if _an_occupation(work.company):
        # "Research Intern" read as the employer: a title, the role's own when it names none.
        work.position = work.position or work.company
        work.company = ""
    if (
        not _employer_like(work.company)
        or places.is_region(work.company)
        or _a_person(work.company, entry.header)
        or _a_place(work.company, entry.header)
        or _NO_NAME.fullmatch(work.company)
        or _NO_EMPLOYER.fullmatch(work.company)
    ):
        work.company = ""
    stated = EMPLOYER_LABEL.match(work.company)
    if stated is not None:  # "Company: Genpact India" read whole as the employer
        work.company = as_field(stated["value"])
    work.company = work.company or _labelled_employer(entry, state)
    _through_an_agency(work, entry.header)
    _with_department(work, entry.header)
    _split_at_colon(work, entry.header)
    town, place = _bracketed_place(entry.header)
    if town:
        # "Senior Consultant (Houston, TX), 1998 to 2000": the role's place, no employer.
        work.company = "" if work.company == town else work.company
        if town not in work.location and (not work.location or places.is_region(work.location)):
            work.location = place
    work.location = _place_parts(work, entry.header)
    _qualified_under_its_employer(work, entry.header)
    _department_apart(work, entry.header)
    return work


# ", Dept. of Sociology" after an academic title: the employer's department, no part of it.
_DEPARTMENT_AFTER = re.compile(r",\s*(?=(?:Dept\.?|Department|Faculty|School|Division)\s+of\s)")


def _department_apart(work: result_pb2.WorkEntry, header: Sequence[str]) -> None:
    """ "Assistant Professor, Dept. of Sociology and Social Policy, University of Leeds,
    2018-present": the title, and the department with its university as the employer."""
    cut = _DEPARTMENT_AFTER.search(work.position)
    if cut is None or work.company:
        return
    title = work.position[: cut.start()]
    line = next((h for h in header if work.position in h), "")
    parts = [p.strip() for p in without_dates(line)[len(title) :].strip(EDGES).split(",")]
    named = []
    for part in parts:
        if not part or places.is_region(part) or is_location(part):
            break
        named.append(part)
    if named and any(_ACADEMIC.search(p) for p in named[1:]):
        work.position, work.company = title, ", ".join(named)


# What joins a title to its qualifier on one line: "Team Leader – Dairy Operations",
# "Registered Nurse, Medical ICU".
_QUALIFIER_JOIN = re.compile(r"\s*(?:,|\s[–—-])\s*")


def qualified_title(position: str, company: str, line: str) -> str:
    """ "Staff Accountant, Audit & Assurance" when `line` (its dates aside) is the title then
    the text read as its employer and nothing else; else ""."""
    if not position or not company:
        return ""
    bare = without_dates(line).strip(EDGES)
    if not bare.startswith(position):
        return ""
    rest = bare[len(position) :]
    if rest.strip() == f"({company})":
        return f"{position} ({company})"  # "Customer Service Representative (Telco Account)"
    join = _QUALIFIER_JOIN.match(rest)
    if join is None or rest[join.end() :].strip(EDGES) != company:
        return ""
    return f"{position}{rest[: join.end()].rstrip()} {company}".replace(" ,", ",")


def _before_towns(line: str) -> str:
    """ "Fonterra" of "Fonterra, Te Rapa, Hamilton" (or "Concentrix Philippines – Cebu IT Park,
    Lahug, Cebu City"): a name that is no title and no region, then towns that are no
    region."""
    bare = without_dates(line).strip(EDGES)
    dashed = re.split(r"\s[–—-]\s", bare, maxsplit=1)
    if len(dashed) == 2:
        name, towns = dashed[0].strip(), [p.strip() for p in dashed[1].split(",")]
    else:
        parts = [p.strip() for p in bare.split(",")]
        name, towns = parts[0], parts[1:]
    if not towns or title_like(name) or not name[:1].isupper() or places.is_region(name):
        return ""
    if any(places.is_region(t) or not re.fullmatch(places.TOWN, t) for t in towns):
        return ""
    return name


def _firm_by_form(name: str) -> bool:
    """ "Sears Roebuck and Company", "Acme Ltd": a firm by its last word."""
    last = name.split()[-1] if name.split() else ""
    by_word = re.fullmatch(rf"{BUSINESS_WORD}|Company|Corporation", last) is not None
    return legal_form(last) or by_word


def _qualified_under_its_employer(work: result_pb2.WorkEntry, header: Sequence[str]) -> None:
    """ "Team Leader – Dairy Operations" / "Fonterra, Te Rapa, Hamilton": the part after the
    title is the title's qualifier where another line names the employer and its place."""
    if _firm_by_form(work.company):
        return  # "Sales Associate, Sears Roebuck and Company": the employer, by its form
    for i, line in enumerate(header):
        joined = qualified_title(work.position, work.company, line)
        if not joined:
            continue
        employer = next(
            (
                name
                for other in [*header[:i], *header[i + 1 :]]
                if (name := name_then_its_place(without_dates(other)) or _before_towns(other))
            ),
            "",
        )
        common = " " not in employer and zipf_frequency(employer.lower(), "en") >= 4
        if employer and not common and _fold(employer) != _fold(work.company):
            # Not a common word ("School, Athens", "Systems, Aberdeen, MO"): the wrapped end
            # of a longer name.
            work.position, work.company = joined, employer
        return


# "(via Talent Bridge for Northgate Payments)", "(via Hays)": a contractor's agency, and the
# client the work was done for.
_VIA_AGENCY = re.compile(
    r"\(\s*via\s+(?P<agency>[A-Z][^()]*?)(?:\s+(?:for|at|to)\s+(?P<client>[A-Z][^()]*?))?\s*\)"
)


def _through_an_agency(work: result_pb2.WorkEntry, header: Sequence[str]) -> None:
    """A contract placed through an agency ("Contract Backend Engineer (via Sterling Tech
    Partners for Halcyon Insurance) — 2023"): held at the client (else the agency), the
    title before the bracket, whatever the CRF read across it."""
    for line in header:
        m = _VIA_AGENCY.search(line)
        if m is None:
            continue
        if not work.company or _fold(work.company).startswith("via "):
            work.company = as_field(m["client"] or m["agency"])
        before = line[: m.start()].strip(" ,|–—-")
        if not work.position and title_like(before) and name_like(before):
            work.position = before
        work.position = _VIA_AGENCY.sub("", work.position).strip()
        return


_SPACED_DASH = re.compile(r"\s[–—-]\s")


def _past_the_dash(position: str, company: str) -> str:
    """ "Logistics — Senior Operations Analyst" read across the dash of "Harborview Logistics
    — Senior Operations Analyst": the title is what follows the dash, where what comes before
    it is the employer's end."""
    parts = _SPACED_DASH.split(position, maxsplit=1)
    if len(parts) != 2 or not company:
        return position
    before, after = parts[0].strip(), parts[1].strip()
    ends_employer = _fold(company).endswith(_fold(before)) and bool(_fold(before))
    return after if ends_employer and title_like(after) else position


_COLON = re.compile(r"(?P<left>[^:]+?):\s+(?P<right>[^:]+)")


def _split_at_colon(work: result_pb2.WorkEntry, header: Sequence[str]) -> None:
    """ "Ole Lounge: Bartender/ Server, Chicago, IL", "Full Time Instructor: Kent State
    University, Kent OH": an employer and its title joined by a colon, read whole as the
    title with the town after it as the employer. The part with a title word is the title,
    the other the employer, in whichever order, where no employer but a town was read."""
    m = _COLON.fullmatch(work.position)
    if m is None or (work.company and not _a_town_of(work.company, header)):
        return
    left, right = m["left"].strip(), m["right"].strip()
    if _LABEL_ALONE.fullmatch(left):
        work.position = right  # "Post: Immigration Attorney"
        return
    if title_like(left) == title_like(right) or re.search(r"[\d@]", work.position):
        return  # neither or both a title, or a contact line ("Tel: (123)...")
    title, employer = (left, right) if title_like(left) else (right, left)
    if not _employer_like(employer):
        return
    if work.company:
        work.location = ", ".join(p for p in (work.company, work.location) if p)
    work.position, work.company = title, employer


_BRACKETED_PLACE = re.compile(
    rf"\(\s*(?P<place>(?P<town>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,2}}),?\s+"
    rf"{places.REGION.pattern})\s*\)"
)


def _bracketed_place(header: Sequence[str]) -> tuple[str, str]:
    """The town and the whole place of a header's "(Town, Region)", else empty."""
    m = next((m for m in map(_BRACKETED_PLACE.search, header) if m), None)
    return (m["town"], m["place"]) if m else ("", "")


def _a_town_of(name: str, header: Sequence[str]) -> bool:
    """ "Chicago" of "..., Chicago, IL, August 2008": the name stands before a region."""
    before = re.compile(rf"(?<![\w-]){re.escape(name)},?\s+{places.REGION.pattern}")
    return (
        places.is_region(name)
        or any(before.search(line) for line in header)
        or bool(
            re.fullmatch(rf"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?\s+{places.REGION.pattern}", name)
        )
    )


# The words a department or function after a title is made of ("Vice President, Sales",
# "Head, Digital Channels", "Director, Claims Quality"): every word one of these, so an
# employer after the title ("Data Analyst, Northbeck Logistics") is never taken for one.
_FUNCTION_TEXT = """sales marketing operations finance financial accounting hr human resources
    quality claims channels digital compliance risk legal procurement analytics partnerships growth
    communications support strategy strategic tax audit treasury administration engineering
    product products programs program relations talent people success customer business
    development data platform infrastructure security research design brand content retail
    commercial corporate enterprise global regional international national field technology it
    information fulfilment fulfillment supply chain planning payments credit lending
    underwriting investor public affairs and & of
    medical surgical icu micu sicu picu nicu cicu unit care progressive intensive critical
    emergency oncology pediatric pediatrics paediatric cardiac telemetry maternity neonatal
    orthopedic orthopaedic rehabilitation psychiatric behavioral inpatient outpatient"""
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())


def _with_department(work: result_pb2.WorkEntry, header: Sequence[str]) -> None:
    """The title with the department written after it and its comma, which the CRF and the
    layout leave out (as the employer or the place)."""
    if not work.position:
        return
    for line in header:
        m = re.search(
            rf"{re.escape(work.position)},\s*(?P<dept>[A-Z][\w&]*(?:\s+(?:&|and|[A-Z][\w&]*)){{0,3}})"
            r"(?=\s*(?:[,(|–—-]|$))",
            line,
        )
        dept = m["dept"] if m is not None else ""
        words = dept.lower().split()
        if not words or not all(w in _FUNCTION_WORDS for w in words) or is_location(dept):
            continue
        if _fold(dept) != _fold(work.company) and _within(_fold(dept), _fold(work.company)):
            return  # "Information Technology" of the employer "Information Technology Systems"
        work.position = f"{work.position}, {dept}"
        if _fold(work.company) == _fold(dept):
            work.company = ""
        work.location = ", ".join(p for p in work.location.split(", ") if _fold(p) != _fold(dept))
        return


def _title_beside_employer(entry: Entry) -> tuple[str, str]:
    """A title and an employer by the header's layout: one line names an employer and its
    place, another (above or below it, dated or not) is one part, the title ("Stocker" /
    "Walmart - San Bernardino, CA"; "United States Army, Fort Liberty, NC" / "Supply
    Sergeant, 06/2018 – 05/2023"); ("", "") for any other header."""
    named = [line for line in entry.header if not _dates_alone(line)]
    if len(named) != 2 or len(entry.header) - len(named) > 1:
        return "", ""  # two lines naming the role, and the dates on a line of their own or none
    first, second = (without_dates(line) for line in named)
    for title_line, employer_line in ((first, second), (second, first)):
        employer = name_then_its_place(employer_line)
        parts = split_parts(title_line)
        if (
            employer
            and len(parts) == 1
            and name_like(parts[0])
            and not is_location(parts[0])
            and not name_then_its_place(title_line)
        ):
            return parts[0], employer
        wrapped = re.fullmatch(BUSINESS_WORD, employer) is not None  # "Blasil" / "Systems, ..."
        if employer and not wrapped and _a_qualified_title(parts):
            # "Senior Account Executive, Mid-Market" / "Salesforce — Dallas, TX | ...": the
            # part after the title qualifies it (a segment, a unit, a ward), no employer.
            return ", ".join(parts), employer
    return "", ""


def _in_its_place(entity: Entity, state: ParseState) -> bool:
    """The CRF's employer is the town after a name and its place ("Parma" of "Barilla G. e R.
    Fratelli S.p.A., Parma (Italy)"): the name is the employer."""
    line = without_dates(state.exploded[entity.line])
    name = name_then_its_place(line)
    at = line.find(entity.text)
    return (
        bool(name)
        and at >= line.find(name) + len(name)
        and not _within(_fold(entity.text), _fold(name))
    )


def _before_its_town(company: str, header: Sequence[str]) -> bool:
    """ "UPS" of "Seasonal Package Handler | UPS | Indianapolis, IN | Nov 2018 - Jan 2019":
    one word between a title and a town with its state is the employer, no town itself."""
    for line in header:
        parts = split_parts(without_dates(line))
        for i, name in enumerate(parts[:-1]):
            town = ", ".join(parts[i + 1 : i + 3])  # "Indianapolis", "IN"
            if _fold(name) == _fold(company) and places.bare_place(places.with_state_code(town)):
                return True
    return False


def _a_qualified_title(parts: Sequence[str]) -> bool:
    return (
        len(parts) == 2
        and title_like(parts[0])
        and not title_like(parts[1])
        and all(name_like(p) and not is_location(p) for p in parts)
        and len(parts[1].split()) <= 3
        and not legal_form(parts[1].split()[-1])
    )


def _dates_alone(line: str) -> bool:
    return dates.find_range(line) is not None and not without_dates(line)


def _employers_first(companies: list[Entity], state: ParseState) -> list[Entity]:
    """The CRF's employers, those that make a header line of their own with their place
    ("Memorial Hermann Medical Center, Houston, TX") before those inside a title's line
    ("Registered Nurse – Cardiac ICU")."""

    def alone(entity: Entity) -> bool:
        name = name_then_its_place(without_dates(state.exploded[entity.line]))
        # Not one word: "Systems" of "Blasil" / "Systems, Aberdeen, MO" is the wrapped end
        # of a name.
        return len(name.split()) > 1 and _fold(name) == _fold(entity.text)

    # A title the CRF read as an employer ("Room Leader (Toddlers)") goes after a name of
    # more than one word that is no title (one word may be a town: "Chennai").
    named = any(not title_like(e.text) and len(e.text.split()) > 1 for e in companies)
    return sorted(companies, key=lambda e: (named and title_like(e.text), not alone(e)))


_CAREER_GAP = re.compile(
    r"\b(?:career\s+break|sabbatical|gap\s+year|parental\s+leave|maternity\s+leave|"
    r"paternity\s+leave|family\s+leave)\b",
    re.IGNORECASE,
)


# What no employer is called: a date's fragment ("August 08" of "August 08 - May 09",
# "Since: September 1st"), a grade's numeral ("III" of "Software developer level III"), the
# document's own title repeated atop a page ("RESUME").
_NO_NAME = re.compile(
    rf"(?:{dates.MONTH_OR_SEASON}\s*'?\d{{1,2}}(?:st|nd|rd|th)?"
    r"|(?:since|from|until|till)\b.*|(?-i:[IVX]{1,4})"
    r"|r[eé]sum[eé]|cv|curriculum\s+vitae)",
    re.IGNORECASE,
)


# Nor what a line names besides an employer: a template's placeholder ("NAME OF EMPLOYER",
# "First Name Last Name", "XXXXXXXXXXX"), an award, a certificate or a course of study
# ("ITSD Research and Innovation Award", "Information Sciences Concentration"), or no
# letter at all ("1" of "Chester PA 19013"). (A name cut at its joining word, "Office of the
# Wisconsin Commissioner of", is still the employer's, cut by the line.)
_NO_EMPLOYER = re.compile(
    r"(?:.*\b(?:name\s+of\s+(?:employer|company|college|organi[sz]ation|school)|"
    r"employer'?s?\s+name|company\s+name|first\s+name\s+last\s+name)\b.*"
    r"|x{4,}"
    r"|.*\b(?:awards?|prizes?|scholarships?|certificates?|honou?r\s+society)\b.*"
    r"|.*\sconcentration"
    r"|[^A-Za-z]*)[\W_]*",
    re.IGNORECASE,
)


def _closed_group(field: str, header: Sequence[str], keeps: Callable[[str], bool]) -> str:
    """ "Acme Corp" of "Acme Corp (Israel", read by the entity CRF from "Acme Corp (Israel,
    Rehovot)": a field cut inside a group in brackets takes the group whole, as the header
    writes it, when `keeps` says so of what it holds, and otherwise ends before it (the
    header's place is read into the location)."""
    at = _unclosed_bracket(field)
    if at < 0:
        return field
    for line in header:
        start = line.find(field)
        end = line.find(")", start + len(field)) if start >= 0 else -1
        closes = end >= 0 and "(" not in line[start + len(field) : end]
        if closes and keeps(line[start + at + 1 : end].strip()):
            return line[start : end + 1]
    return field[:at].rstrip(" ,;:-–—") or field


def _an_acronym(text: str) -> bool:
    """ "ICAO" of "International Civil Aviation Organization (ICAO)": an employer keeps it."""
    return _ACRONYM.fullmatch(text) is not None


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&/.-]{1,9}")


def _a_qualifier(text: str, company: str) -> bool:
    """ "Contract", "part time", "Co-Op", "P/T": a few words that say how a role was held,
    which a title keeps ("Engineer (Contract)"); not its employer, a place or dates
    ("Portfolio Manager (Nedbank)", "Teacher (part-time employment Jan. 2004)")."""
    return (
        0 < len(text.split()) <= 3
        and not any(ch.isdigit() for ch in text)
        and _fold(text) != _fold(company)
        and not any(is_location(p.strip()) for p in text.split(","))
        and not places.bare_place(places.with_state_code(text))
    )


def _unclosed_bracket(text: str) -> int:
    """Where the last "(" no ")" closes stands in `text`; -1 when every one is closed."""
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            opened.pop()
    return opened[-1] if opened else -1


def _without_its_employer(position: str, company: str) -> str:
    """ "Director/Teacher" of "Director/Teacher Gateway Early Childhood Center" when the
    employer is "Gateway Early Childhood Center": a title the employer's name ran into."""
    if not company or not position.endswith(company):
        return position
    before = position[: -len(company)]
    if not before or before[-1].isalnum() or _ROMAN.fullmatch(company) or title_like(company):
        # The whole title, a word that ends like the employer, "Level III", or a second
        # title read as the employer ("Business Analyst - Channel Support Specialist").
        return position
    title = _title_text(before)
    return title if title and title_like(title) else position


_ROMAN = re.compile(r"[IVX]+")


# A unit of a larger body: "Department of Government", "School of Education", "Marketing
# Department", "Counseling Services Program".
_SUB_UNIT = re.compile(
    r"^(?:the\s+)?(?:department|dept\.?|school|division|office|faculty|college|centre|center|"
    r"institute)\s+(?:of|for)\b|\b(?:department|dept\.?|division|program|programme|unit)$",
    re.IGNORECASE,
)


def _with_its_parent(company: str, header: Sequence[str]) -> str:
    """ "School of Education, SUNY Oswego" of the unit "School of Education": a unit named
    before the body it belongs to is named with it, as one employer (comma-joined, whatever
    separated them)."""
    if not company or not _SUB_UNIT.search(company):
        return company
    for line in map(without_dates, header):
        parts = split_parts(line)
        at = next((i for i, p in enumerate(parts) if p == company), -1)
        if at < 0 or at + 1 >= len(parts):
            continue
        parent, rest = parts[at + 1], ", ".join(parts[at + 1 :])
        if places.bare_place(places.with_state_code(rest)) or is_location(parent):
            return company  # "School of Law, Boston, MA": its place, no parent body
        if title_like(parent) or not _employer_like(parent):
            return company
        return f"{company}, {parent}"
    return company


def _a_named_employer(name: str) -> bool:
    """An employer's name by layout: no published title, no university, no field label
    ("Location: Pune") and no street address ("6 Pine Street")."""
    if ":" in name or name[:1].isdigit():
        return False
    return _employer_like(name) and not _an_occupation(name) and not _ACADEMIC.search(name)


# A university or college named as the employer is the labels' (and most readers') place
# of study far more often than a workplace: left to the CRF.
_ACADEMIC = re.compile(r"\b(?:university|college)\b", re.IGNORECASE)


_TRAILING_REMARK = re.compile(r"[\s(]*\([^()]*\)?[\s)]*$")


def _before_its_place(entry: Entry) -> str:
    """The employer of a header line that is a name and its place alone ("Baldwin
    Elementary, Baldwin City, KS", "Time Warner Cable, Overland Park, KS"), or a name alone
    over a line that is its place ("Microsoft Research" / "Redmond, WA"), as one-field-a-line
    layouts put it under or over the title and dates. Dates and a trailing remark are no
    part of either: "Chuck's Sodas & Pizza, Stockler CA Summer 2007", "Oak Mountain
    Elementary School: Hoover, AL (Fall 2002)"."""
    header = [_TRAILING_REMARK.sub("", without_dates(line)).strip(EDGES) for line in entry.header]
    for at, line in enumerate(header):
        beside = [header[n] for n in (at + 1, at - 1) if 0 <= n < len(header)]
        if any(_a_name_beside_its_place(line, place) for place in beside):
            return line
        name = name_then_its_place(line)
        if name and _a_named_employer(name):
            return name
    return ""


def _a_name_beside_its_place(name: str, place: str) -> bool:
    """ "Microsoft Research" over "Redmond, WA" (or under "Bemidji, MN"): one name-like
    part, no title ("511 West 1st Street" over "Wayne, NE" is no name either)."""
    return (
        bool(name)
        and bool(places.bare_place(places.with_state_code(place)))
        and _a_named_employer(name)
        and len(split_parts(name)) == 1
        and not title_like(name)
    )


def _within(words: str, text: str) -> bool:
    """`words` are whole words of `text` ("and head boxing coach" of the title "personal
    trainer nutritionist and head boxing coach"; "ny" is no word of "company")."""
    return bool(words) and f" {words} " in f" {text} "


def _without_its_start_month(field_text: str, header: Sequence[str]) -> str:
    """ "Xylin August" of "Xylin August 2003 – December 2007": the field less the month of
    the date its line goes on with."""
    words = field_text.split()
    if len(words) < 2 or not re.fullmatch(dates.MONTH_OR_SEASON, words[-1], re.IGNORECASE):
        return field_text
    dated = re.compile(re.escape(field_text) + r",?\s+(?:19|20)\d{2}\b")
    if any(dated.search(line) for line in header):
        return " ".join(words[:-1])
    return field_text


def _an_occupation(company: str) -> bool:
    """A published job title ("Medical Social Worker", "Team Leader"), not a product or
    hard skill the vocabulary names ("SAP Basis" is listed as both; a soft skill's word, the
    "Leader" of "Team Leader", makes no product)."""
    text = company.strip().lower()
    if text in occupation_titles():
        return all(m.term.kind == "soft" for m in vocabulary.find_terms(company))
    # "SAP EWM WM Analyst": a title by the title word that ends it.
    words = company.split()
    return len(words) > 1 and _TITLE_WORDS.fullmatch(words[-1]) is not None


def _a_place(company: str, header: Sequence[str]) -> bool:
    """ "Princeton" of a header line "Princeton, NJ", "Toronto" of "Toronto, Ontario, Canada ·
    Hybrid": the role's place, not its employer."""
    return any(
        _fold(company) in (_fold(places.bare_place(line)), _fold(places.town_in_its_country(line)))
        for line in header
    )


# "Gregory T. Jones": a person by a middle initial (a referee or a supervisor listed under
# the role); a firm so named carries its legal form ("Jack E. Carter, PA").
_INITIALLED_PERSON = re.compile(r"[A-Z][a-z]+\s+[A-Z]\.\s+[A-Z][a-z]+")
_FIRM_FORM = r",?\s+(?:P\.?A|P\.?C|L\.?L\.?[PC]|Ltd|Inc|Esq)\b"


def _a_person(company: str, header: Sequence[str]) -> bool:
    if not _INITIALLED_PERSON.fullmatch(company):
        return False
    firm = re.compile(re.escape(company) + _FIRM_FORM)
    return not any(firm.search(line) for line in header)


_WORKED = re.compile(r"\b(?:work(?:ed|ing)|employed|joined|associated)\b", re.IGNORECASE)
_AT = re.compile(r"\b(?:at|for|with|in)\s+(?:the\s+)?$", re.IGNORECASE)


def _held_at(entry: Entry, state: ParseState) -> str:
    """The employer a line of the role says it was held at ("Worked for National Informatics
    Centre ...", "associated with Cisco"): the CRF's employer after "at / for / with / in"."""
    for n in entry.line_nos:
        text = state.exploded[n]
        if not _WORKED.search(text):
            continue
        for entity in state.entities([n], COMPANY):
            if _AT.search(text[: entity.start]):
                return as_field(entity.text)
    return ""


# "Company: Autopistas de los Llanos S.A.", "Company 1: Oracle India Private Limited", "Name
# and address of employer  Vistula Software Sp. z o.o., ul. Prosta 20, Warsaw": the employer
# stated under its label.
EMPLOYER_LABEL = re.compile(
    rf"(?:{EMPLOYER_LABEL_WORDS}|"
    r"name\s+(?:and\s+address\s+)?of\s+(?:the\s+)?employer)(?:\s*#?\d{1,2})?"
    r"\s*(?:[:|–-]\s*|\s{2,})"
    r"(?P<value>[^|(;:]+)",
    re.IGNORECASE,
)


def _labelled_employer(entry: Entry, state: ParseState) -> str:
    """The employer a header or an early line of the role states under its label: its name,
    with its legal form but not its address."""
    for n in [*entry.header_lines, *entry.line_nos[:3]]:
        stated = EMPLOYER_LABEL.match(strip_bullet(state.exploded[n])[1])
        if stated is None:
            continue
        parts = [p.strip() for p in stated["value"].split(",")]
        name = parts[0]
        if len(parts) > 1 and legal_form(parts[1].split()[0] if parts[1] else ""):
            name = f"{name}, {parts[1]}"
        name = as_field(name)
        if name and name_like(name):
            return name
    return ""


# "Worked as a Lecturer in ...", "Joined as Associate System Engineer": the role held.
_HELD_AS = re.compile(
    r"\b(?:work(?:ed|ing)|join(?:ed)?|employed|serv(?:ed|ing)|hired|promoted)\s+(?:as|to)\s+"
    r"(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)


def _labelled_title(entry: Entry, state: ParseState) -> str:
    """The title a line of the role states under a label ("Role: Lead Android developer,
    architect. Worked with ..."): the CRF's title right after the label."""
    for n in entry.line_nos:
        text = state.exploded[n]
        body = strip_bullet(text)[1]
        label = FIELD_LABEL.match(body) or _HELD_AS.search(body)
        if label is None:
            continue
        start = text.find(body) + label.end()
        titles = [e for e in state.entities([n], TITLE) if abs(e.start - start) <= 1]
        if titles:
            return as_field(titles[0].text)
    for n in [*entry.header_lines, *entry.line_nos[:2]]:
        # By layout where the CRF names none: the label vouches for a title it heads
        # ("Position | Summer Associate (Full-time offer extended)").
        stated = _TITLE_LABEL.match(strip_bullet(state.exploded[n])[1])
        value = as_field(stated["value"]) if stated else ""
        # "Position: Agricultural Extension Expert": a position's own label vouches for a
        # name-like value; "Role:" only for one with a title word (a project's role is often
        # a phrase: "Role: Digital marketing through creative writing").
        named = stated is not None and _POSITION_LABEL.match(stated.group(0)) is not None
        if value and (title_like(value) or named) and name_like(value):
            return value
    return ""


_POSITION_LABEL = re.compile(r"(?:job\s+)?(?:position|designation|title)\b", re.IGNORECASE)
_TITLE_LABEL = re.compile(rf"{TITLE_LABEL_WORDS}\s*[:|–-]\s*(?P<value>[^|(;:]+)", re.IGNORECASE)


# Where a title that opens a line ends: a dash, colon or bar ("Vice President of Operations
# - Promoted to ...", "Executive Director:").
_STOP = r"\s*(?:\s[–—-]\s|[–—:|]|$)"
_TITLE_STOP = re.compile(_STOP)
_TITLE_REST = re.compile(rf"(?:\s+(?:[A-Z][\w&'.-]*|of|and|for|the|&)){{1,4}}?(?={_STOP})")


def _opening_title(entry: Entry, state: ParseState) -> str:
    """A role whose header names no title takes the CRF's title that opens one of its first
    two lines and ends at a dash, colon or bar ("Vice President of Operations - Promoted
    to review ..."), run on over the capitalised words the CRF left off ("of Operations")."""
    for n in entry.line_nos[:2]:
        text = state.exploded[n]
        titles = state.entities([n], TITLE)
        if not titles or titles[0].start > opening_at(text) + 1:
            continue
        joined = _joined(titles, state.exploded)
        end = titles[0].start + len(joined)
        if _TITLE_STOP.match(text, end) is None:
            rest = _TITLE_REST.match(text, end)
            if rest is None:
                continue
            end = rest.end()
        return _title_text(text[titles[0].start : end])
    if entry.line_nos:
        # By layout where the CRF names none: a capitalised title and a dash before the
        # sentence ("Vice President of Field Construction - Took this small company ...").
        first = _TITLE_THEN_DASH.match(strip_bullet(state.exploded[entry.line_nos[0]])[1])
        if first is not None and title_like(first["title"]) and all_capitalised(first["title"]):
            return first["title"]
    return ""


_TITLE_THEN_DASH = re.compile(r"(?P<title>[A-Z][^–—:|()-]{2,60}?)\s+[–—-]\s+\S")


_HELD_AS_FIRST = re.compile(
    r"^(?:(?:i\s+)?(?:have|had)\s+)?(?:(?:worked|served|been)\s+)?as\s+(?:an?\s+|the\s+)?(?=\w)",
    re.IGNORECASE,
)


def _a_phrase_not_a_title(position: str) -> bool:
    """ "Delivered Google Assistant", "I was coordinator of": a duty or a sentence's piece
    read as the title. A title opens with no pronoun and no past tense."""
    words = position.split()
    if not words:
        return False
    first = words[0].strip(",.;:").lower()
    if first in {"i", "we", "he", "she", "was", "have", "had"}:
        return True
    # A past tense that is no adjective ("Delivered", not "Embedded" or "Registered"), and no
    # acronym ("SPED Teacher").
    lemmas = getAllLemmas(first)
    verbs = lemmas.get("VERB", ())
    past = bool(verbs) and first not in verbs and first.endswith("ed")
    return past and "ADJ" not in lemmas and not words[0].isupper()


def _fill_from_first_line(work: result_pb2.WorkEntry, entry: Entry, state: ParseState) -> None:
    """A header that names neither title nor employer (a date alone: "1994 - 2007") is
    followed by the line that does, however long ("Executive Secretary of the European Civil
    Aviation Conference (ECAC)"): the CRF's title and employer where that line opens with one."""
    if not entry.line_nos:
        return
    n = entry.line_nos[0]
    found = state.entities([n], TITLE) + state.entities([n], COMPANY)
    if not found or min(e.start for e in found) > opening_at(state.exploded[n]) + 2:
        return
    for label in (TITLE, COMPANY):
        ours = [e for e in found if e.label == label]
        if ours:
            value = as_field(_joined(ours, state.exploded))
            if label == TITLE:
                work.position = value
            else:
                work.company = value


_DATE_FIRST = re.compile(rf"^(?:{DATE_WORD}|till|to)\b", re.IGNORECASE)


def _employer_like(text: str) -> bool:
    """An employer's name, not a fragment: capitalised (or a figure: "3M"), not a date, at
    most eight words, not a sentence opening with a past-tense verb ("Conducted ...")."""
    words = text.split()
    if not words or len(words) > 8:
        return False
    if not (text[:1].isupper() or text[:1].isdigit() or CAMEL_BRAND.match(text)):
        return False
    if _DATE_FIRST.match(text) or _NOT_EMPLOYER.match(text) or not as_field(text):
        return False  # a date or a label, or nothing but them ("Since 2000")
    if _SERVICE_BODY.search(text):
        return False  # "Member, Graduate Studies Committee (GSC)": service, no employer
    if sum(1 for w in words[1:] if plain_word(w)) >= 2:
        return False  # "Analysis of business processes": a phrase, not a name
    first = words[0].lower()
    verbs = getAllLemmas(first).get("VERB", ())
    if len(words) == 1 and first.endswith("ing") and verbs and first not in verbs:
        return False  # "Marketing", "Teaching": a field of work alone, not a firm ("Boeing")
    # "Conducted training for ...", not "United States Army" or "Applied Materials".
    capitalised = len(words) > 1 and all(w[:1].isupper() for w in words[1:])
    return not (first.endswith("ed") and verbs and not capitalised)


# A body one serves on rather than works for, by its last word before a trailing acronym.
_SERVICE_BODY = re.compile(
    r"\b(?:committee|(?:advisory|staff|student|faculty|coordinating)\s+council|senate|board|"
    r"caucus|panel|task\s+force|team)s?"
    r"(?:\s*\([^)]*\)?)?\W*$",
    re.IGNORECASE,
)


# A month or season opening the text ("January to", "Summers"), a field label or a count of
# time alone ("Responsibilities", "Hours", "1 Year 3 Months"): never an employer.
_NOT_EMPLOYER = re.compile(
    # A month (by its own spellings: "Janssen", "Novartis" and "Marriott" are employers) or
    # season, alone or with the dash of its range ("Jan —", or "Jan \xe2\x80\x94" where an
    # export wrote that dash as escaped bytes).
    rf"^(?:{dates.MONTH_OR_SEASON}s?(?:\s+to|\s*[-–—]|\s*\\xe2\\x80\\x9[34])?|"
    r"since|responsibilities|duties|description|"
    r"hours|role|client|project|summary|present|\d+\s+(?:years?|months?)\b.*)$",
    re.IGNORECASE,
)


_JOINER = re.compile(r"\s*(?:[/&,]|and)\s*", re.IGNORECASE)


def _joined(found: list[Entity], lines: list[str]) -> str:
    """The first entity, run together with those that follow it on its line when only a
    joiner stands between ("Owner/Trainer/Consultant", "Designer & Lead Developer")."""
    first = last = found[0]
    for entity in found[1:]:
        gap = lines[first.line][last.end : entity.start]
        if entity.line != first.line:
            break
        # "Owner/" + "Operator": the CRF may keep the joiner inside the first entity.
        if not _JOINER.fullmatch(gap) and not (
            not gap.strip() and _JOINER.fullmatch(last.text[-1:])
        ):
            break
        last = entity
    return lines[first.line][first.start : last.end]


# Between two titles of one header: "Business Analyst - Channel Support Specialist",
# "Team Leader/Laborer", "Software Design Engineer, Intern", "Teacher and Principal".
_JOINERS = r"\s*(?:,\s*(?:and|&)\b|/|,|&|\band\b)\s*|\s+[–—-]\s+"
_TITLE_JOINER = re.compile(_JOINERS, re.IGNORECASE)
# The title part and its joiner that end the text before a title ("Personal Trainer, " of
# "Personal Trainer, Nutritionist, and Head Boxing Coach").
_TITLE_BEFORE = re.compile(rf"(?P<part>[^,/&|–—]+?)(?:{_JOINERS})$", re.IGNORECASE)


def _with_next_title(position: str, entry: Entry, state: ParseState) -> str:
    """The title run on over the titles written right after it on its line, which the CRF
    left off or read weakly: all are the role's ("Team Leader/Laborer", "Senior Financial
    Analyst / IT Project / Program Consultant")."""
    for n in entry.header_lines:
        line = state.exploded[n]
        at = line.find(position) if position else -1
        if at < 0:
            continue
        end = at + len(position)
        for _ in range(_MAX_TITLES - 1):
            following = _title_after(line, end, n, state)
            if following is None:
                break
            end = following
        for _ in range(_MAX_TITLES - 1):
            before = _TITLE_BEFORE.search(line[:at])
            if before is None or not _a_title_part(before["part"].strip(), n, state):
                break
            at = before.start("part") + len(before["part"]) - len(before["part"].lstrip())
        return line[at:end].strip()
    return position


_MAX_TITLES = 4


def _title_after(line: str, end: int, n: int, state: ParseState) -> int | None:
    """Where the title part after a joiner at `end` ends; None when no title follows."""
    joiner = _TITLE_JOINER.match(line, end)
    if joiner is None:
        return None
    parts = split_parts(line[joiner.end() :])
    if not parts or not line.startswith(parts[0], joiner.end()):
        return None
    part = parts[0].split(":")[0].rstrip()  # "Integration Aide: Smithville Primary School"
    return joiner.end() + len(part) if part and _a_title_part(part, n, state) else None


def _a_title_part(part: str, line: int, state: ParseState) -> bool:
    """A header part that is a title: a title word or a published title, and no employer
    the CRF names in it or a legal form ends it."""
    if not part.strip():
        return False  # ", , Team Leader": nothing between two joiners
    if legal_form(part.split()[-1]) or is_location(part) or dates.find_range(part):
        return False
    if any(_fold(e.text) in _fold(part) for e in state.entities([line], COMPANY, weak=True)):
        return False
    return title_like(part)


def _a_plain_title(part: str) -> bool:
    """ "Customer Service Associate", "Computer Lab Coordinator": a short capitalised part
    ending in a title word reads as a title by layout alone, dated or not."""
    words = part.split()
    return (
        0 < len(words) <= 5
        and all_capitalised(part)
        and _TITLE_WORDS.fullmatch(words[-1].strip(".,")) is not None
    )


def widened(by_crf: str, by_layout: str) -> str:
    """The CRF says which part of the header a field is, the layout where that part ends:
    "Intern" inside the part "Accounting Intern" is the part (as a field: no label or date
    at its ends, "Present Associate Professor" is the title "Associate Professor")."""
    mine, theirs = _fold(by_crf), _fold(by_layout)
    if mine and mine != theirs and mine in theirs:
        return as_field(by_layout)
    return _overlapped(by_crf, by_layout) or by_crf


def _overlapped(by_crf: str, by_layout: str) -> str:
    """ "Lagos University Teaching Hospital (LUTH" where the CRF read "University Teaching
    Hospital (LUTH" and the layout "Lagos University Teaching Hospital": the CRF's text runs
    on past the layout's end, the layout's starts before the CRF's; both spans joined."""
    crf, layout = by_crf.split(), by_layout.split()
    for k in range(min(len(crf), len(layout)) - 1, 1, -1):
        head = layout[:-k]
        if [_fold(w) for w in layout[-k:]] == [_fold(w) for w in crf[:k]]:
            # Only a name's words before it: no date ("Feb 2011/Now").
            named = all(re.fullmatch(r"[A-Z][\w&.'’-]*", w) for w in head)
            return " ".join([*head, *crf]) if named and not dates.find_range(" ".join(head)) else ""
    return ""


def _title_text(text: str) -> str:
    """A title entity as a field: `as_field`, and no full stop after a whole word
    ("Assistant Program Manager." but "Asst. Mgr.")."""
    text = _TITLE_TAIL.sub("", as_field(text))  # "Teacher Assistant and", "Consultant with"
    last = text.split()[-1] if text else ""
    return text[:-1] if last.endswith(".") and len(last) > 5 else text


# What a title stops on before the employer or the next word it was cut from: a joiner
# ("and", "with", "during") or a separator ("/", "(", "@").
_TITLE_TAIL = re.compile(
    r"(?:[\s,:;/(@&–—-]|\b(?:and|of|for|to|with|at|in|during)\b)+$", re.IGNORECASE
)


def _work_fields(entry: Entry) -> result_pb2.WorkEntry:
    work = result_pb2.WorkEntry(id=entry.id)
    work.highlights.extend(entry.lines)
    texts: list[str] = []
    places: list[str] = []
    spans = [dates.find_range(line) for line in entry.header]
    own = _own_dates(spans)
    for line, span in zip(entry.header, spans, strict=True):
        if span is not None and (span is own or own is None) and not work.dates_text:
            work.dates_text = span.text
            work.start_date, work.end_date = span.start, span.end
        if span is not None:
            line = line[: span.begin] + "  " + line[span.finish :]
        # "Worldspan L.P. (Designation: Software Intern)": a labelled field in parentheses
        # is a part of its own.
        line = _LABELLED_GROUP.sub(r", \g<value>", line)
        group = _TRAILING_GROUP.search(line)
        if group is not None and _LOCATION_GROUP.fullmatch(group.group(1).strip()):
            # "Backend developer, (Israel, Rehovot)": a place in parentheses.
            places.append(group.group(1).strip())
            line = line[: group.start()]
        texts.append(line)
    parts = [
        OPEN_END_FIRST.sub("", FIELD_LABEL.sub("", p))
        for line in texts
        for p in split_parts(URL.sub(" ", line))
    ]
    # "Lead Android Engineer, \xe2\x80\x8b": a glyph written as byte escapes is no part.
    parts = [_ESCAPES_AT_ENDS.sub("", p) for p in parts]
    parts = [
        p for p in parts if p and not re.fullmatch(r"[\W\d_]+", p) and not _LABEL_ALONE.fullmatch(p)
    ]
    parts = _title_then_town([piece for p in parts for piece in _title_then_company(p)])
    titled = [p for p in parts if title_like(p) and not is_location(p)]
    named = [p for p in titled if name_like(p)]
    if named:
        work.position = named[0]
        parts.remove(named[0])
    names = [p for p in parts if not is_location(p) and name_like(p)]
    if not work.position and not work.dates_text:
        names = []  # neither a title word nor a date: no role header at all
    corporate = [p for p in names if legal_form(p.split()[-1])]
    if corporate:  # "Inetex Ltd.": a company by its legal form, whatever the order
        names.remove(corporate[0])
        names.insert(0, corporate[0])
    elif not work.position and len(names) >= 2 and not _placed(names[0], texts):
        # No title word anywhere: assume the common "Title, Company" order (not where the
        # first name is an employer before its place: "NBC Universal, Chicago, IL").
        work.position = names[0]
        parts.remove(names[0])
        names.pop(0)
    if names:
        work.company = names[0]
        parts.remove(names[0])
    work.location = ", ".join([*parts, *places])
    return work


def _placed(name: str, lines: Sequence[str]) -> bool:
    """`name` opens one of the lines before its place."""
    return any(_fold(name_then_its_place(without_dates(line))) == _fold(name) for line in lines)


def _own_dates(spans: Sequence[dates.DateSpan | None]) -> dates.DateSpan | None:
    """Of a header's date ranges, the role's own: a later range within the first, which is
    then the tenure at the employer ("CHRYSLER CUSTOMER SERVICE DIVISION, Detroit, MI" /
    "1981 to 1998" / "Dealer Operations Manager, 1996 to 1997"); else the first."""
    found = [s for s in spans if s is not None]
    if len(found) < 2:
        return found[0] if found else None
    tenure = found[0]
    for span in found[1:]:
        ranged = tenure.start and tenure.start != tenure.end and span.start
        inside = dates.within((span.start, span.end), (tenure.start, tenure.end))
        if ranged and inside and dates.year_key(span.start) <= dates.year_key(span.end):
            return span
    return tenure


# The head words after which a title ends and the next capitalised words name something else.
_TITLE_HEAD = (
    r"(?:developer|engineer|manager|analyst|designer|consultant|architect|specialist|"
    r"administrator|programmer|scientist|intern|teacher|nurse|counselor|tutor|coach)"
)
# The words that end a business's or a school's name ("Naya Technologies", "Acme Ltd.").
BUSINESS_WORD = (
    r"(?:Technologies|Technology|Solutions|Systems|Labs|Group|Software|Consulting|Services|"
    r"Studio|Studios|Agency|Bank|Ltd\.?|Inc\.?|LLC|GmbH|Corp\.?|School|Hospital|Clinic|Academy)"
)
# "Web Developer Naya Technologies": a title, then a company named by a business word.
_TITLE_THEN_COMPANY = re.compile(
    rf"^(?P<title>.*?\b{_TITLE_HEAD})"
    rf"\s+(?P<company>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)*\s+{BUSINESS_WORD})$",
    re.IGNORECASE,
)


def _title_then_company(part: str) -> list[str]:
    m = _TITLE_THEN_COMPANY.match(part)
    if m is None or not m.group("company")[:1].isupper():
        return [part]
    return [m.group("title"), m.group("company")]


# "Sr. Web Developer North Hollywood" before ", CA": a title, then the town of the region
# that follows it (one to three words in title case, none a business or school word).
_TITLE_THEN_TOWN = re.compile(
    rf"^(?P<title>.*?\b{_TITLE_HEAD})"
    r"\s+(?P<town>[A-Z][a-z][\w.'-]*(?:\s+[A-Z][a-z][\w.'-]*){0,2})$",
    re.IGNORECASE,
)
_NO_TOWN_WORD = re.compile(
    rf"\b(?:{BUSINESS_WORD}|elementary|college|university|institute|center|centre|corporation|"
    r"company|contract|contractor|freelance|full[- ]time|part[- ]time|temporary|temp|seasonal|"
    r"permanent|internship|volunteer)\b",
    re.IGNORECASE,
)


def _title_then_town(parts: Sequence[str]) -> list[str]:
    """Each part, with a title run into the town of the region after it split off it."""
    out: list[str] = []
    for i, part in enumerate(parts):
        m = _TITLE_THEN_TOWN.match(part)
        region = parts[i + 1] if i + 1 < len(parts) else ""
        if (
            m is not None
            and places.is_region(region)
            and m["town"][:1].isupper()
            and not _NO_TOWN_WORD.search(m["town"])
        ):
            out += [m["title"], m["town"]]
        else:
            out.append(part)
    return out


# A town's name: one to three words in title case or capitals ("Mountain View", "PUNE",
# "Stratford-upon-Avon"), with the small words place names keep ("Rio de Janeiro").
_TOWN = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|del|da|la|le|upon|on|am|of)){0,2}")


def _a_town(part: str) -> bool:
    return (
        _TOWN.fullmatch(part) is not None
        and not any(ch.isdigit() for ch in part)
        and not _NO_TOWN_WORD.search(part)
        and not places.has_firm_word(part)
        and not title_like(part)
        and dates.find_range(part) is None
        # "Summers" of "Sometown, OH, Summers": a date's word, not a town
        and re.fullmatch(dates.MONTH_OR_SEASON + "s?", part.split()[0], re.IGNORECASE) is None
    )


def _a_place_part(part: str) -> bool:
    """A region, a work mode or a town and its region ("Princeton, NJ") on its own."""
    return (
        places.is_region(part)
        or WORK_MODE.fullmatch(part) is not None
        or bool(places.bare_place(places.with_state_code(part)))
    )


def _place_parts(work: result_pb2.WorkEntry, header: Sequence[str]) -> str:
    """The parts of a role's leftover header text that say where: regions, work modes and
    towns beside a region ("Pune, Maharashtra", "Israel, Rehovot", "Ukiah, Ca"), or a lone
    town (`_a_lone_town`). Anything else the header held (a duty, a department, a heading
    read as a header) says no place, and a tailored resume prints this field under the
    role, so it is dropped rather than printed as one."""
    parts = [p.strip().rstrip(".").strip() for p in work.location.split(",")]
    parts = [p for p in parts if p]
    kept = [_a_place_part(p) for p in parts]
    for i in range(1, len(parts)):  # "Santa Rosa, Ca": a state's code in title case
        code = parts[i].upper()
        if not kept[i] and len(code) == 2 and places.is_region(code) and _a_town(parts[i - 1]):
            parts[i], kept[i] = code, True
    for i in range(len(parts)):  # a town before or after a region it stands beside
        beside = (i + 1 < len(parts) and kept[i + 1]) or (i > 0 and kept[i - 1])
        if not kept[i] and beside and _a_town(parts[i]):
            kept[i] = True
    towns = [i for i, p in enumerate(parts) if _a_town(p)]
    if not any(kept) and len(towns) == 1:
        kept[towns[0]] = _a_lone_town(parts[towns[0]], work, header)
    return ", ".join(p for p, keep in zip(parts, kept, strict=True) if keep)


def _a_lone_town(town: str, work: result_pb2.WorkEntry, header: Sequence[str]) -> bool:
    """A town with no region: written right after the employer, after a comma at the end of
    a header line that names the role, alone on a header line of a role whose title and
    employer were read elsewhere, or alone and made of words rare in English prose
    ("Montreuil", not "Skill Set")."""
    if work.company:
        # "(Paris)" too, a town's one word in brackets; not an acronym ("(OLUG)").
        bracket = r"|\(" if " " not in town and not town.isupper() else ""
        after = (
            rf"{re.escape(work.company)}\s*(?:,|\s[–—-]|\||\s{{2}}{bracket})\s*{re.escape(town)}\b"
        )
        if any(re.search(after, line) for line in header):
            return True
    named_in = [
        line for line in header if any(f and f in line for f in (work.company, work.position))
    ]
    if any(re.search(rf",\s*{re.escape(town)}\W*$", line) for line in named_in):
        return True  # "Web Developer Naya Technologies, migVisor, Herzliya": the line's end
    if not any(line.strip(" .,-–—") == town for line in header):
        return False
    named = bool(work.position and work.company)
    return named or all(zipf_frequency(w.lower(), "en") < _RARE_WORD for w in town.split())


_RARE_WORD = 4.5  # Zipf scale: "Detroit" 4.3, "Montreuil" 1.9; "Select" 4.5, "Major" 5.3

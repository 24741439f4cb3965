"""Resume lines -> ParsedResume: sections, work entries with normalised dates, and evidence
lines with stable ids ("W2.3" = third line of the second work entry).

Heuristic and deterministic. It never invents content: a resume with no usable lines is an
error, not a sample.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from lemminflect import getAllLemmas

from kit.checkpoints import spend
from kit.documents import MAX_LINE_CHARS, split_long_line
from resumeai.v1 import result_pb2
from tailor_worker.engine import dates, places, vocabulary
from tailor_worker.engine.basics import (
    ANSWERED_TO,
    a_contact_field,
    a_place,
    names_a_person,
    person_name,
    read_basics,
)
from tailor_worker.engine.education import INSTITUTION_WORD as _INSTITUTION
from tailor_worker.engine.education import (
    all_degree,
    certificate_alone,
    names_degree,
    opens_with_degree,
    opens_with_qualification,
    opens_with_school_leaving,
    school_leaving,
    stated_fields,
)
from tailor_worker.engine.entities.model import (
    COMPANY,
    DEGREE,
    INSTITUTION,
    NAME,
    TITLE,
    Entity,
    Tagger,
    default_tagger,
    strong,
)
from tailor_worker.engine.errors import ResumeParseError
from tailor_worker.engine.europass import europass_rows
from tailor_worker.engine.folding import word_key as _fold
from tailor_worker.engine.header_parts import (
    DATE_WORD,
    FIELD_LABEL,
    MAX_HEADER_WORDS,
    OPEN_END_FIRST,
    all_capitalised,
    as_field,
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
from tailor_worker.engine.injection import addresses_reader
from tailor_worker.engine.loose_lines import fold_loose_roles
from tailor_worker.engine.parse_state import (
    Entry,
    ParseState,
)
from tailor_worker.engine.role_fields import (
    BUSINESS_WORD,
    EMPLOYER_LABEL,
    qualified_title,
    work_entry,
)
from tailor_worker.engine.sections import BULLET as _BULLET
from tailor_worker.engine.sections import (
    CITATION,
    DUTIES_LABEL,
    LABEL_LINE,
    heading_section,
    wrapped_heading,
)
from tailor_worker.engine.sections import TITLE_WORDS as _TITLE_WORDS
from tailor_worker.engine.study_fields import education_entry

_LONG_LINE = 200


def _glyph_alone(text: str) -> bool:
    """A bullet glyph and nothing else ("•", "\xe2\x80\xa2")."""
    m = _BULLET.match(text)
    return m is not None and m.end() == len(text)


# A page's running footer or header: its number, after the person's name or a label at
# most, or a "(continued)" mark.
_PAGE_FURNITURE = re.compile(
    r"\s*(?:(?:(?:[A-Z][\w.'’]*[\s,|–—-]+){1,6})?(?i:page)\s+\d{1,2}"
    r"(?:\s*(?i:of|/)\s*\d{1,2})?|\((?i:cont(?:\.|inued|d\.?))\)|-\s*\d{1,2}\s*-)\s*"
)


def _next_text(lines: Sequence[str], at: int) -> str:
    return next((line for line in lines[at + 1 :] if line.strip()), "")


def _an_item(text: str) -> bool:
    """Text after a bullet glyph that is a list item: an action, or words in lower case as a
    sentence runs ("Captured 60% savings in project costs ..."); not a header, whose words
    are capitalised ("Quality Systems India Healthcare Pvt Ltd, Bangalore"); not already
    bulleted."""
    if not text or strip_bullet(text)[0]:
        return False
    return _an_action(text) or sum(1 for word in text.split() if plain_word(word)) >= 3


def _an_action(text: str) -> bool:
    """ "Built REST APIs in Python for 40 stores": a line under a role that opens with an
    action in the past tense (inflected: "Led", "Managed", never "Lead"), unbulleted and
    short, is a line of the role, not more of its header."""
    words = text.split()
    if len(words) < _MIN_ACTION_WORDS or dates.find_range(text) is not None:
        return False
    first = words[0].strip(",.;:").lower()
    lemmas = getAllLemmas(first).get("VERB", ())
    # Past forms only: "-ing" and "-s" forms name departments and firms ("Consulting
    # Group", "Services Manager").
    return bool(lemmas) and first not in lemmas and not first.endswith(("ing", "s"))


_MIN_ACTION_WORDS = 4


def _the_name_at_last(state: ParseState, body: str) -> bool:
    """No name read yet, and this line is one by its form, and by the CRF or by the headline
    under it ("OLIVIA BRENNAN" / "Senior Product Manager" after a sidebar's last list)."""
    if state.header_named or not names_a_person(body):
        return False
    names = state.entities([state.line_no], NAME)
    if any(len(e.text) * 2 >= len(body) for e in names):
        return True
    below = _next_text(state.exploded, state.line_no)
    return (
        all(w[:1].isupper() for w in body.split())
        and _TITLE_WORDS.search(below) is not None
        and len(below.split()) <= 6
        and dates.find_range(below) is None
    )


def _a_deed_or_prose(text: str) -> bool:
    """Text opening with a deed, or running in lower case as a sentence does, and naming no
    dates (a dated bullet may be a role: "*** Inetex Ltd., Rehovot, Israel — 2018-2020")."""
    if _A_ROLE_STATED.match(text):
        return False
    span = dates.find_range(text)
    if span is not None and (span.start or not _opens_with_a_deed(text)):
        return False  # a range, not "Promoted ... to Senior Software Engineer in 2015"
    if _A_QUANTITY.search(text):
        return True  # "6 hotels and 1,100 employees", "by 40%", "$3M": a header counts nothing
    return _opens_with_a_deed(text) or sum(1 for w in text.split() if plain_word(w)) >= 3


_A_QUANTITY = re.compile(r"\$\s?\d|\b\d[\d,.]*\s?(?:%|[km]\b|\+?\s[a-z]{3,})")


# "• Worked as an Inter Trainee under National Informatics Center as a Web Designer from
# Sept'": roles listed as sentences, one a bullet, their dates wrapped to the next line.
_A_ROLE_STATED = re.compile(r"(?:worked|working|joined|employed)\s+(?:as|for|with|at)\b", re.I)


def _opens_with_a_deed(text: str) -> bool:
    """ "Taught Algebra II", "Led Quality Assurance": a verb's past form opens the text; not
    one that is an adjective as well ("Registered Nurse", "Managed Services Lead"), not an
    acronym."""
    words = text.split()
    if len(words) < 2 or words[0].isupper():
        return False
    first = words[0].strip(",.;:").lower()
    lemmas = getAllLemmas(first)
    verbs = lemmas.get("VERB", ())
    return (
        bool(verbs)
        and first not in verbs
        and not first.endswith(("ing", "s"))
        and ("ADJ" not in lemmas)
    )


def _stacked_role(current: Entry, body: str) -> bool:
    """ "Sales Associate, Cheap & Tacky Clothing, Lincoln, NE" over "Produce Clerk, Expensive
    Foods, Pretend, NE": a whole role on each line, the next one stacked under the first
    before either's dates; each line opens its own role."""
    return (
        not current.lines
        and bool(current.header)
        and _a_role_line(current.header[-1])
        and _a_role_line(body)
    )


def _a_role_line(text: str) -> bool:
    """A title then a name that is no place ("Waitress, Genos Steakhouse, Wayne, NE")."""
    parts = split_parts(without_dates(text))
    return (
        len(parts) >= 2
        and title_like(parts[0])
        and not title_like(parts[1])
        and name_like(parts[1])
        and not is_location(parts[1])
    )


def _a_duty(text: str) -> bool:
    """ "Acquire new equipment and staff as needed", "Working with Engineers (FEA)": an
    unbulleted duty under a role's lines opens with a verb's plain or -ing form and runs on in
    lower case; a header's words are capitalised ("Consulting Group, Boston")."""
    words = text.split()
    if len(words) < 3 or dates.find_range(text) is not None or _TITLE_WORDS.search(text):
        return False
    if _capitalised_fields(text) or name_then_its_place(text):
        return False  # "Teach for America, Miami, FL": an employer and its place
    first = words[0].strip(",.;:").lower()
    if not words[1][:1].islower() or words[1].lower() in ("and", "&", "of"):
        return False
    lemmas = getAllLemmas(first).get("VERB", ())
    return bool(lemmas) and (first in lemmas or first.endswith("ing"))


def _word_count(text: str) -> int:
    """Words with a letter or digit: separators are none ("SENIOR FINANCIAL ANALYST / IT
    PROJECT / PROGRAM CONSULTANT" is seven words of a title, not a sentence of nine)."""
    return sum(1 for word in text.split() if any(c.isalnum() for c in word))


def _is_sentence(text: str) -> bool:
    words = _word_count(text)
    if dates.find_range(text) is not None or EMPLOYER_LABEL.match(text):
        return False  # a date, or an employer's labelled row ("Company : Al Noor ... L.L.C.")
    return (words >= 9 and not _capitalised_fields(text)) or (text.endswith(".") and words >= 5)


def _capitalised_fields(text: str) -> bool:
    """ "Washington Elementary School, 3rd Grade, District 65, Evanston, IL": three or more
    short comma-separated fields, each opening with a capital or a figure, as an employer's
    header line lists them; a sentence has lower-case stretches between its commas."""
    fields = [f.strip() for f in text.split(",")]
    return (
        len(fields) >= 3
        and all(f[:1].isupper() or f[:1].isdigit() for f in fields)
        and all(_word_count(f) <= 5 for f in fields)
    )


def parse_resume(lines: list[str], tagger: Tagger | None = None) -> result_pb2.ParsedResume:
    """Parse extracted lines. Raises ResumeParseError when nothing can serve as evidence.

    `tagger` is the entity CRF that names titles, employers, institutions and degrees (the
    shipped model by default)."""
    state = ParseState()
    section = "header"
    blank = False
    saw_heading = False
    headed = ""  # the section the last heading opened
    exploded = state.exploded = read_lines(_ranges_rejoined(europass_rows(lines)))
    for entity in (tagger or default_tagger()).tag(exploded):
        state.found.setdefault(entity.line, []).append(_as_employer_by_form(entity))
    for n, found in state.found.items():
        state.found[n] = [e for e in found if not _a_town_after_employer(e, found, exploded[n])]
    joined = _fold_wrapped_headings(exploded)
    glyph = False  # the line before was a bullet glyph alone
    # A LinkedIn export's sidebar lists its "Top Skills" (three) before the person's name,
    # headline and place, which belong to the header again.
    sidebar_skills = 0
    references = False
    unpaid = False  # under a heading of volunteering or student activities
    for state.line_no, text in enumerate(exploded):
        spend()
        if state.line_no - 1 in joined:
            continue  # folded into the line before
        if not text:
            blank = True
            continue
        if _PAGE_FURNITURE.fullmatch(text):
            continue  # "Page 2 of 15", "DALE K. FITCH - Page 2": the page's, not the resume's
        # "\xe2\x80\xa2" on a line of its own, the item's text on the next (PDF exports put
        # them in separate text boxes): that text is the bullet. Before a role's header
        # ("OptimusInnovations Internet Labs, Noida, India") the glyph stays a line of its
        # own, which closes the role before.
        item = f"• {text}" if glyph else text
        glyph = _glyph_alone(text) and _an_item(_next_text(exploded, state.line_no))
        if glyph:
            continue
        if section in ("work", "projects") and _role_tools(state, section, text):
            continue
        # A line that took a wrapped heading word is a heading only if it was one before.
        opened = heading_section(joined.get(state.line_no, text))
        if opened is None and section != "skills":
            head, sep, rest = text.partition(":")
            if sep and rest.strip() and heading_section(head) in ("skills", "certificates"):
                opened, text = heading_section(head), rest.strip()
                section, saw_heading = opened or section, True
        if opened is not None and text == exploded[state.line_no]:
            section, saw_heading, blank = opened, True, False
            headed = section
            top = text.strip().rstrip(":").lower() == "top skills"
            # Referees' names, titles and employers: none of it the candidate's.
            references = _REFERENCES.fullmatch(text.strip().rstrip(":")) is not None
            unpaid = section == "other" and _UNPAID.match(text.strip()) is not None
            sidebar_skills = _TOP_SKILLS if top and not state.entries.get("work") else 0
            if section in ("summary", "skills", "other"):
                state.new_entry(section)
            continue
        if addresses_reader(text):
            state.injected += 1
            continue
        body = strip_bullet(text)[1]
        if section != "header" and (
            _PERSONAL_FIELD.match(body) or _PERSONAL_DETAILS.fullmatch(body)
        ):
            # "Date of Birth: 12 March 1992" under "Personal Details": no education entry or
            # role, wherever it stands. Not a heading that switches sections: two-column
            # templates put that box mid-text, the main column going on after it.
            _dispatch(state, "other", text, blank)
            blank = False
            continue
        if section in ("skills", "other", "certificates") and _the_name_at_last(state, body):
            # A sidebar's column read first ("CONTACT", "SKILLS", "SEO"), then the main
            # column opening with the person's name and headline: the header again.
            section = "header"
        if references:
            state.reference_lines.add(state.line_no)
            _dispatch(state, section, text, blank)
            blank = False
            continue
        if section in _ROLE_ELSEWHERE and not unpaid and _misplaced_role(state, section, text):
            section = "work"  # a role where no work heading was recognised
        elif (
            section in _STUDY_ELSEWHERE
            and not _the_first_line_a_name(state, section, text)
            # Under the name: "BEng (Hons) MSc CEng MICE", "Certified Public Accountant".
            and not (section == "header" and _credentials_under_the_name(text))
            # "Physiotherapist (AHPRA Reg. PHY0001847263)" under the name: a headline the CRF
            # reads as a degree; in the header a study names a degree or a school.
            and not (section == "header" and _a_headline_not_a_study(state, text))
            and _misplaced_study(state, text)
            and not (section == "work" and _a_school_employing(state, text))
        ):
            if section == headed == "work" and not _degree_line(state, text):
                # An institution under the work heading: read as a place of study, but the
                # role lines after it are still work (a university can be an employer too).
                _dispatch(state, "education", text, blank)
                blank = False
                continue
            section = "education"
        elif (section == "skills" and _study_among_skills(text)) or (
            section == "certificates" and _a_degree_not_a_credential(text)
        ):
            # "BS Engineering, University of Michigan, 2013" among the skills, "Master's
            # Degree in Computer Science" among the certifications: that line is education,
            # and the lines after it are what they were.
            _dispatch(state, "education", text, blank)
            blank = False
            continue
        _dispatch(state, section, item, blank)
        blank = False
        if section == "skills" and sidebar_skills:
            sidebar_skills -= 1
            if not sidebar_skills:
                section = "header"
    if state.injected:
        state.warnings.append(
            f"{state.injected} line(s) addressed to an AI model or a reader were ignored "
            "as evidence"
        )
    if not saw_heading:
        state.warnings.append("no section headings recognised; layout may be unusual")
    result = _build(state)
    # Roles or schools without a line under them are still a resume (the run warns that
    # nothing could be tailored); only a file with nothing of a resume is refused.
    if not (result.evidence or result.work or result.education or result.skills):
        raise ResumeParseError(
            "no usable resume content found: no line could be read as experience, skills, "
            "education or projects"
        )
    return result


_TOP_SKILLS = 3  # as many as a LinkedIn export lists
_REFERENCES = re.compile(
    r"(?:professional\s+|character\s+)?(?:references?|referees)", re.IGNORECASE
)

# Headings of what was done unpaid: its roles stay lines of that section, no employment
# ("VOLUNTEER EXPERIENCE", "Leadership & Activities", "Campus Involvement").
_UNPAID = re.compile(
    r"(?:volunteer\w*|leadership\s+(?:&|and)\s+activities|(?:extra|co)[- ]?curricular|"
    r"campus\s+\w+|community\s+(?:service|involvement)|"
    # "Board Positions": directorships and advisory seats held beside the career.
    r"board\s+(?:positions?|memberships?|appointments?))\b",
    re.IGNORECASE,
)

_PERSONAL_DETAILS = re.compile(
    r"personal\s+(?:details|information|info|data|particulars)\s*:?", re.IGNORECASE
)
# A personal detail's label (Indian and European CVs list them at the end).
_PERSONAL_FIELD = re.compile(
    r"(?:date\s+of\s+birth|d\.?o\.?b\.?|birth\s+date|nationality|marital\s+status|gender|"
    r"father'?s\s+name|mother'?s\s+name|passport\s+(?:no\.?|number)|religion|"
    r"languages\s+known)\s*[:\-–]",
    re.IGNORECASE,
)


# A date column's range wrapped onto the next line, where the content column went on
# (moderncv's PDF: "09/2020 – Product Designer, Lumenfield GmbH, Berlin." / "present • Own
# end-to-end design ..."): the range's start opening a line, its end opening the next.
_RANGE_OPENS = re.compile(
    rf"^(?P<start>{dates.DATE})\s*[–—-]\s+(?!(?:{dates.DATE}|{dates.PRESENT})\b)(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_END_OPENS = re.compile(rf"^(?P<end>{dates.DATE}|{dates.PRESENT})\b\s*(?P<rest>.*)$", re.IGNORECASE)


def _ranges_rejoined(lines: list[str]) -> list[str]:
    """Each range wrapped in a date column whole on its first line, before the content; the
    rest of the next line a bullet of its own (it opens with one) or the content's wrapped
    end ("Hochschule für Gestaltung Schwäbisch" / "07/2016 Gmünd, Schwäbisch Gmünd.")."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        opened = _RANGE_OPENS.match(lines[i].strip())
        ended = _END_OPENS.match(lines[i + 1].strip()) if opened and i + 1 < len(lines) else None
        if opened is None or ended is None:
            out.append(lines[i])
            i += 1
            continue
        rest = ended["rest"].strip()
        bullet = bool(rest) and _BULLET.match(rest) is not None
        content = opened["rest"] if bullet or not rest else f"{opened['rest']} {rest}"
        out.append(f"{opened['start']} – {ended['end']} | {content}")
        out.extend([rest] if bullet else [])
        i += 2
    return out


def _fold_wrapped_headings(lines: list[str]) -> dict[int, str]:
    """Join a heading word that wrapped off the end of its phrase ("Council on Social Work" /
    "Education") back to the line before, in place: {index of that line: its text before}.
    The folded word's line stays where it was, to be skipped (the CRF's entities are found
    by line index), and the line before keeps its entities, which all end before the word."""
    joined: dict[int, str] = {}
    for n in range(1, len(lines)):
        if n - 2 not in joined and wrapped_heading(lines[n - 1], lines[n]):
            joined[n - 1] = lines[n - 1]
            lines[n - 1] = f"{lines[n - 1]} {lines[n]}"
    return joined


# "Technologies: PHP5, SOAP" under a role or project: that role's tools, not a skills heading
# (which would file every role after it under skills).
_TOOLS_LABEL = re.compile(
    r"^(?:key\s+)?(?:technolog(?:y|ies)(?:\s*/\s*tools)?|tools|tech(?:nical)?\s+stack|environment"
    r"|platforms?|servers?|databases?|dbms|operating\s+systems?|frameworks?|software)"
    r"(?:\s+used|\s+(?:and|&)\s+technologies)?\s*[:\-–]\s*",
    re.IGNORECASE,
)


def _role_tools(state: ParseState, section: str, text: str) -> bool:
    """Take a role's tools line (or the list under a bare "Technologies:" label) as a line of
    the current role or project, its items kept for the skills list. False for any other
    line."""
    bullet, body = strip_bullet(text)  # "- Tools: Jira, Excel" as a role's bullet too
    label = _TOOLS_LABEL.match(body)
    wrapped, state.tools_open = state.tools_open and not bullet and _more_items(body), False
    if label is None and not state.tools_next and not wrapped:
        return False
    state.tools_next = False
    if label is None and heading_section(text) is not None:
        return False
    items = body[label.end() :].strip() if label else text
    if not items:
        state.tools_next = True  # the list follows on the next line
        return True
    entry = state.current(section) or state.new_entry(section)
    state.add_line(section, entry, body)
    state.role_tools.append(items)
    state.tools_open = "," in items and not items.endswith(".")
    return True


def _more_items(body: str) -> bool:
    """ "Blob Storage, .net framework 4.7" under "Technology/Tools: Microsoft SharePoint 2013,
    Azure Service Bus, Azure": the list wrapped onto the next line, read as more of the
    role's tools, not as the header of a role (with "Blob Storage" its employer)."""
    parts = [p.strip() for p in body.split(",")]
    return (
        len(parts) > 1
        and all(0 < len(p.split()) <= 4 for p in parts if p)
        and ":" not in body
        and dates.find_range(body) is None
        and heading_section(body) is None
        and not any(title_like(p) for p in parts)
    )


def read_lines(lines: list[str]) -> list[str]:
    """The lines the parser reads (and the entity CRF tags): exploded and stripped."""
    return [raw.strip() for raw in explode_lines(lines)]


def explode_lines(lines: list[str]) -> list[str]:
    """Split flattened lines (a whole resume on one line, as some PDFs and pastes give) at
    runs of spaces and inline bullet glyphs, then cap what is left at MAX_LINE_CHARS as
    extraction does (callers may pass lines that never went through extraction): every later
    step works per line, and one 100,000-character line would make each of them, and every
    bullet citing it, as costly as the whole document."""
    out: list[str] = []
    for line in lines:
        if len(line) > _LONG_LINE:
            for piece in re.split(r"\s{2,}|\s+(?=[•●▪■➢►✓✔❖]\s)", line):
                out.extend(split_long_line(piece) if len(piece) > MAX_LINE_CHARS else (piece,))
        else:
            out.append(line)
    return out


def _dispatch(state: ParseState, section: str, text: str, blank: bool) -> None:
    bullet, body = strip_bullet(text)
    if section == "header":
        if bullet:
            entry = state.current("other") or state.new_entry("other")
            state.add_line("other", entry, body)
        else:
            state.header.append(body)
            state.header_named = state.header_named or names_a_person(body)
    elif section == "work":
        _work_line(state, body, bullet, blank)
    elif section == "education":
        _education_line(state, body, blank)
    elif section == "projects":
        current = state.current("projects")
        named = _PROJECT_NAMED.match(body)
        if named is not None:
            # "Project: Digital Lending Platform": a project by its name, the label aside.
            current = state.new_entry("projects", body[named.end() :])
        elif current is None or (
            not bullet
            and not (_is_sentence(body) and current.lines)
            and not _PROJECT_FIELD.match(body)  # "Client: HDFC Bank", "Team Size: 8"
        ):
            current = state.new_entry("projects", body)
        state.add_line("projects", current, body)
    elif section == "certificates":
        current = state.current("certificates")
        if current is None or not bullet or current.lines:
            current = state.new_entry("certificates", body)
        state.add_line("certificates", current, body)
    else:  # summary, skills, other: one entry per heading
        current = state.current(section) or state.new_entry(section)
        state.add_line(section, current, body)


_EXPERIENCE_IN_ALL = re.compile(
    r"(?:total\s+)?(?:(?:years?|yrs?)(?:\s*\(s\))?\s+of\s+)?(?:work\s+|professional\s+)?"
    r"experience\s*:\s*\d",
    re.IGNORECASE,
)


def _work_line(state: ParseState, body: str, bullet: bool, blank: bool) -> None:
    current = state.current("work")
    if _a_headings_first_line(state, body):
        return  # "RELATED" over "EXPERIENCE": part of the heading, no role's line
    if DUTIES_LABEL.fullmatch(body):
        return  # "Responsibilities" written without its colon: a label, not a role
    if _EXPERIENCE_IN_ALL.match(body):
        # "Total Year of Experience : 11.2 Year(s)" over the roles: about them all, no role.
        entry = state.current("other") or state.new_entry("other")
        state.add_line("other", entry, body)
        return
    if LABEL_LINE.fullmatch(body):
        if current is not None and not current.lines and _title_label(body, current):
            _add_header(current, state, body)  # "Project Manager:" under its employer
        return  # "Areas of responsibility:", "Key achievements:": a label, not a role
    if bullet and _bulleted_header(body):
        bullet = False  # "*** Inetex Ltd., Rehovot, Israel — 2018-2020": a role header
    elif bullet and blank and _numbered_employer(state, body):
        bullet = False  # "3. Tata Consultancy Services, Chennai": a numbered role's employer
    elif bullet and _NUMBERED.match(state.exploded[state.line_no]) and FIELD_LABEL.match(body):
        bullet = False  # "2) Company : Al Noor Technical Services L.L.C.": a numbered role's row
    if current is not None and current.header and _PERSON_LABEL.match(body):
        # "Advisor: Prof. Daniel Okafor", "Reporting to: CFO": who the role answered to.
        state.add_line("work", current, body)
        return
    if current is not None and current.header and _CLIENT_LIST.match(body):
        # "Clients: Stripe, DigitalOcean, HashiCorp" under a freelance title: whom the work
        # was for, a line of the role, none of them its employer.
        state.add_line("work", current, body)
        return
    if current is not None and current.lines and _ROLE_NOTE.match(body):
        # "Awards: President's Club 2019; Rookie of the Year 2017" after a role's bullets: a
        # line of that role, not the header of the next (with an award its employer).
        state.add_line("work", current, body)
        return
    if current is not None and (CITATION.search(body) or _MEMBERSHIP.match(body)):
        # A publication or a membership listed under the role: a line of it, no role.
        state.add_line("work", current, body)
        return
    if current is not None and _a_promotion(state, current, body):
        _date_the_promotion(state, current, body)
        return
    if bullet and current is not None and current.header and _a_deed_or_prose(body):
        # "- Supervised Night Shift Staff", "• Lead HR for 6 hotels and 1,100 employees": what
        # was done, however much of it the CRF reads as a title or an employer.
        state.add_line("work", current, body)
        return
    named = _names_role(state, body)
    if not named and current is not None and current.header and _a_list_of_strengths(body):
        # "Business Case Management | Sarbanes-Oxley | Process Improvement" under a title:
        # what the role was about, no role of its own and no part of its header.
        state.add_line("work", current, body)
        return
    if current is not None and _stacked_role(current, body):
        # Each stacked line is a whole role, dated together below: trusted by layout as a
        # dated header is.
        current.stacked = True
        state.new_entry("work", body).stacked = True
        return
    if (
        named
        and current is not None
        and _header_open(current)
        and not _two_whole_headers(current, body)
        and (
            not (named & _role_fields(state, current))
            or _employer_under_title(state, current, body)
            or _title_under_employer(state, current, body)
        )
    ):
        _add_header(current, state, body)  # the title, then its company on the next line
        return
    if named:
        _under_same_employer(state.new_entry("work", body), current)
        return
    if bullet:
        if current is None:
            current = state.new_entry("work")
        state.add_line("work", current, body)
        return
    if (
        current is not None
        and not blank
        and _wraps_the_last_highlight(state, current, body)
        and current.lines[-1].text[-1:] not in ".!?"
        and not _an_employer_line(body)
    ):
        # "– Supported chassis testing ...; evaluated" / "suspension bushing data in MATLAB.",
        # "... across 14 credit models in AWS" / "SageMaker, replacing a manual process.": the
        # wrapped end of the highlight, a sentence's end however complete it reads.
        current.lines[-1].text = f"{current.lines[-1].text} {body}"
        return
    if (
        current is not None
        and current.header
        and (_is_sentence(body) or _an_action(body))
        and not _a_long_header(state, body)
        and not (current.lines and _after_a_heading(state))
        and not (not current.lines and _an_employer_line(body))
    ):
        # "Privately held company providing power backup solutions." between the employer's
        # header and the title: the title still belongs to the header.
        current.described = (
            not current.lines
            and not bullet
            and (_describes_employer(body) or _a_blurb_over_the_title(state, current, body))
        )
        state.add_line("work", current, body)
        return
    if current is not None and not current.lines and current.header:
        joined = _with_wrapped_end(current.header[-1], body)
        if joined:
            current.header[-1] = joined
            current.has_date = True
            return
    if (
        current is not None
        and _wraps_the_last_highlight(state, current, body)
        and not (blank and _a_short_item(current.lines[-1].text) and _a_short_item(body))
        and not (blank and _an_employer_and_town(body))
        # "... clinical placement students" / "" / "Physiotherapist (Grade 2)": after a
        # blank line only a sentence plainly going on continues; a long line's missing full
        # stop says nothing there.
        and not (blank and not _going_on(current.lines[-1].text, body))
    ):
        # A wrapped highlight ("...increased revenue" / "by 50%."), not a new role.
        current.lines[-1].text = f"{current.lines[-1].text} {body}"
        return
    if current is not None and current.lines and _a_duty(body):
        state.add_line("work", current, body)  # "Acquire new equipment and staff as needed"
        return
    dated = dates.find_range(body) is not None
    # A second title line under a dated header opens the next role, so the first role's
    # date can never be read as the second's ("Engineer | Globex | 2019" then "Analyst | Acme").
    titled = (
        current is not None
        and current.has_date
        and current.has_title
        and _TITLE_WORDS.search(body) is not None
    )
    if current is not None and current.lines and not dated and _a_titled_description(state):
        state.add_line("work", current, body)  # "Project manager of automated trading software"
        return
    # So does a second employer and its place under a dated employer ("Quality Builders,
    # Inc., Los Angeles, CA" / "2011 to Present" / "Construction Quality Solutions, LLC, ...").
    employed = (
        current is not None
        and current.has_date
        and bool(name_then_its_place(without_dates(body)))
        and any(name_then_its_place(without_dates(h)) for h in current.header)
    )
    if (
        current is None
        or (current.lines and not _a_dated_title_for(current, body))
        or (dated and current.has_date)
        or (blank and current.has_date)
        or titled
        or employed
    ):
        state.new_entry("work", body)
    else:
        _add_header(current, state, body)


# Sections a role header may turn up in when the work heading was missed or the layout put
# experience beside another column's heading ("EDUCATION    EXPERIENCE").
_ROLE_ELSEWHERE = frozenset({"education", "header", "other", "projects", "summary"})


_OF_WHAT = re.compile(r"\s+(?:of|for|on|in)\s+((?:[a-z][\w'’-]*\s*){3,})")


def _a_promotion(state: ParseState, entry: Entry, body: str) -> bool:
    """Dates alone under a header that reads employer, tenure, title ("Northwind Networks" /
    "1999 - 2006" / "Senior Marketing Manager" / "2002 - 2006"), within that tenure: the
    title's own dates, the first of the roles held there."""
    span = dates.find_range(body)
    if span is None or without_dates(body) or len(entry.header) < 2:
        return False
    if not _header_open(entry) or entry.tenure is not None:
        return False
    *before, title = entry.header
    tenure = dates.find_range(before[-1])
    employer = before[:-1] or [without_dates(before[-1])]
    title_line = entry.header_lines[-1]
    titles = state.entities([title_line], TITLE)
    return (
        tenure is not None
        and tenure.start != tenure.end
        and all(w.strip() and dates.find_range(w) is None for w in employer)
        and dates.find_range(title) is None
        and bool(titles)
        and _mostly(titles, title)
        and not state.entities([title_line], COMPANY)
        and not state.entities([title_line], INSTITUTION)
        and dates.within((span.start, span.end), (tenure.start, tenure.end))
    )


def _date_the_promotion(state: ParseState, entry: Entry, body: str) -> None:
    """The header's dates become the title's own; the tenure is kept to tell which later
    roles of the block were held there too."""
    tenure = None
    for i, line in enumerate(entry.header):
        tenure = dates.find_range(line)
        if tenure is not None:
            entry.header[i] = without_dates(line)
            break
    left = [i for i, line in enumerate(entry.header) if line.strip()]
    entry.header = [entry.header[i] for i in left]
    entry.header_lines = [entry.header_lines[i] for i in left]
    entry.header_at = [entry.header_at[i] for i in left]
    assert tenure is not None
    entry.tenure = (tenure.start, tenure.end)
    _add_header(entry, state, body)


def _under_same_employer(entry: Entry, before: Entry | None) -> None:
    """A title opening a role right under a promotion (no line between) was held at the
    same employer, if its dates say so (checked once the role is read)."""
    if before is not None and _header_open(before) and before.tenure is not None:
        entry.employer_entry = before.employer_entry or before.id
        entry.tenure = before.tenure


def _under_an_employer_line(entry: Entry) -> bool:
    """The role's header opens with a line naming only its employer and place (and perhaps
    the whole tenure there: "Kohl's, Dublin, OH | 2012 – 2018"), its title on a line of its
    own."""
    if len(entry.header) < 2:
        return False
    first = without_dates(entry.header[0])
    # "Carnival Corporation (Sep 2017 – May 2022)": the employer, its tenure in brackets.
    tenure_in_brackets = re.fullmatch(r"(.+?)\s*\(\s*\)", first)
    if tenure_in_brackets is not None and not title_like(tenure_in_brackets[1]):
        first = tenure_in_brackets[1]
    elif first != entry.header[0].strip() and not name_then_its_place(first):
        return False  # a dated line that is no employer and its place
    parts = split_parts(first)
    return bool(name_then_its_place(first)) or (
        bool(parts) and not title_like(parts[0]) and _TITLE_WORDS.search(first) is None
    )


# How long a role lasted, as LinkedIn exports write it: "(1 year 10 months)", "· 3 yrs 2 mos",
# "5 yrs 5 mos" alone under the employer; and its work mode ("· Hybrid").
_DURATION = re.compile(
    r"\(\s*\d+\s+(?:years?|yrs?|months?|mos?)\b[^)]*\)|(?:·\s*)?(?<!\w)\d+\s+(?:years?|yrs?|"
    rf"months?|mos?)\b(?:\s+\d+\s+(?:months?|mos?)\b)?|·\s*(?:{places.WORK_MODES})\b",
    re.IGNORECASE,
)


def _a_dated_title_alone(entry: Entry, work: result_pb2.WorkEntry) -> bool:
    """A one-line header holding a title and its dates and nothing else, its employer not
    named on the line under it ("Computer Lab Assistant, August 2007 to Present" /
    "Illinois State University, Normal, Illinois")."""
    lines = [_DURATION.sub("", without_dates(line)).strip(" ,;|-–—") for line in entry.header]
    # The title's line, and a line of its dates alone ("June 2019 - March 2021 (1 year 10
    # months)") or of its place, as LinkedIn exports write them.
    lines = [line for line in lines if line and not a_place(line)]
    return (
        len(lines) == 1
        and len(entry.header) <= 3
        and bool(work.position)
        and bool(work.dates_text)
        and _word_count(lines[0]) == _word_count(work.position)
        and not (
            entry.lines
            and (
                name_then_its_place(entry.lines[0].text) or _capitalised_fields(entry.lines[0].text)
            )
        )
    )


def _held_within(work: result_pb2.WorkEntry, tenure: tuple[str, str] | None) -> bool:
    return tenure is not None and dates.within((work.start_date, work.end_date), tenure)


def _employer_under_title(state: ParseState, entry: Entry, body: str) -> bool:
    """ "Registered Nurse – Cardiac ICU" / "Memorial Hermann Medical Center, Houston, TX" /
    "July 2020 – Current": a title alone, then its employer over the role's dates, however
    the CRF reads the title's qualifier or the employer's name; the dates may end the
    employer's line ("Desert Bloom Medical Center, Tucson, AZ      Jun 2017 – Dec 2021")."""
    dated_here = dates.find_range(body) is not None
    if entry.has_date or len(entry.header) != 1 or not (dated_here or _dates_next(state)):
        return False
    title = split_parts(entry.header[0])
    employer = split_parts(without_dates(body))
    return (
        bool(title)
        and bool(employer)
        and title_like(title[0])
        and not title_like(employer[0])
        and (
            bool(name_then_its_place(body))
            or any(
                e.start <= opening_at(body) + 1 for e in state.entities([state.line_no], COMPANY)
            )
        )
    )


def _two_whole_headers(entry: Entry, body: str) -> bool:
    """ "Non-Executive Director and Chair of the Audit Committee, Smiths Group plc
    (2021–present)" / "Trustee, Royal Opera House (2019–present)": two dated lines, each a
    title and what it was held at, are two roles, however little of either the CRF read."""
    if not (entry.has_date and len(entry.header) == 1 and dates.find_range(body)):
        return False
    return all(_a_whole_header(line) for line in (entry.header[0], body))


def _a_whole_header(line: str) -> bool:
    """A title and its employer, the title first ("Trustee, Royal Opera House"): not an
    employer and its place ("ABC Corp, Somewhere, NJ")."""
    parts = split_parts(without_dates(line))
    return (
        len(parts) >= 2
        and not title_like(parts[1])
        and not name_then_its_place(without_dates(line))
        and not is_location(parts[1])
    )


def _title_under_employer(state: ParseState, entry: Entry, body: str) -> bool:
    """ "Goldman Sachs & Co. LLC | New York, NY" / "Analyst, Investment Banking Division |
    Jul 2018 – Jun 2020": an employer and its place alone, then the title with (or over) the
    role's dates, however the CRF reads the title's division as another employer."""
    if entry.has_date or len(entry.header) != 1:
        return False
    first = without_dates(entry.header[0])
    # Or the employer's name alone, as LinkedIn prints it over each title ("Shopify" /
    # "Senior Software Engineer" / "March 2022 - Present (3 years 4 months)").
    alone = len(first.split()) <= 4 and first[:1].isupper() and not title_like(first)
    if not (name_then_its_place(first) or alone):
        return False
    parts = split_parts(without_dates(body))
    dated = dates.find_range(body) is not None or _dates_next(state)
    return bool(parts) and title_like(parts[0]) and dated


def _header_open(entry: Entry) -> bool:
    """No line under the role yet but the employer's description: a title may still come."""
    return not entry.lines or (entry.described and len(entry.lines) == 1)


# What a line describing an employer names it as ("$55M privately held company providing
# ...", "Global leader in network power", "Developer of telecommunications products").
_EMPLOYER_KIND = re.compile(
    r"\b(?:company|firm|business|provider|leader|manufacturer|agency|consultancy|"
    r"organi[sz]ation|non-?profit|start-?up|subsidiary|retailer|distributor|supplier|"
    r"developer of|privately[- ]held|publicly[- ]traded|fortune \d+)\b",
    re.IGNORECASE,
)


def _a_blurb_over_the_title(state: ParseState, entry: Entry, body: str) -> bool:
    """A line between an undated employer and a dated title ("Stripe | San Francisco, CA" /
    "Financial infrastructure for the internet." / "Engineering Manager | Jun 2015 – Dec
    2018"): what the employer is, whatever its words; not another employer and its place."""
    following = _following(state)
    return (
        not entry.has_date
        and not entry.has_title
        and any(_BULLET.sub("", line).strip() for line in entry.header)  # not a bare bullet
        and not name_then_its_place(body)
        and dates.find_range(following) is not None
        and _TITLE_WORDS.search(following) is not None
        and _BULLET.match(following) is None
    )


def _a_dated_title_for(entry: Entry, body: str) -> bool:
    """A dated title under an employer and its description: the role's, however little of
    it the CRF reads."""
    return (
        _header_open(entry)
        and dates.find_range(body) is not None
        and _TITLE_WORDS.search(body) is not None
    )


def _describes_employer(body: str) -> bool:
    """A sentence saying what the employer is, not what the person did; not a field's label
    ("Company: Autopistas de los Llanos S.A.")."""
    return (
        _EMPLOYER_KIND.search(body) is not None
        and not _LABELLED.match(body)
        and not _an_action(body)
        and not _a_duty(body)
    )


_LABELLED = re.compile(r"[^:]{1,30}:\s")


def _a_titled_description(state: ParseState) -> bool:
    """A line under a role that opens with a title and goes on in lower case to say what it
    was about ("Product manager of the Categorica suite of ... software"): a line of the
    role; a header names its employer in capitals ("Director of Engineering, Acme")."""
    text = state.exploded[state.line_no]
    titles = state.entities([state.line_no], TITLE, weak=True)
    opening = next((e for e in titles if e.start <= opening_at(text)), None)
    return opening is not None and _OF_WHAT.match(text, opening.end) is not None


_LIST_SEP = re.compile(r"\s*[|•·]\s*")


def _a_list_of_strengths(body: str) -> bool:
    """Three or more short phrases between bars or bullets, no date: a role's areas, as
    executive resumes list them under the title."""
    parts = [p for p in _LIST_SEP.split(body) if p.strip()]
    return (
        len(parts) >= 3
        and all(len(p.split()) <= 4 for p in parts)
        and dates.find_range(body) is None
    )


_ADMITTED = re.compile(
    r"(?:admitted|called\s+to\s+the\s+bar|enrolled|registered|licensed)\s+(?:as|to|in|with|by)\b",
    re.IGNORECASE,
)
# A project's name under its label: "Project: X", "Project Name: X", "Project 2: X".
_PROJECT_NAMED = re.compile(r"project(?:\s+(?:name|title))?\s*(?:#?\d+\s*)?:\s*(?=\S)", re.I)
# The labelled lines of a project's block.
_PROJECT_FIELD = re.compile(
    r"(?:client|role|team\s+size|project(?:\s+name)?|environment|duration|description|"
    r"technolog(?:y|ies)(?:\s+used)?|tools?(?:\s+used)?)\s*:",
    re.IGNORECASE,
)


def _misplaced_role(state: ParseState, section: str, text: str) -> bool:
    """The line is a role header (the CRF names a title or employer in most of it, no
    institution or degree), though the section says otherwise."""
    body = strip_bullet(text)[1]
    if _the_first_line_a_name(state, section, text):
        return False  # "JACK SMITH", however the CRF reads it
    if _ADMITTED.match(body):
        # "Admitted as a Solicitor of the Senior Courts ..., September 2017": an admission
        # to a profession, no role held at the court.
        return False
    if section == "projects" and _PROJECT_FIELD.match(body):
        # "Client: HDFC Bank", "Role: Module Lead" in a project's block: whom the project
        # was for and the part played in it, under the employment listed above; no role.
        return False
    if places.town_in_its_country(body):
        return False  # "Toronto, Ontario, Canada" under the headline: where the person lives
    named = _names_role(state, body)
    if not named:
        return section != "header" and _title_dated_in_parentheses(body)
    if state.entities([state.line_no], DEGREE):
        return False
    if section == "education" and (opens_with_qualification(body)):
        # "Bachelor of Science in Biology, University of Leeds, 2010", "High School Diploma,
        # Lincoln High School, 2010" under Education, though the CRF (reading it before a
        # degree line) named a title in it.
        return False
    if (
        section == "education"
        and TITLE not in named
        and _INSTITUTION.search(body)
        and (not _dates_next(state) or names_degree(_next_text(state.exploded, state.line_no)))
    ):
        return False  # "Harvard Business School" under Education: a school the CRF calls a firm
    # "Adjunct Professor, Syracuse University": a title first, then where it was held,
    # though the CRF reads the employer as an institution.
    if state.entities([state.line_no], INSTITUTION) and not _opens_with_title(state):
        return False
    near = [n for n in range(state.line_no - 2, state.line_no + 3) if 0 <= n < len(state.exploded)]
    dated = any(dates.find_range(state.exploded[n]) for n in near)
    if section == "summary":
        # A summary names employers and tools in passing ("Microsoft ASP.NET (C#)" in a
        # list of expertise): a role in it is dated ("2011 to Present" / "Blentech, Santa
        # Rosa, California" / "Supervisor/CNC Programmer").
        return dated
    # A title alone is a headline (in the header, or after a sidebar's last heading): a role
    # needs its employer or its dates, on its line or, out of the header, on a line beside it.
    undated = dates.find_range(_AVAILABILITY.sub("", text)) is None
    if undated and _after_name(state) and not _dates_next(state):
        # "Senior Product Manager at Finlo", "Senior Project Manager – Automotive Software"
        # under the name, no dates beside it: the headline.
        return False
    if COMPANY in named or not undated:
        return True
    if section == "header" or _after_name(state):
        return False  # the headline under the person's name
    return dated or bool(state.entities(near, COMPANY))


# "Available from July 2025", "Availability: immediate": when the candidate can start, no
# role's dates.
_AVAILABILITY = re.compile(r"\bavailab(?:le|ility)\b.*$", re.IGNORECASE)


def _title_dated_in_parentheses(body: str) -> bool:
    """ "ASSOCIATE PRINCIPAL (8/01 to Present) eClerx, Austin, TX": a title opening the line
    with its dates in parentheses right after it is a role header wherever it stands."""
    m = _TITLE_THEN_DATES.match(body)
    if m is None or not title_like(m["title"]) or not all_capitalised(m["title"]):
        return False
    span = dates.find_range(m["dates"])
    return span is not None and bool(span.start)  # a range or a start, not a lone year


_TITLE_THEN_DATES = re.compile(r"(?P<title>[A-Z][^()]{2,60}?)\s*\((?P<dates>[^)]{4,30})\)")


# Sections a degree or institution line turns up in when the education heading was missed or
# sits beside the experience heading. Not certificates: "Certified X, Y Institute" is one.
_STUDY_ELSEWHERE = frozenset({"work", "header", "other", "projects", "summary"})


def _degree_line(state: ParseState, text: str) -> bool:
    body = strip_bullet(text)[1]
    return _studied_at(body) or all_degree(body) or bool(state.entities([state.line_no], DEGREE))


def _the_first_line_a_name(state: ParseState, section: str, text: str) -> bool:
    """The first line, a person's name, however it opens ("MD. RAKIBUL HASAN": "Md." is
    Mohammad, no doctor of medicine)."""
    return section == "header" and not state.header and person_name(strip_bullet(text)[1])


def _a_headline_not_a_study(state: ParseState, text: str) -> bool:
    """Right under the name, a line naming no degree the vocabulary knows and no school: the
    headline, whatever the CRF reads in it."""
    body = strip_bullet(text)[1]
    return (
        _after_name(state)
        and not names_degree(body)
        and not state.entities([state.line_no], INSTITUTION)
        and _INSTITUTION.search(body) is None
    )


def _misplaced_study(state: ParseState, text: str) -> bool:
    """The line names a study and no role: the CRF's institution or degree in most of it, or
    a degree the vocabulary knows beside an institution's name (which the CRF, led by the
    section, may have taken for an employer)."""
    here = [state.line_no]
    body = strip_bullet(text)[1]
    if state.entities(here, TITLE) or a_contact_field(body):
        return False  # "Name: | Sanne de Vries", "Address: | Witte de Withstraat 42B, ..."
    if _studied_at(body) or all_degree(body):
        return True
    if _is_sentence(body):
        return False
    study = state.entities(here, INSTITUTION) + state.entities(here, DEGREE)
    if not study or state.entities(here, COMPANY):
        return False
    return _mostly(study, body)


def _a_school_employing(state: ParseState, text: str) -> bool:
    """ "George Mason University, Fairfax, VA" under "08/2017 - 05/2019 | IT Support
    Specialist": a university and its place right under a dated title is the employer."""
    current = state.current("work")
    body = strip_bullet(text)[1]
    if not name_then_its_place(body) or names_degree(body):
        return False
    # Or over a dated title, as the roles above set their employers ("Ford Motor Company |
    # Dearborn, MI" / "...", then "University of Michigan | Ann Arbor, MI" / "Undergraduate
    # Research Assistant | Jan 2021 - Apr 2022").
    following = _following(state)
    over_a_title = (
        current is not None
        and bool(current.lines)
        and _under_an_employer_line(current)
        and dates.find_range(following) is not None
        and _TITLE_WORDS.search(following) is not None
        and not _STUDENT_ROLE.search(following)
    )
    return over_a_title or (
        current is not None
        and not current.lines
        and current.has_title
        and current.has_date
        and not any(_STUDENT_ROLE.search(line) for line in current.header)
    )


# A title held as a student ("Visiting Student", "Exchange Scholar"): its university is where
# it was studied.
_STUDENT_ROLE = re.compile(r"\b(?:student|exchange|visiting\s+scholar)\b", re.IGNORECASE)


def _studied_at(text: str) -> bool:
    """A degree the vocabulary knows or one by its form beside an institution's name, in a
    line that is no sentence ("BS Engineering, University of Michigan, 2013", "Master's
    Degree in Business Education from ... Training Institute")."""
    body = strip_bullet(text)[1]
    if _INSTITUTION.search(body) is None or not names_degree(body):
        return False
    return not _is_sentence(body) or opens_with_degree(body)


_CREDENTIAL_WORD = re.compile(r"\b(?:certif\w*|licen[cs]\w*|credential|course|training)\b", re.I)


def _study_among_skills(text: str) -> bool:
    """A degree beside an institution, or a line opening with a degree ("Diploma in Computer
    Applications"), among the skills."""
    return _studied_at(text) or opens_with_degree(strip_bullet(text)[1])


def _a_degree_not_a_credential(text: str) -> bool:
    """A line that opens with a degree (by the vocabulary or its form) and is no certificate,
    licence or course."""
    body = strip_bullet(text)[1]
    return opens_with_degree(body) and _CREDENTIAL_WORD.search(body) is None


def _after_name(state: ParseState) -> bool:
    """The line before is the person's name (the CRF's, or a bare name no employer shares)."""
    before = [state.line_no - 1]
    if before[0] < 0 or state.entities(before, COMPANY, weak=True):
        return False
    return bool(state.entities(before, NAME)) or person_name(state.exploded[before[0]])


def _title_label(body: str, entry: Entry) -> bool:
    """A title written as a label ("Executive Director:") under a header that names none."""
    words = body.rstrip(":").split()
    return (
        not entry.has_title
        and len(words) <= MAX_HEADER_WORDS
        and _TITLE_WORDS.fullmatch(words[-1]) is not None
    )


def _add_header(entry: Entry, state: ParseState, body: str) -> None:
    entry.header.append(body)
    entry.header_lines.append(state.line_no)
    entry.header_at.append(len(state.evidence))
    entry.has_date = entry.has_date or dates.find_range(body) is not None
    entry.has_title = entry.has_title or _TITLE_WORDS.search(body) is not None


_PERSON_LABEL = re.compile(rf"(?:{ANSWERED_TO})\s*:\s*\S", re.IGNORECASE)
# A labelled note on the role before ("Awards: ...", "Key achievement: ...", "Reason for
# leaving: ..."). Not "Client:" or "Team size:", which open a project's block.
_ROLE_NOTE = re.compile(
    r"(?:(?:awards?|honou?rs?|recognition|(?:key\s+)?achievements?|accomplishments?|"
    r"reason\s+for\s+leaving|sector)\s*:|"
    # The Europass template's closing row of a role ("Business or sector Food manufacturing").
    r"(?:type\s+of\s+)?business\s+or\s+sector\b\s*:?)\s*\S",
    re.IGNORECASE,
)
_CLIENT_LIST = re.compile(r"(?:key\s+|selected\s+|representative\s+)?clients\s*:\s*\S[^,]*,", re.I)
# "Member of the Monash Law Students Society", "Student Member, Law Institute of Victoria".
_MEMBERSHIP = re.compile(r"(?:(?:student|life|associate|active)\s+)?member\b(?:\s+of\b|\s*,)", re.I)


def _names_role(state: ParseState, body: str) -> set[str]:
    """The role fields (title, company) the entity CRF found on the current line when they
    make up most of it: such a line is a role header, not a highlight, whatever its layout."""
    here = [state.line_no]
    found = state.entities(here, TITLE) + state.entities(here, COMPANY)
    if not found:
        return set()
    labels = {e.label for e in found}
    if _opens_with_title(state):
        found += state.entities(here, INSTITUTION)  # the school a teacher taught at
    if _dated_title_first(state, body):
        return labels
    if body.endswith("."):
        # "Consultant, Infotech Financials, Bombay, India.": a header of short parts that
        # happens to end in a full stop; a sentence has longer stretches between commas.
        parts = [p.split() for p in body.rstrip(".").split(",")]
        listed = len(parts) >= 3 and max(len(p) for p in parts) <= 4
        header = listed and _mostly(found, body) and _opens_with_title(state)
        return labels if header else set()
    # "Nursing Assistant — Maple Grove Care Home, Dayton, OH" over "2015 - 2017": a header by
    # its dates on the next line, however long the place makes it.
    if (_mostly(found, body) and not _is_sentence(body)) or (
        TITLE in labels and _dates_next(state)
    ):
        return labels
    return set()


def _opens_with_role_field(state: ParseState, body: str) -> bool:
    """A capitalised line that opens with the CRF's strong title or employer ("Camp Echo,
    Grades 3-8, Evanston, IL" under a highlight that stopped mid-line): a header, not the
    highlight's wrapped rest."""
    if not body[:1].isupper():
        return False
    start = opening_at(state.exploded[state.line_no])
    here = state.entities([state.line_no], TITLE) + state.entities([state.line_no], COMPANY)
    return any(e.start <= start + 1 for e in here)


def _opens_with_title(state: ParseState) -> bool:
    """The current line's first entity is a strong title at its opening."""
    first = min(state.found.get(state.line_no, []), key=lambda e: e.start, default=None)
    return (
        first is not None
        and first.label == TITLE
        and strong(first)
        and first.start <= opening_at(state.exploded[state.line_no]) + 1
    )


_LEADING_SEP = re.compile(r"[\s:;,.|–—-]*")


def _dated_title_first(state: ParseState, body: str) -> bool:
    """A date range, then the CRF's title, then its employer ("2000 to 2001: Visiting
    Professor of Public Policy, Bren School of Environmental Science and"): a role header
    however long the employer's name makes it."""
    span = dates.find_range(body)
    opening = OPEN_END_FIRST.match(body)  # "2000" / "Present: Assistant Engineer, ..."
    if opening is not None:
        offset = opening.end()
    elif span is None or span.begin > 1:
        return False
    else:
        rest = _LEADING_SEP.match(body, span.finish)
        offset = rest.end() if rest else span.finish
    text = state.exploded[state.line_no]
    shift = text.find(body)  # the body is the line without its bullet
    titles = [e for e in state.entities([state.line_no], TITLE) if e.start - shift <= offset + 1]
    if not titles:
        return False
    after = body[titles[0].end - shift :].lstrip()
    ended = titles[0].text.endswith(".")  # "Aug 2011 - Aug 2012. Assistant Program Manager."
    return ended or not after or after[:1] in ",.(–—-|" or after.startswith("at ")


def _mostly(found: list[Entity], body: str) -> bool:
    """The entities make up at least half of the line's letters and digits."""
    return sum(len(e.text) for e in found) * 2 >= len(re.sub(r"\W", "", body))


def _a_long_header(state: ParseState, body: str) -> bool:
    """ "Negotiator of air transport bilateral agreements, Civil Aviation Administration of
    France" over "1977-1982": as long as a sentence, but a title and its employer over the
    role's dates."""
    parts = split_parts(body)
    return (
        len(parts) >= 2
        and _dates_next(state)
        and _TITLE_WORDS.search(parts[0]) is not None
        and not body.endswith(".")
    )


def _following(state: ParseState) -> str:
    """The line right after the one being read ("" at the end)."""
    n = state.line_no + 1
    return state.exploded[n] if n < len(state.exploded) else ""


def _dates_next(state: ParseState) -> bool:
    """The next line holds dates and little else (LinkedIn's "(3 years 4 months)" aside)."""
    text = _DURATION.sub("", _following(state)).strip()
    span = dates.find_range(text)
    if span is None or len(text.split()) > 6:
        return False
    # "Zero-Knowledge Systems, Enterprise Product Manager, 2000-2001" is a header of its own:
    # the dates are that line's, not the line's before.
    return _word_count(f"{text[: span.begin]} {text[span.finish :]}") <= 4


def _role_fields(state: ParseState, entry: Entry) -> set[str]:
    """Which of title and employer the CRF already names in the entry's header (an entity that
    is only a date, "Present" of "Mar 2020 – Present", names neither)."""
    return {
        COMPANY if label == TITLE and named_at_its_place(state.exploded[e.line], e.text) else label
        for label in (TITLE, COMPANY)
        for e in state.entities(entry.header_lines, label)
        if as_field(e.text)
    }


_ENDS_WITH_DATE = re.compile(rf"(?:{dates.DATE})$", re.IGNORECASE)
_OPEN_RANGE = re.compile(rf"(?:{dates.DATE})\s*(?:–|—|-|to)\s*$", re.IGNORECASE)
_RANGE_END = re.compile(DATE_WORD, re.IGNORECASE)


def _with_wrapped_end(header: str, body: str) -> str:
    """The header line with the end of its date range, when `body` is that end alone,
    wrapped off it: after an open range ("10/2021 –" / "present"), or after a start date
    ending the line ("Xylin August 2003" / "December 2007", as two-column layouts export a
    role's header). "" otherwise, and for a year before the one ending the line ("2016" /
    "2014": a column of dates flattened, no range)."""
    if _OPEN_RANGE.search(header) and _RANGE_END.fullmatch(body):
        return f"{header} {body}"
    if (
        _ENDS_WITH_DATE.search(header)
        and not dates.RANGE_RE.search(header)
        and _RANGE_END.fullmatch(body.rstrip('".'))
    ):
        joined = f"{header} – {body}"
        span = dates.find_range(joined)
        backwards = span is not None and "" < span.end < span.start
        return "" if backwards else joined
    return ""


def _a_short_item(text: str) -> bool:
    """A few words with no sentence's punctuation ("Customs Documentation work", "voice and
    accent trainer"): no wrapped half of a sentence, when a blank line stands between two."""
    return len(text.split()) <= 5 and not re.search(r"[.,;:]", text)


# A firm's name by its last word ("Adesanya & Okafor Chartered Accountants"): a business
# word the role fields know, or a practice's, a public body's or a school's.
_FIRM_END = re.compile(
    rf"\b(?:{BUSINESS_WORD}|accountants|associates|partners|limited|llp|plc|corporation"
    r"|company|foundation|trust|council|ministry|authority|institute|university|college)\.?$",
    re.IGNORECASE,
)


def _an_employer_and_town(body: str) -> bool:
    """ "Adesanya & Okafor Chartered Accountants, Lagos": a firm named by its last word, then
    one capitalised place; after a blank line, the next role's header, never a bullet's
    wrapped end."""
    parts = [p.strip() for p in body.split(",")]
    return (
        len(parts) == 2
        and _FIRM_END.search(parts[0]) is not None
        and re.fullmatch(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}", parts[1]) is not None
    )


def _an_employer_line(body: str) -> bool:
    """ "Valley Southwoods Freshman High School — West Des Moines, IA", "Roosevelt High School,
    Des Moines Public Schools — Des Moines, IA": a name and its place however long, as a
    header's line under the title."""
    return (
        bool(name_then_its_place(body))
        or _NAME_DASH_NAME.fullmatch(body) is not None
        or (_capitalised_fields(body))
    )


# Capitalised words, a spaced dash, capitalised words: a name and its place or title.
_NAME_DASH_NAME = re.compile(
    r"[A-Z0-9][\w&.'’-]*(?:\s+(?:[A-Z0-9&][\w&.'’-]*|of|and|the|de)){0,6}\s+[–—-]\s+"
    r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|and|the|de)){0,4}"
)


# A line that stops on a word that joins it to what follows.
_JOINS_ON = re.compile(
    r"\s(?:and|or|of|the|to|in|for|with|a|an|by|on|at|from|as|since|until|over|across|into|"
    r"per|than|via|within|through|between|under|after|before|during|including|its|their|our)$"
)


def _wraps_the_last_highlight(state: ParseState, current: Entry, body: str) -> bool:
    """`body` reads as the wrapped rest of the role's last highlight: no role's field opens
    it and no work heading stands between them."""
    return (
        bool(current.lines)
        and _continues(current.lines[-1].text, body)
        and not _opens_with_role_field(state, body)
        and not _after_a_heading(state)
    )


def _after_a_heading(state: ParseState) -> bool:
    """The line before is a work heading ("PRIOR" / "EXPERIENCE"): what follows it opens a
    role, never continues the last one."""
    return state.line_no > 0 and heading_section(state.exploded[state.line_no - 1]) == "work"


def _a_headings_first_line(state: ParseState, body: str) -> bool:
    """ "ADDITIONAL" over "EXPERIENCE": capitals over a heading."""
    return body.isupper() and heading_section(_following(state)) is not None


def _going_on(previous: str, body: str) -> bool:
    """`previous` stops mid-sentence and `body` carries it on: a lower-case start, a joining
    word or a comma at the end before it, a bracket left open."""
    return (
        body[:1].islower()
        or _JOINS_ON.search(previous) is not None
        or previous.endswith((",", "("))
        or _bracket_open(previous)
    )


def _bracket_open(text: str) -> bool:
    return text.count("(") > text.count(")")


def _continues(previous: str, body: str) -> bool:
    """`body` is the wrapped rest of the highlight `previous`: it starts in lower case, or
    `previous` stops mid-sentence at a wrapping width and `body` is no header (no date, no
    title word)."""
    span = dates.find_range(body)
    if heading_section(body) is not None:
        return False
    going_on = _going_on(previous, body)
    if span is not None and not (going_on and not span.start):
        # A date heads a role; not a year inside a wrapped sentence ("units (series
        # development, SOP 2022).", "(Ruby," / "Kotlin, PostgreSQL) during the 2021 ...").
        return False
    if _bracket_open(previous):
        return True  # "services (Ruby," / "Kotlin, PostgreSQL) during ...": a bracket open
    if _capitalised_fields(body):
        return False  # "Fourth Street Middle School, Baltimore, MD": the next employer
    if going_on:
        return True  # "for GCP and" / "VMware environments; reduced ...": a sentence going on
    if name_then_its_place(body) or FIELD_LABEL.match(body) or _NAME_DASH_NAME.fullmatch(body):
        # "Pemberton Retail Group — Milwaukee, WI", "Client: Marlow Retail Group", "Meridian
        # Logistics Asia — Kuala Lumpur": the next header, not the bullet's wrapped end.
        return False
    return (
        len(previous) >= 60
        and previous[-1:] not in ".!?:;)"
        and _TITLE_WORDS.search(body) is None
        and len(body.split()) <= 8
    )


# The words of an education table's header row ("Qualification | Board / University |
# Institute / School | Year of Passing | Percentage / CGPA").
_COLUMN_LABEL = re.compile(
    r"(?:(?:qualifications?|degree|course|class|exam(?:ination)?|board|university|institut(?:e|ion)|"
    r"school|college|name|of|the|year|years|passing|percentage|cgpa|gpa|marks|grade|result|"
    r"duration|period|specialization|specialisation|stream|subjects?|dates?|from|to|and)"
    r"\s*[/&]?\s*)+",
    re.IGNORECASE,
)


def _column_labels(body: str) -> bool:
    parts = [p.strip() for p in re.split(r"\s*[|\t]\s*", body) if p.strip()]
    return len(parts) >= 3 and all(_COLUMN_LABEL.fullmatch(p) for p in parts)


def _education_line(state: ParseState, body: str, blank: bool) -> None:
    current = state.current("education")
    if _column_labels(body):
        return  # a table's header row names no school and no degree
    here = [state.line_no]
    # "High School Diploma, 2012" names a certificate, not a school.
    named_school = _INSTITUTION.search(body) is not None and not certificate_alone(body)
    # The CRF's degree counts on a line naming no school by its word ("2019 – 2020 | Digital
    # Marketing Institute" names the school alone); "Minor in Business Administration"
    # qualifies the degree above it.
    has_degree = (
        names_degree(body)
        or (not named_school and bool(state.entities(here, DEGREE)) and not stated_fields(body))
        # "06/2008 Abitur": the certificate of leaving school opens an entry as a degree does
        or bool(school_leaving(without_dates(body)))
    )
    # "Bachelor of Technology": the CRF's institution counts only on a line with no degree.
    has_inst = named_school or (not has_degree and bool(state.entities(here, INSTITUTION)))
    dated = dates.find_range(body) is not None
    # A blank line ends an entry only once it has its date (a new degree or institution
    # opens the next one anyway). One field a line with blank lines between is one entry:
    # "B.Tech" / "" / "Some College - City" / "" / "2012".
    complete = current is not None and current.has_date
    if current is not None and _school_under_its_degree(current, body):
        has_degree = False  # "Rotman Commerce, University of Toronto": the school, not a degree
    if (
        current is None
        or (blank and current.lines and complete)
        or (
            has_inst
            and current.has_institution
            and not _school_under_its_degree(current, body)
            # "University of Wisconsin-Madison | 2012" / "B.B.A. in ..., Wisconsin School of
            # Business": the degree the school above awarded, through one of its schools.
            and not (
                has_degree
                and not current.has_degree
                and opens_with_degree(body)
                and _SCHOOL_WITHIN.search(body) is not None
            )
        )
        or (has_degree and current.has_degree)
        or (dated and current.has_date and (has_inst or has_degree))
    ):
        above = current
        current = state.new_entry("education")
        current.shares_school = (
            above is not None
            and has_degree
            and dated
            and not has_inst
            and above.has_institution
            and (above.shares_school or _an_undated_school_over_a_dated_degree(above))
        )
    state.add_line("education", current, body)
    current.has_institution = current.has_institution or has_inst
    current.has_degree = current.has_degree or has_degree
    current.has_date = current.has_date or dated


# One of a university's schools, named after the degree it awarded ("Wisconsin School of
# Business", "College of Engineering"), not a university of its own.
_SCHOOL_WITHIN = re.compile(
    r"\b(?:school|college|faculty|department)\s+of\b(?!.*\buniversit)", re.IGNORECASE
)


# The letters after a name, on a line of their own under it: "BEng (Hons) MSc CEng MICE",
# "MBA, PMP": the degrees' initials, which Education lists in full; or a credential.
_POST_NOMINALS = re.compile(r"(?:\(?[A-Z][A-Za-z.]{0,6}\)?,?\s*){2,8}")
_A_CREDENTIAL = re.compile(r"(?:certified|chartered|licensed|registered)\s", re.IGNORECASE)


def _credentials_under_the_name(text: str) -> bool:
    """Post-nominal letters or a credential, a line of the header: no study of its own."""
    body = strip_bullet(text)[1].strip()
    return _POST_NOMINALS.fullmatch(body) is not None or _A_CREDENTIAL.match(body) is not None


def _an_undated_school_over_a_dated_degree(entry: Entry) -> bool:
    """ "University of Illinois Urbana-Champaign | Urbana-Champaign, IL" / "Master of
    Accounting Science (MAS) | May 2016": a school's line, undated and naming no degree,
    over a degree with its date."""
    if len(entry.lines) != 2:
        return False
    school, degree = (line.text for line in entry.lines)
    return (
        _INSTITUTION.search(school) is not None
        and not names_degree(school)
        and dates.find_range(school) is None
        and names_degree(degree)
        and dates.find_range(degree) is not None
    )


def _school_under_its_degree(entry: Entry, body: str) -> bool:
    """ "Associate of Applied Science, Administrative Office Management" / "Portland Community
    College, 2008", "High School Diploma" / "San Gorgonio High School": the school named
    under an undated degree line that names none (however the CRF read that line)."""
    if len(entry.lines) != 1 or entry.has_date:
        return False
    above = entry.lines[0].text
    degree_above = entry.has_degree or opens_with_qualification(above)
    if not degree_above:
        return False  # "NEW YORK" wrapped off "CITY COLLEGE OF": no degree above
    if _INSTITUTION.search(above) is not None and not opens_with_school_leaving(above):
        return False
    if opens_with_school_leaving(above) and not certificate_alone(above):
        return False  # "High School Diploma, Lincoln High School": the school is named
    return _INSTITUTION.search(body) is not None and not names_degree(body)


_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s")


def _numbered_employer(state: ParseState, body: str) -> bool:
    numbered = _NUMBERED.match(state.exploded[state.line_no]) is not None
    return numbered and _an_employer_and_town(body)


def _bulleted_header(body: str) -> bool:
    """A bullet that is a role header: a date range, no sentence, not opening with a verb
    ("*** Inetex Ltd., Rehovot, Israel — 2018-2020", not "Supported the 2019 move")."""
    if dates.RANGE_RE.search(body) is None or _is_sentence(body):
        return False
    first = body.split(maxsplit=1)[0].lower()
    return not getAllLemmas(first).get("VERB")


def _a_town_after_employer(entity: Entity, found: list[Entity], line: str) -> bool:
    """ "Mumbai" of "Tata Consultancy Services, Mumbai | Aug 2014 - June 2016" (or "| Mumbai",
    or after a tab), "TCS)" of
    "Tata Consultancy Services (TCS), Mumbai", which the CRF names titles: one word right
    after the employer and its comma or bracket, no title word and no listed occupation, is
    the employer's town or acronym (the title's line comes next)."""
    if entity.label != TITLE or " " in entity.text or title_like(entity.text):
        return False
    return any(
        e.label == COMPANY
        and re.fullmatch(r",\s*|\s*\(|\s*[|·•–—]\s*|\s{2,}|\t", line[e.end : entity.start])
        is not None
        for e in found
    )


def _as_employer_by_form(entity: Entity) -> Entity:
    """A title the CRF read that ends in a company's legal form ("Fleet Advertising Ltd.") is
    the employer: no job title carries one."""
    words = entity.text.split()
    if entity.label != TITLE or len(words) < 2 or not legal_form(words[-1].strip(",")):
        return entity
    return dataclasses.replace(entity, label=COMPANY)


def _titled(entry: Entry, *, full: bool = False) -> result_pb2.TitledEntry:
    name = entry.header[0] if entry.header else (entry.lines[0].text if entry.lines else "")
    if full:
        # A certificate's name is the whole line: "AWS Certified Developer – Associate (2022)"
        # cut at its dash would become a different (and falsely generic) credential.
        return result_pb2.TitledEntry(id=entry.id, name=name, lines=entry.lines)
    span = dates.find_range(name)
    if span is not None:
        name = (name[: span.begin] + name[span.finish :]).strip(" ()|–—-,")
    name = re.split(r"\s+[|–—-]\s+|:\s", name, maxsplit=1)[0].strip()
    return result_pb2.TitledEntry(id=entry.id, name=name, lines=entry.lines)


_ITEM_SEPARATOR = r"[,;|•·]"
# A list's separator, not one inside brackets: "Python (pandas, NumPy)" is one item.
_LIST_SEPARATOR = re.compile(rf"{_ITEM_SEPARATOR}(?![^()]*\))")
_LABELLED_LIST = re.compile(r"[^()]{1,30}\((?P<items>[^()]+)\)")
_CELL_GAP = re.compile(r"\s+\|\s+(?=[^|]{1,30}:)")  # a column gap before a labelled cell


def _skills(state: ParseState) -> list[str]:
    """The Skills section's items, then the tools the roles list ("Technologies: ...")."""
    out: dict[str, None] = {}  # ordered and O(1) to test
    lists = [line.text for entry in state.entries.get("skills", []) for line in entry.lines]
    # Each column of a grid on its own ("Cloud: AWS, Azure | Languages: Python, Bash"), so
    # each cell's label is dropped.
    cells = [cell for text in [*lists, *state.role_tools] for cell in _CELL_GAP.split(text)]
    for text in cells:
        label, sep, rest = text.partition(":")
        if sep and len(label.split()) <= 4 and not rest.strip():
            continue  # a label alone, its items in the next cell
        items = rest if sep and len(label.split()) <= 4 else text
        for group in _LIST_SEPARATOR.split(items):
            # A long bracketed group is a list of its own under its label ("Languages (Java,
            # C++, Go, ...)": the items in it).
            labelled = _LABELLED_LIST.fullmatch(group.strip())
            inner = labelled.group("items") if labelled else group
            parts = [group] if len(group) <= 60 else re.split(_ITEM_SEPARATOR, inner)
            for item in (part.strip(" .") for part in parts):
                if item and len(item) <= 60:
                    out.setdefault(item)
    return list(out)


_NO_LINE = -1  # the line index of evidence that stands on no one line of the document


def _add_unlisted_degrees(state: ParseState, degrees: list[str]) -> None:
    """Degrees the resume states outside Education (after the name: "Trina Mosciski,
    M.Ed."; in the summary: "a B.Tech in Computer Science from NIT Raipur") and Education
    does not list: an education entry each, citing the degree's own words."""
    text = " ".join(
        line.text for entry in state.entries.get("education", []) for line in entry.lines
    )
    known = {m.term.canonical for m in vocabulary.find_terms(text) if m.term.kind == "degree"}
    listed, added = _fold(text), 0
    for degree in degrees:
        if added == _MAX_UNLISTED_DEGREES:
            return  # a summary stating degree after degree is a list, not a history
        terms = {m.term.canonical for m in vocabulary.find_terms(degree)}
        if terms & known or _fold(degree) in listed:
            continue
        # Read by its form alone: no line of the CRF's stands behind the entry.
        state.add_line("education", state.new_entry("education"), degree, line_no=_NO_LINE)
        known |= terms
        listed = f"{listed} {_fold(degree)}"
        added += 1


_MAX_UNLISTED_DEGREES = 3  # and so the checks above stay linear in the document


# What follows the person's name atop or under each page: a page number, "Curriculum Vitae",
# "Resume" or a date ("Annie Keely, Curriculum Vitae, April 2013", "Patricia Terry 3").
_PAGE_MARK = re.compile(
    r"(?:[\s,.|-]+(?:page|p\.|\d+|of|curriculum|vitae|r[eé]sum[eé]|cv|[A-Za-z]+\s+\d{4}))*\W*",
    re.IGNORECASE,
)


def _own_name(company: str, name: str) -> bool:
    """The employer read is the person's own name, alone or with a page's marks after it."""
    if not name:
        return False
    if _fold(company) == _fold(name):
        return True
    return company.startswith(name) and _PAGE_MARK.fullmatch(company[len(name) :]) is not None


def _a_line_in_the_header(text: str) -> bool:
    """A header line that reads as a line of the role: a deed, a duty, a sentence; not how
    long the role lasted ("5 yrs 5 mos")."""
    if not _DURATION.sub("", text).strip(" ,;|-–—·"):
        return False
    return _a_deed_or_prose(text) or _is_sentence(text) or _a_duty(text) or _an_action(text)


def _build(state: ParseState) -> result_pb2.ParsedResume:
    basics, stated_outside = read_basics(state)
    # One pass over Education for every degree stated outside it, and one cap for them all.
    _add_unlisted_degrees(state, stated_outside)
    built = [(entry, work_entry(entry, state)) for entry in state.entries.get("work", [])]
    built = fold_loose_roles(state, built, _a_line_in_the_header)
    # The header summary was created last; evidence must stay in document order.
    order = {"summary": 0}
    state.evidence.sort(key=lambda line: order.get(line.section, 1))
    parsed = result_pb2.ParsedResume(basics=basics, evidence=state.evidence)
    employers: dict[str, result_pb2.WorkEntry] = {}
    heading: result_pb2.WorkEntry | None = None  # the role under an employer's own line
    heading_ends = ""  # the latest end its header names (its own, or the tenure's)
    for entry, work in built:
        employers[entry.id] = work
        under = employers.get(entry.employer_entry)
        carried = False
        qualified = (
            qualified_title(work.position, work.company, entry.header[0])
            if heading is not None and len(entry.header) == 1
            else ""
        )
        if under is not None and not work.company and _held_within(work, entry.tenure):
            work.company, work.location = under.company, under.location
        elif (
            heading is not None
            and qualified
            and work.dates_text
            and (not heading_ends or dates.year_key(work.end_date) <= heading_ends)
        ):
            # "TARGET CORPORATION, Minneapolis, MN | Jun 2012 - Present" / ... / "Manager,
            # Inventory Planning | Mar 2016 - Dec 2019": the title's qualifier, no employer.
            work.position = qualified
            work.company, work.location = heading.company, heading.location
            carried = True
        elif (
            not work.company
            and heading is not None
            and _a_dated_title_alone(entry, work)
            and (not heading_ends or dates.year_key(work.end_date) <= heading_ends)
        ):
            # "Fenwick & Lowry Insurance, Boston, MA" / "Vice President, Claims Operations
            # (2021 – Present)" / ... / "Director, Claims Quality (2018 – 2021)": each title
            # after the employer's line was held there.
            work.company, work.location = heading.company, heading.location
            carried = True
        if not carried:
            heading = work if work.company and _under_an_employer_line(entry) else None
            heading_ends = max(
                (dates.year_key(s.end) for s in map(dates.find_range, entry.header) if s),
                default="",
            )
        if work.company and _own_name(work.company, basics.name):
            work.company = ""  # the person's own name over a page of roles
        if not (work.position or work.company or work.highlights):
            continue  # a date or a glyph alone ("2008", "•"): no role to show or cite
        if not work.dates_text and (work.position or work.company):
            state.warnings.append(f"work entry {work.id} has no recognisable dates")
        parsed.work.append(work)
    for entry in state.entries.get("education", []):
        edu = education_entry(entry, state)
        if entry.shares_school and not edu.institution and parsed.education:
            edu.institution = parsed.education[-1].institution
        parsed.education.append(edu)
    parsed.certificates.extend(_titled(e, full=True) for e in state.entries.get("certificates", []))
    parsed.projects.extend(_titled(e) for e in state.entries.get("projects", []))
    parsed.skills.extend(_skills(state))
    parsed.warnings.extend(state.warnings)
    return parsed

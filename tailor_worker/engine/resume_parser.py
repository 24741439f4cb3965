"""Resume lines -> ParsedResume: sections, work entries with normalised dates, and evidence
lines with stable ids ("W2.3" = third line of the second work entry).

Heuristic and deterministic. It never invents content: a resume with no usable lines is an
error, not a sample.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lemminflect import getAllLemmas

from kit.checkpoints import spend
from kit.documents import MAX_LINE_CHARS, split_long_line
from resumeai.v1 import result_pb2
from tailor_worker.engine import dates, places, vocabulary
from tailor_worker.engine.education import INSTITUTION_WORD as _INSTITUTION
from tailor_worker.engine.education import (
    all_degree,
    degree_form,
    degree_parts,
    field_of_study,
    institution_like,
    level,
    names_degree,
    names_discipline,
    not_of_study,
    not_studied_at,
    opens_with_degree,
    stated_degree,
    stated_fields,
    studied,
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
from tailor_worker.engine.entities.occupations import occupation_titles, title_heads
from tailor_worker.engine.errors import ResumeParseError
from tailor_worker.engine.folding import word_key as _fold
from tailor_worker.engine.injection import addresses_reader
from tailor_worker.engine.sections import BULLET as _BULLET
from tailor_worker.engine.sections import CITATION, LABEL_LINE, heading_section, wrapped_heading
from tailor_worker.engine.sections import TITLE_WORDS as _TITLE_WORDS

_SECTION_LETTER = {
    "summary": "S",
    "work": "W",
    "education": "E",
    "skills": "K",
    "certificates": "C",
    "projects": "P",
    "other": "O",
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\(?\d[\d\s().-]{6,}\d(?!\w)")
_URL = re.compile(
    r"(?:https?://\S+|(?:www\.)?(?:linkedin\.com|github\.com|gitlab\.com)/\S+"
    r"|\b[\w-]+\.(?:dev|io|me)\b(?:/\S*)?)",
    re.IGNORECASE,
)
_WORK_MODE = re.compile(r"remote|hybrid|on-?site|[A-Z]{2}", re.IGNORECASE)


def _is_location(part: str) -> bool:
    """A header part that is where, not who: a work mode ("Remote"), a two-letter code, or a
    region (`places`: a state, province or country)."""
    return _WORK_MODE.fullmatch(part) is not None or places.is_region(part)


_CORP_SUFFIX = re.compile(r"^(?:inc|llc|ltd|gmbh|corp|co|plc|ag|s\.?a|bv|pty)\.?$", re.IGNORECASE)
_LONG_LINE = 200
# A bullet or dash an export wrote as literal UTF-8 byte escapes ("\xe2\x80\xa2" for •,
# "\xe2\x80\x94" for —, "\xc2\xb7" for ·) separates header parts as the glyph would.
_ESCAPED_SEP = r"\\xe2\\x80\\x(?:a2|9[34])|\\xc2\\xb7|\\xe2\\x97\\x8f|\\xef\\x82\\xa7"
# A symbol (punctuation, spaces, bullets: lead bytes e2, ef, c2) written as UTF-8 byte
# escapes; not a letter ("Nestl\xc3\xa9").
_ESCAPED_SYMBOL = r"\\x(?:e2|ef|c2)(?:\\x[89ab][0-9a-f]){1,2}"
_ESCAPES_AT_ENDS = re.compile(rf"^(?:{_ESCAPED_SYMBOL}|\s)+|(?:{_ESCAPED_SYMBOL}|\s)+$")
_STRONG_SEP = re.compile(
    r"\s*[|•·;]\s*|\s+[–—-]\s+|(?<=[A-Za-z)])[–—-]\s+|\t|\s{2,}|\s+at\s+|\s*@\s+"
    rf"|\s*(?:{_ESCAPED_SEP})\s*"
)
# "Position: X", "Employer - X": a field label in front of the value, dropped.
_LABEL_WORDS = (
    r"(?:job\s+)?(?:position|role|designation|title|job title|company|employer|organi[sz]ation"
    r"|client|company name|employer'?s? name|firm|duration|period)"
)
_FIELD_LABEL = re.compile(
    rf"^(?:{_LABEL_WORDS}\s*[:\-–|]\s*"
    # a label in capitals with no colon before its value ("ORGANISATION HCL Technologies Ltd")
    r"|(?-i:(?:POSITION|DESIGNATION|COMPANY|EMPLOYER|ORGANI[SZ]ATION|FIRM|DURATION|PERIOD)\s+"
    r"(?=[A-Z0-9])))",
    re.IGNORECASE,
)
_LABELLED_GROUP = re.compile(rf"\s*\((?:{_LABEL_WORDS})\s*:\s*(?P<value>[^()]+)\)", re.IGNORECASE)
# "Position" of "Position | Summer Associate": the label, split from its value.
_LABEL_ALONE = re.compile(_LABEL_WORDS, re.IGNORECASE)
_MAX_HEADER_WORDS = 7  # a title or company name longer than this is a sentence fragment


# Word's second-level bullet exported as a letter, or a symbol font's as a brace ("o Helped
# code the redesign", "{ Led the delivery"): the parser's view only.
_LETTER_BULLET = re.compile(r"[o{]\s+(?=[A-Z])")


def strip_bullet(text: str) -> tuple[bool, str]:
    m = _BULLET.match(text) or _LETTER_BULLET.match(text)
    if m and m.end() < len(text):
        return True, text[m.end() :].strip()
    return False, text.strip()


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
    return _an_action(text) or sum(1 for word in text.split() if _plain_word(word)) >= 3


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


def _stacked_role(current: _Entry, body: str) -> bool:
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
    parts = _split_parts(_without_dates(text))
    return (
        len(parts) >= 2
        and _title_like(parts[0])
        and not _title_like(parts[1])
        and _name_like(parts[1])
        and not _is_location(parts[1])
    )


def _a_duty(text: str) -> bool:
    """ "Acquire new equipment and staff as needed", "Working with Engineers (FEA)": an
    unbulleted duty under a role's lines opens with a verb's plain or -ing form and runs on in
    lower case; a header's words are capitalised ("Consulting Group, Boston")."""
    words = text.split()
    if len(words) < 3 or dates.find_range(text) is not None or _TITLE_WORDS.search(text):
        return False
    if _capitalised_fields(text) or _name_then_its_place(text):
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
    if dates.find_range(text) is not None:
        return False
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


@dataclass
class _Entry:
    id: str
    header: list[str] = field(default_factory=list)
    lines: list[result_pb2.EvidenceLine] = field(default_factory=list)
    has_date: bool = False
    # Kept up to date as lines arrive, so no step re-reads the whole entry per line.
    has_title: bool = False  # some header line has a title word
    has_institution: bool = False  # some line names an institution
    has_degree: bool = False  # some line names a degree
    header_lines: list[int] = field(default_factory=list)  # indices of the header lines
    line_nos: list[int] = field(default_factory=list)  # index of each evidence line
    stacked: bool = False  # a whole role on one line, stacked over another before the dates


@dataclass
class _State:
    evidence: list[result_pb2.EvidenceLine] = field(default_factory=list)
    entries: dict[str, list[_Entry]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    header_bullets: list[str] = field(default_factory=list)
    injected: int = 0
    line_no: int = 0  # index of the line being read, in the exploded lines
    exploded: list[str] = field(default_factory=list)  # the lines the tagger read
    found: dict[int, list[Entity]] = field(default_factory=dict)  # entities per line index
    role_tools: list[str] = field(default_factory=list)  # "Technologies: ..." lists of roles
    tools_next: bool = False  # the line before was a bare "Technologies:" under a role

    def entities(self, line_nos: list[int], label: str, *, weak: bool = False) -> list[Entity]:
        """The CRF's entities of `label` on these lines: the strong ones, or all."""
        return [
            e
            for n in line_nos
            for e in self.found.get(n, ())
            if e.label == label and (weak or strong(e))
        ]

    def new_entry(self, section: str, header: str | None = None) -> _Entry:
        entries = self.entries.setdefault(section, [])
        entry = _Entry(f"{_SECTION_LETTER[section]}{len(entries) + 1}")
        if header is not None:
            entry.header.append(header)
            entry.header_lines.append(self.line_no)
            entry.has_date = dates.find_range(header) is not None
            entry.has_title = _TITLE_WORDS.search(header) is not None
        entries.append(entry)
        return entry

    def current(self, section: str) -> _Entry | None:
        entries = self.entries.get(section)
        return entries[-1] if entries else None

    def add_line(self, section: str, entry: _Entry, text: str, line_no: int | None = None) -> None:
        """Cite `text` in `entry`, as read on the current line unless `line_no` says where."""
        line = result_pb2.EvidenceLine(
            id=f"{entry.id}.{len(entry.lines) + 1}", section=section, text=text
        )
        entry.lines.append(line)
        entry.line_nos.append(self.line_no if line_no is None else line_no)
        self.evidence.append(line)


def parse_resume(lines: list[str], tagger: Tagger | None = None) -> result_pb2.ParsedResume:
    """Parse extracted lines. Raises ResumeParseError when nothing can serve as evidence.

    `tagger` is the entity CRF that names titles, employers, institutions and degrees (the
    shipped model by default)."""
    state = _State()
    section = "header"
    blank = False
    saw_heading = False
    headed = ""  # the section the last heading opened
    exploded = state.exploded = read_lines(lines)
    for entity in (tagger or default_tagger()).tag(exploded):
        state.found.setdefault(entity.line, []).append(_as_employer_by_form(entity))
    joined = _fold_wrapped_headings(exploded)
    glyph = False  # the line before was a bullet glyph alone
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
            if section in ("summary", "skills", "other"):
                state.new_entry(section)
            continue
        if addresses_reader(text):
            state.injected += 1
            continue
        if section in _ROLE_ELSEWHERE and _misplaced_role(state, section, text):
            section = "work"  # a role where no work heading was recognised
        elif section in _STUDY_ELSEWHERE and _misplaced_study(state, text):
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
    if state.injected:
        state.warnings.append(
            f"{state.injected} line(s) addressed to an AI model or a reader were ignored "
            "as evidence"
        )
    if not saw_heading:
        state.warnings.append("no section headings recognised; layout may be unusual")
    result = _build(state)
    if not result.evidence:
        raise ResumeParseError(
            "no usable resume content found: no line could be read as experience, skills, "
            "education or projects"
        )
    return result


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


def _role_tools(state: _State, section: str, text: str) -> bool:
    """Take a role's tools line (or the list under a bare "Technologies:" label) as a line of
    the current role or project, its items kept for the skills list. False for any other
    line."""
    body = strip_bullet(text)[1]  # "- Tools: Jira, Excel" as a role's bullet too
    label = _TOOLS_LABEL.match(body)
    if label is None and not state.tools_next:
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
    return True


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


def _dispatch(state: _State, section: str, text: str, blank: bool) -> None:
    bullet, body = strip_bullet(text)
    if section == "header":
        if bullet:
            entry = state.current("other") or state.new_entry("other")
            state.add_line("other", entry, body)
        else:
            state.header.append(body)
    elif section == "work":
        _work_line(state, body, bullet, blank)
    elif section == "education":
        _education_line(state, body, blank)
    elif section == "projects":
        current = state.current("projects")
        if current is None or (not bullet and not (_is_sentence(body) and current.lines)):
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


def _work_line(state: _State, body: str, bullet: bool, blank: bool) -> None:
    current = state.current("work")
    if _DUTIES_LABEL.fullmatch(body):
        return  # "Responsibilities" written without its colon: a label, not a role
    if LABEL_LINE.fullmatch(body):
        if current is not None and not current.lines and _title_label(body, current):
            _add_header(current, state, body)  # "Project Manager:" under its employer
        return  # "Areas of responsibility:", "Key achievements:": a label, not a role
    if bullet and _bulleted_header(body):
        bullet = False  # "*** Inetex Ltd., Rehovot, Israel — 2018-2020": a role header
    if current is not None and (CITATION.search(body) or _MEMBERSHIP.match(body)):
        # A publication or a membership listed under the role: a line of it, no role.
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
        and not current.lines
        and not (named & _role_fields(state, current))
    ):
        _add_header(current, state, body)  # the title, then its company on the next line
        return
    if named:
        state.new_entry("work", body)
        return
    if bullet:
        if current is None:
            current = state.new_entry("work")
        state.add_line("work", current, body)
        return
    if (
        current is not None
        and current.header
        and (_is_sentence(body) or _an_action(body))
        and not _a_long_header(state, body)
    ):
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
        and current.lines
        and _continues(current.lines[-1].text, body)
        and not (blank and _a_short_item(current.lines[-1].text) and _a_short_item(body))
        and not _opens_with_role_field(state, body)
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
        and bool(_name_then_its_place(_without_dates(body)))
        and any(_name_then_its_place(_without_dates(h)) for h in current.header)
    )
    if (
        current is None
        or current.lines
        or (dated and current.has_date)
        or (blank and current.has_date)
        or titled
        or employed
    ):
        state.new_entry("work", body)
    else:
        _add_header(current, state, body)


# The labels a role's lines stand under, written alone without a colon ("Responsibilities",
# "Key Achievements", "Roles and Responsibilities", "Project Description").
_DUTIES_LABEL = re.compile(
    r"(?:(?:key|main|major|primary|job|project|roles?\s+(?:and|&)|my)\s+)?"
    r"(?:responsibilities|duties|achievements|accomplishments|description|overview|"
    r"contributions?|tasks|highlights)\s*[.:-]?\s*",
    re.IGNORECASE,
)


# Sections a role header may turn up in when the work heading was missed or the layout put
# experience beside another column's heading ("EDUCATION    EXPERIENCE").
_ROLE_ELSEWHERE = frozenset({"education", "header", "other", "projects", "summary"})


_OF_WHAT = re.compile(r"\s+(?:of|for|on|in)\s+((?:[a-z][\w'’-]*\s*){3,})")


def _a_titled_description(state: _State) -> bool:
    """A line under a role that opens with a title and goes on in lower case to say what it
    was about ("Product manager of the Categorica suite of ... software"): a line of the
    role; a header names its employer in capitals ("Director of Engineering, Acme")."""
    text = state.exploded[state.line_no]
    titles = state.entities([state.line_no], TITLE, weak=True)
    opening = next((e for e in titles if e.start <= _opening(text)), None)
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


def _misplaced_role(state: _State, section: str, text: str) -> bool:
    """The line is a role header (the CRF names a title or employer in most of it, no
    institution or degree), though the section says otherwise."""
    body = strip_bullet(text)[1]
    named = _names_role(state, body)
    if not named:
        return section != "header" and _title_dated_in_parentheses(body)
    if state.entities([state.line_no], DEGREE):
        return False
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
    if COMPANY in named or dates.find_range(text) is not None:
        return True
    if section == "header" or _after_name(state):
        return False  # the headline under the person's name
    return dated or bool(state.entities(near, COMPANY))


def _title_dated_in_parentheses(body: str) -> bool:
    """ "ASSOCIATE PRINCIPAL (8/01 to Present) eClerx, Austin, TX": a title opening the line
    with its dates in parentheses right after it is a role header wherever it stands."""
    m = _TITLE_THEN_DATES.match(body)
    if m is None or not _title_like(m["title"]) or not _capitalised(m["title"]):
        return False
    span = dates.find_range(m["dates"])
    return span is not None and bool(span.start)  # a range or a start, not a lone year


_TITLE_THEN_DATES = re.compile(r"(?P<title>[A-Z][^()]{2,60}?)\s*\((?P<dates>[^)]{4,30})\)")


# Sections a degree or institution line turns up in when the education heading was missed or
# sits beside the experience heading. Not certificates: "Certified X, Y Institute" is one.
_STUDY_ELSEWHERE = frozenset({"work", "header", "other", "projects", "summary"})


def _degree_line(state: _State, text: str) -> bool:
    body = strip_bullet(text)[1]
    return _studied_at(body) or all_degree(body) or bool(state.entities([state.line_no], DEGREE))


def _misplaced_study(state: _State, text: str) -> bool:
    """The line names a study and no role: the CRF's institution or degree in most of it, or
    a degree the vocabulary knows beside an institution's name (which the CRF, led by the
    section, may have taken for an employer)."""
    here = [state.line_no]
    body = strip_bullet(text)[1]
    if state.entities(here, TITLE):
        return False
    if _studied_at(body) or all_degree(body):
        return True
    if _is_sentence(body):
        return False
    study = state.entities(here, INSTITUTION) + state.entities(here, DEGREE)
    if not study or state.entities(here, COMPANY):
        return False
    return _mostly(study, body)


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


def _after_name(state: _State) -> bool:
    """The line before is the person's name (the CRF's, or a bare name no employer shares)."""
    before = [state.line_no - 1]
    if before[0] < 0 or state.entities(before, COMPANY, weak=True):
        return False
    return bool(state.entities(before, NAME)) or _person_name(state.exploded[before[0]])


def _title_label(body: str, entry: _Entry) -> bool:
    """A title written as a label ("Executive Director:") under a header that names none."""
    words = body.rstrip(":").split()
    return (
        not entry.has_title
        and len(words) <= _MAX_HEADER_WORDS
        and _TITLE_WORDS.fullmatch(words[-1]) is not None
    )


def _add_header(entry: _Entry, state: _State, body: str) -> None:
    entry.header.append(body)
    entry.header_lines.append(state.line_no)
    entry.has_date = entry.has_date or dates.find_range(body) is not None
    entry.has_title = entry.has_title or _TITLE_WORDS.search(body) is not None


# "Member of the Monash Law Students Society", "Student Member, Law Institute of Victoria".
_MEMBERSHIP = re.compile(r"(?:(?:student|life|associate|active)\s+)?member\b(?:\s+of\b|\s*,)", re.I)


def _names_role(state: _State, body: str) -> set[str]:
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


def _opening(text: str) -> int:
    """Where a line's content starts: after its bullet and a field label ("• Role: X")."""
    return len(text) - len(_FIELD_LABEL.sub("", strip_bullet(text)[1]))


def _opens_with_role_field(state: _State, body: str) -> bool:
    """A capitalised line that opens with the CRF's strong title or employer ("Camp Echo,
    Grades 3-8, Evanston, IL" under a highlight that stopped mid-line): a header, not the
    highlight's wrapped rest."""
    if not body[:1].isupper():
        return False
    start = _opening(state.exploded[state.line_no])
    here = state.entities([state.line_no], TITLE) + state.entities([state.line_no], COMPANY)
    return any(e.start <= start + 1 for e in here)


def _opens_with_title(state: _State) -> bool:
    """The current line's first entity is a strong title at its opening."""
    first = min(state.found.get(state.line_no, []), key=lambda e: e.start, default=None)
    return (
        first is not None
        and first.label == TITLE
        and strong(first)
        and first.start <= _opening(state.exploded[state.line_no]) + 1
    )


_OPEN_END_FIRST = re.compile(rf"^(?:{dates.PRESENT})\s*[:–—-]\s*", re.IGNORECASE)
_LEADING_SEP = re.compile(r"[\s:;,.|–—-]*")


def _dated_title_first(state: _State, body: str) -> bool:
    """A date range, then the CRF's title, then its employer ("2000 to 2001: Visiting
    Professor of Public Policy, Bren School of Environmental Science and"): a role header
    however long the employer's name makes it."""
    span = dates.find_range(body)
    opening = _OPEN_END_FIRST.match(body)  # "2000" / "Present: Assistant Engineer, ..."
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


def _a_long_header(state: _State, body: str) -> bool:
    """ "Negotiator of air transport bilateral agreements, Civil Aviation Administration of
    France" over "1977-1982": as long as a sentence, but a title and its employer over the
    role's dates."""
    parts = _split_parts(body)
    return (
        len(parts) >= 2
        and _dates_next(state)
        and _TITLE_WORDS.search(parts[0]) is not None
        and not body.endswith(".")
    )


def _dates_next(state: _State) -> bool:
    """The next line holds dates and little else."""
    n = state.line_no + 1
    if n >= len(state.exploded):
        return False
    text = state.exploded[n]
    span = dates.find_range(text)
    if span is None or len(text.split()) > 6:
        return False
    # "Zero-Knowledge Systems, Enterprise Product Manager, 2000-2001" is a header of its own:
    # the dates are that line's, not the line's before.
    return _word_count(f"{text[: span.begin]} {text[span.finish :]}") <= 4


def _role_fields(state: _State, entry: _Entry) -> set[str]:
    """Which of title and employer the CRF already names in the entry's header."""
    return {label for label in (TITLE, COMPANY) if state.entities(entry.header_lines, label)}


_DATE_WORD = rf"(?:{dates.DATE}|{dates.PRESENT})"  # a date or an open end ("Present")
_ENDS_WITH_DATE = re.compile(rf"(?:{dates.DATE})$", re.IGNORECASE)
_OPEN_RANGE = re.compile(rf"(?:{dates.DATE})\s*(?:–|—|-|to)\s*$", re.IGNORECASE)
_RANGE_END = re.compile(_DATE_WORD, re.IGNORECASE)


def _with_wrapped_end(header: str, body: str) -> str:
    """The header line with the end of its date range, when `body` is that end alone,
    wrapped off it: after an open range ("10/2021 –" / "present"), or after a start date
    ending the line ("Xylin August 2003" / "December 2007", as two-column layouts export a
    role's header). "" otherwise."""
    if _OPEN_RANGE.search(header) and _RANGE_END.fullmatch(body):
        return f"{header} {body}"
    if (
        _ENDS_WITH_DATE.search(header)
        and not dates.RANGE_RE.search(header)
        and _RANGE_END.fullmatch(body.rstrip('".'))
    ):
        return f"{header} – {body}"
    return ""


def _a_short_item(text: str) -> bool:
    """A few words with no sentence's punctuation ("Customs Documentation work", "voice and
    accent trainer"): no wrapped half of a sentence, when a blank line stands between two."""
    return len(text.split()) <= 5 and not re.search(r"[.,;:]", text)


def _continues(previous: str, body: str) -> bool:
    """`body` is the wrapped rest of the highlight `previous`: it starts in lower case, or
    `previous` stops mid-sentence at a wrapping width and `body` is no header (no date, no
    title word)."""
    if dates.find_range(body) is not None or heading_section(body) is not None:
        return False
    if _capitalised_fields(body):
        return False  # "Fourth Street Middle School, Baltimore, MD": the next employer
    if body[:1].islower():
        return True
    return (
        len(previous) >= 60
        and previous[-1:] not in ".!?:;)"
        and _TITLE_WORDS.search(body) is None
        and len(body.split()) <= 8
    )


def _education_line(state: _State, body: str, blank: bool) -> None:
    current = state.current("education")
    here = [state.line_no]
    has_degree = names_degree(body) or (
        # "Minor in Business Administration" qualifies the degree above it.
        bool(state.entities(here, DEGREE)) and not stated_fields(body)
    )
    # "Bachelor of Technology": the CRF's institution counts only on a line with no degree.
    has_inst = _INSTITUTION.search(body) is not None or (
        not has_degree and bool(state.entities(here, INSTITUTION))
    )
    dated = dates.find_range(body) is not None
    # A blank line ends an entry only once it has its date (a new degree or institution
    # opens the next one anyway). One field a line with blank lines between is one entry:
    # "B.Tech" / "" / "Some College - City" / "" / "2012".
    complete = current is not None and current.has_date
    if (
        current is None
        or (blank and current.lines and complete)
        or (has_inst and current.has_institution)
        or (has_degree and current.has_degree)
        or (dated and current.has_date and (has_inst or has_degree))
    ):
        current = state.new_entry("education")
    state.add_line("education", current, body)
    current.has_institution = current.has_institution or has_inst
    current.has_degree = current.has_degree or has_degree
    current.has_date = current.has_date or dated


def _bulleted_header(body: str) -> bool:
    """A bullet that is a role header: a date range, no sentence, not opening with a verb
    ("*** Inetex Ltd., Rehovot, Israel — 2018-2020", not "Supported the 2019 move")."""
    if dates.RANGE_RE.search(body) is None or _is_sentence(body):
        return False
    first = body.split(maxsplit=1)[0].lower()
    return not getAllLemmas(first).get("VERB")


_TRAILING_GROUP = re.compile(r"\(([^()]*)\)\s*$")
# "Israel, Rehovot", "Remote", "Berlin": capitalised words with commas, no title word.
_LOCATION_GROUP = re.compile(r"[A-Z][\w.' -]*(?:,\s*[A-Z][\w.' -]*){0,2}")


def _as_employer_by_form(entity: Entity) -> Entity:
    """A title the CRF read that ends in a company's legal form ("Fleet Advertising Ltd.") is
    the employer: no job title carries one."""
    words = entity.text.split()
    if entity.label != TITLE or len(words) < 2 or not _legal_form(words[-1].strip(",")):
        return entity
    return dataclasses.replace(entity, label=COMPANY)


def _legal_form(word: str) -> bool:
    """ "Inc.", "Ltd", "Co.": a company's legal form; not "CO" or "SA" in capitals, which after
    a city are a state or a country."""
    return _CORP_SUFFIX.match(word) is not None and not re.fullmatch(r"[A-Z]{2}", word)


def _split_parts(line: str) -> list[str]:
    parts: list[str] = []
    for chunk in _STRONG_SEP.split(line):
        for sub in chunk.split(","):
            sub = sub.strip(" ()[]-–—,;:")
            if not sub:
                continue
            if parts and _legal_form(sub):
                parts[-1] = f"{parts[-1]}, {sub}"
            else:
                parts.append(sub)
    return parts


def _work_entry(entry: _Entry, state: _State) -> result_pb2.WorkEntry:
    """The role's fields: dates by rule; title and employer as the entity CRF read them on
    the header lines, else by the header's layout (title words, legal forms, order)."""
    work = _work_fields(entry)
    parts = [p for line in entry.header for p in _split_parts(line) if _name_like(p)]
    # A dated header whose title part has a title word reads well by layout alone; otherwise
    # a field read by layout stands only where the CRF weakly agrees. A published title
    # without a title word ("Waiter", "Chair") vouches for itself only: beside a committee
    # ("Chair, Graduate Studies Committee") the other part is no employer.
    dated = bool(work.dates_text) or entry.stacked
    trusted = dated and _TITLE_WORDS.search(work.position) is not None
    titled = dated and _title_like(work.position)
    # An entity that is only a date ("2019" in "03/2017 - 11/2019 Staff Accountant") names
    # no field.
    titles = [e for e in state.entities(entry.header_lines, TITLE) if _field_text(e.text)]
    companies = [e for e in state.entities(entry.header_lines, COMPANY) if _field_text(e.text)]
    if titles:
        work.position = _widened(_title_text(_joined(titles, state.exploded)), work.position)
        work.position = _with_next_title(work.position, entry, state)
    elif not titled and not _a_plain_title(work.position):
        work.position = _confirmed(
            work.position, state.entities(entry.header_lines, TITLE, weak=True)
        )
    # "Charge Nurse" read as both: the title wins, the employer is another entity.
    companies = [e for e in companies if _fold(e.text) != _fold(work.position)]
    # "Automatic Data Processing, Inc.": a legal form names the employer by layout alone.
    incorporated = bool(work.company) and _legal_form(work.company.split()[-1])
    if companies:
        work.company = _widened(_field_text(companies[0].text), work.company)
    elif not trusted and not incorporated:
        work.company = _confirmed(
            work.company, state.entities(entry.header_lines, COMPANY, weak=True), parts
        )
    if not work.position and not work.company:
        _fill_from_first_line(work, entry, state)
    if not work.position:
        work.position = _labelled_title(entry, state) or _opening_title(entry, state)
    if not work.company:
        work.company = _held_at(entry, state) or _before_its_place(entry)
    work.position = _HELD_AS_FIRST.sub("", work.position)  # "Have worked as a Support Engineer"
    if _a_phrase_not_a_title(work.position):
        work.position = ""
    if titles or companies:
        taken = [_fold(work.position), _fold(work.company)]
        kept = [
            part
            for part in work.location.split(", ")
            if part and not any(t and (t in _fold(part) or _within(_fold(part), t)) for t in taken)
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
    if _an_occupation(work.company):
        # "Research Intern" read as the employer: a title, the role's own when it names none.
        work.position = work.position or work.company
        work.company = ""
    if (
        not _employer_like(work.company)
        or places.is_region(work.company)
        or _a_person(work.company, entry.header)
        or _a_place(work.company, entry.header)
    ):
        work.company = ""
    return work


def _without_its_employer(position: str, company: str) -> str:
    """ "Director/Teacher" of "Director/Teacher Gateway Early Childhood Center" when the
    employer is "Gateway Early Childhood Center": a title the employer's name ran into."""
    if not company or not position.endswith(company):
        return position
    before = position[: -len(company)]
    if not before or before[-1].isalnum() or _ROMAN.fullmatch(company) or _title_like(company):
        # The whole title, a word that ends like the employer, "Level III", or a second
        # title read as the employer ("Business Analyst - Channel Support Specialist").
        return position
    title = _TITLE_TAIL.sub("", before)
    return title if title and _title_like(title) else position


_ROMAN = re.compile(r"[IVX]+")
# What joins a title to the employer after it: "with", "for", "at", a colon, a slash.
_TITLE_TAIL = re.compile(r"(?:[\s,:;/(@–—-]|\b(?:with|for|at|in|of|during|and)\b)+$", re.IGNORECASE)


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
    for line in map(_without_dates, header):
        parts = _split_parts(line)
        at = next((i for i, p in enumerate(parts) if p == company), -1)
        if at < 0 or at + 1 >= len(parts):
            continue
        parent, rest = parts[at + 1], ", ".join(parts[at + 1 :])
        if places.bare_place(places.with_state_code(rest)) or _is_location(parent):
            return company  # "School of Law, Boston, MA": its place, no parent body
        if _title_like(parent) or not _employer_like(parent):
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
_NAME_THEN_PLACE = re.compile(r"(\s*[,:]\s*|\s+[–—-]\s+)")


def _before_its_place(entry: _Entry) -> str:
    """The employer of a header line that is a name and its place alone ("Baldwin
    Elementary, Baldwin City, KS", "Time Warner Cable, Overland Park, KS"), or a name alone
    over a line that is its place ("Microsoft Research" / "Redmond, WA"), as one-field-a-line
    layouts put it under or over the title and dates. Dates and a trailing remark are no
    part of either: "Chuck's Sodas & Pizza, Stockler CA Summer 2007", "Oak Mountain
    Elementary School: Hoover, AL (Fall 2002)"."""
    header = [_TRAILING_REMARK.sub("", _without_dates(line)).strip(_EDGES) for line in entry.header]
    for at, line in enumerate(header):
        beside = [header[n] for n in (at + 1, at - 1) if 0 <= n < len(header)]
        if any(_a_name_beside_its_place(line, place) for place in beside):
            return line
        name = _name_then_its_place(line)
        if name and _a_named_employer(name):
            return name
    return ""


def _name_then_its_place(line: str) -> str:
    """ "Time Warner Cable" of "Time Warner Cable, Overland Park, KS"; "" for a line that is
    no name and its place."""
    if places.bare_place(line):
        return ""  # "Rapid City, SD 82828": the place alone
    parts = _NAME_THEN_PLACE.split(line, maxsplit=1)
    if len(parts) < 3:
        return ""
    name, rest = parts[0].strip(), parts[2].strip(_EDGES)
    form = _NAME_THEN_PLACE.split(rest, maxsplit=1)
    if len(form) == 3 and _legal_form(form[0].strip()):
        # "Quality Builders, Inc., Los Angeles, CA": the legal form is the name's.
        name, rest = f"{name}{parts[1]}{form[0].strip()}", form[2].strip(_EDGES)
    if places.bare_place(places.with_state_code(rest)):
        return name
    # "London, England": a city and its country, unless the name is more than a word
    # ("First Baptist Church Huntsville, AL", "Law Office of Peter R. Mayer, PA").
    return name if places.is_region(rest) and len(name.split()) > 1 else ""


def _without_dates(line: str) -> str:
    """The line less its date range and the separators left at its ends ("Vincennes, IN" of
    "Vincennes, IN | Nov 2010 - Mar 2011")."""
    span = dates.find_range(line)
    if span is not None:
        line = f"{line[: span.begin]} {line[span.finish :]}"
    return line.strip(_EDGES)


_EDGES = " ,;|–—-"  # separators a field's text never begins or ends with


def _a_name_beside_its_place(name: str, place: str) -> bool:
    """ "Microsoft Research" over "Redmond, WA" (or under "Bemidji, MN"): one name-like
    part, no title ("511 West 1st Street" over "Wayne, NE" is no name either)."""
    return (
        bool(name)
        and bool(places.bare_place(places.with_state_code(place)))
        and _a_named_employer(name)
        and len(_split_parts(name)) == 1
        and not _title_like(name)
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
    skill the vocabulary names ("SAP Basis" is listed as both)."""
    text = company.strip().lower()
    if text in occupation_titles():
        return not vocabulary.find_terms(company)
    # "SAP EWM WM Analyst": a title by the title word that ends it.
    words = company.split()
    return len(words) > 1 and _TITLE_WORDS.fullmatch(words[-1]) is not None


def _a_place(company: str, header: Sequence[str]) -> bool:
    """ "Princeton" of a header line "Princeton, NJ": the role's place, not its employer."""
    return any(_fold(places.bare_place(line)) == _fold(company) for line in header)


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


def _held_at(entry: _Entry, state: _State) -> str:
    """The employer a line of the role says it was held at ("Worked for National Informatics
    Centre ...", "associated with Cisco"): the CRF's employer after "at / for / with / in"."""
    for n in entry.line_nos:
        text = state.exploded[n]
        if not _WORKED.search(text):
            continue
        for entity in state.entities([n], COMPANY):
            if _AT.search(text[: entity.start]):
                return _field_text(entity.text)
    return ""


# "Worked as a Lecturer in ...", "Joined as Associate System Engineer": the role held.
_HELD_AS = re.compile(
    r"\b(?:work(?:ed|ing)|join(?:ed)?|employed|serv(?:ed|ing)|hired|promoted)\s+(?:as|to)\s+"
    r"(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)


def _labelled_title(entry: _Entry, state: _State) -> str:
    """The title a line of the role states under a label ("Role: Lead Android developer,
    architect. Worked with ..."): the CRF's title right after the label."""
    for n in entry.line_nos:
        text = state.exploded[n]
        body = strip_bullet(text)[1]
        label = _FIELD_LABEL.match(body) or _HELD_AS.search(body)
        if label is None:
            continue
        start = text.find(body) + label.end()
        titles = [e for e in state.entities([n], TITLE) if abs(e.start - start) <= 1]
        if titles:
            return _field_text(titles[0].text)
    for n in [*entry.header_lines, *entry.line_nos[:2]]:
        # By layout where the CRF names none: the label vouches for a title it heads
        # ("Position | Summer Associate (Full-time offer extended)").
        stated = _TITLE_LABEL.match(strip_bullet(state.exploded[n])[1])
        value = _field_text(stated["value"]) if stated else ""
        if value and _title_like(value) and _name_like(value):
            return value
    return ""


_TITLE_LABEL = re.compile(
    r"(?:job\s+)?(?:position|role|designation|title|job\s+title)\s*[:|–-]\s*"
    r"(?P<value>[^|(;:]+)",
    re.IGNORECASE,
)


# Where a title that opens a line ends: a dash, colon or bar ("Vice President of Operations
# - Promoted to ...", "Executive Director:").
_TITLE_STOP = re.compile(r"\s*(?:\s[–—-]\s|[–—:|]|$)")
_TITLE_REST = re.compile(
    r"(?:\s+(?:[A-Z][\w&'.-]*|of|and|for|the|&)){1,4}?(?=\s*(?:\s[–—-]\s|[–—:|]|$))"
)


def _opening_title(entry: _Entry, state: _State) -> str:
    """A role whose header names no title takes the CRF's title that opens one of its first
    two lines and ends at a dash, colon or bar ("Vice President of Operations - Promoted
    to review ..."), run on over the capitalised words the CRF left off ("of Operations")."""
    for n in entry.line_nos[:2]:
        text = state.exploded[n]
        titles = state.entities([n], TITLE)
        if not titles or titles[0].start > _opening(text) + 1:
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
        if first is not None and _title_like(first["title"]) and _capitalised(first["title"]):
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


def _capitalised(text: str) -> bool:
    """Every word capitalised but a name's joiners ("Vice President of Operations")."""
    return all(w[:1].isupper() or w in _NAME_JOINERS for w in text.split())


def _fill_from_first_line(work: result_pb2.WorkEntry, entry: _Entry, state: _State) -> None:
    """A header that names neither title nor employer (a date alone: "1994 - 2007") is
    followed by the line that does, however long ("Executive Secretary of the European Civil
    Aviation Conference (ECAC)"): the CRF's title and employer where that line opens with one."""
    if not entry.line_nos:
        return
    n = entry.line_nos[0]
    found = state.entities([n], TITLE) + state.entities([n], COMPANY)
    if not found or min(e.start for e in found) > _opening(state.exploded[n]) + 2:
        return
    for label in (TITLE, COMPANY):
        ours = [e for e in found if e.label == label]
        if ours:
            value = _field_text(_joined(ours, state.exploded))
            if label == TITLE:
                work.position = value
            else:
                work.company = value


_DATE_FIRST = re.compile(rf"^(?:{_DATE_WORD}|till|to)\b", re.IGNORECASE)


def _employer_like(text: str) -> bool:
    """An employer's name, not a fragment: capitalised (or a figure: "3M"), not a date, at
    most eight words, not a sentence opening with a past-tense verb ("Conducted ...")."""
    words = text.split()
    if not words or len(words) > 8:
        return False
    if not (text[:1].isupper() or text[:1].isdigit() or _CAMEL_BRAND.match(text)):
        return False
    if _DATE_FIRST.match(text) or _NOT_EMPLOYER.match(text) or not _field_text(text):
        return False  # a date or a label, or nothing but them ("Since 2000")
    if _SERVICE_BODY.search(text):
        return False  # "Member, Graduate Studies Committee (GSC)": service, no employer
    if sum(1 for w in words[1:] if _plain_word(w)) >= 2:
        return False  # "Analysis of business processes": a phrase, not a name
    first = words[0].lower()
    verbs = getAllLemmas(first).get("VERB", ())
    if len(words) == 1 and first.endswith("ing") and verbs and first not in verbs:
        return False  # "Marketing", "Teaching": a field of work alone, not a firm ("Boeing")
    return not (first.endswith("ed") and verbs)


# A body one serves on rather than works for, by its last word before a trailing acronym.
_SERVICE_BODY = re.compile(
    r"\b(?:committee|(?:advisory|staff|student|faculty|coordinating)\s+council|senate|board|"
    r"caucus|panel|task\s+force|team)s?"
    r"(?:\s*\([^)]*\)?)?\W*$",
    re.IGNORECASE,
)


# A lower-case word, which a name holds as a joiner ("Bank of America", "Société de Crédit")
# and seldom more than once otherwise ("Peppes pizza"); not a lower-case brand ("eBay").
_PLAIN_WORD = re.compile(r"[a-z][a-z'’-]*")
_NAME_JOINERS = frozenset(
    {"of", "and", "the", "for", "in", "on", "at", "de", "da", "del", "der", "des", "du", "la"}
    | {"le", "van", "von", "y", "e", "et", "und", "di"}
)


def _plain_word(word: str) -> bool:
    return bool(_PLAIN_WORD.fullmatch(word)) and word not in _NAME_JOINERS and not _legal_form(word)


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


def _with_next_title(position: str, entry: _Entry, state: _State) -> str:
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


def _title_after(line: str, end: int, n: int, state: _State) -> int | None:
    """Where the title part after a joiner at `end` ends; None when no title follows."""
    joiner = _TITLE_JOINER.match(line, end)
    if joiner is None:
        return None
    parts = _split_parts(line[joiner.end() :])
    if not parts or not line.startswith(parts[0], joiner.end()):
        return None
    part = parts[0].split(":")[0].rstrip()  # "Integration Aide: Smithville Primary School"
    return joiner.end() + len(part) if part and _a_title_part(part, n, state) else None


def _a_title_part(part: str, line: int, state: _State) -> bool:
    """A header part that is a title: a title word or a published title, and no employer
    the CRF names in it or a legal form ends it."""
    if not part.strip():
        return False  # ", , Team Leader": nothing between two joiners
    if _legal_form(part.split()[-1]) or _is_location(part) or dates.find_range(part):
        return False
    if any(_fold(e.text) in _fold(part) for e in state.entities([line], COMPANY, weak=True)):
        return False
    return _title_like(part)


def _a_plain_title(part: str) -> bool:
    """ "Customer Service Associate", "Computer Lab Coordinator": a short capitalised part
    ending in a title word reads as a title by layout alone, dated or not."""
    words = part.split()
    return (
        0 < len(words) <= 5
        and _capitalised(part)
        and _TITLE_WORDS.fullmatch(words[-1].strip(".,")) is not None
    )


def _widened(by_crf: str, by_layout: str) -> str:
    """The CRF says which part of the header a field is, the layout where that part ends:
    "Intern" inside the part "Accounting Intern" is the part (as a field: no label or date
    at its ends, "Present Associate Professor" is the title "Associate Professor")."""
    mine, theirs = _fold(by_crf), _fold(by_layout)
    return _field_text(by_layout) if mine and mine != theirs and mine in theirs else by_crf


def _confirmed(by_layout: str, weak: list[Entity], parts: Sequence[str] = ()) -> str:
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
    rf"^{_DATE_WORD}\b[\s,:;-]*|[\s,:;(-]*\b(?:{dates.DATE})$",
    re.IGNORECASE,
)


def _title_text(text: str) -> str:
    """A title entity as a field: `_field_text`, and no full stop after a whole word
    ("Assistant Program Manager." but "Asst. Mgr.")."""
    text = _DANGLING_JOINER.sub("", _field_text(text))  # "Teacher Assistant and"
    last = text.split()[-1] if text else ""
    return text[:-1] if last.endswith(".") and len(last) > 5 else text


_DANGLING_JOINER = re.compile(r"\s+(?:and|&|of|for|to|with|at|in)$", re.IGNORECASE)


def _field_text(text: str) -> str:
    """An entity's text as a field: no label ("Position:"), no date at either end ("2019
    Staff Accountant"), no separators around it."""
    text = _FIELD_LABEL.sub("", text)
    span = dates.find_range(text)
    if span is not None and not text[span.finish :].strip(" ,;:-–—|()[]."):
        text = text[: span.begin]  # "Basic Computer Technologies (2005-2006)"
    text = _EDGE_DATE.sub("", text)
    return text.strip(" ,;:-–—|()[]")


def _work_fields(entry: _Entry) -> result_pb2.WorkEntry:
    work = result_pb2.WorkEntry(id=entry.id)
    work.highlights.extend(entry.lines)
    texts: list[str] = []
    places: list[str] = []
    for line in entry.header:
        span = dates.find_range(line)
        if span is not None and not work.dates_text:
            work.dates_text = span.text
            work.start_date, work.end_date = span.start, span.end
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
        _OPEN_END_FIRST.sub("", _FIELD_LABEL.sub("", p))
        for line in texts
        for p in _split_parts(_URL.sub(" ", line))
    ]
    # "Lead Android Engineer, \xe2\x80\x8b": a glyph written as byte escapes is no part.
    parts = [_ESCAPES_AT_ENDS.sub("", p) for p in parts]
    parts = [
        p for p in parts if p and not re.fullmatch(r"[\W\d_]+", p) and not _LABEL_ALONE.fullmatch(p)
    ]
    parts = _title_then_town([piece for p in parts for piece in _title_then_company(p)])
    titled = [p for p in parts if _title_like(p) and not _is_location(p)]
    named = [p for p in titled if _name_like(p)]
    if named:
        work.position = named[0]
        parts.remove(named[0])
    names = [p for p in parts if not _is_location(p) and _name_like(p)]
    if not work.position and not work.dates_text:
        names = []  # neither a title word nor a date: no role header at all
    corporate = [p for p in names if _legal_form(p.split()[-1])]
    if corporate:  # "Inetex Ltd.": a company by its legal form, whatever the order
        names.remove(corporate[0])
        names.insert(0, corporate[0])
    elif not work.position and len(names) >= 2:
        # No title word anywhere: assume the common "Title, Company" order.
        work.position = names[0]
        parts.remove(names[0])
        names.pop(0)
    if names:
        work.company = names[0]
        parts.remove(names[0])
    work.location = ", ".join([*parts, *places])
    return work


def _title_like(part: str) -> bool:
    """A title word ("Analyst") or a published job title ("Waiter", "Team Member")."""
    return _TITLE_WORDS.search(part) is not None or part.lower() in occupation_titles()


# The head words after which a title ends and the next capitalised words name something else.
_TITLE_HEAD = (
    r"(?:developer|engineer|manager|analyst|designer|consultant|architect|specialist|"
    r"administrator|programmer|scientist|intern|teacher|nurse|counselor|tutor|coach)"
)
# "Web Developer Naya Technologies": a title, then a company named by a business word.
_TITLE_THEN_COMPANY = re.compile(
    rf"^(?P<title>.*?\b{_TITLE_HEAD})"
    r"\s+(?P<company>[A-Z][\w&.'-]*"
    r"(?:\s+[A-Z][\w&.'-]*)*\s+(?:Technologies|Technology|Solutions|Systems|Labs|Group|"
    r"Software|Consulting|Services|Studio|Studios|Agency|Bank|Ltd\.?|Inc\.?|LLC|GmbH|Corp\.?|"
    r"School|Hospital|Clinic|Academy))$",
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
    r"\b(?:school|elementary|academy|college|university|institute|center|centre|hospital|clinic|"
    r"bank|group|inc|ltd|llc|corp|corporation|company|technologies|solutions|systems|services|"
    r"software|consulting|studio|agency|labs)\b",
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


def _name_like(part: str) -> bool:
    """A title or company name, not a sentence fragment: short, not ending a sentence, not
    starting in lower case."""
    return (
        len(part.split()) <= _MAX_HEADER_WORDS
        and not part.endswith(":")
        # "Globex, Inc." and "Acme Pvt." end in an abbreviation, "increased 50%." a sentence.
        and not (
            part.endswith(".")
            and not _CORP_SUFFIX.match(part.split()[-1])
            and len(part.split()[-1]) > 4
        )
        and not (part[:1].islower() and not _CAMEL_BRAND.match(part))
    )


# "eClerx", "eBay", "iGATE": a name that opens in lower case before a capital.
_CAMEL_BRAND = re.compile(r"[a-z][A-Z]\w*\b")


# Work done in a degree or an office about degrees, which the CRF reads as one ("Masters
# Research Project", "Bachelor thesis", "Task Force For The Revision Of Masters Programs"),
# and an objective under Education ("Targeting Internship ... Positions").
_NO_DEGREE = re.compile(
    r"\b(?:thesis|dissertation|project|research|programs|task\s+force|committee|board|"
    r"positions?)\b",
    re.IGNORECASE,
)


def _education_entry(entry: _Entry, state: _State) -> result_pb2.EducationEntry:
    edu = result_pb2.EducationEntry(id=entry.id)
    edu.lines.extend(entry.lines)
    for line in entry.lines:
        for part in re.split(r"\s*[,|•·]\s*|\s+[–—-]\s+", line.text):
            if not edu.institution and _INSTITUTION.search(part):
                edu.institution = "" if not_studied_at(line.text) else part
        for m in vocabulary.find_terms(line.text):
            if m.term.kind == "degree" and not edu.study_type:
                edu.study_type = m.surface
            elif m.term.kind == "field" and not edu.area:
                edu.area = m.term.canonical
        span = dates.find_range(line.text)
        if span is not None and not edu.end_date:
            edu.start_date, edu.end_date = span.start, span.end
    institutions = [
        e
        for e in state.entities(entry.line_nos, INSTITUTION)
        if not studied(_field_text(e.text)) and not not_studied_at(state.exploded[e.line])
    ]
    degrees = [
        e
        for e in state.entities(entry.line_nos, DEGREE)
        if names_degree(e.text) or _NO_DEGREE.search(e.text) is None
    ]
    weak = state.entities(entry.line_nos, INSTITUTION, weak=True)
    if institutions:
        edu.institution = _field_text(institutions[0].text)
    elif not institution_like(edu.institution):
        edu.institution = _confirmed(edu.institution, weak)
    if studied(edu.institution) or not_of_study(edu.institution):
        edu.institution = ""
    edu.institution = _with_parent(edu.institution, [line.text for line in entry.lines])
    # A degree the vocabulary does not know: the CRF's entity that is a degree by its form
    # ("Juris Doctor", not the "Business Law" before it), else the form on a line ("MS (CS)"),
    # else the CRF's first.
    named = [e for e in degrees if names_degree(e.text)]
    if named and not edu.study_type:
        edu.study_type = _field_text(_phrase_end(named[0], state.exploded))
    if not edu.study_type:
        edu.study_type = next((d for d in (degree_form(n.text) for n in entry.lines) if d), "")
    if degrees and not edu.study_type:
        edu.study_type = _field_text(_phrase_end(degrees[0], state.exploded))
    edu.level = level(edu)
    # The field as the resume writes it, which the vocabulary may not know ("BS - Behavioral
    # Science"): the exported resume prints it after the degree.
    written = next((f for f in (_written_field(n, edu.study_type) for n in edu.lines) if f), "")
    edu.area = written or edu.area
    if not edu.study_type and not edu.area and edu.institution:
        edu.area = _field_beside(edu.institution, entry, state)
    edu.area = _with_stated_fields(edu.area, edu.study_type, entry)
    return edu


def _with_stated_fields(area: str, degree: str, entry: _Entry) -> str:
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


def _field_beside(institution: str, entry: _Entry, state: _State) -> str:
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
                and not _is_location(part)
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


def _written_field(line: result_pb2.EvidenceLine, degree: str) -> str:
    whole, field_text = degree_parts(line.text, degree)
    return field_text if whole else ""


_INSTITUTION_PART = re.compile(r"[^,|•·–—]+?(?=\s*(?:[,|•·]|\s[–—-]\s|$))")


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
            if _INSTITUTION.search(other) and institution_like(other):
                return line[parts[first].start() : parts[second].end()].strip()
        return institution
    return institution


def _titled(entry: _Entry, *, full: bool = False) -> result_pb2.TitledEntry:
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


def _skills(state: _State) -> list[str]:
    """The Skills section's items, then the tools the roles list ("Technologies: ...")."""
    out: dict[str, None] = {}  # ordered and O(1) to test
    lists = [line.text for entry in state.entries.get("skills", []) for line in entry.lines]
    for text in [*lists, *state.role_tools]:
        label, sep, rest = text.partition(":")
        items = rest if sep and len(label.split()) <= 4 else text
        for item in re.split(r"[,;|•·]", items):
            item = item.strip(" .")
            if item and len(item) <= 60:
                out.setdefault(item)
    return list(out)


_NAME_LABEL = re.compile(r"^(?:full\s+)?name\s*:\s*", re.IGNORECASE)
_PERSONAL_HEADING = re.compile(
    r"(?:personal\s+(?:information|info|details|data|profile)|contact(?:\s+(?:information|"
    r"details|info))?|curriculum\s+vitae|resume|résumé|cv|profile)\s*:?",
    re.IGNORECASE,
)


def _person_name(part: str) -> bool:
    """A person's name: two to five words, no digits, not a job title ("Senior Backend
    Engineer" is a headline, not a name)."""
    words = part.split()
    return 2 <= len(words) <= 5 and not re.search(r"\d", part) and _TITLE_WORDS.search(part) is None


def _post_nominals(part: str) -> tuple[str, list[str]]:
    """A name and the credentials after it ("Sadie Goldner, MBA, PMP" -> "Sadie Goldner",
    ["MBA", "PMP"]): each a degree or an upper-case abbreviation ("MS (CS)", "CSM"); a part
    with anything else after its comma ("Jane Doe, Jr.") is returned whole."""
    name, sep, rest = part.partition(",")
    credentials = [c.strip() for c in rest.split(",")]
    if not sep or not all(_CREDENTIAL.fullmatch(c) or names_degree(c) for c in credentials):
        return part, []
    return name.strip(), credentials


_CREDENTIAL = re.compile(r"(?:[A-Z]\.?){2,6}(?:\s*\([A-Z]{1,6}\))?")


_NO_LINE = -1  # the line index of evidence that stands on no one line of the document


def _add_unlisted_degrees(state: _State, degrees: list[str]) -> None:
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


_QUALIFICATION_LABEL = re.compile(
    r"(?:educational\s+)?(?:qualifications?|education|degree)\s*:", re.IGNORECASE
)


def _basics(state: _State) -> result_pb2.Basics:
    basics = result_pb2.Basics()
    summary_lines: list[str] = []
    stated_outside: list[str] = []  # degrees after the name, under it, in the summary
    urls: set[str] = set()
    for line in state.header:
        found_contact = False
        for regex, attr in ((_EMAIL, "email"), (_URL, "url"), (_PHONE, "phone")):
            for m in regex.finditer(line):
                found_contact = True
                if attr == "url":
                    if m.group(0) not in urls and "@" not in m.group(0):
                        urls.add(m.group(0))
                        basics.urls.append(m.group(0))
                elif not getattr(basics, attr):
                    setattr(basics, attr, m.group(0).strip())
            # Every match blanked in one pass (a str.replace per match was quadratic on a
            # contact line with many matches).
            line = regex.sub(" ", line)
        rest = [p for p in re.split(r"\s*[|•·]\s*|\s{2,}", line) if p.strip(" ,;-")]
        for part in rest:
            part = _NAME_LABEL.sub("", part.strip(" ,;-")).strip()
            if not part or _PERSONAL_HEADING.fullmatch(part):
                continue  # "Personal information", "Curriculum Vitae": a heading, no name
            named, credentials = _post_nominals(part)
            stated = stated_degree(part) if basics.name else ""
            if stated:
                # "Qualification: Degree in Engineering (Metallurgy)" under the name.
                stated_outside.append(stated)
                if _QUALIFICATION_LABEL.match(part):
                    continue
            if not basics.name and _person_name(named):
                basics.name = named
                stated_outside += [  # "PH.D." is Ph.D.
                    c for c in credentials if names_degree(c) or names_degree(c.title())
                ]
            elif (
                basics.name
                and not basics.label
                and not found_contact
                and len(part.split()) <= 8
                and not part.endswith(".")
            ):
                basics.label = part
            elif (
                not basics.location
                and len(part.split()) <= 5
                and (found_contact or re.fullmatch(r"[A-Z][\w .'-]+,\s*[A-Z][\w .'-]+", part))
            ):
                basics.location = part
            else:
                summary_lines.append(part)
    if summary_lines:
        # Free text before the first heading is the profile.
        entry = state.current("summary") or state.new_entry("summary")
        for text in summary_lines:
            state.add_line("summary", entry, text)
    if not basics.email:  # contacts in a footer, a sidebar or beside a role
        email = next((m for line in state.exploded for m in _EMAIL.findall(line)), "")
        basics.email = email
    names = [e.text for e in state.entities(sorted(state.found), NAME)]
    named = next((_field_text(n) for n in names if _person_name(_field_text(n))), "")
    if named:  # the CRF reads a name wherever the layout puts it
        basics.name = named
    summaries = [line for e in state.entries.get("summary", []) for line in e.lines]
    stated_outside += [d for d in (stated_degree(s.text) for s in summaries) if d]
    # One pass over Education for every degree stated outside it, and one cap for them all.
    _add_unlisted_degrees(state, stated_outside)
    basics.summary = " ".join(line.text for line in summaries)
    basics.summary_evidence_ids.extend(line.id for line in summaries)
    return basics


def _build(state: _State) -> result_pb2.ParsedResume:
    basics = _basics(state)
    # The header summary was created last; evidence must stay in document order.
    order = {"summary": 0}
    state.evidence.sort(key=lambda line: order.get(line.section, 1))
    parsed = result_pb2.ParsedResume(basics=basics, evidence=state.evidence)
    for entry in state.entries.get("work", []):
        work = _work_entry(entry, state)
        if work.company and _fold(work.company) == _fold(basics.name):
            work.company = ""  # the person's own name over a page of roles
        if not (work.position or work.company or work.highlights):
            continue  # a date or a glyph alone ("2008", "•"): no role to show or cite
        if not work.dates_text and (work.position or work.company):
            state.warnings.append(f"work entry {work.id} has no recognisable dates")
        parsed.work.append(work)
    parsed.education.extend(_education_entry(e, state) for e in state.entries.get("education", []))
    parsed.certificates.extend(_titled(e, full=True) for e in state.entries.get("certificates", []))
    parsed.projects.extend(_titled(e) for e in state.entries.get("projects", []))
    parsed.skills.extend(_skills(state))
    parsed.warnings.extend(state.warnings)
    return parsed

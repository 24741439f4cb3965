"""The parser's state as it reads a resume's lines: the entries it has opened (their header
lines, evidence lines and what the header names) and the entity CRF's finds per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from resumeai.v1 import result_pb2
from tailor_worker.engine import dates
from tailor_worker.engine.entities.model import (
    Entity,
    strong,
)
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


@dataclass
class Entry:
    """One entry of a section (a role, a school, a project): its header and evidence lines."""

    id: str
    header: list[str] = field(default_factory=list)
    lines: list[result_pb2.EvidenceLine] = field(default_factory=list)
    has_date: bool = False
    # Kept up to date as lines arrive, so no step re-reads the whole entry per line.
    has_title: bool = False  # some header line has a title word
    has_institution: bool = False  # some line names an institution
    has_degree: bool = False  # some line names a degree
    header_lines: list[int] = field(default_factory=list)  # indices of the header lines
    # How many evidence lines there were when each header line was read: where it stands
    # among them should it be cited after all.
    header_at: list[int] = field(default_factory=list)
    line_nos: list[int] = field(default_factory=list)  # index of each evidence line
    stacked: bool = False  # a whole role on one line, stacked over another before the dates
    described: bool = False  # its first line describes the employer, before the title
    # A role within one employer's tenure, under the role that names the employer
    # ("Northwind Networks" / "1999 - 2006" / "Senior Marketing Manager" / "2002 - 2006" /
    # "Product Marketing Manager" / "2000 - 2002"): that role's id and the tenure.
    employer_entry: str = ""
    tenure: tuple[str, str] | None = None
    # A degree under the same school line as the degree above it ("University of Illinois" /
    # "Master of Accounting Science | May 2016" / "Bachelor of Science | May 2015").
    shares_school: bool = False


@dataclass
class ParseState:
    """What the parser has read so far, line by line."""

    evidence: list[result_pb2.EvidenceLine] = field(default_factory=list)
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    header_named: bool = False  # some header line is a person's name
    reference_lines: set[int] = field(default_factory=set)  # lines under "References"
    header_bullets: list[str] = field(default_factory=list)
    injected: int = 0
    line_no: int = 0  # index of the line being read, in the exploded lines
    exploded: list[str] = field(default_factory=list)  # the lines the tagger read
    found: dict[int, list[Entity]] = field(default_factory=dict)  # entities per line index
    role_tools: list[str] = field(default_factory=list)  # "Technologies: ..." lists of roles
    tools_next: bool = False  # the line before was a bare "Technologies:" under a role
    tools_open: bool = False  # the line before was a role's tools list, perhaps wrapped

    def entities(self, line_nos: list[int], label: str, *, weak: bool = False) -> list[Entity]:
        """The CRF's entities of `label` on these lines: the strong ones, or all."""
        return [
            e
            for n in line_nos
            for e in self.found.get(n, ())
            if e.label == label and (weak or strong(e))
        ]

    def new_entry(self, section: str, header: str | None = None) -> Entry:
        entries = self.entries.setdefault(section, [])
        entry = Entry(f"{_SECTION_LETTER[section]}{len(entries) + 1}")
        if header is not None:
            entry.header.append(header)
            entry.header_lines.append(self.line_no)
            entry.header_at.append(len(self.evidence))
            entry.has_date = dates.find_range(header) is not None
            entry.has_title = _TITLE_WORDS.search(header) is not None
        entries.append(entry)
        return entry

    def current(self, section: str) -> Entry | None:
        entries = self.entries.get(section)
        return entries[-1] if entries else None

    def add_line(self, section: str, entry: Entry, text: str, line_no: int | None = None) -> None:
        """Cite `text` in `entry`, as read on the current line unless `line_no` says where."""
        line = result_pb2.EvidenceLine(
            id=f"{entry.id}.{len(entry.lines) + 1}", section=section, text=text
        )
        entry.lines.append(line)
        entry.line_nos.append(self.line_no if line_no is None else line_no)
        self.evidence.append(line)

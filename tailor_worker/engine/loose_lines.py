"""Header lines of roles that are no part of any role's header.

A line that reads like a header while the reader goes ("Act as the defect coordinator for
the project" with no bullet glyph, "Client KeyMile Germany", "Project Role and
Contribution") opens an entry; when building that entry names no title, employer, dates or
place, it was never a role. Its lines, header lines included, belong to the role above:
left where they were, they showed as a role with no name, and the header lines were cited
nowhere, so tailoring could not use them and an employer's heading no longer carried to the
titles below. A named role's header may hold such a line too ("Substitute teach kindergarten
through sixth-grade classes as needed" under the title and the school): it is cited among
the role's highlights.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from resumeai.v1 import result_pb2
from tailor_worker.engine import dates
from tailor_worker.engine.folding import word_key
from tailor_worker.engine.parse_state import Entry, ParseState

Built = tuple[Entry, result_pb2.WorkEntry]
# A header line: its text, its index among the lines read, how many evidence lines came
# before it.
_HeaderLine = tuple[str, int, int]

# A byte written as its escape ("\xe2\x80\xa2", as some extracted text holds glyphs): no word.
_ESCAPE = re.compile(r"\\x[0-9a-fA-F]{2}")
_A_WORD = re.compile(r"[^\W\d_]{2,}")


def _worded(text: str) -> bool:
    """A line with a word in it, not a glyph, a figure or an initial alone ("•", "40", "A.")."""
    return _A_WORD.search(_ESCAPE.sub(" ", text)) is not None


def _names_nothing(work: result_pb2.WorkEntry) -> bool:
    return not (work.position or work.company or work.dates_text or work.location)


def _names_a_field(line: str, work: result_pb2.WorkEntry) -> bool:
    """The line holds the role's dates, or its title, employer or place as written."""
    if dates.find_range(line) is not None:
        return True
    folded = word_key(line)
    return any(
        word_key(f) and word_key(f) in folded for f in (work.position, work.company, work.location)
    )


def fold_loose_roles(
    state: ParseState, built: Sequence[Built], a_roles_line: Callable[[str], bool]
) -> list[Built]:
    """`built` without the roles that name nothing: each one's worded header lines and its
    lines join the role above as its highlights. A named role's header lines that name none
    of its fields and read as lines of it (`a_roles_line`) join its highlights. Highlights
    stay in document order, numbered as the role's own; the evidence lists each header line
    cited where the resume has it."""
    kept: list[Built] = []
    cited: list[tuple[int, result_pb2.EvidenceLine]] = []  # (evidence position, line)
    for entry, work in built:
        worded = [
            line
            for line in zip(entry.header, entry.header_lines, entry.header_at, strict=True)
            if _worded(line[0])
        ]
        if kept and _names_nothing(work) and not entry.stacked:
            above, above_work = kept[-1]
            above.lines.extend(entry.lines)
            above.line_nos.extend(entry.line_nos)
            cited.extend(_cite(above, worded))
            _renumber(above, above_work)
            continue
        spare = [
            line for line in worded if a_roles_line(line[0]) and not _names_a_field(line[0], work)
        ]
        if spare:
            cited.extend(_cite(entry, spare))
            _renumber(entry, work)
        kept.append((entry, work))
    if cited:
        _place(state.evidence, cited)
    return kept


def _cite(entry: Entry, lines: Sequence[_HeaderLine]) -> list[tuple[int, result_pb2.EvidenceLine]]:
    """Each header line as an evidence line of `entry`, among its lines by line index."""
    out = []
    for text, number, position in lines:
        new = result_pb2.EvidenceLine(section="work", text=text)
        at = next((i for i, n in enumerate(entry.line_nos) if n > number), len(entry.lines))
        entry.lines.insert(at, new)
        entry.line_nos.insert(at, number)
        out.append((position, new))
    return out


def _renumber(entry: Entry, work: result_pb2.WorkEntry) -> None:
    for number, line in enumerate(entry.lines, 1):
        line.id = f"{entry.id}.{number}"
    del work.highlights[:]
    work.highlights.extend(entry.lines)


def _place(
    evidence: list[result_pb2.EvidenceLine], cited: list[tuple[int, result_pb2.EvidenceLine]]
) -> None:
    """Each cited line into `evidence` where it was read: after the evidence lines there were
    by then, before the ones added after. Linear in the evidence."""
    cited.sort(key=lambda c: c[0])  # stable: lines read at one position keep their order
    merged: list[result_pb2.EvidenceLine] = []
    k = 0
    for i, line in enumerate(evidence):
        while k < len(cited) and cited[k][0] <= i:
            merged.append(cited[k][1])
            k += 1
        merged.append(line)
    merged.extend(line for _, line in cited[k:])
    evidence[:] = merged

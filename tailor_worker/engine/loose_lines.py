"""Lines the work reader opened a role on that turned out to name no role.

A line that reads like a header while the reader goes ("Act as the defect coordinator for
the project" with no bullet glyph, "Client KeyMile Germany", "Project Role and
Contribution") opens an entry; when building that entry names no title, employer, dates or
place, it was never a role. Its lines, header lines included, belong to the role above:
left where they were, they showed as a role with no name, and the header lines were cited
nowhere, so tailoring could not use them and an employer's heading no longer carried to the
titles below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from resumeai.v1 import result_pb2
from tailor_worker.engine.parse_state import Entry, ParseState

Built = tuple[Entry, result_pb2.WorkEntry]

# A byte written as its escape ("\xe2\x80\xa2", as some extracted text holds glyphs): no word.
_ESCAPE = re.compile(r"\\x[0-9a-fA-F]{2}")
_A_WORD = re.compile(r"[^\W\d_]{2,}")


def _worded(text: str) -> bool:
    """A line with a word in it, not a glyph, a figure or an initial alone ("•", "40", "A.")."""
    return _A_WORD.search(_ESCAPE.sub(" ", text)) is not None


def _names_nothing(work: result_pb2.WorkEntry) -> bool:
    return not (work.position or work.company or work.dates_text or work.location)


def fold_loose_roles(state: ParseState, built: Sequence[Built]) -> list[Built]:
    """`built` without the roles that name nothing: each one's worded header lines and its
    lines join the role above as its highlights, in document order, renumbered as that
    role's own; the evidence lists the header lines where the resume has them."""
    kept: list[Built] = []
    # New lines by the id() of the evidence line they go before or after; a header line
    # put after another new one goes after that one's anchor.
    before: dict[int, list[result_pb2.EvidenceLine]] = {}
    after: dict[int, list[result_pb2.EvidenceLine]] = {}
    anchor_of: dict[int, int] = {}
    for entry, work in built:
        if not (kept and _names_nothing(work) and not entry.stacked):
            kept.append((entry, work))
            continue
        above, above_work = kept[-1]
        worded = [
            (h, n) for h, n in zip(entry.header, entry.header_lines, strict=False) if _worded(h)
        ]
        anchor = entry.lines[0] if entry.lines else above.lines[-1] if above.lines else None
        if anchor is None:
            kept.append((entry, work))  # nowhere in the evidence to put its header lines
            continue
        headers = [result_pb2.EvidenceLine(section="work", text=h) for h, _ in worded]
        if entry.lines:
            before.setdefault(id(anchor), []).extend(headers)
        else:
            root = anchor_of.get(id(anchor), id(anchor))
            after.setdefault(root, []).extend(headers)
            anchor_of.update((id(h), root) for h in headers)
        above.lines.extend([*headers, *entry.lines])
        above.line_nos.extend([*(n for _, n in worded), *entry.line_nos])
        for number, line in enumerate(above.lines, 1):
            line.id = f"{above.id}.{number}"
        del above_work.highlights[:]
        above_work.highlights.extend(above.lines)
    if before or after:
        state.evidence[:] = [
            new
            for line in state.evidence
            for new in (*before.get(id(line), ()), line, *after.get(id(line), ()))
        ]
    return kept

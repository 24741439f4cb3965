"""Limits, errors, the result type and the line clean-up every format shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeAlias

from resumeai.v1 import common_pb2

DocumentFormat: TypeAlias = common_pb2.DocumentFormat.ValueType

# Hostile-input limits. A real resume is far below all of them.
MAX_DOCX_MEMBERS = 500
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_DOCX_RATIO = 200  # per-member compression ratio; XML rarely exceeds ~20
MAX_PDF_PAGES = 50
MAX_TEXT_CHARS = 500_000
# Longest line handed on. A flattened PDF or a pasted resume can arrive as one line of
# 100,000+ characters; one huge evidence line makes every later per-line step (term matching,
# the guard's support text, the provider prompt, the cited line in a bullet) cost as much as
# the whole document, over and over. Longer lines are split, never cut: see split_long_line.
MAX_LINE_CHARS = 2_000
# Most lines of text a resume may have (about 60 pages). The engine's matching costs lines x
# keywords; within this and the analyser's keyword cap a run fits its CPU budget, and so does
# the export of what it tailors. The gateway refuses pasted text past it up front.
MAX_LINES = 3_000


def too_many_lines(lines: int) -> str:
    """The refusal for a document of `lines` non-blank lines past MAX_LINES, else ""."""
    if lines <= MAX_LINES:
        return ""
    return f"has {lines} lines of text; at most {MAX_LINES} can be tailored"


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted DOCX and legacy .doc
# A tab's dot leader written out ("Operations Analyst, Greenfield Logistics Inc. ..........
# Mar 2018 – Dec 2022"): a column gap, as a wide run of spaces is. Five dots at least: four
# ("....Page 4") end a sentence as often. Possessive, so a long run is matched once.
_LEADER = re.compile(r"\s*(?:\.\s?){5,}+\s*|\s*…{3,}+\s*")


def _without_leaders(line: str) -> str:
    """`line` with each dot leader a column gap; `line` itself where it has none."""

    def gap(m: re.Match[str]) -> str:
        # "Co. ......": the first dot ends the abbreviation before the leader.
        at = m.start()
        kept = "." if at and line[at - 1].isalpha() and line[at : at + 2] == ". " else ""
        return f"{kept} | "

    gapped, leaders = _LEADER.subn(gap, line)
    return gapped.strip(" |") if leaders else line


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Whitespace after sentence punctuation or before an inline bullet glyph.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s|\s(?=[•●▪■➢►✓✔❖]\s)")


class DocumentError(ValueError):
    """The document cannot be used. The message is user-safe and never contains its text."""


def hidden_text_warning(chars: int) -> str:
    """The warning for text a reader cannot see, left out of the evidence (a count only)."""
    return (
        f"{chars} character(s) of hidden text (hidden, white on white, or under 1 pt) were "
        "left out: only text a reader can see is evidence"
    )


@dataclass
class ExtractedDocument:
    """Text lines in reading order (single blank lines kept as "") and extraction warnings."""

    lines: list[str]
    warnings: list[str] = field(default_factory=list)


def normalise_lines(raw_lines: list[str]) -> list[str]:
    """Clean whitespace and invisible characters; keep at most one blank line in a row; split
    lines longer than MAX_LINE_CHARS into several (see split_long_line)."""
    out: list[str] = []
    total = 0
    for raw in raw_lines:
        line = _SPACES.sub(" ", _CONTROL.sub("", raw)).strip()
        line = _without_leaders(line)
        total += len(line)
        if total > MAX_TEXT_CHARS:
            raise DocumentError("the document contains too much text")
        if line or (out and out[-1]):
            out.extend(split_long_line(line) if len(line) > MAX_LINE_CHARS else (line,))
    while out and not out[-1]:
        out.pop()
    return out


def split_long_line(line: str, limit: int = MAX_LINE_CHARS) -> list[str]:
    """`line` as pieces of at most `limit` characters, in order, nothing dropped or truncated.

    A piece ends at the last sentence break in its second half (after ". ", "; ", ..., or
    before an inline "• "), else at its last whitespace, else (one unbroken run of `limit`
    characters) at the limit.
    The whitespace at a cut becomes the line break; every other character is kept, so
    " ".join(pieces) == line when no cut was forced. Linear in len(line).
    """
    pieces: list[str] = []
    begin = 0
    n = len(line)
    while n - begin > limit:
        stop = begin + limit
        cut = -1
        for m in _SENTENCE_BREAK.finditer(line, begin + limit // 2, stop + 1):
            cut = m.start()  # the whitespace
        if cut < 0:
            cut = _last_space(line, begin + 1, stop + 1)
        if cut < 0:
            pieces.append(line[begin:stop])
            begin = stop
            continue
        piece = line[begin:cut].rstrip()
        if piece:
            pieces.append(piece)
        begin = cut
        while begin < n and line[begin].isspace():
            begin += 1
    if begin < n:
        pieces.append(line[begin:])
    return pieces


def _last_space(line: str, low: int, high: int) -> int:
    """Index of the last whitespace character in line[low:high], or -1."""
    for i in range(high - 1, low - 1, -1):
        if line[i].isspace():
            return i
    return -1

"""Line structure shared by TXT and DOCX: column gaps kept as " | ", flattened one-line
resumes cut at their inline headings; and TXT extraction itself."""

from __future__ import annotations

import re

from kit.documents.common import DocumentError, ExtractedDocument, normalise_lines
from kit.documents.markdown import plain_text

# --- Line structure shared by TXT and DOCX -------------------------------------------------

# Lines longer than this are a flattened resume (a PDF copied as text, a paste that lost its
# line breaks); the resume parser uses the same length for its own fallback split.
_FLAT_LINE = 200
BULLET_GLYPHS = "•●▪■➢►✓✔❖◦‣▸➤"
# A run of spaces wide enough to be a column gap, not a typo: three or more blanks, or a tab.
# In TXT a lone tab is a gap between a word and a capitalised word or a figure ("03/2021 -
# Present<TAB>FPT Software<TAB>Senior Business Analyst"), not inside a sentence's lower-case
# words ("Built<TAB>things fast") nor beside a dash or a pipe ("Mar 2021<TAB>–<TAB>Present").
_TXT_GAP = re.compile(
    r"(?<=[\w).])\t(?=[A-Z0-9(])|[ \u00a0]*+\t[ \u00a0]?\t[ \t\u00a0]*|[ \t\u00a0]{3,}"
)
_DOCX_GAP = re.compile(r"[ \u00a0]*+\t[ \t\u00a0]*|[ \u00a0]{3,}")
# What a column gap may follow without becoming a separator: a list label ("•", "1.", "a)"),
# or a bullet a PDF font gives no Unicode for ("(cid:7)", a private-use glyph).
_LABEL = re.compile(
    rf"^(?:[{BULLET_GLYPHS}·\-*–—>o§]|\d{{1,3}}[.)]|[A-Za-z][.)]|[ivxIVX]+[.)]"
    r"|\(cid:\d+\)|[\ue000-\uf8ff])$"
)
# Where a flattened line is cut: runs of blanks, and the blanks before an inline bullet glyph.
# A long DOCX paragraph is real prose unless it holds wide gaps or inline bullets ("• "), so
# two spaces after a full stop do not cut it. Every run of blanks is matched from its first
# character and never backtracked into (lookbehind, possessive quantifier): a run of any
# length costs its length, once.
_FLAT_BREAK = re.compile(rf"[ \t\u00a0]{{2,}}|(?<!\s)\s++(?=[{BULLET_GLYPHS}])")
_FLAT_BREAK_DOCX = re.compile(rf"[ \u00a0]{{3,}}|(?<!\s)\s++(?=[{BULLET_GLYPHS}]\s)")
# Section headings that flattened resumes run into their neighbours ("... 2016 Skills Python,").
_INLINE_HEADINGS = (
    "Professional Summary",
    "Executive Summary",
    "Career Summary",
    "Summary",
    "Professional Profile",
    "Profile",
    "Career Objective",
    "Objective",
    "Professional Experience",
    "Work Experience",
    "Relevant Experience",
    "Experience",
    "Employment History",
    "Work History",
    "Career History",
    "Employment",
    "Education and Training",
    "Education",
    "Technical Skills",
    "Core Competencies",
    "Key Skills",
    "Core Skills",
    "Skills",
    "Licenses and Certifications",
    "Certifications",
    "Certificates",
    "Personal Projects",
    "Selected Projects",
    "Key Projects",
    "Projects",
    "Awards and Honors",
    "Awards",
    "Honors",
    "Publications",
    "Volunteer Experience",
    "Languages",
    "Interests",
    "References",
    "Achievements",
    "Accomplishments",
)
_HEADING_FORMS = sorted(
    {form for h in _INLINE_HEADINGS for form in (h, h.upper())}, key=len, reverse=True
)
# A heading written as one (Title Case or UPPER), after a blank or the line start, followed by
# the start of the next item (capital, digit, bullet, bracket) or the end of the line.
_INLINE_HEADING = re.compile(
    r"(?<!\S)(?P<h>"
    + "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in _HEADING_FORMS)
    + rf")(?P<colon>\s*:)?(?=\s+[A-Z0-9({BULLET_GLYPHS}]|\s*$)"
)


def _join_gaps(line: str, gap: re.Pattern[str]) -> str:
    """`line` with each column gap (see _TXT_GAP, _DOCX_GAP) turned into " | ", except after a
    list label, where it is a space; gaps at either end are dropped."""
    return join_columns([piece for piece in (part.strip() for part in gap.split(line)) if piece])


# A field's label and its colon alone before a gap ("Position:", "E-mail:"): its value follows.
_LABEL_ENDED = re.compile(r"[A-Za-z][\w.'’/-]*(?: [\w.'’/&-]+){0,3}\s?:")


def join_columns(pieces: list[str]) -> str:
    """A row's pieces, column gaps apart, joined by " | ": a list label and its text by a
    space (the PDF reader joins its rows' tab stops so too)."""
    if len(pieces) > 1 and _LABEL.match(pieces[0]):
        pieces = [f"{pieces[0]} {pieces[1]}", *pieces[2:]]
    joined: list[str] = []
    colon_alone = False
    for piece in pieces:
        if joined and (piece.startswith(":") or colon_alone or _LABEL_ENDED.fullmatch(joined[-1])):
            # "Company        : Emirates Skyline LLC", "Date of Birth   :   18-04-1985":
            # spaces that align a label's colon are no column gap; the label keeps its value.
            joined[-1] = f"{joined[-1]} {piece}"
            colon_alone = piece == ":"
        else:
            joined.append(piece)
    return " | ".join(joined)


def _segment_flat(line: str) -> list[str]:
    """A flattened line cut at its inline section headings (each heading on its own line),
    runs of blanks and inline bullet glyphs. Linear in len(line)."""
    out: list[str] = []
    begin = 0
    for m in _INLINE_HEADING.finditer(line):
        out.extend(_FLAT_BREAK.split(line[begin : m.start()]))
        out.append(" ".join(m.group("h").split()))
        begin = m.end()
    out.extend(_FLAT_BREAK.split(line[begin:]))
    return out


def structure_lines(raw_lines: list[str], *, docx: bool) -> list[str]:
    """Lines with column gaps made visible (" | ") and flattened lines segmented: a TXT line
    at its inline headings, runs of blanks and bullet glyphs; a DOCX paragraph only at wide
    gaps and inline bullets (its line breaks are real)."""
    gap = _DOCX_GAP if docx else _TXT_GAP
    out: list[str] = []
    for raw in raw_lines:
        if len(raw) > _FLAT_LINE and raw.strip():
            pieces = _FLAT_BREAK_DOCX.split(raw) if docx else _segment_flat(raw)
            out.extend(_join_gaps(piece, gap) for piece in pieces if piece.strip())
        else:
            out.append(_join_gaps(raw, gap))
    return out


def extract_txt(content: bytes) -> ExtractedDocument:
    if b"\x00" in content:
        raise DocumentError("the text file contains NUL bytes; it looks binary, not text")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError("the text file is not valid UTF-8") from None
    raw = structure_lines(plain_text(text.splitlines()), docx=False)
    return ExtractedDocument(lines=normalise_lines(raw))

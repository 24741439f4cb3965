"""Round-trip check: the text extracted from a rendered file still holds every line, in order.

Extraction lives in the shared kit; this module only compares. Messages never quote the
document's text (it is personal data), only positions.
"""

from __future__ import annotations

import re
import unicodedata

from export_worker.render.blocks import BulletList, ContactLine, Document, Entry, Paragraph

# Whitespace and hyphen-like characters are dropped before comparing: PDF extraction breaks
# lines anywhere, may split "Łukasiewicz-Núñez" at the hyphen and may add or drop soft hyphens.
_IGNORED = re.compile(r"[\s\-\u00ad\u2010\u2011]+")


class RoundTripError(ValueError):
    """A heading or bullet of the document is missing from, or out of order in, the text."""

    def __init__(self, index: int, total: int, *, out_of_order: bool) -> None:
        self.index = index
        self.total = total
        self.out_of_order = out_of_order
        problem = "out of order" if out_of_order else "missing"
        super().__init__(f"expected line {index + 1} of {total} is {problem} in the rendered text")


def expected_lines(doc: Document) -> list[str]:
    """Every heading, entry line, paragraph and bullet, in reading order."""
    lines = [doc.heading, doc.headline]
    for section in doc.sections:
        lines.append(section.heading)
        for block in section.blocks:
            match block:
                case Paragraph(text=text):
                    lines.append(text)
                case BulletList(items=items):
                    lines.extend(items)
                case Entry():
                    lines.append(block.title)
                    if block.detail_line:
                        lines.append(block.detail_line)
                    lines.extend(block.bullets)
                case ContactLine():
                    pass  # separators and link rendering vary between extractors
    return [line for line in lines if line.strip()]


def normalise(text: str) -> str:
    """The comparison form: NFKC (folds ligatures), no whitespace, no hyphens."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text))


def verify_roundtrip(doc: Document, extracted_text: str) -> None:
    """Raise RoundTripError unless every expected line occurs in order in `extracted_text`."""
    haystack = normalise(extracted_text)
    lines = expected_lines(doc)
    position = 0
    for index, line in enumerate(lines):
        needle = normalise(line)
        if not needle:
            continue
        # Leftmost match keeps the most room for the lines still to come.
        found = haystack.find(needle, position)
        if found < 0:
            raise RoundTripError(index, len(lines), out_of_order=needle in haystack)
        position = found + len(needle)

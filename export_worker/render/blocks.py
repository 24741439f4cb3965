"""The typed document model both renderers draw: a title, an optional contact line, sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from export_worker.render.templates import Layout

# Control characters (C0 but whitespace, DEL, C1) and XML non-characters break both formats.
_UNRENDERABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def one_line(text: str) -> str:
    """Text made safe to render as one line: no control characters, whitespace collapsed."""
    return " ".join(_UNRENDERABLE.sub("", text).split())


@dataclass(frozen=True)
class Paragraph:
    """A plain paragraph of text."""

    text: str


@dataclass(frozen=True)
class BulletList:
    """Bullets rendered as a real list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A titled entry (a role, a degree, a project) with an optional detail line and bullets."""

    title: str
    subtitle: str = ""
    dates: str = ""
    bullets: tuple[str, ...] = ()

    @property
    def detail_line(self) -> str:
        """Subtitle and dates as one line, exactly as both renderers print it (on its own
        line, or after the title and DETAIL_SEPARATOR when the layout inlines details)."""
        return DETAIL_SEPARATOR.join(part for part in (self.subtitle, self.dates) if part)


@dataclass(frozen=True)
class ContactItem:
    """One piece of contact data; `url` makes it a hyperlink (mailto: or http)."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class ContactLine:
    """Contact items printed on one line under the title."""

    items: tuple[ContactItem, ...]


# Printed between contact items by both renderers.
CONTACT_SEPARATOR = " | "
# Printed between an entry's subtitle and dates, and between title and details when inlined.
DETAIL_SEPARATOR = " | "


Block = Paragraph | BulletList | Entry | ContactLine


@dataclass(frozen=True)
class Section:
    """A section with a real heading and its blocks."""

    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class DocumentMeta:
    """What goes into file metadata: a generic title only, never personal data."""

    title: str
    layout: Layout


@dataclass(frozen=True)
class Document:
    """A whole document. `heading` is the visible top line (the person's name on a resume)."""

    meta: DocumentMeta
    heading: str
    contact: ContactLine | None
    sections: tuple[Section, ...]
    # A one-line headline under the name ("Senior Platform Engineer"), before the contact line.
    headline: str = ""

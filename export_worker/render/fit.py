"""Fit a document to a number of pages by cutting what matters least to the job first.

The tailored resume lists each role's lines most relevant first, so the last line of a role
is its least relevant. Cuts, in order: additional information, projects, the older roles'
last lines down to two a role, selected highlights, education details, certifications past
two, then every role's last lines down to one (none for roles past the third). The fewest
cuts that fit are found by bisection over that order, so a long resume costs a few renders,
not one per line. Contact, headline, summary, skills and every role's header always stay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from export_worker.render.blocks import Block, BulletList, Document, Entry, Section
from export_worker.render.templates import SectionKey

# (section index, block index, item index); item None cuts the whole block.
Cut = tuple[int, int, int | None]
_ROLE_FLOOR = 2  # lines a role keeps before the other sections give more
_RECENT_ROLES = 3  # roles that keep one line at the very least


@dataclass(frozen=True)
class Fitted:
    document: Document
    pages: int
    cuts: int  # how many lines or entries were left out


def fit(
    doc: Document,
    pages: int,
    count_pages: Callable[[Document], int],
    headings: Mapping[SectionKey, str],
) -> Fitted:
    """The document with the fewest cuts that renders in `pages` pages (or every cut, when
    even that does not fit)."""
    first = count_pages(doc)
    if first <= pages:
        return Fitted(doc, first, 0)
    cuts = list(_cuts(doc, {heading: key for key, heading in headings.items()}))
    low, high = 0, len(cuts)  # `high` cuts are known to fit, or are all there are
    best = apply(doc, cuts)
    best_pages = count_pages(best)
    while low < high:
        mid = (low + high) // 2
        candidate = apply(doc, cuts[:mid])
        n = count_pages(candidate)
        if n <= pages:
            high, best, best_pages = mid, candidate, n
        else:
            low = mid + 1
    return Fitted(best, best_pages, high)


def _cuts(doc: Document, key_of: Mapping[str, SectionKey]) -> Iterator[Cut]:
    index = {key_of.get(s.heading): i for i, s in enumerate(doc.sections)}

    def items(key: SectionKey) -> Iterator[Cut]:
        """Bullet-list items and entry lines of a section, last first, then its entries."""
        s = index.get(key)
        if s is None:
            return
        for b in reversed(range(len(doc.sections[s].blocks))):
            block = doc.sections[s].blocks[b]
            lines = block.items if isinstance(block, BulletList) else getattr(block, "bullets", ())
            for i in reversed(range(len(lines))):
                yield (s, b, i)
            if isinstance(block, Entry) and key == SectionKey.PROJECTS:
                yield (s, b, None)

    yield from items(SectionKey.ADDITIONAL)
    yield from items(SectionKey.PROJECTS)
    yield from _role_lines(doc, index.get(SectionKey.EXPERIENCE), floor=_ROLE_FLOOR)
    yield from items(SectionKey.HIGHLIGHTS)
    yield from items(SectionKey.EDUCATION)
    yield from (c for c in items(SectionKey.CERTIFICATIONS) if c[2] is None or c[2] >= 2)
    yield from _role_lines(doc, index.get(SectionKey.EXPERIENCE), floor=0)


def _role_lines(doc: Document, s: int | None, *, floor: int) -> Iterator[Cut]:
    """Each role's last line in turn, oldest role first, down to `floor` lines a role (one
    for the recent roles when the floor is 0); the lines above the earlier floor only."""
    if s is None:
        return
    roles = [(b, blk) for b, blk in enumerate(doc.sections[s].blocks) if isinstance(blk, Entry)]
    left = {
        b: len(blk.bullets) if floor else min(len(blk.bullets), _ROLE_FLOOR) for b, blk in roles
    }
    keep = {
        b: floor if floor else (1 if n < _RECENT_ROLES else 0) for n, (b, _) in enumerate(roles)
    }
    while True:
        cut = False
        for b, _ in reversed(roles):
            if left[b] > keep[b]:
                left[b] -= 1
                cut = True
                yield (s, b, left[b])
        if not cut:
            return


def apply(doc: Document, cuts: list[Cut]) -> Document:
    gone = set(cuts)
    sections: list[Section] = []
    for s, section in enumerate(doc.sections):
        blocks: list[Block] = []
        for b, block in enumerate(section.blocks):
            if (s, b, None) in gone:
                continue
            if isinstance(block, BulletList):
                kept = tuple(x for i, x in enumerate(block.items) if (s, b, i) not in gone)
                if kept:
                    blocks.append(replace(block, items=kept))
            elif isinstance(block, Entry):
                lines = tuple(x for i, x in enumerate(block.bullets) if (s, b, i) not in gone)
                blocks.append(replace(block, bullets=lines))
            else:
                blocks.append(block)
        if blocks:
            sections.append(Section(section.heading, tuple(blocks)))
    return replace(doc, sections=tuple(sections))

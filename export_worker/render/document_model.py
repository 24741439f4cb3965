"""Builds the tailored resume as a Document from a TailoringResult.

The model types live in blocks.py and the report builder in report_model.py; both are
re-exported here so callers have one place to import from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from export_worker.render.blocks import (
    Block,
    BulletList,
    ContactItem,
    ContactLine,
    Document,
    DocumentMeta,
    Entry,
    Paragraph,
    Section,
    one_line,
)
from export_worker.render.report_model import build_report
from export_worker.render.templates import SectionKey, Template, get_template
from resumeai.v1 import common_pb2, result_pb2

__all__ = [
    "Block",
    "BulletList",
    "ContactItem",
    "ContactLine",
    "Document",
    "DocumentMeta",
    "Entry",
    "Paragraph",
    "Section",
    "build_report",
    "build_tailored_resume",
]

# File metadata title: generic on purpose, the name is personal data.
RESUME_TITLE = "Resume"
_LINK_SCHEMES = frozenset({"http", "https"})
_WORD = re.compile(r"\w+")


def build_tailored_resume(
    result: result_pb2.TailoringResult,
    template: common_pb2.ResumeTemplate.ValueType | Template,
) -> Document:
    """The tailored resume as the engine built it (`result.tailored`: headline, summary,
    skills, each role's lines most relevant first, cut to the template's budget). A result
    stored before engine 1.3 has none: each tailored bullet then takes the place of the lines
    it cites."""
    tpl = template if isinstance(template, Template) else get_template(template)
    resume = result.resume
    plan = result.tailored
    work_ids = {entry.id for entry in resume.work if entry.id}
    tailored: dict[str, list[_Tailored]] = {}
    unanchored: list[str] = []
    # Lines rewritten by a bullet shown under Selected Highlights leave their role too.
    cited_elsewhere: set[str] = set()
    for bullet in result.bullets:
        text = one_line(bullet.text)
        if not text:
            continue
        # A bullet whose role is unknown is still shown rather than silently lost.
        if bullet.work_id and bullet.work_id in work_ids:
            tailored.setdefault(bullet.work_id, []).append(
                _Tailored(text, tuple(bullet.evidence_ids))
            )
        else:
            unanchored.append(text)
            cited_elsewhere.update(bullet.evidence_ids)

    planned = {role.work_id: role for role in plan.roles}
    builders = {
        SectionKey.SUMMARY: lambda: _summary(plan.summary or resume.basics.summary),
        SectionKey.HIGHLIGHTS: lambda: _bullets_only(unanchored),
        SectionKey.EXPERIENCE: lambda: _experience(
            resume.work, tailored, cited_elsewhere, tpl, planned
        ),
        SectionKey.EDUCATION: lambda: _education(resume.education, tpl),
        SectionKey.SKILLS: lambda: _skills([s.name for s in plan.skills] or resume.skills),
        SectionKey.CERTIFICATIONS: lambda: _titled(resume.certificates, tpl, certificates=True),
        SectionKey.PROJECTS: lambda: _titled(resume.projects, tpl, certificates=False),
        SectionKey.ADDITIONAL: lambda: _additional(resume.evidence, tpl),
    }
    sections: list[Section] = []
    for key in tpl.order:
        blocks = builders[key]()
        if blocks:
            sections.append(Section(heading=tpl.headings[key], blocks=tuple(blocks)))

    return Document(
        meta=DocumentMeta(title=RESUME_TITLE, layout=tpl.layout),
        heading=one_line(resume.basics.name) or RESUME_TITLE,
        contact=contact_line(resume.basics),
        sections=tuple(sections),
        headline=one_line(plan.headline or resume.basics.label),
    )


@dataclass(frozen=True)
class _Tailored:
    text: str
    evidence_ids: tuple[str, ...]


def _texts(lines: Iterable[result_pb2.EvidenceLine]) -> list[str]:
    return [t for t in (one_line(line.text) for line in lines) if t]


def _limit(items: list[str], tpl: Template) -> list[str]:
    return items if tpl.max_lines_per_entry is None else items[: tpl.max_lines_per_entry]


def _link_for_url(text: str) -> str:
    """An http(s) href for a profile URL; other schemes (javascript:, file:) get no link."""
    parts = urlsplit(text)
    if parts.scheme:
        return text if parts.scheme.lower() in _LINK_SCHEMES and parts.netloc else ""
    return f"https://{text}" if "." in text and " " not in text else ""


def contact_line(basics: result_pb2.Basics) -> ContactLine | None:
    items: list[ContactItem] = []
    email = one_line(basics.email)
    if email:
        items.append(ContactItem(text=email, url=f"mailto:{email}" if "@" in email else ""))
    for value in (basics.phone, basics.location):
        if one_line(value):
            items.append(ContactItem(text=one_line(value)))
    for raw in basics.urls:
        url = one_line(raw)
        if url:
            items.append(ContactItem(text=url, url=_link_for_url(url)))
    return ContactLine(items=tuple(items)) if items else None


def _summary(text: str) -> list[Block]:
    # The label (headline) is printed under the name, not here.
    summary = one_line(text)
    return [Paragraph(summary)] if summary else []


def _bullets_only(items: Sequence[str]) -> list[Block]:
    return [BulletList(tuple(items))] if items else []


def _dates(start: str, end: str) -> str:
    start, end = one_line(start), one_line(end)
    if start and end:
        return f"{start} – {end}"
    return start or end


def _joined(*parts: str) -> str:
    return " — ".join(p for p in (one_line(x) for x in parts) if p)


def _experience(
    work: Iterable[result_pb2.WorkEntry],
    tailored: dict[str, list[_Tailored]],
    cited_elsewhere: set[str],
    tpl: Template,
    planned: Mapping[str, result_pb2.TailoredRole],
) -> list[Block]:
    blocks: list[Block] = []
    for entry in work:
        role = planned.get(entry.id)
        if role is not None:
            lines = _planned_lines(role, tpl)
        else:
            lines = _role_bullets(entry, tailored.get(entry.id, []), cited_elsewhere, tpl)
        blocks.append(
            Entry(
                title=_joined(entry.position, entry.company) or "Role",
                subtitle=one_line(entry.location),
                dates=one_line(entry.dates_text) or _dates(entry.start_date, entry.end_date),
                bullets=tuple(lines),
            )
        )
    return blocks


def _planned_lines(role: result_pb2.TailoredRole, tpl: Template) -> list[str]:
    """The plan's lines, most relevant first: the template's cap keeps the head of the list,
    and never cuts a tailored bullet (the result lists it; the page fit may still)."""
    shown = [(one_line(line.text), bool(line.bullet_id)) for line in role.lines]
    shown = [(text, bullet) for text, bullet in shown if text]
    cap = tpl.max_lines_per_entry
    room = len(shown) if cap is None else max(cap, sum(bullet for _, bullet in shown))
    return [text for text, _ in shown[:room]]


def _role_bullets(
    entry: result_pb2.WorkEntry,
    tailored: Sequence[_Tailored],
    cited_elsewhere: set[str],
    tpl: Template,
) -> list[str]:
    """The role's lines: a tailored bullet stands where the first line it cites stood, the
    lines it cites go, and the lines no bullet cites stay (so the rest of the resume is kept).

    Tailored bullets are always kept; a template's cap only limits the untouched lines, so
    one-page shows at most `max_lines_per_entry` lines unless more were tailored.
    """
    slot_of = {line.id: index for index, line in enumerate(entry.highlights) if line.id}
    at_slot: dict[int, list[str]] = {}
    first: list[str] = []  # bullets citing no line of this role lead the role
    replaced = set(cited_elsewhere)
    for bullet in tailored:
        slots = [slot_of[e] for e in bullet.evidence_ids if e in slot_of]
        replaced.update(e for e in bullet.evidence_ids if e in slot_of)
        (at_slot.setdefault(min(slots), []) if slots else first).append(bullet.text)
    cap = tpl.max_lines_per_entry
    room = None if cap is None else max(cap - len(tailored), 0)
    seen = {bullet.text.casefold() for bullet in tailored}
    out = list(first)
    for index, line in enumerate(entry.highlights):
        out.extend(at_slot.get(index, ()))
        text = one_line(line.text)
        if not text or line.id in replaced or text.casefold() in seen:
            continue
        if room is None or room > 0:
            out.append(text)
            seen.add(text.casefold())
            room = None if room is None else room - 1
    return out


def _education(education: Iterable[result_pb2.EducationEntry], tpl: Template) -> list[Block]:
    blocks: list[Block] = []
    for entry in education:
        degree = one_line(entry.study_type)
        area = one_line(entry.area)
        # "B.S. in Economics"; "B.S., minor in Spanish" where only a minor is stated.
        joiner = ", " if area.startswith("minor in") else " in "
        degree_line = f"{degree}{joiner}{area}" if degree and area else degree or area
        title = _joined(degree_line, entry.institution) or "Education"
        dates = _dates(entry.start_date, entry.end_date)
        lines = [t for t in _texts(entry.lines) if not _adds_nothing(t, title, dates)]
        blocks.append(
            Entry(
                title=title,
                dates=dates,
                bullets=tuple(lines) if tpl.full_detail else (),
            )
        )
    return blocks


def _adds_nothing(line: str, *shown: str) -> bool:
    """True when every word of `line` is already printed in `shown` (typically the entry's
    own header line, "B.S. Computer Science, Oregon State University, 2017", which the title
    and dates repeat); a line with any word of its own is kept, so nothing is lost."""
    printed = set(_WORD.findall(" ".join(shown).casefold()))
    return set(_WORD.findall(line.casefold())) <= printed


def _skills(skills: Iterable[str]) -> list[Block]:
    names = [s for s in (one_line(x) for x in skills) if s]
    return [Paragraph(", ".join(names))] if names else []


def _titled(
    entries: Iterable[result_pb2.TitledEntry], tpl: Template, *, certificates: bool
) -> list[Block]:
    named = [(e, one_line(e.name)) for e in entries]
    if certificates and not tpl.full_detail:
        # Concise layout: one bullet per certification.
        return _bullets_only([name for _, name in named if name])
    blocks: list[Block] = []
    for entry, name in named:
        lines = [t for t in _texts(entry.lines) if not _adds_nothing(t, name)]
        if not name and not lines:
            continue
        blocks.append(Entry(title=name or "Untitled", bullets=tuple(_limit(lines, tpl))))
    return blocks


def _additional(evidence: Iterable[result_pb2.EvidenceLine], tpl: Template) -> list[Block]:
    """Lines under headings the parser files as "other" (awards, languages, publications,
    volunteering): no structured field holds them, so without this they would be lost."""
    groups: dict[str, list[str]] = {}
    for line in evidence:
        text = one_line(line.text)
        if line.section == "other" and text:
            # "O2.3" belongs to entry "O2": one entry per original heading.
            groups.setdefault(line.id.split(".", 1)[0], []).append(text)
    items = [text for lines in groups.values() for text in _limit(lines, tpl)]
    return _bullets_only(items)

"""The labelled rows of a Europass CV (the 2004-2012 template, still sent across Europe):
each role or course opens with a "Dates" row, then "Occupation or position held", its
activities, and "Name and address of employer" after them; a course has "Title of
qualification awarded" and "Name and type of organisation providing education and training".

Read row by row, the employer came after the duties and opened a role of its own, and the
row labels were read as employers ("Dates") and degrees ("Principal subjects"). Each entry is
written here as the one header line the parser reads everywhere else ("Senior Logistics
Specialist | Kuehne + Nagel Sp. z o.o. | 05/2019 – present"), its other lines after it as
they were. Pure; linear in the lines.
"""

from __future__ import annotations

import re

from tailor_worker.engine.sections import heading_section

_ROW = re.compile(
    r"^(?P<label>dates|occupation\s+or\s+position\s+held|main\s+activities\s+and\s+"
    r"responsibilities|name\s+and\s+address\s+of\s+employer|type\s+of\s+business\s+or\s+sector|"
    r"title\s+of\s+qualification\s+awarded|principal\s+subjects\s*/\s*occupational\s+skills\s+"
    r"covered|name\s+and\s+type\s+of\s+organisation\s+providing\s+education\s+and\s+training|"
    r"level\s+in\s+national\s+or\s+international\s+classification)"
    r"\s*(?:[|:]\s*|\s{2,}|$)(?P<value>.*)$",
    re.IGNORECASE,
)
# The rows whose value is the header's: what was held (or awarded), where, and when.
_TITLE = ("occupation", "title")
_WHERE = ("name and address", "name and type")
_MIN_ROWS = 3  # a CV with fewer such rows is no Europass one


def _key(label: str) -> str:
    return " ".join(label.lower().split())


class _Entry:
    def __init__(self, dates: str) -> None:
        self.dates = dates
        self.title = ""
        self.where = ""
        self.lines: list[str] = []

    def written(self) -> list[str]:
        # "Kuehne + Nagel Sp. z o.o., ul. Połczyńska 31A, 01-377 Warszawa": the name before
        # the address.
        where = self.where.split(",")[0].strip()
        header = " | ".join(part for part in (self.title, where, self.dates) if part)
        return [header, *self.lines] if header else self.lines


def europass_rows(lines: list[str]) -> list[str]:
    """`lines` with each Europass entry as a header line and its other lines; the lines as
    they are if they hold no Europass rows."""
    if sum(1 for line in lines if _ROW.match(line.strip())) < _MIN_ROWS:
        return lines
    out: list[str] = []
    entry: _Entry | None = None
    for line in lines:
        row = _ROW.match(line.strip())
        if row is None:
            if entry is not None and heading_section(line) is not None:
                out.extend(entry.written())
                entry = None
            (entry.lines if entry is not None else out).append(line)
            continue
        key, value = _key(row["label"]), row["value"].strip(" |")
        if key == "dates":
            if entry is not None:
                out.extend(entry.written())
            entry = _Entry(value)
        elif entry is None:
            out.append(value or line)
        elif key.startswith(_TITLE):
            entry.title = value
        elif key.startswith(_WHERE):
            entry.where = value
        elif value and key.startswith("type"):  # the employer's sector: a line of the role
            entry.lines.append(f"Sector: {value}")
        # A course's principal subjects and level are left out: on a line of their own the
        # entity CRF read "Transport management" as a degree, and a second course.
    if entry is not None:
        out.extend(entry.written())
    return out

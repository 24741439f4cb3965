"""The hiring company a posting names, from its opening lines. Pure text rules.

"Tidewell Distribution is hiring a Senior Accountant", "Join Contoso as a ...", "About
Fabrikam" (a heading), "Contoso is looking for ...". A posting that names nobody ("We are
looking for ...") gives "": a letter is then addressed to the hiring manager.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

OPENING_LINES = 8  # the company is named at the top, or the letter does without it
_NAME = r"(?P<name>[A-Z0-9][\w&.'’-]*(?:\s+(?:&\s+)?[A-Z0-9][\w&.'’-]*){0,5})"
_PATTERNS = (
    re.compile(rf"^{_NAME}\s+(?:is|are)\s+(?:hiring|looking|seeking|searching|recruiting)\b"),
    re.compile(rf"^{_NAME}\s+(?:seeks|wants|needs)\b"),
    re.compile(rf"^(?:Join|About)\s+{_NAME}(?=\s*(?:$|[,.!:]|\s+(?:as|and|in|on|to)\b))"),
    re.compile(rf"^(?:Company|Employer|Organi[sz]ation)\s*:\s*{_NAME}\s*$"),
)
# Words that open such a sentence without naming anyone.
_NOBODY = frozenset({"we", "our", "the", "this", "you", "your", "a", "an", "us", "team"})


def hiring_company(lines: Sequence[str]) -> str:
    opening = [line.strip() for line in lines if line.strip()][:OPENING_LINES]
    for line in opening:
        for pattern in _PATTERNS:
            m = pattern.search(line)
            if m is None:
                continue
            name = m.group("name").strip(" .,'’")
            if name.split()[0].lower() not in _NOBODY:
                return name
    return ""

"""Job titles compared by the words that name the job, shared by the engine (which title a
tailored headline shows) and the report (whether the resume matches the posting's title)."""

from __future__ import annotations

import re

# Words that do not make two titles different jobs: seniority, articles, the work mode.
_NOISE = frozenset(
    [
        "senior",
        "junior",
        "sr",
        "jr",
        "lead",
        "staff",
        "principal",
        "i",
        "ii",
        "iii",
        "iv",
        "the",
        "a",
        "an",
        "of",
        "and",
        "for",
        "remote",
        "hybrid",
        "team",
    ]
)
# Where the title proper ends: "Staff Backend Engineer — Platform Team", "Nurse (ICU)".
_TITLE_END = re.compile(r"\s+[—–|-]\s+|\s*[(,]")


def title_words(title: str) -> set[str]:
    """ "Staff Backend Engineer — Platform Team" -> {"backend", "engineer"}."""
    core = _TITLE_END.split(title.strip(), maxsplit=1)[0]
    return {w for w in re.findall(r"\w+", core.casefold()) if w not in _NOISE}

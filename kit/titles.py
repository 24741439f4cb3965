"""Job titles: the role a posting's title names, and the words that name the job, shared by
the engine (the cover letter's role, which title a tailored headline shows) and the report
(whether the resume matches the posting's title)."""

from __future__ import annotations

import re

# Words that do not make two titles different jobs: seniority, articles, the work mode.
_NOISE = frozenset(
    {
        "senior", "junior", "sr", "jr", "lead", "staff", "principal", "i", "ii", "iii", "iv",
        "the", "a", "an", "of", "and", "for", "remote", "hybrid", "team",
    }
)  # fmt: skip
# Where the role ends and the team or place begins: "Staff Backend Engineer — Platform Team".
_ROLE_END = re.compile(r"\s+[—–|-]\s+")
# Where the words that name the job end: "Nurse (ICU)", "Engineer, Payments".
_WORDS_END = re.compile(r"\s*[(,]")


def title_role(title: str) -> str:
    """ "Staff Backend Engineer — Platform Team" -> "Staff Backend Engineer"."""
    return _ROLE_END.split(title.strip(), maxsplit=1)[0]


def title_words(title: str) -> set[str]:
    """ "Staff Backend Engineer — Platform Team" -> {"backend", "engineer"}."""
    core = _WORDS_END.split(title_role(title), maxsplit=1)[0]
    return {w for w in re.findall(r"\w+", core.casefold()) if w not in _NOISE}

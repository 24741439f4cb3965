"""Tools in their sense: "react to alerts", "lambda phage", "snowflake schema" and "the
Jenkins group" name no tool.

A term is ambiguous when its name is also an ordinary word or a name that
resumes use in another sense (a fixed list below: a dictionary test would make "python" and
"java" ambiguous, and lose them in plain lower-case resumes). An ambiguous term is read as the
tool only where it is written like one: in the tool's own capitalisation, not followed by a
word that shows the other sense, not preceded by a personal title or a first name; in lower
case only inside a list of other tools or after "with" / "using" / "in". Everything else
about a term is decided by the vocabulary; this module only says whether one occurrence is
the tool.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from tailor_worker.engine.lexicon import word_set

# Canonical names of tools whose names are also ordinary words or people's names.
_AMBIGUOUS = frozenset({
    "React", "Go", "Rust", "Swift", "Dart", "Ruby", "Spring", "Flask", "Apache Spark",
    "Snowflake", "AWS Lambda", "Jenkins", "Kafka", "Helm", "Puppet", "Excel", "Looker",
    "Tableau", "Cassandra", "Django", "Hibernate", "Elixir", "Julia", "Jest", "Maven",
    "Confluence", "Selenium", "Cypress", "Chef", "Express.js", "Airflow", "Hive", "Storm",
    "Salt", "Vault", "Consul", "Nomad", "Mercury", "Oracle Database", "Sentry", "Pig",
})
# A next word that shows a verb ("react to", "react quickly", "go to market"): telling only
# where the word is written as a verb would be, in lower case or opening a sentence ("Kafka
# with Python" is the tool).
_VERB_NEXT = word_set("""
to on at with into up out off the a an quickly fast rapidly immediately promptly swiftly calmly
appropriately accordingly
""")
# A next word that shows the ordinary sense whatever the case ("lambda phage", "snowflake
# schema", "the Jenkins group", "spark interest").
_OTHER_SENSE_NEXT = word_set("""
interest curiosity conversation conversations ideas idea change
growth debate discussion joy phage phages dna virus particle particles calculus schema schemas
pattern flake flakes group groups lab labs laboratory laboratories et family foundation
institute prize award scholarship fellowship hall house center centre school college
university professor street inhibitor prevention protection removal proofing culture cultures
flask flasks cells medium media buffer supplementation deficiency levels
""")
_TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "dame",
                     "lab", "pi"})
_LOWER_CUES = frozenset({"with", "using", "in", "via"})
_NEAR = 4  # spans either side of a match that can be its list neighbours (nested ones too)
_WORD = re.compile(r"[^\W_]+")
_LIST_GLUE = re.compile(r"^\s*(?:[,/&;+]|\band\b|\bor\b)\s*", re.IGNORECASE)


def ambiguous(canonical: str) -> bool:
    return canonical in _AMBIGUOUS


def _next_word(text: str, end: int) -> str:
    m = _WORD.search(text, end, min(len(text), end + 40))
    return m.group(0).lower() if m and not text[end:m.start()].strip(" -") else ""


def _previous_word(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 30):start])
    return words[-1].lower() if words else ""


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;(•*-|\""


def tool_sense(
    text: str, start: int, end: int, canonical: str, neighbours: list[tuple[int, int]]
) -> bool:
    """Whether text[start:end], a surface of an ambiguous term, names the tool.
    `neighbours` are the spans of the other vocabulary terms found in `text`."""
    surface = text[start:end]
    next_word = _next_word(text, end)
    if next_word in _OTHER_SENSE_NEXT:
        return False
    if _previous_word(text, start) in _TITLES:
        return False
    listed = _in_tool_list(text, start, end, neighbours)
    verb_like = surface[:1].islower() or _opens_sentence(text, start)
    if next_word in _VERB_NEXT and verb_like and not listed:
        return False
    if surface[:1].islower() and canonical[:1].isupper():
        return listed or _previous_word(text, start) in _LOWER_CUES
    # Capitalised after a capitalised word that is not itself a tool ("Sarah Jenkins").
    before = text[max(0, start - 30):start]
    prev = re.search(r"[A-Z][a-z]+\s+$", before)
    if prev is None:
        return True
    prev_start = start - len(prev.group(0))
    return (
        _opens_sentence(text, prev_start) or listed
        or any(a <= prev_start < b for a, b in neighbours)
    )


def _in_tool_list(text: str, start: int, end: int, neighbours: list[tuple[int, int]]) -> bool:
    """Another term right before or after, joined by a comma, slash, "and" or "or".
    `neighbours` is sorted by start: only the few spans next to this one are looked at."""
    k = bisect_left(neighbours, (start, start))
    for a, b in neighbours[max(0, k - _NEAR):k + _NEAR]:
        if b <= start and _LIST_GLUE.fullmatch(text[b:start] + " ") is not None:
            return True
        if a >= end and _LIST_GLUE.fullmatch(text[end:a] + " ") is not None:
            return True
    return False


# Soft skills named by an everyday word: "the leading service", "lead time" and "lead
# generation" say nothing of leadership.
_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "its", "your", "this", "that"})
_NOT_LEADING_NEXT = frozenset({"generation", "generations", "time", "times", "poisoning",
                               "acid", "paint", "gen"})


def soft_sense(text: str, start: int, end: int, canonical: str) -> bool:
    """Whether text[start:end], a surface of a soft skill, names the skill."""
    if canonical != "Leadership":
        return True
    word = text[start:end].lower()
    if word not in ("lead", "leading"):
        return True
    return (_previous_word(text, start) not in _DETERMINERS
            and _next_word(text, end) not in _NOT_LEADING_NEXT)

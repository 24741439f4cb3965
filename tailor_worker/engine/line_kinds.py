"""What a resume line is, for choosing bullets: an achievement, or a tool list, a heading, a
fragment. Pure text rules, no I/O.

A bullet of a tailored resume must be a line that states something done ("Cut p99 latency
from 900 ms to 120 ms"), never a list of tools ("Technologies used: Java, Spring Boot"), a
label ("Key achievements:") or the broken-off half of a wrapped sentence ("CPQ project which
allows sales reps to").
"""

from __future__ import annotations

import re
from enum import Enum

from tailor_worker.engine import vocabulary
from tailor_worker.engine.header_parts import strip_bullet


class LineKind(Enum):
    ACHIEVEMENT = "achievement"
    TOOL_LIST = "tool list"
    HEADING = "heading"
    FRAGMENT = "fragment"


MIN_WORDS = 4
_WORD = re.compile(r"[A-Za-z][A-Za-z'’+#.-]*")
# "Tools:", "Technologies used -", "Environment:", "Tech stack |": a label a list follows.
_LIST_LABEL = re.compile(
    r"^\s*(?:key\s+)?(?:tools?|technolog(?:y|ies)|tech(?:nical)?\s+stack|stack|environment|"
    r"software|platforms?|languages?|frameworks?|skills(?:\s+used)?|tools\s+summary|"
    r"technologies\s+used|tools\s+used|tools\s+and\s+technologies|technical\s+environment)"
    r"(?:\s+used)?\s*[:|–—-]",
    re.IGNORECASE,
)
# A line that stops where the sentence goes on: on a joining word, a comma or a dash.
_DANGLING_END = re.compile(
    r"(?:\b(?:to|and|or|of|for|with|which|that|the|a|an|in|on|at|by|from|as|into|who|"
    r"whose|where|while|including|such)|[,;:&/–—-]|\.\.\.|…)\s*$",
    re.IGNORECASE,
)
# A noun phrase then "which" / "that" with no verb before it: the head of a broken sentence.
_RELATIVE_OPENING = re.compile(r"^[A-Z][\w/&-]*(?:\s+[\w/&-]+){0,3}\s+(?:which|that|who)\b")


def kind(text: str) -> LineKind:
    body = strip_bullet(text)[1]
    words = _WORD.findall(body)
    if _LIST_LABEL.match(body) or _mostly_tools(body, words):
        return LineKind.TOOL_LIST
    if body.endswith(":") or (len(words) < MIN_WORDS and not re.search(r"\d", body)):
        return LineKind.HEADING if body[:1].isupper() or body.endswith(":") else LineKind.FRAGMENT
    if body[:1].islower() or _DANGLING_END.search(body) or _RELATIVE_OPENING.match(body):
        return LineKind.FRAGMENT
    return LineKind.ACHIEVEMENT


def is_achievement(text: str) -> bool:
    return kind(text) is LineKind.ACHIEVEMENT


def _mostly_tools(body: str, words: list[str]) -> bool:
    """ "Java, Spring Boot, MySQL, Jenkins": items split by commas or pipes, most of them
    tools the vocabulary knows, and no sentence around them."""
    items = [i.strip() for i in re.split(r"[,|;/]", body) if i.strip()]
    if len(items) < 3 or body.rstrip().endswith("."):
        return False
    tools = sum(
        1 for item in items if any(m.term.kind == "tool" for m in vocabulary.find_terms(item))
    )
    short = sum(1 for item in items if len(item.split()) <= 3)
    return tools * 2 >= len(items) and short == len(items)

"""Markdown's markup taken off a text resume written in it (a GitHub README, a Markdown
export): "### Senior Backend Engineer — Stripe" is a role's header, not a line opening with
"###", and "**Data Scientist**, *Instacart*" names a title and an employer without asterisks.

Only a document that reads as Markdown is touched: a heading line ("## Experience"), or bold
text on two lines. A plain resume keeps every asterisk and underscore it has ("C*", "snake_case",
"* bullet"). Linear in the text: each pattern runs once over each line, and no pattern can
backtrack over more than its line.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?=\S)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1")
# One asterisk or underscore around words, not inside a word ("snake_case", "C*").
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_])\1(?![\w*])")
_LINK = re.compile(r"\[([^\]\n]+)\]\((\S+?)\)")
_CODE = re.compile(r"`([^`\n]+)`")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_TRAILING_BREAK = re.compile(r"(?:\s{2,}|\\)$")


def looks_like_markdown(lines: list[str]) -> bool:
    headings = sum(1 for line in lines if _HEADING.match(line))
    bold = sum(1 for line in lines if _BOLD.search(line))
    return headings > 0 or bold > 1


def _plain(line: str) -> str:
    if _RULE.match(line):
        return ""
    line = _HEADING.sub("", line)
    line = _LINK.sub(lambda m: m[1] if m[1] == m[2] else f"{m[1]} ({m[2]})", line)
    line = _CODE.sub(r"\1", line)
    line = _BOLD.sub(r"\2", line)
    line = _ITALIC.sub(r"\2", line)
    return _TRAILING_BREAK.sub("", line)


def plain_text(lines: list[str]) -> list[str]:
    """The lines without Markdown's markup, if they read as Markdown; else as they are."""
    return [_plain(line) for line in lines] if looks_like_markdown(lines) else lines

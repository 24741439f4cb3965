"""Tokens of a visible text (see folding.visible), with what the guard needs to know of each:
its folded form, where it sits, whether it opens a sentence, and which clause it is in.

Clauses are cut at punctuation and at conjunctions, so that "cut latency by 35% and cost by
10%" gives each figure its own neighbourhood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tailor_worker.engine.folding import fold as fold_text

# A number with thousands separators or decimals and any letters glued to it ("1.2bn", "99th",
# "5ms"), a run of letters and digits ("p99", "k8s", "eBay's"), or one other visible character.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*[^\W\d_]*|[^\W_]+(?:'[^\W_]+)?|[^\w\s]|_")
_SENTENCE_OPENERS = frozenset(".!?:;(\"[•*-|")
_CLAUSE_PUNCT = frozenset(",;:.!?()[]|\"/")
_CLAUSE_WORDS = frozenset({"and", "but", "while", "whilst", "whereas", "then", "so", "or"})


@dataclass(frozen=True)
class Token:
    text: str
    fold: str  # folding.fold of the text (look-alikes mapped, case folded), "'s" removed
    start: int
    end: int
    index: int
    sentence_start: bool
    clause: int
    is_word: bool  # starts with a letter or digit (not punctuation)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    clause = 0
    opens = True
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        fold = fold_text(raw)
        if fold.endswith("'s") and len(fold) > 2:
            fold = fold[:-2]
        if raw in _CLAUSE_PUNCT or fold in _CLAUSE_WORDS or (raw == "-" and _spaced(text, m)):
            clause += 1
        out.append(Token(raw, fold, m.start(), m.end(), len(out), opens and raw[:1].isalnum(),
                         clause, fold[:1].isalnum()))
        if raw[:1].isalnum():
            opens = False
        elif raw in _SENTENCE_OPENERS:
            opens = opens or raw != "-" or _spaced(text, m)
    return out


def _spaced(text: str, m: re.Match[str]) -> bool:
    """A dash with a space on either side separates; one inside a word ("real-time") joins."""
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return before.isspace() or after.isspace()

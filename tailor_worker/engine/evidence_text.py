"""A text as the guard reads it: tokens, figures, vocabulary terms, and per-word keys.

Shared by the word checks (`support`) and the structure checks (`structure`). Everything
here is computed once per distinct string (`text_of`) and never mutated afterwards.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas

from tailor_worker.engine import lexicon, vocabulary
from tailor_worker.engine.figures import figures
from tailor_worker.engine.folding import visible
from tailor_worker.engine.tokens import Token, tokenize

CHECKED_CATEGORIES = (vocabulary.HARD, vocabulary.CERT, vocabulary.EDU)


@dataclass(frozen=True)
class Refusal:
    rule: str
    detail: str

    @property
    def label(self) -> str:
        return f"{self.rule}: {self.detail}"


def is_content(token: Token) -> bool:
    return token.is_word and token.fold not in lexicon.FUNCTION_WORDS


def keys(token: Token) -> frozenset[str]:
    return lexicon.lemmas(token.fold)


def matches_any(token: Token, candidates: Iterable[Token]) -> bool:
    """Whether `token` is one of `candidates` in some inflection or by a substitution."""
    own = keys(token)
    for other in candidates:
        other_keys = keys(other)
        if own & other_keys or any(lexicon.sources_for(k) & other_keys for k in own):
            return True
    return False


@lru_cache(maxsize=65536)
def is_verb_form(fold: str) -> bool:
    """An inflected verb: "built", "cutting", "led" (not "build", "spend", "screens"), the form
    that says someone did something."""
    lemmas = getAllLemmas(fold)
    if not lemmas:  # jargon the dictionary lacks ("onboarded", "rightsized")
        return len(fold) > 4 and fold.endswith(("ed", "ing"))
    found = lemmas.get("VERB")
    if not found or fold in found:
        return False
    return fold.endswith(("ed", "ing")) or not fold.endswith("s")


@lru_cache(maxsize=65536)
def can_be_verb(fold: str) -> bool:
    """A verb in the dictionary, or a word it does not know ("titrate", "dockerize")."""
    found = getAllLemmas(fold)
    return not found or "VERB" in found


@lru_cache(maxsize=65536)
def can_be_noun(fold: str) -> bool:
    """A noun in the dictionary, or a word it does not know (names, jargon, "DAGs")."""
    found = getAllLemmas(fold)
    return not found or "NOUN" in found or "PROPN" in found


@lru_cache(maxsize=1024)
def text_of(raw: str) -> Text:
    """One Text per string: a header is shared by every line of its role, and an extractive
    bullet is its own line."""
    return Text(raw)


class Text:
    """A text tokenised once, with its figures and vocabulary terms."""

    def __init__(self, raw: str) -> None:
        self.text = visible(" ".join(raw.split()))
        self.tokens = tokenize(self.text)
        self.figures = figures(self.tokens)
        self.figure_at = {i: f for f in self.figures for i in range(f.first, f.last + 1)}
        self.in_figure = set(self.figure_at)
        self.terms = [m for m in vocabulary.find_terms(self.text)
                      if m.term.category in CHECKED_CATEGORIES]
        # Each term with the indexes of the tokens it covers (empty when it covers none).
        starts = [t.start for t in self.tokens]
        self.term_spans = [(range(bisect_left(starts, m.start), bisect_left(starts, m.end)), m)
                           for m in self.terms]
        self.words = tuple(t.fold for t in self.tokens if t.is_word)  # folded, in order

    def content(self, first: int, last: int, clause: int) -> list[Token]:
        """Content words (not figures) of one clause between two token indexes."""
        return [t for t in self.tokens[max(0, first):max(0, last)]
                if t.clause == clause and is_content(t) and t.index not in self.in_figure]

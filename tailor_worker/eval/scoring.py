"""Precision / recall / F1 over sets of labelled strings or spans, micro-averaged."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class Tally:
    """Counts for one label; micro-averaged by adding documents up."""

    true_pos: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, true_pos: int, predicted: int, gold: int) -> None:
        self.true_pos += true_pos
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.true_pos / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4), "true_pos": self.true_pos, "predicted": self.predicted,
            "gold": self.gold,
        }


def normalise(text: str) -> str:
    """Case, spacing and surrounding punctuation do not count ("B.Tech." = "b.tech")."""
    return " ".join(re.sub(r"[^\w+#./&-]+", " ", text.lower()).split()).strip(" .-,")


def match_sets(
    predicted: Iterable[str], gold: Iterable[str], *, lenient: bool = False
) -> tuple[int, int, int]:
    """(true positives, predicted, gold) for one document, on normalised distinct strings.

    Strict: equal after normalising. Lenient: one contains the other on word boundaries
    ("Oracle" vs "Oracle India Pvt Ltd"). Each gold item is matched at most once.
    """
    pred = sorted({n for p in predicted if (n := normalise(p))})
    gold_set = sorted({n for g in gold if (n := normalise(g))})
    unmatched = list(gold_set)
    hits = 0
    for p in pred:
        for g in unmatched:
            if p == g or (lenient and _contains(p, g)):
                unmatched.remove(g)
                hits += 1
                break
    return hits, len(pred), len(gold_set)


def _contains(a: str, b: str) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


Span = tuple[int, int]  # token offsets, end exclusive


def bio_spans(tags: list[str]) -> list[Span]:
    """Spans of a B/I/O tag sequence; a stray I opens a span, as conlleval does."""
    spans: list[Span] = []
    start: int | None = None
    for i, tag in enumerate(tags):
        if tag == "B" or (tag == "I" and start is None):
            if start is not None:
                spans.append((start, i))
            start = i
        elif tag != "I" and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(tags)))
    return spans


def match_spans(
    predicted: Iterable[Span], gold: Iterable[Span], *, lenient: bool = False
) -> tuple[int, int, int]:
    """(true positives, predicted, gold) for one sentence. Strict: same boundaries.
    Lenient: overlapping; each gold span is matched at most once."""
    pred = sorted(set(predicted))
    unmatched = sorted(set(gold))
    total_gold = len(unmatched)
    hits = 0
    for a, b in pred:
        for g in unmatched:
            if (a, b) == g or (lenient and a < g[1] and g[0] < b):
                unmatched.remove(g)
                hits += 1
                break
    return hits, len(pred), total_gold

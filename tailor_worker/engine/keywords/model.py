"""The trained keyword CRF: the keywords of a job posting, as the posting wrote them.

The model (`skillspan-knowledge.crfsuite`) and what training learned beside its weights
(`skillspan-knowledge.json`: word statistics, keyword phrases, the vocabulary snapshot, the
feature groups and the decoding threshold) ship in this package and load on first use.

A token is a keyword token when the CRF's marginal probability of a keyword label reaches the
threshold (plain Viterbi labels when the model has none); a keyword starts where B is likelier
than I. Work is linear in the length of the text. Each thread gets its own tagger, so calls may
run concurrently. No logging, no network.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from tailor_worker.engine import vocabulary
from tailor_worker.engine.crf import ModelFile
from tailor_worker.engine.keywords.features import (
    Lexicon,
    Token,
    document_features,
    segments,
    word_class,
)

MODEL_PATH = Path(__file__).with_name("skillspan-knowledge.crfsuite")

# Labels of keyword tokens. A model may also have labels of skill spans (SB, SI), read as O.
KEYWORD = frozenset({"B", "I"})


def lexicon_path(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


@dataclass(frozen=True)
class Span:
    surface: str  # text[start:end], as the posting wrote it
    start: int
    end: int


def _wordy(tok: Token) -> bool:
    return any(c.isalnum() for c in tok.text) and not tok.text.startswith("<")


def decode(text: str, seg: Sequence[Token], labels: Sequence[str]) -> list[Span]:
    """Spans of BIO labels over a segment's tokens. A span does not run across a comma, and
    punctuation at either end of it is left out (but the dot of ". NET" written apart)."""
    runs: list[tuple[int, int]] = []  # token index ranges
    start = -1
    for i, (tok, lab) in enumerate(zip(seg, labels, strict=True)):
        if lab != "I" or tok.after_comma:
            if start >= 0:
                runs.append((start, i))
            start = -1
        if lab in KEYWORD and start < 0:
            start = i
    if start >= 0:
        runs.append((start, len(seg)))
    out: list[Span] = []
    for a, b in runs:
        words = [i for i in range(a, b) if _wordy(seg[i])]
        if not words:
            continue
        first, last = words[0], words[-1]
        if first > 0 and seg[first - 1].text == "." and seg[first].text.lower() == "net":
            first -= 1
        start_char, end_char = seg[first].start, seg[last].end
        out.append(Span(text[start_char:end_char], start_char, end_char))
    return out


def threshold_labels(marginals: Sequence[tuple[float, float]], threshold: float) -> list[str]:
    """BIO labels from each token's (P(B), P(I))."""
    out: list[str] = []
    for b, inside in marginals:
        if b + inside < threshold:
            out.append("O")
        elif b >= inside or not out or out[-1] == "O":
            out.append("B")
        else:
            out.append("I")
    return out


def _marginals(
    tagger: pycrfsuite.Tagger, feats: Sequence[Sequence[str]]
) -> list[tuple[float, float]]:
    """(P(B), P(I)) of each token of one segment."""
    tagger.set(feats)
    known = set(tagger.labels())

    def prob(label: str, i: int) -> float:
        return float(tagger.marginal(label, i)) if label in known else 0.0

    return [(prob("B", i), prob("I", i)) for i in range(len(feats))]


class Extractor:
    """A loaded model. Cheap to share between threads: each opens its own tagger."""

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        self.model = ModelFile(model_path)
        with lexicon_path(model_path).open(encoding="utf-8") as fh:
            data = json.load(fh)
        self.lexicon = Lexicon.from_json(data)
        threshold = data.get("threshold")
        self.threshold: float | None = None if threshold is None else float(threshold)
        word_class("warm")  # load lemminflect's dictionary once, here

    def label(self, doc: Sequence[Sequence[Token]]) -> list[list[str]]:
        """Labels of every token of every segment."""
        tagger = self.model.tagger()
        out: list[list[str]] = []
        for feats in document_features(doc, self.lexicon):
            if not feats:
                out.append([])
            elif self.threshold is None:
                out.append(list(tagger.tag(feats)))
            else:
                out.append(threshold_labels(_marginals(tagger, feats), self.threshold))
        return out

    def extract(self, text: str) -> list[Span]:
        doc = segments(text)
        out: list[Span] = []
        for seg, labels in zip(doc, self.label(doc), strict=True):
            out.extend(part for span in decode(text, seg, labels) for part in split_terms(span))
        return out


def split_terms(span: Span) -> list[Span]:
    """A span that is two or more vocabulary terms side by side, nothing else between them
    ("AWS GCP Azure", a list whose commas the posting lost), as one span each; any other
    span as it is. Measured on SkillSpan dev: strict F1 0.553 -> 0.559."""
    found = sorted(vocabulary.find_terms(span.surface), key=lambda m: m.start)
    if len(found) < 2:
        return [span]
    at = 0
    for m in found:
        if m.start < at or span.surface[at : m.start].strip():
            return [span]
        at = m.end
    if span.surface[at:].strip():
        return [span]
    return [
        Span(span.surface[m.start : m.end], span.start + m.start, span.start + m.end) for m in found
    ]


@functools.cache
def default() -> Extractor:
    """The model shipped in this package, loaded on first use."""
    return Extractor()


def extract(text: str) -> list[Span]:
    """Keyword spans of `text` in text order, each with its surface and character offsets."""
    return default().extract(text)


def keywords(text: str) -> list[str]:
    """Unique keyword surfaces of `text`, in the order they first appear."""
    return list(dict.fromkeys(span.surface for span in extract(text)))

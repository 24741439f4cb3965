"""The keyword extractor against SkillSpan (token-level B/I/O tags for Knowledge and Skill).

Knowledge spans (tools, technologies, certifications, fields) are what ATS keywords are;
the engine's hard-skill, certification and education terms are scored against them, its
soft-skill terms against Skill spans. Spans are compared per sentence on token offsets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tailor_worker.engine import vocabulary
from tailor_worker.eval.scoring import Span, Tally, bio_spans, match_spans

LABELS = ("knowledge", "skill")


@dataclass
class Sentence:
    tokens: list[str]
    gold: dict[str, list[Span]]


def load(path: Path) -> Iterator[Sentence]:
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            if not raw.strip():
                continue
            row = json.loads(raw)
            yield Sentence(
                row["tokens"],
                {"knowledge": bio_spans(row["tags_knowledge"]),
                 "skill": bio_spans(row["tags_skill"])},
            )


def _offsets(tokens: list[str]) -> tuple[str, list[int]]:
    starts: list[int] = []
    position = 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    return " ".join(tokens), starts


def _char_to_tokens(starts: list[int], tokens: list[str], a: int, b: int) -> Span:
    first = max(i for i, s in enumerate(starts) if s <= a)
    last = max(i for i, s in enumerate(starts) if s < b)
    return first, last + 1


Extractor = Callable[[list[str]], dict[str, list[Span]]]
_KNOWLEDGE = (vocabulary.HARD, vocabulary.CERT, vocabulary.EDU)


def engine_extract(tokens: list[str]) -> dict[str, list[Span]]:
    text, starts = _offsets(tokens)
    out: dict[str, list[Span]] = {"knowledge": [], "skill": []}
    for m in vocabulary.find_terms(text):
        label = "knowledge" if m.term.category in _KNOWLEDGE else "skill"
        out[label].append(_char_to_tokens(starts, tokens, m.start, m.end))
    return out


# Baseline: every noun-phrase-like chunk, i.e. each maximal run of tokens that are neither
# stopwords nor punctuation, up to four tokens (longer runs are cut into fours).
_STOPWORD_TEXT = (
    "a an the and or but nor of in on at to for from by with without within into onto over "
    "under about as is are was were be been being am do does did have has had will would "
    "shall should can could may might must this that these those it its we our you your "
    "they their them he she his her i me my not no yes all any each every some such other "
    "more most very also than then so if when where which who whom whose what how why "
    "etc eg ie e.g. i.e. via per new good strong excellent great well able"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORDLIKE = re.compile(r"\w")


def baseline_extract(tokens: list[str]) -> dict[str, list[Span]]:
    spans: list[Span] = []
    start: int | None = None

    def close(end: int) -> None:
        if start is not None:
            spans.extend((s, min(s + 4, end)) for s in range(start, end, 4))

    for i, token in enumerate(tokens):
        content = (
            token.lower() not in _STOPWORDS
            and _WORDLIKE.search(token) is not None
            and not token.startswith("<")
        )
        if content and start is None:
            start = i
        elif not content:
            close(i)
            start = None
    close(len(tokens))
    # The same chunks are offered for both labels: the baseline has no notion of category.
    return {"knowledge": spans, "skill": spans}


def evaluate(
    path: Path, extractors: dict[str, Extractor]
) -> dict[str, dict[str, dict[str, Tally]]]:
    out = {
        name: {mode: {label: Tally() for label in LABELS} for mode in ("strict", "lenient")}
        for name in extractors
    }
    for sentence in load(path):
        for name, extract in extractors.items():
            predicted = extract(sentence.tokens)
            for label in LABELS:
                for mode in ("strict", "lenient"):
                    out[name][mode][label].add(*match_spans(
                        predicted[label], sentence.gold[label], lenient=mode == "lenient"
                    ))
    return out

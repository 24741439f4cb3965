"""The trained resume entity CRF: names, titles, employers, institutions, degrees and
graduation years, as spans of the resume's own lines.

The model (`resume-entities.crfsuite`) ships in this package and loads on first use. Each
thread gets its own tagger, so calls may run concurrently. Work is linear in the length of the
document. No logging, no network.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from tailor_worker.engine.crf import ModelFile
from tailor_worker.engine.entities.features import (
    Gazetteer,
    Token,
    document_features,
    document_tokens,
    with_occupations,
)

MODEL_PATH = Path(__file__).with_name("resume-entities.crfsuite")

# Labels the CRF learns (BIO over these), named as the parser uses them.
NAME, TITLE, COMPANY, INSTITUTION, DEGREE, GRADUATION = (
    "name",
    "title",
    "company",
    "institution",
    "degree",
    "graduation",
)
LABELS = (NAME, TITLE, COMPANY, INSTITUTION, DEGREE, GRADUATION)
# Entities are reported down to this score (mean marginal probability); the parser takes a
# field from an entity of at least STRONG, and from a WEAK one only where the layout agrees.
WEAK, STRONG = 0.15, 0.35
_STRONG_FOR = {TITLE: 0.3}  # where a label's threshold differs from STRONG


@dataclass(frozen=True)
class Entity:
    label: str
    line: int  # index into the lines the tagger was given
    start: int  # offsets in that line
    end: int
    text: str
    score: float  # mean marginal probability of the label over the entity's tokens


def strong(entity: Entity) -> bool:
    """Strong enough to name a field. Titles from 0.3: measured by cross-validation, +0.6
    points of designation recall at the same precision."""
    return entity.score >= _STRONG_FOR.get(entity.label, STRONG)


def decode(
    lines: Sequence[str],
    doc: Sequence[Sequence[Token]],
    tags: Sequence[str],
    scores: Sequence[float] | None = None,
) -> list[Entity]:
    """Entities of BIO tags over the document's tokens; an entity never crosses a line, and an
    I after O (or after another label) starts one."""
    out: list[Entity] = []
    k = 0
    for tokens in doc:
        current: list[tuple[Token, float]] = []
        label = ""
        for j, tok in enumerate(tokens):
            tag = tags[k]
            score = scores[k] if scores is not None else 1.0
            k += 1
            kind, _, name = tag.partition("-")
            following = tokens[j + 1].text if j + 1 < len(tokens) else ""
            if _separates(lines[tok.line], tok, following):
                kind = "O"  # "Acme Corp — Austin", "Initech LLC, Berlin": the place is apart
            if kind == "I" and name == label and current:
                current.append((tok, score))
                continue
            if current:
                out.append(_entity(lines, current, label))
            current, label = ([(tok, score)], name) if kind in ("B", "I") else ([], "")
        if current:
            out.append(_entity(lines, current, label))
    return out


_SEPARATORS = frozenset("—–|•·;")
_LEGAL_FORMS = frozenset(
    ("inc", "ltd", "llc", "llp", "plc", "corp", "co", "gmbh", "ag", "sa", "bv", "pvt", "pty")
) | {"limited"}


def _separates(line: str, tok: Token, following: str) -> bool:
    """A field separator: a dash, bar, bullet or semicolon, a hyphen with spaces around it, a
    comma unless a legal form follows ("Globex, Inc."); brackets stay ("B.Tech (Computer
    Science)", "Associated Press (AP)")."""
    if tok.text in _SEPARATORS:
        return True
    if tok.text == ",":
        return following.lower().rstrip(".") not in _LEGAL_FORMS
    spaced = line[tok.start - 1 : tok.start].isspace() and line[tok.end : tok.end + 1].isspace()
    return tok.text == "-" and spaced


def _entity(lines: Sequence[str], tokens: Sequence[tuple[Token, float]], label: str) -> Entity:
    first, last = tokens[0][0], tokens[-1][0]
    score = sum(s for _, s in tokens) / len(tokens)
    text = lines[first.line][first.start : last.end]
    return Entity(label, first.line, first.start, last.end, text, score)


def gazetteer_path(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


def save_gazetteer(gazetteer: Gazetteer, path: Path) -> None:
    data = {
        label: sorted(" ".join(key) for key in keys) for label, keys in gazetteer.phrases.items()
    }
    path.write_text(json.dumps({"gazetteer": data}, indent=0, sort_keys=True) + "\n")


def load_gazetteer(path: Path) -> Gazetteer:
    data = json.loads(path.read_text())["gazetteer"]
    return Gazetteer(
        {label: frozenset(tuple(p.split(" ")) for p in phrases) for label, phrases in data.items()}
    )


class Tagger:
    """A loaded model. `tag(lines)` is safe to call from several threads."""

    def __init__(self, model_path: Path = MODEL_PATH, threshold: float = WEAK) -> None:
        self.threshold = threshold
        self.model = ModelFile(model_path)
        self._gazetteer = with_occupations(load_gazetteer(gazetteer_path(model_path)))

    def tag(self, lines: Sequence[str]) -> list[Entity]:
        doc = document_tokens(lines)
        if not any(doc):
            return []
        tagger = self.model.tagger()
        tagger.set(document_features(lines, doc, self._gazetteer))
        tags, scores = _scored(tagger, tagger.tag(), self.threshold)
        return decode(lines, doc, tags, scores)


def _scored(
    tagger: pycrfsuite.Tagger, tags: list[str], threshold: float
) -> tuple[list[str], list[float]]:
    """Viterbi tags with each token's marginal probability of its label (B and I together);
    an O token whose probability of some entity label reaches `threshold` takes that label,
    so weak entities are reported too, with their score, for the parser to weigh."""
    known = set(tagger.labels())
    pairs = {name: [t for t in (f"B-{name}", f"I-{name}") if t in known] for name in LABELS}
    out = list(tags)
    scores: list[float] = []
    for i, tag in enumerate(tags):
        if tag != "O":
            scores.append(sum(tagger.marginal(t, i) for t in pairs[tag[2:]]))
            continue
        best, score = "", threshold
        for name, labels in pairs.items():
            p = sum(tagger.marginal(t, i) for t in labels)
            if p >= score:
                best, score = name, p
        if best:
            joins = i > 0 and out[i - 1][2:] == best
            out[i] = ("I-" if joins else "B-") + best
        scores.append(score if best else 0.0)
    return out, scores


@functools.cache
def default_tagger() -> Tagger:
    """The model shipped in this package, loaded on first use."""
    return Tagger()

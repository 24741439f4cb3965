"""Tokens and token features for the keyword CRF: pure functions of the text and of the
`Lexicon` learned at training time, no I/O.

Tokenisation keeps technology names whole ("C++", "C#", ".NET", "Node.js", "CI/CD", "ASP.NET")
and splits other punctuation off words, so pre-tokenised text ("Java ( Spring )") and text as
a person writes it ("Java (Spring)") give the same tokens. Commas are not fed to the CRF (the
training corpus has none); they only stop a keyword from running across them.

Every function here is linear in the length of the text: gazetteer look-ups try at most
`MAX_SPAN` lengths at each token.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import lemminflect

# A word: an optional leading dot before a letter (".NET"), word characters joined by one of
# . ' ’ / & - (Node.js, CI/CD, R&D, end-to-end), then trailing + or # (C++, C#, 5+).
# Anonymisation placeholders of the corpus ("<ORGANIZATION>") are one token. Anything else
# that is not a space is a token of one character.
_TOKEN = re.compile(r"<[A-Z]+>\$?|(?:\.(?=[^\W_]))?\w+(?:[.'’/&\-]\w+)*[+#]*|[^\w\s]")
_BULLETS = frozenset("*-•·\x95–—o☞⌲>|+")
_SENTENCE_END = frozenset(".!?")
MAX_SPAN = 6  # longest gazetteer entry matched, in tokens

# Feature groups beyond "base" (word, shape, affixes, case, ±2 window), in the order of the
# README's ablation: word pairs, curated vocabulary, keyword phrases and word statistics from
# training, parts of speech, line and section cues, counts in the document.
ALL_GROUPS = frozenset({"base", "bigram", "vocab", "lexicon", "stats", "pos", "line", "doc"})

# Closed-class English words. Open-class words get their possible parts of speech from
# lemminflect's dictionary; a word in neither is out of the dictionary ("OOV"), as most
# product names are ("Kubernetes", "Terraform").
_FUNCTION = frozenset(
    word
    for group in (
        "a an the this that these those some any all each every no both either neither",
        "and or nor but so yet if then than as",
        "of in on at by for with from to into onto over under about above across after against",
        "along among around before behind below beneath beside between beyond during except",
        "inside near off out outside past since through throughout till toward towards until",
        "up upon via within without per like such",
        "i me my we us our you your he him his she her it its they them their",
        "who whom whose which what where when why how",
        "is are was were be been being am do does did done have has had having",
        "will would shall should can could may might must not",
    )
    for word in group.split()
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    after_comma: bool = False  # a comma stood between this token and the previous one


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`, offsets shifted by `offset`; commas are dropped and mark the next
    token."""
    out: list[Token] = []
    comma = False
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if word == ",":
            comma = True
            continue
        out.append(Token(word, m.start() + offset, m.end() + offset, comma))
        comma = False
    return out


def segments(text: str) -> list[list[Token]]:
    """The units the CRF labels: lines, and sentences within a long line."""
    out: list[list[Token]] = []
    pos = 0
    for line in text.split("\n"):
        current: list[Token] = []
        for tok in tokenize(line, pos):
            if len(current) >= 4 and current[-1].text in _SENTENCE_END and tok.text[:1].isupper():
                out.append(current)
                current = []
            current.append(tok)
        if current:
            out.append(current)
        pos += len(line) + 1
    return out


@dataclass(frozen=True)
class Lexicon:
    """What training taught beside the CRF weights, and which feature groups the CRF uses.

    `counts[word] = (occurrences, occurrences inside a keyword)` over lower-cased training
    tokens; `phrases` are the lower-cased token tuples of training keywords; `vocab` and
    `vocab_cased` the surfaces of the curated vocabulary (case-folded / case-sensitive), as
    they were when the model was trained."""

    counts: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    phrases: frozenset[tuple[str, ...]] = frozenset()
    vocab: frozenset[tuple[str, ...]] = frozenset()
    vocab_cased: frozenset[tuple[str, ...]] = frozenset()
    groups: frozenset[str] = ALL_GROUPS

    def to_json(self) -> dict[str, Any]:
        return {
            "groups": sorted(self.groups),
            "counts": {w: list(c) for w, c in sorted(self.counts.items())},
            "phrases": sorted(" ".join(p) for p in self.phrases),
            "vocab": sorted(" ".join(p) for p in self.vocab),
            "vocab_cased": sorted(" ".join(p) for p in self.vocab_cased),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Lexicon:
        def tuples(key: str) -> frozenset[tuple[str, ...]]:
            return frozenset(tuple(p.split(" ")) for p in data.get(key, ()))

        return cls(
            counts={w: (int(c[0]), int(c[1])) for w, c in data.get("counts", {}).items()},
            phrases=tuples("phrases"),
            vocab=tuples("vocab"),
            vocab_cased=tuples("vocab_cased"),
            groups=frozenset(data.get("groups", ALL_GROUPS)),
        )


def learn_counts(
    sequences: Iterable[tuple[Sequence[Token], Sequence[str]]],
) -> tuple[dict[str, tuple[int, int]], frozenset[tuple[str, ...]]]:
    """Word statistics and keyword phrases from token sequences with keyword BIO labels."""
    total: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    phrases: set[tuple[str, ...]] = set()
    for tokens, labels in sequences:
        current: list[str] = []
        for tok, lab in zip(tokens, labels, strict=True):
            w = tok.text.lower()
            total[w] += 1
            if lab != "O":
                inside[w] += 1
            if lab != "I":
                if 0 < len(current) <= MAX_SPAN:
                    phrases.add(tuple(current))
                current = []
            if lab != "O":
                current.append(w)
        if 0 < len(current) <= MAX_SPAN:
            phrases.add(tuple(current))
    return {w: (n, inside[w]) for w, n in total.items()}, frozenset(phrases)


def phrase_keys(surface: str) -> tuple[tuple[str, ...], bool]:
    """A vocabulary surface as a token tuple, and whether it is matched case-sensitively
    (surfaces written "=X" in the vocabulary)."""
    cased = surface.startswith("=")
    words = tuple(t.text for t in tokenize(surface.lstrip("=")))
    return (words if cased else tuple(w.lower() for w in words)), cased


def _match(
    words: Sequence[str],
    lowered: Sequence[str],
    table: frozenset[tuple[str, ...]],
    cased: frozenset[tuple[str, ...]] = frozenset(),
) -> list[str]:
    """Marks of the longest gazetteer match starting at each token (overlaps allowed):
    U a one-token match, B / I / L the first / inner / last token of a longer one."""
    n = len(words)
    marks = ["O"] * n
    if not table and not cased:
        return marks
    for i in range(n):
        for length in range(min(MAX_SPAN, n - i), 0, -1):
            if tuple(lowered[i : i + length]) in table or tuple(words[i : i + length]) in cased:
                if marks[i] == "O":
                    marks[i] = "B" if length > 1 else "U"
                for j in range(i + 1, i + length):
                    marks[j] = "L" if j == i + length - 1 else "I"
                break
    return marks


def _shape(word: str) -> str:
    """Character classes with repeats collapsed: "Node.js" -> "Xx.x", "C++" -> "X+"."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


def _bucket(n: int) -> str:
    return str(min(int(math.log2(n + 1)), 8))


@lru_cache(maxsize=65536)
def word_class(word: str) -> str:
    """The possible parts of speech of a word: FUNC, e.g. NOUN|VERB, OOV, NUM or PUNCT."""
    low = word.lower()
    if low in _FUNCTION:
        return "FUNC"
    if not any(c.isalpha() for c in low):
        return "NUM" if any(c.isdigit() for c in low) else "PUNCT"
    tags = lemminflect.getAllLemmas(low)
    return "|".join(sorted(tags)) if tags else "OOV"


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    low = word.lower()
    for upos in ("NOUN", "VERB", "ADJ"):
        found = lemminflect.getAllLemmas(low, upos=upos).get(upos)
        if found:
            return str(found[0])
    return low


def _rate(counts: Mapping[str, tuple[int, int]], word: str) -> tuple[str, str]:
    """How often a word was seen in training, and how often inside a keyword."""
    n, k = counts.get(word, (0, 0))
    if n == 0:
        return "0", "none"
    r = k / n
    rate = "0" if k == 0 else "lo" if r < 0.2 else "mid" if r < 0.5 else "hi" if r < 0.8 else "all"
    return _bucket(n), rate


def _header(seg: Sequence[Token]) -> str | None:
    """A short line that names a section ("Requirements", "Technologies", "Industry:")."""
    words = [t.text.lower() for t in seg if t.text not in _BULLETS]
    if not words or len(words) > 4 or not any(w.isalpha() for w in words):
        return None
    if words[-1] in _SENTENCE_END:
        return None
    return " ".join(words)


@dataclass(frozen=True)
class _Context:
    """What a segment's features see beyond the segment itself."""

    prev_header: str | None  # the previous line, if it is a header
    section: str | None  # the last header line ending in ":" or of at most three tokens
    doc_count: Mapping[str, int]  # occurrences of each lower-cased word in the document
    cased_mid: frozenset[str]  # words capitalised somewhere other than a sentence start


def document_features(doc: Sequence[Sequence[Token]], lexicon: Lexicon) -> list[list[list[str]]]:
    """Features of every token of a document (its segments, in order)."""
    doc_count: Counter[str] = Counter()
    cased_mid: set[str] = set()
    if "doc" in lexicon.groups:
        for seg in doc:
            for i, tok in enumerate(seg):
                low = tok.text.lower()
                doc_count[low] += 1
                if i > 0 and tok.text[:1].isupper() and seg[i - 1].text not in _SENTENCE_END:
                    cased_mid.add(low)
    frozen_mid = frozenset(cased_mid)
    out: list[list[list[str]]] = []
    prev_header: str | None = None
    section: str | None = None
    for seg in doc:
        context = _Context(prev_header, section, doc_count, frozen_mid)
        out.append(segment_features(seg, lexicon, context))
        prev_header = _header(seg)
        if prev_header is not None and (prev_header.endswith(":") or len(seg) <= 3):
            section = prev_header
    return out


def segment_features(
    seg: Sequence[Token], lexicon: Lexicon, context: _Context | None = None
) -> list[list[str]]:
    """Features of each token of one segment."""
    ctx = context or _Context(None, None, {}, frozenset())
    groups = lexicon.groups
    words = [t.text for t in seg]
    lowered = [w.lower() for w in words]
    n = len(seg)
    shapes = [_shape(w) for w in words]
    vocab = _match(words, lowered, lexicon.vocab, lexicon.vocab_cased) if "vocab" in groups else []
    known = _match(words, lowered, lexicon.phrases) if "lexicon" in groups else []
    stats = [_rate(lexicon.counts, w) for w in lowered] if "stats" in groups else []
    classes = [word_class(w) for w in words] if "pos" in groups else []
    bullet = n > 0 and words[0] in _BULLETS
    feats: list[list[str]] = []
    for i, word in enumerate(words):
        low = lowered[i]
        f = ["bias", "w=" + low, "sh=" + shapes[i]]
        f += ["p2=" + low[:2], "p3=" + low[:3], "s2=" + low[-2:], "s3=" + low[-3:]]
        if word.isupper():
            f.append("upper")
        if word[:1].isupper():
            f.append("title")
        if any(c.isdigit() for c in word):
            f.append("digit")
        if not any(c.isalnum() for c in word):
            f.append("punct")
        if seg[i].after_comma:
            f.append("comma")
        for d in (-2, -1, 1, 2):
            if 0 <= i + d < n:
                f += [f"{d}:w={lowered[i + d]}", f"{d}:sh={shapes[i + d]}"]
            else:
                f.append(f"{d}:pad")
        if "bigram" in groups:
            f.append(f"-1|0={lowered[i - 1] if i else '^'}|{low}")
            f.append(f"0|1={low}|{lowered[i + 1] if i + 1 < n else '$'}")
        for name, marks in (("vg", vocab), ("kg", known)):
            if marks:
                f.append(f"{name}={marks[i]}")
                f += [f"{d}:{name}={marks[i + d]}" for d in (-1, 1) if 0 <= i + d < n]
        if stats:
            cnt, rate = stats[i]
            f += ["cnt=" + cnt, "rate=" + rate, f"rate|sh={rate}|{shapes[i]}"]
            f += [f"{d}:rate={stats[i + d][1]}" for d in (-1, 1) if 0 <= i + d < n]
        if classes:
            f += ["pc=" + classes[i], "lem=" + lemma(word)]
            f.append(f"pc-1|0={classes[i - 1] if i else '^'}|{classes[i]}")
            f.append(f"pc0|1={classes[i]}|{classes[i + 1] if i + 1 < n else '$'}")
            f += [f"{d}:pc={classes[i + d]}" for d in (-2, -1, 1, 2) if 0 <= i + d < n]
        if "line" in groups:
            f.append("pos=" + (str(i) if i < 3 else "end" if i == n - 1 else "mid"))
            f.append("len=" + _bucket(n))
            if bullet:
                f.append("bullet")
            if ctx.prev_header is not None:
                f.append("hdr=" + ctx.prev_header)
            if ctx.section is not None:
                f.append("sec=" + ctx.section)
        if "doc" in groups:
            f.append("dc=" + _bucket(ctx.doc_count.get(low, 0)))
            if low in ctx.cased_mid:
                f.append("capmid")
        feats.append(f)
    return feats

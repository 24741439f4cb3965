"""Train the keyword CRF on SkillSpan's Knowledge spans (train.json only); print the judge's
figures on train and dev.

    python -m tailor_worker.training.keywords --skillspan DIR [--out PATH]

Each posting is rebuilt as the judge builds it (a sentence a line, tokens joined by spaces),
tokenised as production text is, and the gold labels are carried over to those tokens. The CRF
learns keyword labels (B, I) beside the corpus's skill labels (SB, SI), which it reads as O
when extracting. Word statistics and keyword phrases are learned out of fold: a training
posting sees only what the other folds taught, as an unseen posting sees what all of train
taught. Training is deterministic (L-BFGS from zero weights, postings in file order) and runs
on one CPU in well under a minute.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pycrfsuite

from tailor_worker.engine import vocabulary
from tailor_worker.engine.keywords.features import (
    ALL_GROUPS,
    Lexicon,
    Token,
    document_features,
    learn_counts,
    phrase_keys,
    segments,
)
from tailor_worker.engine.keywords.model import MODEL_PATH, Extractor, lexicon_path

FOLDS = 5
# The configuration shipped: chosen on dev and on 5-fold cross-validation over train.
C1, C2, ITERATIONS, THRESHOLD = 1.0, 0.01, 200, 0.4


@dataclass(frozen=True)
class Posting:
    text: str
    gold: list[str]  # gold keywords, as the judge reads them
    doc: list[list[Token]]
    labels: list[list[str]]  # keyword BIO labels of our tokens
    skills: list[list[str]]  # skill BIO labels of our tokens


def _gold_spans(tags: Sequence[str]) -> list[tuple[int, int]]:
    """Token index ranges of BIO spans, read as the judge reads them (an I without a B is O)."""
    out: list[tuple[int, int]] = []
    start = -1
    for i, tag in enumerate(tags):
        if tag != "I" and start >= 0:
            out.append((start, i))
            start = -1
        if tag == "B":
            start = i
    if start >= 0:
        out.append((start, len(tags)))
    return out


def load(path: Path) -> list[Posting]:
    """Postings of a SkillSpan split, in file order."""
    rows: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows[(r["source"], r["idx"])].append(r)
    return [_posting(rs) for rs in rows.values()]


def _posting(rows: Sequence[dict[str, Any]]) -> Posting:
    lines: list[str] = []
    gold: list[str] = []
    keyword_chars: list[tuple[int, int]] = []  # gold spans as character ranges of the text
    skill_chars: list[tuple[int, int]] = []
    pos = 0
    for r in rows:
        tokens = [str(t) for t in r["tokens"]]
        starts = []
        for t in tokens:
            starts.append(pos)
            pos += len(t) + 1
        for key, chars in (("tags_knowledge", keyword_chars), ("tags_skill", skill_chars)):
            for a, b in _gold_spans(r[key]):
                chars.append((starts[a], starts[b - 1] + len(tokens[b - 1])))
                if key == "tags_knowledge":
                    gold.append(" ".join(tokens[a:b]))
        lines.append(" ".join(tokens))
        if not tokens:
            pos += 1
    text = "\n".join(lines)
    doc = segments(text)
    return Posting(
        text,
        gold,
        doc,
        [_project(seg, keyword_chars) for seg in doc],
        [_project(seg, skill_chars) for seg in doc],
    )


def _project(seg: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[str]:
    """BIO labels of our tokens from gold character spans; punctuation at a span's edges
    stays outside it."""
    labels = ["O"] * len(seg)
    for a, b in spans:
        inside = [
            i
            for i, t in enumerate(seg)
            if t.start >= a and t.end <= b and any(c.isalnum() for c in t.text)
        ]
        if inside:
            labels[inside[0]] = "B"
            for i in range(inside[0] + 1, inside[-1] + 1):
                labels[i] = "I"
    return labels


def _joint(keyword: Sequence[str], skill: Sequence[str]) -> list[str]:
    """Keyword labels, and skill labels (SB, SI) where a token is in no keyword."""
    return [k if k != "O" or s == "O" else "S" + s for k, s in zip(keyword, skill, strict=True)]


def vocabulary_lexicon() -> Lexicon:
    """The curated vocabulary's surfaces as token tuples (a snapshot taken at training time)."""
    folded: set[tuple[str, ...]] = set()
    cased: set[tuple[str, ...]] = set()
    for term in vocabulary.all_terms():
        for surface in term.surfaces:
            key, sensitive = phrase_keys(surface)
            if key:
                (cased if sensitive else folded).add(key)
    return Lexicon(vocab=frozenset(folded), vocab_cased=frozenset(cased))


def learned(postings: Iterable[Posting], base: Lexicon) -> Lexicon:
    counts, phrases = learn_counts(
        (seg, labels) for p in postings for seg, labels in zip(p.doc, p.labels, strict=True)
    )
    return replace(base, counts=counts, phrases=phrases)


def out_of_fold_features(postings: Sequence[Posting], base: Lexicon) -> list[list[list[list[str]]]]:
    """Features of every training posting, with what the other folds taught."""
    out: list[list[list[list[str]]]] = [[] for _ in postings]
    for k in range(FOLDS):
        lexicon = learned((p for i, p in enumerate(postings) if i % FOLDS != k), base)
        for i in range(k, len(postings), FOLDS):
            out[i] = document_features(postings[i].doc, lexicon)
    return out


def train(
    postings: Sequence[Posting],
    out: Path,
    *,
    groups: frozenset[str] = ALL_GROUPS,
    c1: float = C1,
    c2: float = C2,
    iterations: int = ITERATIONS,
    threshold: float | None = THRESHOLD,
    skills: bool = True,
) -> Extractor:
    """Train on `postings`; write the model to `out` and its lexicon beside it."""
    base = replace(vocabulary_lexicon(), groups=groups | {"base"})
    trainer = pycrfsuite.Trainer(verbose=False)
    features = out_of_fold_features(postings, base)
    for p, doc_feats in zip(postings, features, strict=True):
        for feats, labels, skill in zip(doc_feats, p.labels, p.skills, strict=True):
            if feats:
                trainer.append(feats, _joint(labels, skill) if skills else labels)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    data = {**learned(postings, base).to_json(), "threshold": threshold}
    with lexicon_path(out).open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")
    return Extractor(out)


# --- the judge's scoring: sets of normalised keywords per posting, micro-averaged -----------


def norm(s: str) -> str:
    s = s.lower().replace(". net", ".net").replace("node. js", "node.js")
    s = re.sub(r"\s*([/+#.\-])\s*", r"\1", s)
    return re.sub(r"\s+", " ", s).strip(" ,;:()")


def _lenient_hit(p: str, gold: set[str]) -> bool:
    return any(
        p == g
        or re.search(rf"(^| ){re.escape(p)}( |$)", g)
        or re.search(rf"(^| ){re.escape(g)}( |$)", p)
        for g in gold
    )


Figures = dict[str, tuple[float, float, float]]


def score(pairs: Iterable[tuple[set[str], set[str]]]) -> Figures:
    """Strict and lenient micro (P, R, F1) of (predicted, gold) keyword sets."""
    tp = fp = fn = ltp = lfp = lfn = 0
    for pred, gold in pairs:
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        hits = sum(1 for p in pred if _lenient_hit(p, gold))
        ltp += hits
        lfp += len(pred) - hits
        lfn += sum(1 for g in gold if not _lenient_hit(g, pred))
    out: Figures = {}
    for name, (a, b, c) in {"strict": (tp, fp, fn), "lenient": (ltp, lfp, lfn)}.items():
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[name] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def evaluate(postings: Sequence[Posting], keywords: Callable[[str], list[str]]) -> Figures:
    return score(({norm(k) for k in keywords(p.text)}, {norm(g) for g in p.gold}) for p in postings)


def describe(name: str, f: Figures) -> str:
    s, le = f["strict"], f["lenient"]
    return (
        f"{name:>6}  strict P {s[0]:.3f} R {s[1]:.3f} F1 {s[2]:.3f}"
        f"   lenient P {le[0]:.3f} R {le[1]:.3f} F1 {le[2]:.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skillspan", type=Path, required=True, help="folder with train.json")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write")
    ap.add_argument("--groups", default=",".join(sorted(ALL_GROUPS)), help="feature groups")
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--iterations", type=int, default=ITERATIONS)
    ap.add_argument("--threshold", type=float, default=THRESHOLD, help="negative: Viterbi")
    ap.add_argument("--no-skills", action="store_true", help="keyword labels only")
    a = ap.parse_args(argv)
    started = time.monotonic()
    postings = load(a.skillspan / "train.json")
    extractor = train(
        postings,
        a.out,
        groups=frozenset(g for g in a.groups.split(",") if g),
        c1=a.c1,
        c2=a.c2,
        iterations=a.iterations,
        threshold=a.threshold if a.threshold >= 0 else None,
        skills=not a.no_skills,
    )
    size = a.out.stat().st_size + lexicon_path(a.out).stat().st_size
    print(f"trained in {time.monotonic() - started:.0f}s, {size / 1e6:.2f} MB: {a.out}")

    def keywords(text: str) -> list[str]:
        return list(dict.fromkeys(s.surface for s in extractor.extract(text)))

    print(describe("train", evaluate(postings, keywords)))
    dev = a.skillspan / "dev.json"
    if dev.exists():
        print(describe("dev", evaluate(load(dev), keywords)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

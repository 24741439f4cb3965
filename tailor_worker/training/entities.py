"""Train the resume entity CRF on the labelled resumes (resume-ner train), and measure it by
cross-validation with the shared judge's own scoring.

    python -m tailor_worker.training.entities --resume-ner DIR [--out PATH]
    python -m tailor_worker.training.entities --resume-ner DIR --folds 5 --judges DIR

Each resume is read as the judge hands it to a parser (tags removed, entities unescaped) and
then as an upload is: TXT bytes -> `extract_text` -> the parser's line split. The gold labels
are carried from the judge's text onto those lines by aligning their characters, so the CRF
learns on exactly the lines it will see. Training is deterministic (L-BFGS from zero weights,
resumes in file order) and takes well under a minute a model on one CPU.

With --folds, each fold's model is trained on the other folds and the held-out resumes are
parsed by the real parser with that model; the figures are the judge's (its `norm` and
`found`, loaded from --judges), summed over folds. They estimate what an unseen resume gets;
`make eval` on train itself reads the shipped model's own training data and is optimistic.
"""

from __future__ import annotations

import argparse
import collections
import glob
import html
import importlib.util
import multiprocessing
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pycrfsuite

from kit.documents import extract_text
from resumeai.v1 import common_pb2
from tailor_worker.engine.entities.features import (
    MAX_PHRASE,
    Gazetteer,
    Token,
    document_features,
    document_tokens,
    phrase_key,
    with_occupations,
)
from tailor_worker.engine.entities.model import (
    COMPANY,
    DEGREE,
    GRADUATION,
    INSTITUTION,
    MODEL_PATH,
    NAME,
    TITLE,
    Tagger,
    gazetteer_path,
    save_gazetteer,
)
from tailor_worker.engine.resume_parser import read_lines
from tailor_worker.eval.judges import parse_with_tagger

# The corpus's label names -> ours. Other labels (skills, locations, years of experience) are
# not learned: the parser reads those by other means.
GOLD_LABELS = {
    "Name": NAME,
    "Designation": TITLE,
    "Companies worked at": COMPANY,
    "College Name": INSTITUTION,
    "Degree": DEGREE,
    "Graduation Year": GRADUATION,
}
C1, C2, ITERATIONS = 0.05, 0.05, 150


@dataclass(frozen=True)
class Resume:
    path: str
    text: str  # as the judge hands it to a parser
    lines: list[str]  # as the parser's tagger sees them
    doc: list[list[Token]]
    tags: list[str]  # BIO tag per token, lines concatenated


def _gold_text(raw: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The judge's text of a labelled file and the character spans of its labels."""
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    size = 0
    pos = 0
    for m in re.finditer(r'<label type="([^"]+)">(.*?)</label>|<[^>]+>', raw, flags=re.S):
        before = html.unescape(raw[pos : m.start()])
        pieces.append(before)
        size += len(before)
        if m.group(1) is not None:
            inner = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
            if m.group(1) in GOLD_LABELS:
                spans.append((size, size + len(inner), GOLD_LABELS[m.group(1)]))
            pieces.append(inner)
            size += len(inner)
        pos = m.end()
    pieces.append(html.unescape(raw[pos:]))
    return "".join(pieces), spans


def _align(text: str, lines: Sequence[str]) -> list[list[int]]:
    """For each character of each line, its index in `text` (-1 when extraction made it up,
    as the " | " of a column gap). Greedy and forward-only: linear in the text."""
    out: list[list[int]] = []
    p = 0
    for line in lines:
        mapped: list[int] = []
        for c in line:
            if c.isspace():
                mapped.append(-1)
                continue
            q = p
            while q < len(text) and text[q].isspace():
                q += 1
            if q < len(text) and text[q] == c:
                mapped.append(q)
                p = q + 1
                continue
            found = text.find(c, p, p + 12) if c != "|" else -1
            if found >= 0:
                mapped.append(found)
                p = found + 1
            else:
                mapped.append(-1)
        out.append(mapped)
    return out


def _token_tags(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    lines: Sequence[str],
    doc: Sequence[Sequence[Token]],
) -> list[str]:
    owner = [-1] * len(text)  # span index per character
    for k, (a, b, _) in enumerate(spans):
        for i in range(a, b):
            owner[i] = k
    positions = _align(text, lines)
    tags: list[str] = []
    for line_tokens, mapped in zip(doc, positions, strict=True):
        previous = -1
        for tok in line_tokens:
            chars = [mapped[i] for i in range(tok.start, tok.end) if mapped[i] >= 0]
            span = owner[chars[0]] if chars else -1
            if span < 0:
                tags.append("O")
            else:
                tags.append(("I-" if span == previous else "B-") + spans[span][2])
            previous = span
    return tags


def parser_lines(text: str) -> list[str]:
    """The lines the parser's tagger sees for a resume uploaded as this text."""
    return read_lines(extract_text(text.encode("utf-8"), common_pb2.DOCUMENT_FORMAT_TXT).lines)


def load(directory: Path) -> list[Resume]:
    out: list[Resume] = []
    for path in sorted(glob.glob(f"{directory}/**/*.xml", recursive=True)):
        raw = Path(path).read_text(encoding="utf-8", errors="replace")
        text, spans = _gold_text(raw)
        if not text.strip():
            continue
        lines = parser_lines(text)
        doc = document_tokens(lines)
        out.append(Resume(path, text, lines, doc, _token_tags(text, spans, lines, doc)))
    return out


# Labels whose phrases are learned as a gazetteer. Never names: they are personal data and
# would not carry over to another person anyway.
GAZETTEER_LABELS = (TITLE, COMPANY, INSTITUTION, DEGREE)


def learn_gazetteer(resumes: Iterable[Resume]) -> Gazetteer:
    """The labelled phrases of the training resumes, per label, as `phrase_key`s."""
    found: dict[str, set[tuple[str, ...]]] = {label: set() for label in GAZETTEER_LABELS}
    for r in resumes:
        tokens = [t for line in r.doc for t in line]
        run: list[str] = []
        label = ""
        for tok, tag in [*zip(tokens, r.tags, strict=True), (None, "O")]:
            if tag.startswith("I-") and tag[2:] == label and tok is not None:
                run.append(tok.text)
                continue
            key = phrase_key(run)
            if label in found and 0 < len(key) <= MAX_PHRASE:
                found[label].add(key)
            run, label = ([tok.text], tag[2:]) if tok is not None and tag != "O" else ([], "")
    return Gazetteer({label: frozenset(keys) for label, keys in found.items()})


def train(resumes: Sequence[Resume], out: Path) -> None:
    """Train on `resumes`; the gazetteer a resume's features see is learned from the other
    parts of the training set (out of fold), as an unseen resume sees one learned from all
    of it. The full gazetteer is saved beside the model."""
    trainer = pycrfsuite.Trainer(verbose=False)
    parts = 5
    for p in range(parts):
        gazetteer = with_occupations(
            learn_gazetteer(r for i, r in enumerate(resumes) if i % parts != p)
        )
        for r in resumes[p::parts]:
            trainer.append(document_features(r.lines, r.doc, gazetteer), r.tags)
    trainer.set_params(
        {"c1": C1, "c2": C2, "max_iterations": ITERATIONS, "feature.possible_transitions": True}
    )
    trainer.train(str(out))
    save_gazetteer(learn_gazetteer(resumes), gazetteer_path(out))


def _judge(judges: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("resume_entities", judges / "resume_entities.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no resume_entities.py in {judges}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _folds(resumes: Sequence[Resume], k: int) -> Iterator[tuple[list[Resume], list[Resume]]]:
    for fold in range(k):
        yield (
            [r for i, r in enumerate(resumes) if i % k != fold],
            [r for i, r in enumerate(resumes) if i % k == fold],
        )


def _train_fold(job: tuple[Sequence[Resume], Path]) -> Path:
    resumes, out = job
    if not out.exists():
        train(resumes, out)
    return out


def fold_models(resumes: Sequence[Resume], k: int, directory: Path) -> list[Path]:
    """One model per fold, trained on the other folds, two at a time (one per core). A model
    already in `directory` is reused (--keep), so parser changes can be re-measured at once."""
    jobs = [
        (train_part, directory / f"fold{n}-of-{k}.crfsuite")
        for n, (train_part, _) in enumerate(_folds(resumes, k))
    ]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return pool.map(_train_fold, jobs)


# Measured beside the judge's labels with its matching, though the judge has no row for it: a
# role's location, against the places the resumes label ("Location" also labels the person's
# own address, so only precision says something). A tailored resume prints it under the role.
OWN_FIELDS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "Location": lambda parsed: [w.get("location", "") for w in parsed.get("work", [])],
}


def cross_validate(
    resumes: Sequence[Resume],
    k: int,
    judge: ModuleType,
    parse_with: Callable[[Path, str], dict[str, Any]],
    gold_of: Mapping[str, Mapping[str, set[str]]],
    keep: Path | None = None,
) -> None:
    """Print the judge's figures, each held-out fold parsed with the model of the others;
    `gold_of[path]` are the judge's own gold entities of a file (`judge.load`)."""
    hits: collections.Counter[str] = collections.Counter()
    totals: collections.Counter[str] = collections.Counter()
    pred_hits: collections.Counter[str] = collections.Counter()
    pred_totals: collections.Counter[str] = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        directory = keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        models = fold_models(resumes, k, directory)
        for model, (_, test_part) in zip(models, _folds(resumes, k), strict=True):
            for r in test_part:
                gold = gold_of[r.path]
                parsed = parse_with(model, r.text)
                for label, get in {**judge.FIELDS, **OWN_FIELDS}.items():
                    vals = [judge.norm(v) for v in get(parsed) if v]
                    golds = list(gold.get(label, ()))
                    for g in golds:
                        totals[label] += 1
                        hits[label] += judge.found(g, vals)
                    for v in set(vals):
                        pred_totals[label] += 1
                        pred_hits[label] += judge.found(v, golds) or any(
                            judge.found(g, [v]) for g in golds
                        )
    print(f"{len(resumes)} resumes, {k}-fold cross-validation by file")
    for label in judge.FIELDS:
        if totals[label]:
            prec = pred_hits[label] / pred_totals[label] if pred_totals[label] else 0.0
            print(
                f"{label:>22}  recall {hits[label] / totals[label]:.3f}  "
                f"({hits[label]}/{totals[label]})  precision {prec:.3f}  "
                f"({pred_hits[label]}/{pred_totals[label]})"
            )
    judged = [label for label in judge.FIELDS if totals[label]]
    overall = sum(hits[x] for x in judged) / sum(totals[x] for x in judged)
    print(f"{'all':>22}  recall {overall:.3f}")
    for label in OWN_FIELDS:
        prec = pred_hits[label] / pred_totals[label] if pred_totals[label] else 0.0
        print(
            f"{label + ' (ours)':>22}  precision {prec:.3f}  ({pred_hits[label]}/"
            f"{pred_totals[label]})  (not the judge's: a role's location against the labelled"
            " places)"
        )


def _parse_with(model: Path, text: str) -> dict[str, Any]:
    return parse_with_tagger(text, Tagger(model))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resume-ner", type=Path, required=True, help="labelled resumes (train)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--folds", type=int, default=0, help="cross-validate instead of training")
    ap.add_argument("--judges", type=Path, help="../shared/eval, for --folds")
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the fold models here")
    args = ap.parse_args(argv)
    began = time.perf_counter()
    resumes = load(args.resume_ner)
    if not resumes:
        print(f"no labelled resumes under {args.resume_ner}", file=sys.stderr)
        return 2
    if args.folds:
        if args.judges is None:
            ap.error("--folds needs --judges")
        judge = _judge(args.judges)
        gold_of = {path: gold for path, _, gold in judge.load(str(args.resume_ner))}
        cross_validate(resumes, args.folds, judge, _parse_with, gold_of, args.keep)
    else:
        train(resumes, args.out)
        print(f"trained on {len(resumes)} resumes -> {args.out.name}")
    print(f"{time.perf_counter() - began:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

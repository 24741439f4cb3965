"""Where the parser errs on one label, under the same 5-fold cross-validation `make eval`
prints: every gold entity it missed and every value it reported that no gold entity
matches, each with the parser line that holds it and the section the parser read that line
in, then the counts per section and how many work entries name neither title nor employer.

    python -m tailor_worker.eval.errors --label Designation --keep /tmp/folds

The fold models are trained into --keep on the first run (about 5 minutes on two cores) and
reused after, so a parser change is re-analysed in under a minute; retrain (a new --keep)
after changing the CRF's features. The labelled resumes hold fake names and addresses, and
this prints to the developer's terminal only, never to a service log.
"""

from __future__ import annotations

import argparse
import collections
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from tailor_worker.engine import resume_parser
from tailor_worker.engine.entities.model import Tagger
from tailor_worker.eval.judges import parse_with_tagger
from tailor_worker.training import entities as train


@dataclass(frozen=True)
class Error:
    file: str
    kind: str  # "missed" (a gold entity not found) or "wrong" (a value no gold matches)
    value: str  # the judge's normalised text
    section: str  # where the parser read the line holding it; "nowhere" when no line does
    line: str


def _parse_tracing_sections(text: str, tagger: Tagger) -> tuple[dict[str, Any], dict[int, str]]:
    """The parse, and the section the parser dispatched each line index to."""
    seen: dict[int, str] = {}
    dispatch = resume_parser._dispatch

    def tracing(state: Any, section: str, line: str, blank: bool) -> None:
        seen[state.line_no] = section
        dispatch(state, section, line, blank)

    resume_parser._dispatch = tracing  # type: ignore[assignment]
    try:
        return parse_with_tagger(text, tagger), seen
    finally:
        resume_parser._dispatch = dispatch


def _where(
    text: str, lines: Sequence[str], normed: Sequence[str], sections: Mapping[int, str]
) -> tuple[str, str]:
    """The section and text of the first line holding `text` (judge-normalised)."""
    at = next((i for i, n in enumerate(normed) if text in n), -1)
    return ("nowhere", "") if at < 0 else (sections.get(at, "-"), lines[at])


def errors(
    resumes: Sequence[train.Resume],
    models: Sequence[Path],
    folds: int,
    judge: ModuleType,
    label: str,
    gold_of: Mapping[str, Mapping[str, set[str]]],
    roles: collections.Counter[str] | None = None,
) -> Iterator[Error]:
    """Each error of `label`; `roles` (if given) counts the work entries read ("all") and
    those with neither title nor employer ("nameless")."""
    get: Callable[[dict[str, Any]], list[str]] = {**judge.FIELDS, **train.OWN_FIELDS}[label]
    for model, (_, held_out) in zip(models, train._folds(resumes, folds), strict=True):
        tagger = Tagger(model)
        for r in held_out:
            parsed, sections = _parse_tracing_sections(r.text, tagger)
            if roles is not None:
                work = parsed.get("work", [])
                roles["all"] += len(work)
                roles["nameless"] += sum(1 for w in work if not (w["position"] or w["name"]))
            lines = resume_parser.read_lines(r.lines)
            normed = [judge.norm(line) for line in lines]
            golds = sorted(gold_of[r.path].get(label, ()))
            values = [judge.norm(v) for v in get(parsed) if v]

            name = Path(r.path).name
            for g in golds:
                if not judge.found(g, values):
                    yield Error(name, "missed", g, *_where(g, lines, normed, sections))
            for v in sorted(set(values)):
                if not (judge.found(v, golds) or any(judge.found(g, [v]) for g in golds)):
                    kind = "wrong" if golds else "wrong (file labels none)"
                    yield Error(name, kind, v, *_where(v, lines, normed, sections))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resume-ner", type=Path, default=Path("../shared/data/resume-ner/train"))
    ap.add_argument("--judges", type=Path, default=Path("../shared/eval"))
    ap.add_argument("--label", required=True, help='a judge label, e.g. "Companies worked at"')
    ap.add_argument("--keep", type=Path, required=True, help="fold models (trained if absent)")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    judge = train._judge(args.judges)
    labels = [*judge.FIELDS, *train.OWN_FIELDS]  # the judge's, and a role's "Location"
    if args.label not in labels:
        ap.error(f"--label must be one of: {', '.join(labels)}")
    resumes = train.load(args.resume_ner)
    gold_of = {path: gold for path, _, gold in judge.load(str(args.resume_ner))}
    args.keep.mkdir(parents=True, exist_ok=True)
    models = train.fold_models(resumes, args.folds, args.keep)
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    roles: collections.Counter[str] = collections.Counter()
    for e in errors(resumes, models, args.folds, judge, args.label, gold_of, roles):
        counts[(e.kind, e.section)] += 1
        print(f"{e.file}\t{e.kind}\t[{e.section}]\t{e.value!r}\t{e.line[:120]!r}")
    print("\ncounts (kind, section the parser read the line in):", file=sys.stderr)
    for (kind, section), n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {n:5d}  {kind:<26} {section}", file=sys.stderr)
    print(
        f"work entries with neither title nor employer: {roles['nameless']} of {roles['all']}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

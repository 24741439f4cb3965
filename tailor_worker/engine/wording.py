"""The posting's wording for a tool the resume names otherwise ("k8s" -> "Kubernetes").

Only a tool is respelled, and only as another name of the same vocabulary term: the claim is
unchanged (the guard checks it again), but an ATS looking for the posting's word now finds
it. Degrees and certificates keep the resume's spelling: a B.S. is not a B.Eng.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tailor_worker.engine import vocabulary

_WORD = re.compile(r"[\w+#./]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold()))


def usable_wording(canonical: str, written: str) -> str:
    """The posting's form when it names exactly that tool, else the canonical name."""
    found = vocabulary.find_terms(written) if written else []
    whole = [m for m in found if m.start == 0 and m.end == len(written)]
    if whole and whole[0].term.canonical == canonical:
        return written
    return canonical


def respelled(text: str, wording: Mapping[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """`text` with each tool the job asks for shown in the job's wording (`wording` maps a
    canonical name to the posting's form), and the (before, after) pairs respelled."""
    changes: list[tuple[str, str]] = []
    out: list[str] = []
    at = 0
    for match in vocabulary.find_terms(text):
        term = match.term
        if term.kind != "tool" or term.canonical not in wording:
            continue
        wanted = usable_wording(term.canonical, wording[term.canonical])
        # "REST APIs" already shows "REST", and "CI/CD" shown as "CI/CD pipelines" would
        # add a word: only a different name is respelled.
        mine, theirs = _words(match.surface), _words(wanted)
        if mine <= theirs or theirs <= mine or match.start < at:
            continue
        out.append(text[at : match.start])
        out.append(wanted)
        changes.append((match.surface, wanted))
        at = match.end
    out.append(text[at:])
    return "".join(out), changes

"""Offline proposals: a deterministic extractive rewriter, pure (the offline provider and
the stand-ins beside a model's bullets are this).

It ranks the achievement lines of work and projects (never a tool list, a heading or a
fragment: `line_kinds`) by the job keywords they contain, most important first, and may trim
a filler opening ("Responsible for ..."), move a keyword-bearing trailing clause first, and
show a tool in the posting's wording ("k8s" -> "Kubernetes"). It only deletes, reorders and
respells words of the one line it cites, so it never adds a claim the evidence lacks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tailor_worker.engine import vocabulary
from tailor_worker.engine.line_kinds import is_achievement
from tailor_worker.engine.proposals import (
    EvidenceItem,
    ProposalRequest,
    ProposalResponse,
    ProposedBullet,
)
from tailor_worker.engine.support import Source, check
from tailor_worker.engine.wording import respelled

NAME = "offline"
MODEL = "extractive"
_ELIGIBLE = ("work", "projects")
_FILLER = re.compile(
    r"^(?:responsible for|tasked with|duties included|worked on|involved in|was involved in)"
    r"\s+",
    re.IGNORECASE,
)
_MOVABLE = re.compile(r"^(?:by|using|with|through|via|leveraging|utili[sz]ing)\b", re.IGNORECASE)
# "<did X> and <did Y>": a second past-tense verb phrase joined by "and" (comma optional).
_SECOND_ACTION = re.compile(r",? and (?=[a-z]{3,}ed\b)")


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    # Keep acronyms and names ("AWS", "Kubernetes") as written; a soft-skill verb ("Led")
    # is an ordinary word.
    names = [m for m in vocabulary.find_terms(first) if m.term.kind != "soft"]
    if first[:1].isupper() and first[1:].islower() and not names:
        return text[:1].lower() + text[1:]
    return text


def _front_keyword_action(text: str, keywords: list[str]) -> str:
    """ "Led a team and introduced CI/CD" -> "Introduced CI/CD and led a team" when only the
    second action carries a job keyword: the recruiter (and the ATS snippet) sees it first."""
    parts = _SECOND_ACTION.split(text, maxsplit=1)
    if len(parts) != 2:
        return text
    head, tail = parts
    if len(head.split()) < 3:
        # "Designed and shipped X": one action with two verbs, not two actions to swap.
        return text
    tail_body = tail.rstrip(".")
    if not vocabulary.mentioned_keywords(tail_body, keywords) or vocabulary.mentioned_keywords(
        head, keywords
    ):
        return text
    end = "." if tail.endswith(".") else ""
    return f"{_sentence_case(tail_body)} and {lower_first(head)}{end}"


def rewrite(text: str, keywords: list[str], wording: Mapping[str, str] | None = None) -> str:
    """Trim filler, front the keyword clause and show tools in the posting's wording; only
    deletes, reorders and respells words."""
    text, _ = respelled(text, wording or {})
    out = _front_keyword_action(_FILLER.sub("", text).strip(), keywords)
    head, sep, tail = out.partition(", ")
    if sep and ", " not in tail and _MOVABLE.match(tail):
        tail_body = tail.rstrip(".")
        fronts = vocabulary.mentioned_keywords(tail_body, keywords)
        if fronts and not vocabulary.mentioned_keywords(head, keywords):
            end = "." if tail.endswith(".") else ""
            out = f"{_sentence_case(tail_body)}, {lower_first(head)}{end}"
    return _sentence_case(out)


def rank(evidence: tuple[EvidenceItem, ...], keywords: tuple[str, ...]) -> list[EvidenceItem]:
    """Eligible lines, most relevant first; ties keep resume order."""
    scored: list[tuple[float, int, EvidenceItem]] = []
    order = {k: i for i, k in reversed(list(enumerate(keywords)))}  # first index, O(1)
    for position, item in enumerate(evidence):
        # Not a title row such as "Exporter | Go | 2021", a tool list or a fragment.
        if item.section not in _ELIGIBLE or "|" in item.text or not is_achievement(item.text):
            continue
        hits = vocabulary.mentioned_keywords(item.text, keywords)
        # Earlier (more important) keywords weigh more; a metric is a small bonus.
        score = sum(1.0 + (len(keywords) - order[k]) / (len(keywords) + 1) for k in hits)
        score += 0.25 if re.search(r"\d", item.text) else 0.0
        scored.append((-score, position, item))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [item for _, _, item in scored]


def parameters(max_bullets: int) -> dict[str, object]:
    """The run identity's parameters (see TailorRunner.identity)."""
    return {"strategy": "keyword-rank-v2", "max_bullets": max_bullets}


def propose(request: ProposalRequest) -> ProposalResponse:
    """The best achievement lines for the request's keywords, each lightly rewritten."""
    bullets: list[ProposedBullet] = []
    seen: set[str] = set()
    for item in rank(request.evidence, request.keywords):
        if len(bullets) >= request.max_bullets:
            break
        hits = vocabulary.mentioned_keywords(item.text, request.keywords)
        text = rewrite(item.text, hits, request.wording)
        if request.wording and check(text, Source(item.text, (), item.section)).refusals:
            # A respelling the guard cannot follow ("Cut JavaScript bundle size" for "Cut
            # JS bundle size": the change's target is read word by word): the line's words.
            text = rewrite(item.text, hits)
        if text.lower() in seen:
            continue
        seen.add(text.lower())
        bullets.append(ProposedBullet(text, (item.id,), tuple(hits)))
    return ProposalResponse(
        bullets=tuple(bullets),
        model=MODEL,
        parameters=parameters(request.max_bullets),
    )

"""The evidence guard: every claim in a proposed bullet must appear in the evidence it cites.

Claims checked: skills and tools, certifications, clearances, licences, degrees and fields
(vocabulary terms, through aliases), generic "certified" wording, capitalised names
(employers, products), numbers, percentages, money amounts, years of experience and dated
months. The support of a bullet is the text of its cited lines plus the header (position,
company, location, dates) of the entries they belong to. A bullet with an unsupported claim
is replaced by its best cited work or project line (REPAIRED) or dropped; nothing the
provider says gets through unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from resumeai.v1 import result_pb2
from tailor_worker.engine import dates, vocabulary
from tailor_worker.engine.injection import looks_like_instruction
from tailor_worker.engine.providers.base import ProposedBullet

MAX_BULLET_CHARS = 350
_REPAIR_SECTIONS = ("work", "projects")
_CHECKED_CATEGORIES = (vocabulary.HARD, vocabulary.CERT, vocabulary.EDU)
_NUMBER = re.compile(
    r"(?<![\w.])(?P<cur>[$€£])?\s?(?P<num>\d+(?:[.,]\d+)*)(?:\s?(?P<suf>%|percent\b|"
    r"[kmb]\b|bn\b|million\b|billion\b|thousand\b|x\b))?",
    re.IGNORECASE,
)
_SUFFIX = {"percent": "%", "million": "m", "billion": "b", "bn": "b", "thousand": "k"}
_CERT_WORD = re.compile(r"\b(?:certified|certification|certificate|accredited)\b", re.I)
_CAPITALISED = re.compile(r"(?<![\w.'-])[A-Z][\w&'.-]*[\w&]|(?<![\w.'-])[A-Z](?![\w'])")
_EMPLOYER_CUE = re.compile(r"\b(?:at|for|with|joined|from|via)\s+$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\(\s*)$")


@dataclass(frozen=True)
class Claim:
    kind: str
    text: str

    @property
    def label(self) -> str:
        return f"{self.kind}: {self.text}"


@dataclass
class GuardOutcome:
    bullets: list[result_pb2.TailoredBullet] = field(default_factory=list)
    findings: list[result_pb2.GuardFinding] = field(default_factory=list)


def _numbers(text: str) -> set[str]:
    out: set[str] = set()
    for m in _NUMBER.finditer(text):
        suffix = (m.group("suf") or "").lower()
        num = m.group("num").replace(",", "")
        out.add(f"{m.group('cur') or ''}{num}{_SUFFIX.get(suffix, suffix)}")
    return out


def _months(text: str) -> set[str]:
    return {v for m in dates.DATE_RE.finditer(text) if len(v := dates.normalise(m.group(0))) == 7}


def _has_word(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.IGNORECASE) is not None


def find_unsupported(text: str, support: str) -> list[Claim]:
    """Claims in `text` that `support` does not evidence."""
    claims: list[Claim] = []
    term_spans: list[tuple[int, int]] = []
    for m in vocabulary.find_terms(text):
        if m.term.category not in _CHECKED_CATEGORIES:
            continue
        term_spans.append((m.start, m.end))
        if not vocabulary.surfaces_in(m.term, support):
            claims.append(Claim(m.term.kind, m.surface))
    for word in _CERT_WORD.finditer(text):
        inside = any(a <= word.start() < b for a, b in term_spans)
        if not inside and not _CERT_WORD.search(support):
            claims.append(Claim("certification", word.group(0)))
    support_numbers = _numbers(support)
    for number in sorted(_numbers(text) - support_numbers):
        claims.append(Claim("number", number))
    stated = {n for n, _ in vocabulary.years_asked(support)}
    for n, surface in vocabulary.years_asked(text):
        if n not in stated:
            claims.append(Claim("experience", surface))
    for month in sorted(_months(text) - _months(support)):
        claims.append(Claim("date", month))
    claims.extend(_unsupported_names(text, support, term_spans))
    return claims


def _unsupported_names(
    text: str, support: str, term_spans: list[tuple[int, int]]
) -> list[Claim]:
    """Capitalised words (not opening a sentence) that the support never uses."""
    out: list[Claim] = []
    for m in _CAPITALISED.finditer(text):
        if any(a <= m.start() < b for a, b in term_spans):
            continue
        if _SENTENCE_START.search(text[: m.start()]):
            continue
        word = re.sub(r"'s$", "", m.group(0)).rstrip(".'")
        forms = {word, f"{word}s", word[:-1] if word.endswith("s") else word}
        if word in ("I", "A") or dates.normalise(word):
            continue
        if any(_has_word(f, support) for f in forms):
            continue
        kind = "employer" if _EMPLOYER_CUE.search(text[: m.start()]) else "name"
        out.append(Claim(kind, word))
    return out


class _Resume:
    """Lookup of evidence lines and the header text of the entries they belong to."""

    def __init__(self, resume: result_pb2.ParsedResume) -> None:
        self.lines = {line.id: line for line in resume.evidence}
        self.context: dict[str, str] = {}
        for work in resume.work:
            self.context[work.id] = " ".join(
                (work.position, work.company, work.location, work.dates_text)
            )
        for entry in (*resume.projects, *resume.certificates):
            self.context[entry.id] = entry.name

    def support(self, ids: Sequence[str]) -> str:
        parts: list[str] = []
        for evidence_id in ids:
            parts.append(self.lines[evidence_id].text)
            parts.append(self.context.get(evidence_id.split(".", 1)[0], ""))
        return "\n".join(parts)


def _work_id(ids: Sequence[str]) -> str:
    entries = {i.split(".", 1)[0] for i in ids}
    if len(entries) == 1:
        (entry,) = entries
        return entry if entry.startswith("W") else ""
    return ""


def guard(
    proposals: Sequence[ProposedBullet],
    resume: result_pb2.ParsedResume,
    job_keywords: Sequence[str],
    max_bullets: int,
) -> GuardOutcome:
    index = _Resume(resume)
    out = GuardOutcome()
    used: set[str] = set()
    for proposal in proposals:
        text = " ".join(proposal.text.split())
        ids = list(dict.fromkeys(proposal.evidence_ids))
        unknown = [i for i in ids if i not in index.lines]
        problems: list[str] = []
        if not ids:
            problems.append("evidence: no evidence ids cited")
        problems.extend(f"evidence: unknown id {i[:20]}" for i in unknown)
        if problems or not text:
            _record(out, proposal, result_pb2.GUARD_ACTION_DROPPED, problems or ["empty"])
            continue
        unsupported = [c.label for c in find_unsupported(text, index.support(ids))]
        if len(text) > MAX_BULLET_CHARS:
            unsupported.append(f"length: over {MAX_BULLET_CHARS} characters")
        if looks_like_instruction(text):
            unsupported.append("content: text addressed to an AI model")
        action = result_pb2.GUARD_ACTION_KEPT
        if unsupported:
            repaired = _repair_source(index, ids, proposal.keywords, used)
            if repaired is None:
                _record(out, proposal, result_pb2.GUARD_ACTION_DROPPED,
                        [*unsupported, "repair: no unused work or project line among the cited"])
                continue
            action = result_pb2.GUARD_ACTION_REPAIRED
            ids = [repaired.id]
            text = repaired.text
        if text.lower() in used:
            _record(out, proposal, result_pb2.GUARD_ACTION_DROPPED,
                    [*unsupported, "duplicate: same text as an earlier bullet"])
            continue
        if len(out.bullets) >= max_bullets:
            _record(out, proposal, result_pb2.GUARD_ACTION_DROPPED,
                    [*unsupported, f"limit: more than {max_bullets} bullets"])
            continue
        used.add(text.lower())
        bullet = len(out.bullets) + 1
        out.bullets.append(
            result_pb2.TailoredBullet(
                id=f"B{bullet}", text=text, evidence_ids=ids,
                keywords=vocabulary.mentioned_keywords(text, list(job_keywords)),
                work_id=_work_id(ids),
            )
        )
        _record(out, proposal, action, unsupported, f"B{bullet}")
    return out


def _repair_source(
    index: _Resume, ids: Sequence[str], keywords: Sequence[str], used: set[str]
) -> result_pb2.EvidenceLine | None:
    """The cited work/project line that best carries the bullet's keywords, unused so far."""
    candidates = [
        index.lines[i]
        for i in ids
        if index.lines[i].section in _REPAIR_SECTIONS and index.lines[i].text.lower() not in used
    ]
    if not candidates:
        return None
    return max(
        candidates, key=lambda line: len(vocabulary.mentioned_keywords(line.text, list(keywords)))
    )


def _record(
    out: GuardOutcome,
    proposal: ProposedBullet,
    action: result_pb2.GuardAction.ValueType,
    unsupported: Sequence[str],
    bullet_id: str = "",
) -> None:
    out.findings.append(
        result_pb2.GuardFinding(
            proposed_text=proposal.text[:1000], action=action, unsupported=unsupported,
            bullet_id=bullet_id,
        )
    )

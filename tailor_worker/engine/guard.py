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
# Both cues are read from a few characters before a word (see _before), never from the whole
# prefix: searching text[:start] for every capitalised word was quadratic in the text length.
_EMPLOYER_CUE = re.compile(r"\b(?:at|for|with|joined|from|via)\Z", re.IGNORECASE)
_CUE_WINDOW = 8  # longest cue ("joined") + 2, so \b is decided inside the window
_SENTENCE_END = ".!?:;"
_WORD_RUN = re.compile(r"\w+")
# Characters re.IGNORECASE equates with an ASCII letter that casefold() does not map to it.
_FOLD_SPECIAL = str.maketrans({"\u0130": "i", "\u0131": "i"})


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


def _fold(text: str) -> str:
    return text.translate(_FOLD_SPECIAL).casefold()


def _before(text: str, start: int) -> tuple[int, bool]:
    """(index after the last non-space character before `start`, whether any whitespace lay
    between it and `start`). Walks back over that whitespace only, so the look-behind is
    bounded by the gap, not by the length of the prefix."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i, i < start


def opens_sentence(text: str, start: int) -> bool:
    r"""Whether the word at `start` opens a sentence: the text starts there, or it follows
    sentence punctuation and whitespace, or an opening parenthesis. The same answer as
    re.search(r"(?:^|[.!?:;]\s+|\(\s*)$", text[:start]), from a bounded look-behind."""
    if start == 0 or (start == 1 and text[0] == "\n"):
        return True
    i, spaced = _before(text, start)
    if i == 0:
        return False
    return text[i - 1] == "(" or (spaced and text[i - 1] in _SENTENCE_END)


def _employer_cue(text: str, start: int) -> bool:
    """"at", "for", "with", ... (then whitespace) right before `start`."""
    i, spaced = _before(text, start)
    return spaced and _EMPLOYER_CUE.search(text, max(0, i - _CUE_WINDOW), i) is not None


class _Support:
    """The support text, indexed once per bullet so that each claim costs about the length
    of the claim, not of the support (a scan of the support per claim was quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._terms: dict[str, bool] = {}
        self._words: dict[str, bool] = {}
        self._runs: dict[str, list[int]] | None = None

    def has_term(self, term: vocabulary.Term) -> bool:
        found = self._terms.get(term.canonical)
        if found is None:
            found = self._terms[term.canonical] = bool(vocabulary.surfaces_in(term, self.text))
        return found

    def has_word(self, word: str) -> bool:
        r"""re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I), via an index of the
        support's word runs: a match must start where a whole run equal to the word's first
        run does, so only those positions are tried."""
        found = self._words.get(word)
        if found is None:
            found = self._words[word] = self._find_word(word)
        return found

    def _find_word(self, word: str) -> bool:
        first = _WORD_RUN.match(word)
        if first is None:  # not reached: names start with a capital letter
            return _has_word(word, self.text)
        if self._runs is None:
            self._runs = {}
            for m in _WORD_RUN.finditer(self.text):
                self._runs.setdefault(_fold(m.group(0)), []).append(m.start())
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        return any(
            pattern.match(self.text, position)
            for position in self._runs.get(_fold(first.group(0)), ())
        )


def _has_word(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.IGNORECASE) is not None


def find_unsupported(text: str, support: str) -> list[Claim]:
    """Claims in `text` that `support` does not evidence."""
    claims: list[Claim] = []
    term_spans: list[tuple[int, int]] = []
    index = _Support(support)
    for m in vocabulary.find_terms(text):
        if m.term.category not in _CHECKED_CATEGORIES:
            continue
        term_spans.append((m.start, m.end))
        if not index.has_term(m.term):
            claims.append(Claim(m.term.kind, m.surface))
    in_term = vocabulary.SpanSet(term_spans)
    support_certified = _CERT_WORD.search(support) is not None
    for word in _CERT_WORD.finditer(text):
        if not in_term.contains(word.start()) and not support_certified:
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
    claims.extend(_unsupported_names(text, index, in_term))
    return claims


def _unsupported_names(
    text: str, support: _Support, in_term: vocabulary.SpanSet
) -> list[Claim]:
    """Capitalised words (not opening a sentence) that the support never uses."""
    out: list[Claim] = []
    for m in _CAPITALISED.finditer(text):
        if in_term.contains(m.start()):
            continue
        if opens_sentence(text, m.start()):
            continue
        word = re.sub(r"'s$", "", m.group(0)).rstrip(".'")
        forms = {word, f"{word}s", word[:-1] if word.endswith("s") else word}
        if word in ("I", "A") or dates.normalise(word):
            continue
        if any(support.has_word(f) for f in forms):
            continue
        kind = "employer" if _employer_cue(text, m.start()) else "name"
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

"""The evidence guard: a bullet says only what one cited line says.

For every proposed bullet, whatever the provider: the cited ids must exist; then each cited
line, with the header of its own entry (title, employer, place, dates), is asked on its own
whether it supports every word, figure, tool and name of the bullet (see `support`). The
bullet is KEPT when one line does, citing that line alone, so a bullet can never combine facts
from two roles or borrow a word from a line it does not rest on. Otherwise it is REPAIRED
(replaced by its best cited work or project line, which is checked again like any other
bullet) or DROPPED. Findings name the rule that refused each claim ("figure: twelve",
"tool: Kafka") and quote only the proposed text, never the resume.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kit.checkpoints import spend
from resumeai.v1 import result_pb2
from tailor_worker.engine import lexicon, vocabulary
from tailor_worker.engine.evidence_text import Refusal, text_of
from tailor_worker.engine.injection import addresses_reader
from tailor_worker.engine.proposals import ProposedBullet
from tailor_worker.engine.support import Source, check

MAX_BULLET_CHARS = 350
# Lines that state what the person did: the only repair sources, and the only lines whose
# refusals are not a "citation" of a list (skills, education, summary).
_STATEMENT_SECTIONS = ("work", "projects")


@dataclass
class GuardOutcome:
    bullets: list[result_pb2.TailoredBullet] = field(default_factory=list)
    findings: list[result_pb2.GuardFinding] = field(default_factory=list)


@dataclass
class _Judgement:
    refusals: list[Refusal]
    evidence_id: str  # the one line that supports the bullet (or came closest)
    text: str  # the bullet as shown (look-alike letters in the evidence's spelling)


class _Resume:
    """Evidence lines, the header of each line's entry, and each line as a Source (built once
    per run, whatever the number of bullets citing it)."""

    def __init__(self, resume: result_pb2.ParsedResume) -> None:
        self.lines = {line.id: line for line in resume.evidence}
        # What a role header may lend a bullet: its title, employer and place, each whole.
        # Never its dates: "Since 2017" and "in Jun 2018" are claims the line does not make.
        self.headers: dict[str, tuple[str, ...]] = {}
        for work in resume.work:
            self.headers[work.id] = tuple(
                p for p in (work.position, work.company, work.location) if p
            )
        for entry in (*resume.projects, *resume.certificates):
            self.headers[entry.id] = (entry.name,)
        self._sources: dict[str, Source] = {}

    def source(self, evidence_id: str) -> Source:
        found = self._sources.get(evidence_id)
        if found is None:
            line = self.lines[evidence_id]
            header = self.headers.get(entry_of(evidence_id), ())
            found = self._sources[evidence_id] = Source(line.text, header, line.section)
        return found


def entry_of(evidence_id: str) -> str:
    return evidence_id.split(".", 1)[0]


def judge(text: str, ids: Sequence[str], index: _Resume) -> _Judgement:
    """The best single cited line for `text`, and what it leaves unsupported."""
    best: _Judgement | None = None
    shown = text_of(text).text
    for evidence_id in ids:
        if shown == text_of(index.lines[evidence_id].text).text:
            best = _Judgement([], evidence_id, shown)  # the cited line, word for word
            break
        verdict = check(text, index.source(evidence_id))
        judgement = _Judgement(verdict.refusals, evidence_id, verdict.text)
        if best is None or len(judgement.refusals) < len(best.refusals):
            best = judgement
        if not judgement.refusals:
            break
    assert best is not None  # ids is never empty here
    extra: list[Refusal] = []
    if best.refusals:
        entries = {entry_of(i) for i in ids}
        if len(entries) > 1:
            extra.append(Refusal("merged_roles", f"cites {len(entries)} entries; no one line "
                                 "of them supports the bullet"))
        section = index.lines[best.evidence_id].section
        content = [t for t in text_of(text).tokens
                   if t.is_word and t.fold not in lexicon.FUNCTION_WORDS]
        if section not in _STATEMENT_SECTIONS:
            extra.append(Refusal("citation", f"a {section} line supports only what it lists"))
        elif len(best.refusals) * 2 >= max(4, len(content)):
            extra.append(Refusal("citation", "the cited line says something else"))
    if addresses_reader(text):
        extra.append(Refusal("injection", "text addressed to a reader or an AI model"))
    if len(text) > MAX_BULLET_CHARS:
        extra.append(Refusal("length", f"over {MAX_BULLET_CHARS} characters"))
    return _Judgement([*best.refusals, *extra], best.evidence_id, best.text)


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
        spend()
        text = " ".join(proposal.text.split())
        ids = list(dict.fromkeys(proposal.evidence_ids))
        problems = [Refusal("evidence", "no evidence ids cited")] if not ids else []
        problems += [Refusal("evidence", f"unknown id {i[:20]}") for i in ids
                     if i not in index.lines]
        if problems or not text:
            _record(out, proposal, result_pb2.GUARD_ACTION_DROPPED,
                    problems or [Refusal("evidence", "empty bullet")])
            continue
        judgement = judge(text, ids, index)
        refusals = judgement.refusals
        action = result_pb2.GUARD_ACTION_KEPT
        if refusals:
            repaired = _repair(index, ids, proposal.keywords, used)
            if repaired is None:
                _record(out, proposal, result_pb2.GUARD_ACTION_DROPPED, [
                    *refusals,
                    Refusal("repair", "no unused cited work or project line passes the guard"),
                ])
                continue
            action = result_pb2.GUARD_ACTION_REPAIRED
            judgement = repaired
        shown = judgement.text
        if shown.lower() in used:
            _record(out, proposal, result_pb2.GUARD_ACTION_DROPPED,
                    [*refusals, Refusal("duplicate", "same text as an earlier bullet")])
            continue
        if len(out.bullets) >= max_bullets:
            _record(out, proposal, result_pb2.GUARD_ACTION_DROPPED,
                    [*refusals, Refusal("limit", f"more than {max_bullets} bullets")])
            continue
        used.add(shown.lower())
        bullet_id = f"B{len(out.bullets) + 1}"
        out.bullets.append(
            result_pb2.TailoredBullet(
                id=bullet_id, text=shown, evidence_ids=[judgement.evidence_id],
                keywords=vocabulary.mentioned_keywords(shown, list(job_keywords)),
                work_id=_work_id(judgement.evidence_id),
                proposed_by=proposal.proposed_by,
            )
        )
        _record(out, proposal, action, refusals, bullet_id)
    return out


def _repair(
    index: _Resume, ids: Sequence[str], keywords: Sequence[str], used: set[str]
) -> _Judgement | None:
    """The cited work / project line that best carries the bullet's keywords, unused so far,
    and passing the guard itself (a repair is a bullet like any other)."""
    candidates = [
        index.lines[i] for i in ids
        if index.lines[i].section in _STATEMENT_SECTIONS and index.lines[i].text.lower() not in used
    ]
    candidates.sort(key=lambda line: -len(vocabulary.mentioned_keywords(line.text, list(keywords))))
    for line in candidates:
        judgement = judge(line.text, [line.id], index)
        if not judgement.refusals:
            return judgement
    return None


def _work_id(evidence_id: str) -> str:
    entry = entry_of(evidence_id)
    return entry if entry.startswith("W") else ""


def _record(
    out: GuardOutcome,
    proposal: ProposedBullet,
    action: result_pb2.GuardAction.ValueType,
    refusals: Sequence[Refusal],
    bullet_id: str = "",
) -> None:
    out.findings.append(
        result_pb2.GuardFinding(
            proposed_text=proposal.text[:1000], action=action, proposed_by=proposal.proposed_by,
            unsupported=[r.label for r in refusals], bullet_id=bullet_id,
            rules=list(dict.fromkeys(r.rule for r in refusals)),
        )
    )

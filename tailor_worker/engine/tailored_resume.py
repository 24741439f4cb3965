"""The tailored resume: the parsed resume rebuilt for one job from evidenced facts only.

Pure: the parsed resume, the analysed job, its coverage and the guarded bullets in, a
`TailoredResume` out. What it does, and why each step cannot add a claim:
- each role's lines are ordered by relevance to the job (the job's keywords, required and
  earlier ones weighing more) and cut to a budget that shrinks for older roles; a guarded
  bullet takes the place of the line it cites; tool lists, headings and fragments leave the
  role (their tools stay in Skills);
- Skills lead with the job's skills the resume evidences, in the job's order and wording,
  each citing its evidence, including those the experience shows but the Skills line lacks;
- the headline is a title the person held (the job's title only when it was held), the years
  the dated roles add up to, and the top job skills evidenced;
- the summary opens with those facts and keeps the original summary's sentences, as written,
  most relevant first.
Every change is listed, before and after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from google.protobuf.internal.containers import RepeatedCompositeFieldContainer

from resumeai.v1 import result_pb2
from tailor_worker.engine import vocabulary
from tailor_worker.engine.coverage import WorkHistory
from tailor_worker.engine.folding import word_key
from tailor_worker.engine.job_analyzer import REQUIRED, JobKeyword
from tailor_worker.engine.line_kinds import LineKind, kind
from tailor_worker.engine.resume_facts import (
    Practised,
    held_title,
    listed,
    names_a_role,
    practised,
)
from tailor_worker.engine.wording import respelled, usable_wording

# Lines per role, newest first: recruiters read the latest role most; older ones shrink.
ROLE_BUDGET = (6, 5, 4)
OLDER_ROLE_BUDGET = 3
HEADLINE_SKILLS = 3
SUMMARY_SKILLS = 6
SUMMARY_SENTENCES = 2
SUMMARY_SOFT_SKILLS = 3
SUMMARY_DOMAINS = 3
_BULLET_LEAD = 1000.0  # above any relevance
_METRIC_BONUS = 0.1  # a line with a figure outranks a duty that names the same keywords
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
Changes = RepeatedCompositeFieldContainer[result_pb2.TailoredChange]


@dataclass(frozen=True)
class Relevance:
    """Weights of the job's keywords: required over preferred, earlier over later."""

    weights: dict[str, float]

    @classmethod
    def of(cls, keywords: Sequence[JobKeyword]) -> Relevance:
        asked = [k for k in keywords if k.kind != "years_experience"]
        asked.sort(key=lambda k: k.level != REQUIRED)  # stable: the job's order within a level
        n = len(asked)
        weights: dict[str, float] = {}
        for i, k in enumerate(asked):
            base = 1.0 if k.level == REQUIRED else 0.4
            weights.setdefault(k.keyword, base + 0.5 * (n - i) / (n + 1))
        return cls(weights)

    def keywords(self, text: str) -> list[str]:
        return vocabulary.mentioned_keywords(text, list(self.weights))

    def score(self, text: str) -> float:
        value = sum(self.weights[k] for k in self.keywords(text))
        return round(value + (_METRIC_BONUS if re.search(r"\d", text) else 0.0), 3)


def build(
    resume: result_pb2.ParsedResume,
    keywords: Sequence[JobKeyword],
    before: result_pb2.CoverageReport,
    history: WorkHistory,
    bullets: Sequence[result_pb2.TailoredBullet],
    job_title: str = "",
) -> result_pb2.TailoredResume:
    relevance = Relevance.of(keywords)
    out = result_pb2.TailoredResume()
    for index, work in enumerate(resume.work):
        out.roles.append(_role(work, index, bullets, relevance, out.changes))
    skills = _skills(resume, keywords, before)
    out.skills.extend(skills)
    _skill_changes(resume, skills, out.changes)
    title_id, title = held_title(resume, job_title)
    years = history.sure_months // 12  # never more than the dates prove
    top = [s for s in skills if s.job_skill][:HEADLINE_SKILLS]
    headline = _headline(title, years, top)
    out.headline = headline or resume.basics.label
    if headline:
        out.headline_evidence_ids.extend(
            _ids(
                [title_id],
                history.evidence_ids if years else (),
                *(s.evidence_ids for s in top),
            )
        )
    wording = {k.keyword: k.written for k in keywords if k.written}
    facts = _Facts(
        title=title,
        years=years,
        tools=practised(keywords, before, vocabulary.HARD)[:SUMMARY_SKILLS],
        domains=practised(keywords, before, vocabulary.HARD, learned=True)[:SUMMARY_DOMAINS],
        soft=practised(keywords, before, vocabulary.SOFT)[:SUMMARY_SOFT_SKILLS],
        highlight=_highlight(out.roles),
    )
    summary, summary_ids = _summary(resume, wording, facts, relevance, history)
    out.summary = summary
    out.summary_evidence_ids.extend(_ids([title_id] if title else [], summary_ids))
    for where, old, new in (
        ("headline", resume.basics.label, out.headline),
        ("summary", resume.basics.summary, out.summary),
    ):
        if word_key(old) != word_key(new):
            ids = out.headline_evidence_ids if where == "headline" else out.summary_evidence_ids
            out.changes.add(
                where=where,
                before=old,
                after=new,
                reason="rebuilt from evidenced facts",
                evidence_ids=list(ids),
            )
    return out


def _ids(*groups: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for group in groups for i in group if i))


def _role(
    work: result_pb2.WorkEntry,
    index: int,
    bullets: Sequence[result_pb2.TailoredBullet],
    relevance: Relevance,
    log: Changes,
) -> result_pb2.TailoredRole:
    ranked = sorted(_role_lines(work, bullets, relevance, log))
    budget = ROLE_BUDGET[index] if index < len(ROLE_BUDGET) else OLDER_ROLE_BUDGET
    kept = ranked[: max(budget, sum(1 for r in ranked if r.line.bullet_id))]
    for cut in ranked[len(kept) :]:
        log.add(
            where=work.id,
            before=cut.line.text,
            after="",
            reason=f"dropped: less relevant to this job than the {len(kept)} lines kept",
            evidence_ids=list(cut.line.evidence_ids),
        )
    role = result_pb2.TailoredRole(work_id=work.id)
    in_resume_order = sorted(r.position for r in kept)
    for rank, ranked_line in enumerate(kept):
        role.lines.append(ranked_line.line)
        if not ranked_line.line.bullet_id and in_resume_order.index(ranked_line.position) > rank:
            log.add(
                where=work.id,
                before=ranked_line.line.text,
                after=ranked_line.line.text,
                reason="moved up: more relevant to this job",
                evidence_ids=list(ranked_line.line.evidence_ids),
            )
    return role


@dataclass(frozen=True, order=True)
class _Ranked:
    order: float  # minus the rank: most relevant first
    position: int  # in the resume, for ties
    line: result_pb2.TailoredLine = field(compare=False)


def _role_lines(
    work: result_pb2.WorkEntry,
    bullets: Sequence[result_pb2.TailoredBullet],
    relevance: Relevance,
    log: Changes,
) -> list[_Ranked]:
    """The role's lines that stay, each as its bullet when one rewrote it."""
    position = {line.id: i for i, line in enumerate(work.highlights)}
    rewritten: dict[str, result_pb2.TailoredBullet] = {}
    merged: set[str] = set()  # lines a bullet citing several lines absorbed
    for proposed in bullets:
        mine = sorted((e for e in proposed.evidence_ids if e in position), key=position.__getitem__)
        if proposed.work_id == work.id and mine:
            rewritten.setdefault(mine[0], proposed)
            merged.update(mine[1:])
    out: list[_Ranked] = []
    for i, source in enumerate(work.highlights):
        bullet = rewritten.get(source.id)
        if bullet is None:
            if source.id in merged:
                continue
            line_kind = kind(source.text)
            if line_kind is not LineKind.ACHIEVEMENT:
                reason = f"dropped: a {line_kind.value}, not an achievement"
                if line_kind is LineKind.TOOL_LIST:
                    reason += " (its tools are in Skills)"
                log.add(
                    where=work.id,
                    before=source.text,
                    after="",
                    reason=reason,
                    evidence_ids=[source.id],
                )
                continue
            line = result_pb2.TailoredLine(
                text=source.text, evidence_ids=[source.id], relevance=relevance.score(source.text)
            )
            out.append(_Ranked(-line.relevance, i, line))
            continue
        line = result_pb2.TailoredLine(
            text=bullet.text,
            evidence_ids=list(bullet.evidence_ids),
            bullet_id=bullet.id,
            relevance=relevance.score(bullet.text),
        )
        # A bullet the guard kept for this job leads its role.
        out.append(_Ranked(-(line.relevance + _BULLET_LEAD), i, line))
        if word_key(bullet.text) != word_key(source.text):
            log.add(
                where=work.id,
                before=source.text,
                after=bullet.text,
                reason="rewritten",
                evidence_ids=list(bullet.evidence_ids),
            )
    return out


def _skills(
    resume: result_pb2.ParsedResume,
    keywords: Sequence[JobKeyword],
    before: result_pb2.CoverageReport,
) -> list[result_pb2.TailoredSkill]:
    """The job's skills the resume evidences, then the resume's other listed skills."""
    skill_lines = [line for line in resume.evidence if line.section == "skills"]
    found = {k.keyword: k for k in before.keywords if k.found}
    asked = [k.keyword for k in keywords if k.category == vocabulary.HARD and k.keyword in found]
    # Each listed skill's job keywords, read once (not once per keyword and skill).
    names_in = {s: set(vocabulary.mentioned_keywords(s, asked)) for s in resume.skills}
    out: list[result_pb2.TailoredSkill] = []
    covered: set[str] = set()  # listed skills a job skill stands for
    for keyword in keywords:
        item = found.get(keyword.keyword)
        if keyword.category != vocabulary.HARD or item is None or keyword.keyword in covered:
            continue
        if names_a_role(keyword):
            continue
        names = [s for s in resume.skills if keyword.keyword in names_in[s]]
        # A skill is added only when the vocabulary knows it as a tool: a word the posting
        # uses ("Production") is no skill to list.
        if not names and (keyword.term is None or keyword.term.kind != "tool"):
            continue
        covered.add(keyword.keyword)
        covered.update(word_key(n) for n in names)
        name = (
            usable_wording(keyword.keyword, keyword.written) if keyword.written else keyword.keyword
        )
        # Cited where it is listed, else where the experience shows it, else anywhere.
        in_skills = [i for i in item.evidence_ids if i.startswith("K")] or [
            i for i in item.evidence_ids if i[:1] in "WP"
        ]
        out.append(
            result_pb2.TailoredSkill(
                name=name,
                evidence_ids=(in_skills or list(item.evidence_ids))[:3],
                job_skill=True,
                added=not names,
            )
        )
    for skill in resume.skills:
        key = word_key(skill)
        if key in covered or not key:
            continue
        covered.add(key)
        ids = [line.id for line in skill_lines if skill in line.text][:1] or _line_holding(
            resume, skill
        )
        out.append(result_pb2.TailoredSkill(name=skill, evidence_ids=ids, added=False))
    return out


def _line_holding(resume: result_pb2.ParsedResume, text: str) -> list[str]:
    return [line.id for line in resume.evidence if text in line.text][:1]


def _skill_changes(
    resume: result_pb2.ParsedResume,
    skills: Sequence[result_pb2.TailoredSkill],
    log: Changes,
) -> None:
    for skill in skills:
        if skill.added:
            log.add(
                where="skills",
                before="",
                after=skill.name,
                reason=f"added: evidenced by {', '.join(skill.evidence_ids)}",
                evidence_ids=list(skill.evidence_ids),
            )
    before = ", ".join(resume.skills)
    after = ", ".join(s.name for s in skills)
    if word_key(before) != word_key(after):
        log.add(
            where="skills",
            before=before,
            after=after,
            reason="the job's skills first, in the posting's wording",
            evidence_ids=_ids(*(s.evidence_ids for s in skills)),
        )


def _headline(title: str, years: int, skills: Sequence[result_pb2.TailoredSkill]) -> str:
    if not title:
        return ""
    parts = [title]
    if years >= 1:
        parts.append(f"{years}+ years" if years > 1 else "1+ year")
    if skills:
        parts.append(", ".join(s.name for s in skills))
    return " | ".join(parts)


@dataclass(frozen=True)
class _Facts:
    """What the summary may say: each fact evidenced by the parsed resume."""

    title: str
    years: int  # that the dates prove at the least
    tools: Sequence[Practised]
    domains: Sequence[Practised]  # the posting's multi-word asks the work lines show
    soft: Sequence[Practised]
    highlight: result_pb2.TailoredLine | None  # the line most relevant to the job: its scope


def _highlight(roles: Sequence[result_pb2.TailoredRole]) -> result_pb2.TailoredLine | None:
    lines = [line for role in roles for line in role.lines if line.relevance > _METRIC_BONUS]
    return max(lines, key=lambda line: line.relevance, default=None)


def _summary(
    resume: result_pb2.ParsedResume,
    wording: Mapping[str, str],
    facts: _Facts,
    relevance: Relevance,
    history: WorkHistory,
) -> tuple[str, list[str]]:
    sentences: list[str] = []
    ids: list[str] = []
    title, years, tools, soft = facts.title, facts.years, facts.tools, facts.soft
    if title and years >= 1:
        sentences.append(f"{title} with {years}+ years of experience.")
        ids.extend(history.evidence_ids)
    if tools:
        sentences.append(f"Hands-on experience with {listed([t.name for t in tools])}.")
        ids.extend(i for t in tools for i in t.evidence_ids)
    if facts.domains:
        sentences.append(f"Work in {listed([d.name for d in facts.domains])}.")
        ids.extend(i for d in facts.domains for i in d.evidence_ids)
    if facts.highlight is not None:
        # The scope the job asks about (how many, how much, how fast) in the person's line.
        sentences.append(f"Highlight: {facts.highlight.text.rstrip('.')}.")
        ids.extend(facts.highlight.evidence_ids)
    if soft:
        # The roles' own lines show these ("Mentored two engineers"); the posting's word for
        # them lets a reader, and an ATS, find them.
        sentences.append(f"Strengths shown in the roles below: {listed([s.name for s in soft])}.")
        ids.extend(i for s in soft for i in s.evidence_ids)
    own = [s.strip() for s in _SENTENCE_END.split(resume.basics.summary) if s.strip()]
    ranked = sorted(enumerate(own), key=lambda s: (-relevance.score(s[1]), s[0]))
    kept = sorted(ranked[:SUMMARY_SENTENCES])
    # The person's own sentences, a tool in the posting's wording ("k8s" -> "Kubernetes").
    sentences.extend(respelled(s, wording)[0] for _, s in kept)
    if kept:
        ids.extend(resume.basics.summary_evidence_ids)
    if not sentences:
        return resume.basics.summary, list(resume.basics.summary_evidence_ids)
    return " ".join(sentences), ids

"""The evidence engine end to end: parse, analyse, cover, find gaps, propose, guard, re-cover.

Pure: text and `today` in, a result out; no I/O, no clock, no threads. A run is three steps
so a model can propose between them: `prepare` reads both texts, `proposal_request` is what
a proposer is asked, `finish` guards the proposals and builds the result. `tailor` is the
three with the engine's own offline proposals. The worker's `tailor_worker.tailoring` runs
them off the event loop, under a CPU budget, with a provider's proposals.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from kit.limits import DEFAULT_BULLETS, MAX_BULLETS, MIN_BULLETS
from resumeai.v1 import common_pb2, result_pb2
from tailor_worker.engine import cover_letter, offline, vocabulary
from tailor_worker.engine import coverage as cov
from tailor_worker.engine.gaps import GapAnalysis, analyse_gaps
from tailor_worker.engine.guard import guard
from tailor_worker.engine.job_analyzer import REQUIRED, AnalyzedJob, analyze_job
from tailor_worker.engine.proposals import (
    EvidenceItem,
    ProposalRequest,
    ProposalResponse,
    ProposedBullet,
)
from tailor_worker.engine.resume_facts import practised
from tailor_worker.engine.resume_parser import parse_resume
from tailor_worker.engine.tailored_resume import build as build_tailored

ENGINE_VERSION = "1.3.0"  # 1.1: the one-line whitelist guard; 1.2: the entity CRF in the parser;
# 1.2.1: the CRF reads published job titles and word rarity; roles under date-only headers;
# a role's "Technologies:" line stays with the role; 1.2.2: education entries carry their
# level and the field as written, degrees read by their form; 1.3.0: the tailored resume
# (roles ordered and cut by relevance, skills, headline, summary), the score counts exposed
# keywords, bullets are achievements only, tools in the posting's wording
SCHEMA_VERSION = "1"


@dataclass
class Prepared:
    """Both texts read: what a proposer is asked from and what `finish` guards against."""

    resume: result_pb2.ParsedResume
    job: AnalyzedJob
    history: cov.WorkHistory
    evidence_docs: list[cov.Document]
    before: result_pb2.CoverageReport
    gaps: GapAnalysis
    resume_sha256: str
    job_sha256: str


def clamp_bullets(requested: int) -> int:
    """0 means the default; anything else is held to 6..12."""
    if requested <= 0:
        return DEFAULT_BULLETS
    return max(MIN_BULLETS, min(MAX_BULLETS, requested))


def prepare(
    resume_lines: Sequence[str], job_text: str, extraction_warnings: Sequence[str], today: date
) -> Prepared:
    """Parse the resume, analyse the job, cover and find gaps. `today` dates open roles.
    Raises ResumeParseError / JobAnalysisError for unusable inputs."""
    resume = parse_resume(list(resume_lines))
    resume.warnings[:0] = list(extraction_warnings)
    job = analyze_job(job_text)
    history = cov.work_history(resume, (today.year, today.month))
    docs = [cov.Document(line.id, line.text) for line in resume.evidence]
    # Role titles count for coverage ("DevOps Engineer"), cited by WorkEntry id ("W1").
    docs += [cov.Document(w.id, w.position) for w in resume.work if w.position]
    shown = [*docs, *_headline_docs(resume.basics.label)]
    before = cov.coverage(job.keywords, docs, history, shown)
    return Prepared(
        resume,
        job,
        history,
        docs,
        before,
        analyse_gaps(job.keywords, before),
        sha256_text("\n".join(resume_lines)),
        sha256_text(job_text),
    )


def proposal_request(prepared: Prepared, max_bullets: int) -> ProposalRequest:
    """What a proposer is asked: the evidence lines and the job's keywords, required first."""
    ordered = sorted(
        (k for k in prepared.job.keywords if k.kind != "years_experience"),
        key=lambda k: k.level != REQUIRED,
    )
    return ProposalRequest(
        evidence=tuple(
            EvidenceItem(line.id, line.section, line.text) for line in prepared.resume.evidence
        ),
        keywords=tuple(k.keyword for k in ordered),
        max_bullets=max_bullets,
        job_title=prepared.job.analysis.title,
        wording={k.keyword: k.written for k in ordered if k.written},
    )


def finish(
    prepared: Prepared,
    response: ProposalResponse,
    max_bullets: int,
    provider_name: str,
    stand_ins: Sequence[ProposedBullet] = (),
) -> result_pb2.TailoringResult:
    """Guard the proposals (`stand_ins`, the offline ones, fill in for what a model's kept
    bullets leave uncovered) and build the result. Its metadata names the engine, provider,
    model and usage; the caller adds the latency and the prompt."""
    keywords = [k.keyword for k in prepared.job.keywords]
    proposals = [replace(p, proposed_by=provider_name) for p in response.bullets]
    if stand_ins:
        # The model proposes, the guard decides; the offline bullets stand in for lines the
        # model's kept bullets do not cover, after them, so a refused or missing proposal
        # never leaves the resume worse than offline tailoring would.
        first = guard(proposals, prepared.resume, keywords, max_bullets)
        cited = {e for b in first.bullets for e in b.evidence_ids}
        proposals += [
            replace(p, proposed_by=offline.NAME)
            for p in stand_ins
            if not cited.intersection(p.evidence_ids)
        ]
    outcome = guard(proposals, prepared.resume, keywords, max_bullets)
    _warn_if_empty(prepared.resume, outcome.bullets)
    after_docs = [*prepared.evidence_docs, *(cov.Document(b.id, b.text) for b in outcome.bullets)]
    tailored = build_tailored(
        prepared.resume,
        prepared.job.keywords,
        prepared.before,
        prepared.history,
        outcome.bullets,
        prepared.job.analysis.title,
    )
    return result_pb2.TailoringResult(
        metadata=common_pb2.RunMetadata(
            engine_version=ENGINE_VERSION,
            provider=provider_name,
            model=response.model,
            parameters_json=canonical_json(dict(response.parameters)),
            prompt_tokens=response.prompt_tokens,
            completion_tokens=response.completion_tokens,
            cost_micro_usd=response.cost_micro_usd,
            resume_sha256=prepared.resume_sha256,
            job_sha256=prepared.job_sha256,
        ),
        schema_version=SCHEMA_VERSION,
        resume=prepared.resume,
        job=prepared.job.analysis,
        coverage_before=prepared.before,
        coverage_after=cov.coverage(
            prepared.job.keywords,
            after_docs,
            prepared.history,
            shown_documents(prepared.resume, tailored),
        ),
        gaps=prepared.gaps.gaps,
        warnings=prepared.gaps.warnings,
        questions=prepared.gaps.questions,
        bullets=outcome.bullets,
        guard=outcome.findings,
        tailored=tailored,
        cover_letter=cover_letter.build(
            prepared.resume,
            prepared.job.analysis,
            tailored,
            prepared.history,
            practised(prepared.job.keywords, prepared.before, vocabulary.HARD),
        ),
    )


def _headline_docs(label: str) -> list[cov.Document]:
    return [cov.Document("headline", label)] if label else []


def shown_documents(
    resume: result_pb2.ParsedResume, tailored: result_pb2.TailoredResume
) -> list[cov.Document]:
    """What a reader (or an ATS) sees of the tailored resume: headline, summary, skills,
    each role's header and kept lines, and the sections tailoring leaves as they are."""
    docs = [
        *_headline_docs(tailored.headline),
        cov.Document("summary", tailored.summary),
        *(cov.Document("skills", s.name) for s in tailored.skills),
    ]
    for work in resume.work:
        docs.append(cov.Document(work.id, f"{work.position}, {work.company}"))
    for role in tailored.roles:
        docs += [
            cov.Document(line.bullet_id or line.evidence_ids[0], line.text) for line in role.lines
        ]
    kept = ("education", "certificates", "projects", "other")
    docs += [cov.Document(line.id, line.text) for line in resume.evidence if line.section in kept]
    return docs


def _warn_if_empty(
    resume: result_pb2.ParsedResume, bullets: Sequence[result_pb2.TailoredBullet]
) -> None:
    """A run that found no role or produced no bullet says so in the result, never a quiet
    success with nothing in it."""
    if not resume.work:
        resume.warnings.append(
            "no work experience could be read: no role header (title, employer, dates) was "
            "recognised; check the file's layout, or paste the text"
        )
    elif not any(line.section == "work" for line in resume.evidence):
        resume.warnings.append("roles were found but none has a bullet or description line")
    if not bullets:
        resume.warnings.append(
            "no tailored bullets: no work or project line could be used for this job"
        )


def tailor(
    resume_lines: Sequence[str],
    job_text: str,
    *,
    today: date,
    max_bullets: int = DEFAULT_BULLETS,
    extraction_warnings: Sequence[str] = (),
) -> result_pb2.TailoringResult:
    """Tailor a resume (extracted lines) to a job description with the engine's own offline
    proposals, in one call. Raises EngineError subclasses for unusable inputs."""
    bullets = clamp_bullets(max_bullets)
    prepared = prepare(resume_lines, job_text, extraction_warnings, today)
    response = offline.propose(proposal_request(prepared, bullets))
    return finish(prepared, response, bullets, offline.NAME)


def canonical_json(params: object) -> str:
    """The one serialisation of provider parameters; TailorRunner.identity uses it too, so
    the cache key and the stored metadata agree byte for byte."""
    return json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

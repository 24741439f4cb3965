"""The evidence-first cover letter: built from the tailored resume's facts, every sentence
about the person checked by the guard. Pure.

Paragraphs: what the person applies for (the posting's role and company, no claim); who
they are (a held title, the years the dates prove at the least, the latest employer); two
or three of their most relevant lines, each "At <employer>, I <the line>." and accepted by
`support.check` against that line and its role's header once the pronoun is set aside (the
pronoun adds no fact); the job's skills their work shows; a closing that claims nothing.
A line the guard refuses in that frame is left out, never reworded.
"""

from __future__ import annotations

from collections.abc import Sequence

from lemminflect import getAllLemmas

from kit.titles import title_role
from resumeai.v1 import result_pb2
from tailor_worker.engine.coverage import WorkHistory
from tailor_worker.engine.offline import lower_first
from tailor_worker.engine.resume_facts import Practised, held_title, latest_role, listed
from tailor_worker.engine.support import Source, check

EVIDENCE_SENTENCES = 3
LETTER_SKILLS = 5


def build(
    resume: result_pb2.ParsedResume,
    job: result_pb2.JobAnalysis,
    tailored: result_pb2.TailoredResume,
    history: WorkHistory,
    tools: Sequence[Practised],
) -> result_pb2.CoverLetter:
    company = job.company.strip()
    letter = result_pb2.CoverLetter(
        salutation=f"Dear {company} hiring team," if company else "Dear Hiring Manager,",
        closing="Sincerely,",
        signature=resume.basics.name,
    )
    role = title_role(job.title)
    opening = [f"I am applying for the {role} role{f' at {company}' if company else ''}."]
    opening = opening if role else []
    # Four paragraphs: the application and who applies, what they did, the skills it
    # shows, the closing. A paragraph's evidence is the union of its sentences'.
    paragraphs = [
        _joined([*map(_claimless, opening), _who(resume, history, job.title)]),
        _joined(_evidence(resume, tailored)),
    ]
    if tools:
        names = listed([t.name for t in tools[:LETTER_SKILLS]])
        paragraphs.append(
            result_pb2.LetterParagraph(
                text=f"Of the skills the posting asks for, my work shows {names}.",
                evidence_ids=list(dict.fromkeys(t.evidence_ids[0] for t in tools[:LETTER_SKILLS])),
            )
        )
    team = company or "your team"
    paragraphs.append(
        _claimless(
            f"I would welcome the chance to talk about how this experience could help {team}."
        )
    )
    letter.paragraphs.extend(p for p in paragraphs if p.text)
    return letter


def _claimless(text: str) -> result_pb2.LetterParagraph:
    return result_pb2.LetterParagraph(text=text)


def _joined(sentences: Sequence[result_pb2.LetterParagraph]) -> result_pb2.LetterParagraph:
    kept = [s for s in sentences if s.text]
    return result_pb2.LetterParagraph(
        text=" ".join(s.text for s in kept),
        evidence_ids=list(dict.fromkeys(i for s in kept for i in s.evidence_ids)),
    )


def _who(
    resume: result_pb2.ParsedResume, history: WorkHistory, job_title: str
) -> result_pb2.LetterParagraph:
    work_id, title = held_title(resume, job_title)
    work = next((w for w in resume.work if w.id == work_id), None)
    if work is None:
        # The person's own headline names no employer: say the latest role as it is.
        work = latest_role(resume)
        title = work.position if work is not None else ""
    years = history.sure_months // 12
    if work is None or not title:
        return result_pb2.LetterParagraph()
    work_id = work.id
    employer = f" at {work.company}" if work.company else ""
    current = work.end_date == "present"
    role = f"{'currently' if current else 'most recently'} as {title}{employer}"
    if years >= 1:
        text = f"I have {years}+ years of experience, {role}."
        ids = [work_id, *history.evidence_ids]
    else:
        text = f"I work {role}." if current else f"I worked {role}."
        ids = [work_id]
    return result_pb2.LetterParagraph(text=text, evidence_ids=list(dict.fromkeys(ids)))


def _evidence(
    resume: result_pb2.ParsedResume, tailored: result_pb2.TailoredResume
) -> list[result_pb2.LetterParagraph]:
    """The most relevant lines, one per role first, each in the letter's frame if the guard
    accepts it there."""
    lines = {line.id: line for line in resume.evidence}
    works = {w.id: w for w in resume.work}
    candidates = [
        (line.relevance, r, i, role.work_id, line)
        for r, role in enumerate(tailored.roles)
        for i, line in enumerate(role.lines)
        if line.relevance > 0
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    firsts: list[tuple[float, int, int, str, result_pb2.TailoredLine]] = []
    others: list[tuple[float, int, int, str, result_pb2.TailoredLine]] = []
    for candidate in candidates:
        (others if any(f[3] == candidate[3] for f in firsts) else firsts).append(candidate)
    out: list[result_pb2.LetterParagraph] = []
    for *_, work_id, shown in firsts + others:
        if len(out) >= EVIDENCE_SENTENCES:
            break
        work = works[work_id]
        source_line = lines.get(shown.evidence_ids[0])
        if source_line is None or not work.company:
            continue
        clause = lower_first(shown.text.strip().rstrip("."))
        if not _opens_with_verb(clause):
            continue  # "Relief charge nurse 2-3 shifts a month" does not follow "I"
        header = tuple(p for p in (work.position, work.company, work.location) if p)
        judged = check(f"At {work.company}, {clause}.", Source(source_line.text, header))
        if judged.refusals:
            continue
        out.append(
            result_pb2.LetterParagraph(
                text=f"At {work.company}, I {clause}.", evidence_ids=list(shown.evidence_ids)
            )
        )
    return out


def _opens_with_verb(clause: str) -> bool:
    """ "designed and built ...", "own 9 of the 14 ...": a line that reads after "I"."""
    first = clause.split(" ", 1)[0].lower()
    return "VERB" in getAllLemmas(first)

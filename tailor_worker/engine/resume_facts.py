"""What a tailored headline, summary and cover letter may say about the person: the titles
they held, the role they hold now, and the job's keywords their work shows. Pure functions of
the parsed resume, the analysed job and its coverage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kit.titles import title_words
from resumeai.v1 import result_pb2
from tailor_worker.engine import vocabulary
from tailor_worker.engine.folding import word_key
from tailor_worker.engine.job_analyzer import JobKeyword
from tailor_worker.engine.wording import usable_wording


def held_title(resume: result_pb2.ParsedResume, job_title: str) -> tuple[str, str]:
    """(work id, title) for the headline: a title the person holds or held, or their own
    headline. The job's title only when a role held it; else the one sharing most words
    with it; else the latest role's (or the person's headline when it names that title more
    fully: "Staff Nurse II - Medical-Surgical Unit" for the role "Staff Nurse II")."""
    held = [(w.id, w.position) for w in resume.work if w.position.strip()]
    if not held:
        return "", ""
    latest = max(held, key=lambda h: _recency(resume, h[0]))
    label = resume.basics.label.strip()
    if label and len(label) <= _MAX_LABEL and word_key(latest[1]) in word_key(label):
        latest = (latest[0], label)
    wanted = title_words(job_title)
    same = [h for h in held if wanted and title_words(h[1]) == wanted]
    if same:
        return same[0]
    own = [("", label)] if label and len(label) <= _MAX_LABEL else []
    # Latest first, so that among equal overlaps the current title wins.
    candidates = [latest, *own, *sorted(held, key=lambda h: _recency(resume, h[0]), reverse=True)]
    best = max(candidates, key=lambda c: len(title_words(c[1]) & wanted))
    return best if title_words(best[1]) & wanted else latest


_MAX_LABEL = 80


def latest_role(resume: result_pb2.ParsedResume) -> result_pb2.WorkEntry | None:
    """The role the person holds now, or held last."""
    if not resume.work:
        return None
    return max(resume.work, key=lambda w: _recency(resume, w.id))


def _recency(resume: result_pb2.ParsedResume, work_id: str) -> tuple[int, str, int]:
    """Latest first: a current role, then the latest end or start date, then resume order."""
    for order, work in enumerate(resume.work):
        if work.id == work_id:
            end = work.end_date or work.start_date
            return (1 if end == "present" else 0, end if end != "present" else "", -order)
    return (0, "", 0)


# A keyword ending in one of these names a job, not a skill ("Data Analyst").
_ROLE_NOUNS = frozenset(
    {
        "analyst",
        "engineer",
        "developer",
        "manager",
        "designer",
        "scientist",
        "architect",
        "administrator",
        "consultant",
        "specialist",
        "nurse",
        "accountant",
        "recruiter",
        "teacher",
        "coordinator",
        "technician",
        "director",
        "officer",
        "assistant",
        "intern",
    }
)


def names_a_role(keyword: JobKeyword) -> bool:
    """ "Data Analyst" is a title the roles hold, not a skill worked with."""
    last = {w.split()[-1].lower() for w in (keyword.keyword, keyword.written) if w.split()}
    return bool(last & _ROLE_NOUNS)


@dataclass(frozen=True)
class Practised:
    """A job keyword some experience line (or role title) evidences, with those lines."""

    name: str  # in the posting's wording
    evidence_ids: tuple[str, ...]


def practised(
    keywords: Sequence[JobKeyword],
    before: result_pb2.CoverageReport,
    category: int,
    *,
    learned: bool = False,
) -> list[Practised]:
    """The job's keywords of `category` that work or project lines evidence, job order: the
    vocabulary's terms, or with `learned` the extractor's phrases of two words or more
    ("query optimisation", "message brokers"; a single word such as "production" is too
    often a plain word)."""
    found = {k.keyword: k for k in before.keywords if k.found}
    out: list[Practised] = []
    for keyword in keywords:
        item = found.get(keyword.keyword)
        if keyword.category != category or item is None:
            continue
        if (keyword.term is None) != learned or (learned and len(keyword.keyword.split()) < 2):
            continue
        if names_a_role(keyword):
            continue
        ids = tuple(i for i in item.evidence_ids if i[:1] in "WP")
        # A soft skill by its name ("Leadership"): the posting writes it as a verb ("lead").
        name = (
            keyword.keyword
            if category != vocabulary.HARD
            else usable_wording(keyword.keyword, keyword.written or keyword.keyword)
        )
        if ids and all(p.name != name for p in out):
            out.append(Practised(name, ids))
    return out


def listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

"""Tailoring that tailors: line kinds, the posting's wording, exposure and the tailored resume."""

from __future__ import annotations

import re
from datetime import date

import pytest

from resumeai.v1 import result_pb2
from tailor_worker.engine.hiring_company import hiring_company
from tailor_worker.engine.line_kinds import LineKind, kind
from tailor_worker.engine.offline import rewrite
from tailor_worker.engine.proposals import (
    EvidenceItem,
    ProposalRequest,
    ProposalResponse,
    ProposedBullet,
)
from tailor_worker.engine.support import Source, check
from tailor_worker.engine.wording import respelled
from tailor_worker.providers.offline import OfflineProvider
from tailor_worker.tailoring import tailor

TODAY = date(2026, 11, 1)

RESUME = """Dana Whitfield
Platform Engineer
dana@example.com | +1 555 0100 2000 | Austin, TX

SUMMARY
Infrastructure engineer who runs k8s clusters and Postgres for payments teams.

EXPERIENCE
Platform Engineer — Larkspur Pay, Austin, TX
Jan 2021 – Present
- Moved 30 services onto k8s with Helm, cutting deploy time from 40 to 6 minutes
- Tools: Jira, Confluence, Excel
- Tuned Postgres autovacuum and indexes, reducing p99 query latency by 70%
- migration tracker which allows the
- Organised the team's quarterly offsite and lunch rota
- Mentored three engineers through their first on-call rotations
- Wrote the team's incident runbooks and postmortem template
- Ran weekly office hours for product teams
- Automated TLS certificate renewal for 120 domains

Systems Administrator — Tallow Hosting, Dallas, TX
2016 – 2020
- Administered 200 Linux servers and their backups
- Scripted user provisioning in Bash, saving 5 hours a week

EDUCATION
B.S. Computer Science, Texas State University, 2015

SKILLS
Linux, Bash, Helm, Terraform
"""

JOB = """Senior Site Reliability Engineer
Requirements:
- 5+ years of experience in infrastructure or operations
- Kubernetes and PostgreSQL in production
- Linux and Bash scripting
- Mentoring junior engineers
Nice to have:
- Terraform
"""


async def _run(resume: str = RESUME, job: str = JOB) -> result_pb2.TailoringResult:
    return await tailor(resume.splitlines(), job, provider=OfflineProvider(), today=TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tools: Jira, Confluence, Excel", LineKind.TOOL_LIST),
        ("- Technologies used: Java, Spring Boot, MySQL", LineKind.TOOL_LIST),
        ("Java, Spring Boot, MySQL, Jenkins", LineKind.TOOL_LIST),
        ("Key achievements:", LineKind.HEADING),
        ("CPQ project which allows sales reps to", LineKind.FRAGMENT),
        ("and reduced costs by 20%", LineKind.FRAGMENT),
        ("Reduced churn by 12% through onboarding emails", LineKind.ACHIEVEMENT),
        ("Python, SQL and Excel used daily to build weekly reports.", LineKind.ACHIEVEMENT),
    ],
)
def test_line_kinds(text: str, expected: LineKind) -> None:
    assert kind(text) is expected


def test_respelled_shows_the_postings_word_for_the_same_tool_only() -> None:
    wording = {"Kubernetes": "Kubernetes", "PostgreSQL": "PostgreSQL", "REST": "REST"}
    text, changes = respelled("Moved apps to k8s and tuned Postgres; built REST APIs", wording)
    assert text == "Moved apps to Kubernetes and tuned PostgreSQL; built REST APIs"
    assert changes == [("k8s", "Kubernetes"), ("Postgres", "PostgreSQL")]
    # A tool the job does not ask for keeps its spelling.
    assert respelled("Deployed on k8s", {"PostgreSQL": "PostgreSQL"})[0] == "Deployed on k8s"


def test_rewrite_keeps_one_action_with_two_verbs_whole() -> None:
    line = "Designed and shipped a Django service for merchant payouts"
    assert rewrite(line, ["Django"]) == line


async def test_tailored_roles_rank_cut_and_drop_non_achievements() -> None:
    result = await _run()
    role = result.tailored.roles[0]
    texts = [line.text for line in role.lines]
    assert len(texts) == 6  # the newest role's budget
    assert all("Tools:" not in t and "which allows the" not in t for t in texts)
    # The job's lines lead, in the posting's wording; the off-topic ones are cut.
    assert texts[0].startswith("Moved 30 services onto Kubernetes")
    # Of the lines naming nothing the job asks for, the last in the resume goes first.
    assert "Ran weekly office hours for product teams" not in texts
    reasons = {c.before: c.reason for c in result.tailored.changes if c.where == "W1"}
    assert reasons["Tools: Jira, Confluence, Excel"].startswith("dropped: a tool list")
    assert reasons["migration tracker which allows the"].startswith("dropped: a fragment")
    assert reasons["Ran weekly office hours for product teams"].startswith("dropped: less relevant")
    for line in role.lines:
        assert line.evidence_ids and line.evidence_ids[0].startswith("W1.")
    assert [line.relevance for line in role.lines if line.bullet_id] == sorted(
        (line.relevance for line in role.lines if line.bullet_id), reverse=True
    )
    # No shown line, and no bullet, is a tool list or a fragment.
    for bullet in result.bullets:
        assert kind(bullet.text) is LineKind.ACHIEVEMENT


async def test_skills_lead_with_the_jobs_evidenced_skills_and_add_what_experience_shows() -> None:
    result = await _run()
    skills = list(result.tailored.skills)
    names = [s.name for s in skills]
    assert names[:4] == ["Kubernetes", "PostgreSQL", "Linux", "Bash"]
    added = {s.name: s for s in skills if s.added}
    # Kubernetes and PostgreSQL are shown by the experience only ("k8s", "Postgres").
    assert set(added) == {"Kubernetes", "PostgreSQL"}
    assert added["Kubernetes"].evidence_ids[0].startswith("W1.")
    assert all(s.job_skill for s in skills[:5]) and not skills[-1].job_skill
    assert "Helm" in names  # the resume's own skills stay


async def test_headline_and_summary_are_rebuilt_from_evidenced_facts() -> None:
    result = await _run()
    tailored = result.tailored
    # The latest held title, never the job's ("Senior Site Reliability Engineer").
    assert tailored.headline.startswith("Platform Engineer | ")
    assert "Site Reliability" not in tailored.headline + tailored.summary
    # 2016 - 2020 proves at least Dec 2016 - Jan 2020 (38 months), with Jan 2021 - Nov 2026
    # (71): 9 years, where counting whole years would give 10.
    assert "| 9+ years |" in tailored.headline
    assert "W1" in tailored.headline_evidence_ids
    assert tailored.summary.startswith("Platform Engineer with 9+ years of experience.")
    assert "Kubernetes" in tailored.summary and "Mentoring" in tailored.summary
    # The person's own sentence stays, a tool in the posting's wording.
    assert "runs Kubernetes clusters and PostgreSQL for payments teams" in tailored.summary
    wheres = {c.where for c in tailored.changes}
    assert {"headline", "summary", "skills"} <= wheres
    # The scope the job asks about, in the person's most relevant line, cited.
    assert "Highlight: Moved 30 services onto Kubernetes with Helm, cutting deploy time" in (
        tailored.summary
    )
    assert "W1.1" in tailored.summary_evidence_ids


async def test_the_summary_names_the_postings_domains_the_work_shows_and_no_job_titles() -> None:
    resume = RESUME.replace(
        "- Wrote the team's incident runbooks and postmortem template",
        "- Wrote the team's incident response runbooks for payment processing outages",
    )
    job = JOB + "- Experience with payment processing\n- Data Analyst\n"
    result = await _run(resume, job)
    summary = result.tailored.summary
    assert "Work in payment processing." in summary  # the extractor's phrase, shown by W1
    assert "Data Analyst" not in summary and "Data Analyst" not in result.tailored.headline
    assert all(s.name != "Data Analyst" for s in result.tailored.skills if s.job_skill)


async def test_headline_names_the_jobs_title_only_when_it_was_held() -> None:
    held = RESUME.replace(
        "Systems Administrator — Tallow Hosting", "Senior Site Reliability Engineer — Tallow"
    )
    result = await _run(held)
    assert result.tailored.headline.startswith("Senior Site Reliability Engineer | ")


async def test_score_rises_when_tailoring_exposes_keywords_and_says_why_otherwise() -> None:
    result = await _run()
    before = {k.keyword: k for k in result.coverage_before.keywords}
    after = {k.keyword: k for k in result.coverage_after.keywords}
    # Evidenced as "k8s" before: found, not exposed; shown as Kubernetes after.
    assert before["Kubernetes"].found and not before["Kubernetes"].exposed
    assert "evidenced as 'k8s'" in before["Kubernetes"].exposure
    assert after["Kubernetes"].exposed
    # The years are stated once the summary says them.
    years = next(k for k in after if k.startswith("5+ years"))
    assert not before[years].exposed and after[years].exposed
    assert result.coverage_after.score.overall > result.coverage_before.score.overall
    assert result.coverage_after.score.overall <= result.coverage_after.score.evidenced
    assert result.coverage_before.score.evidenced == result.coverage_after.score.evidenced


async def test_a_keyword_the_resume_lacks_is_never_exposed() -> None:
    job = JOB + "- Kafka\n"
    result = await _run(job=job)
    kafka = next(k for k in result.coverage_after.keywords if k.keyword == "Kafka")
    assert not kafka.found and not kafka.exposed
    assert kafka.exposure.startswith("not evidenced by the resume")
    assert "Kafka" not in result.tailored.headline + result.tailored.summary
    assert all(s.name != "Kafka" for s in result.tailored.skills)


async def test_questions_are_phrased_by_kind() -> None:
    job = (
        JOB + "- Data Analysis\n- Power BI\n- Communication\n- AWS Certified Solutions Architect\n"
    )
    result = await _run(job=job)
    asked = {q.keyword: q.question for q in result.questions}
    assert asked["Data Analysis"].startswith("Where have you done data analysis work?")
    assert asked["Power BI"].startswith("Have you used Power BI?")
    assert asked["Communication"].startswith("Can you describe a situation")
    assert asked["AWS Certified Solutions Architect"].startswith("Do you hold")


class _Model:
    """A model answering with the proposals it is given (junk included)."""

    def __init__(self, *bullets: ProposedBullet) -> None:
        self.bullets = bullets

    @property
    def name(self) -> str:
        return "openai"

    async def propose(self, request: ProposalRequest) -> ProposalResponse:
        return ProposalResponse(bullets=self.bullets, model="tiny")


async def test_offline_bullets_stand_in_where_the_model_is_refused_or_silent() -> None:
    offline = await _run()
    junk = _Model(ProposedBullet("", ("W1.1",)), ProposedBullet("Ran Kafka at Google", ("W9.9",)))
    result = await tailor(RESUME.splitlines(), JOB, provider=junk, today=TODAY)
    # Nothing the model said stands; the offline bullets do, guarded and marked as such.
    assert [b.text for b in result.bullets] == [b.text for b in offline.bullets]
    assert {b.proposed_by for b in result.bullets} == {"offline"}
    # The model's two proposals were refused, and say whose they were.
    assert [(f.proposed_by, f.action) for f in result.guard[:2]] == [
        ("openai", result_pb2.GUARD_ACTION_DROPPED)
    ] * 2
    assert {f.proposed_by for f in result.guard[2:]} == {"offline"}
    good = "Moved 30 services onto Kubernetes with Helm, cutting deploy time from 40 to 6 minutes"
    result = await tailor(
        RESUME.splitlines(), JOB, provider=_Model(ProposedBullet(good, ("W1.1",))), today=TODAY
    )
    assert (result.bullets[0].text, result.bullets[0].proposed_by) == (good, "openai")
    rest = result.bullets[1:]
    assert rest and all(b.proposed_by == "offline" and "W1.1" not in b.evidence_ids for b in rest)


@pytest.mark.parametrize(
    ("opening", "company"),
    [
        ("Tidewell Distribution is hiring a Senior Accountant to join us", "Tidewell Distribution"),
        ("Alder & Finch Brand Studio is looking for a designer", "Alder & Finch Brand Studio"),
        ("Join Contoso as a data analyst", "Contoso"),
        ("About Fabrikam", "Fabrikam"),
        ("Company: Northwind Traders", "Northwind Traders"),
        ("We are looking for a backend engineer", ""),
        ("Our client is hiring a nurse", ""),
    ],
)
def test_the_hiring_company_is_read_from_the_opening(opening: str, company: str) -> None:
    assert hiring_company(["Senior Engineer", opening, "Requirements:"]) == company


async def test_the_cover_letter_says_only_what_the_evidence_says() -> None:
    job = JOB.replace("Requirements:", "Larkspur Pay is hiring an SRE.\nRequirements:", 1)
    result = await _run(job=job)
    letter = result.cover_letter
    assert letter.salutation == "Dear Larkspur Pay hiring team,"
    opening, did, skills, closing = letter.paragraphs
    assert opening.text == (
        "I am applying for the Senior Site Reliability Engineer role at Larkspur Pay. "
        "I have 9+ years of experience, currently as Platform Engineer at Larkspur Pay."
    )
    assert opening.evidence_ids[0] == "W1"
    assert closing.text.startswith("I would welcome the chance") and not closing.evidence_ids
    assert (letter.closing, letter.signature) == ("Sincerely,", "Dana Whitfield")
    lines = {line.id: line for line in result.resume.evidence}
    works = {w.id: w for w in result.resume.work}
    sentences = re.split(r"(?<=\.) (?=At )", did.text)
    assert 2 <= len(sentences) <= 3 and len(sentences) == len(did.evidence_ids)
    for sentence, line_id in zip(sentences, did.evidence_ids, strict=True):
        work = works[line_id.split(".")[0]]
        # The guard accepts each sentence against its one line and role, the pronoun aside.
        claim = sentence.replace(", I ", ", ", 1)
        header = (work.position, work.company, work.location)
        assert not check(claim, Source(lines[line_id].text, header)).refusals, sentence
    # The most relevant line leads, in the posting's wording ("k8s" in the resume).
    assert sentences[0].startswith("At Larkspur Pay, I moved 30 services onto Kubernetes")
    assert skills.text.startswith("Of the skills") and "Kubernetes" in skills.text
    assert skills.evidence_ids
    texts = " ".join(p.text for p in letter.paragraphs[1:]) + opening.text.split(". ")[1]
    assert "Site Reliability" not in texts  # the job's title is never claimed


async def test_a_letter_without_a_named_company_is_addressed_to_the_hiring_manager() -> None:
    letter = (await _run()).cover_letter
    assert letter.salutation == "Dear Hiring Manager,"
    assert letter.paragraphs[0].text.startswith(
        "I am applying for the Senior Site Reliability Engineer role. I have 9+ years"
    )
    assert letter.paragraphs[-1].text.endswith("could help your team.")


async def test_offline_keeps_the_lines_words_where_the_guard_cannot_follow_a_respelling() -> None:
    """ "Cut JavaScript bundle size" says what "Cut JS bundle size" says, but the guard reads
    the change's target word by word: the proposal keeps the line's spelling rather than be
    repaired (the Skills section shows the posting's word)."""
    line = "Cut JS bundle size by 38% with code splitting and lazy-loaded images"
    request = ProposalRequest(
        evidence=(EvidenceItem("W1.1", "work", line),),
        keywords=("JavaScript",),
        max_bullets=6,
        wording={"JavaScript": "JavaScript"},
    )
    (bullet,) = (await OfflineProvider().propose(request)).bullets
    assert bullet.text == line
    moved = "Moved 30 services onto k8s with Helm"
    request = ProposalRequest(
        evidence=(EvidenceItem("W1.1", "work", moved),),
        keywords=("Kubernetes",),
        max_bullets=6,
        wording={"Kubernetes": "Kubernetes"},
    )
    (bullet,) = (await OfflineProvider().propose(request)).bullets
    assert bullet.text == "Moved 30 services onto Kubernetes with Helm"


@pytest.mark.parametrize(
    ("bullet", "refused"),
    [
        ("Built and maintain 18 Power BI dashboards used by 140 store managers", False),
        ("Built and maintain 18 Tableau dashboards used by 140 store managers", True),
        ("Built and maintain 18 PowerBI reports used by 140 store managers", True),
    ],
)
def test_a_figure_counts_the_same_tool_under_the_postings_name(bullet: str, refused: bool) -> None:
    """The guard reads what a figure counts term by term: the posting's name for the same
    tool keeps the count; another tool or another thing does not."""
    line = Source("Built and maintain 18 PowerBI dashboards used by 140 store managers")
    assert bool(check(bullet, line).refusals) == refused

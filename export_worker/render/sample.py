"""A made-up tailoring result for the README pictures and the render benchmark.

Everything here is invented: the person, the employers (example names), the contact data
(example.org, a 555-01xx number). The accented name exercises Latin-1 and Latin Extended-A.
Pure: builds a proto in memory.
"""

from __future__ import annotations

from resumeai.v1 import common_pb2, result_pb2

SAMPLE_NAME = "Zoë Łukasiewicz-Núñez"

_ROLES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "Senior Platform Engineer",
        "Northwind Logistics",
        "Portland, OR",
        "Mar 2021 – Present",
        (
            "Ran the Kubernetes platform behind 40 services and 120 engineers",
            "Moved CI from Jenkins to GitHub Actions; median build time fell from 18 to 7 minutes",
            "Wrote the Terraform modules every team now uses for Postgres and RabbitMQ",
            "Led incident reviews and cut repeat incidents by a third in one year",
            "Mentored four engineers, two of whom now lead teams",
        ),
    ),
    (
        "Site Reliability Engineer",
        "Contoso Health",
        "Remote",
        "Jun 2018 – Feb 2021",
        (
            "Kept a patient-records API at 99.95% availability across two regions",
            "Built Prometheus and Grafana dashboards with alerting on service-level objectives",
            "Automated certificate rotation for 300 hosts with Python and Ansible",
            "Cut cloud spend by 22% by right-sizing instances and scheduling batch jobs",
        ),
    ),
    (
        "Software Engineer",
        "Fabrikam Analytics",
        "Kraków, Poland",
        "Sep 2015 – May 2018",
        (
            "Wrote Python ETL jobs that loaded 2 TB of events a day into PostgreSQL",
            "Introduced code review and unit testing to a team of six",
            "Built an internal search service in Go used by the support team",
        ),
    ),
    (
        "Junior Developer",
        "Tailspin Studio",
        "Kraków, Poland",
        "Jul 2014 – Aug 2015",
        (
            "Maintained PHP and JavaScript websites for twelve small-business clients",
            "Set up nightly backups and monitoring for client servers",
        ),
    ),
)

# (bullet text, cited line ids, role id); an empty role id means "not tied to a role".
_BULLETS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "Ran the Kubernetes platform behind 40 services and 120 engineers, owning upgrades, "
        "capacity and on-call",
        ("W1.1",),
        "W1",
    ),
    (
        "Moved CI/CD from Jenkins to GitHub Actions, cutting median build time from 18 to 7 "
        "minutes",
        ("W1.2",),
        "W1",
    ),
    (
        "Wrote shared Terraform modules for Postgres and RabbitMQ used by every product team",
        ("W1.3",),
        "W1",
    ),
    (
        "Led blameless incident reviews that cut repeat incidents by a third in one year",
        ("W1.4",),
        "W1",
    ),
    (
        "Kept a patient-records API at 99.95% availability across two regions",
        ("W2.1",),
        "W2",
    ),
    (
        "Defined service-level objectives and alerting in Prometheus and Grafana",
        ("W2.2",),
        "W2",
    ),
    (
        "Automated certificate rotation for 300 hosts with Python and Ansible",
        ("W2.3",),
        "W2",
    ),
    (
        "Built Python ETL pipelines loading 2 TB of events a day into PostgreSQL",
        ("W3.1",),
        "W3",
    ),
)


def _line(line_id: str, section: str, text: str) -> result_pb2.EvidenceLine:
    return result_pb2.EvidenceLine(id=line_id, section=section, text=text)


def _resume() -> result_pb2.ParsedResume:
    resume = result_pb2.ParsedResume(
        basics=result_pb2.Basics(
            name=SAMPLE_NAME,
            label="Senior Platform Engineer",
            email="zoe.ln@example.org",
            phone="+1 503 555 0142",
            location="Portland, OR",
            urls=["github.com/zoe-ln-example", "linkedin.com/in/zoe-ln-example"],
            summary=(
                "Platform engineer with ten years of building and running cloud "
                "infrastructure: Kubernetes, Terraform, CI/CD and observability for teams "
                "that ship many times a day."
            ),
            summary_evidence_ids=["S1.1"],
        ),
        skills=[
            "Kubernetes",
            "Terraform",
            "Python",
            "Go",
            "PostgreSQL",
            "RabbitMQ",
            "GitHub Actions",
            "Prometheus",
            "Grafana",
            "Ansible",
            "AWS",
            "Linux",
        ],
    )
    for n, (position, company, location, dates, lines) in enumerate(_ROLES, start=1):
        resume.work.append(
            result_pb2.WorkEntry(
                id=f"W{n}",
                position=position,
                company=company,
                location=location,
                dates_text=dates,
                highlights=[
                    _line(f"W{n}.{k}", "work", text) for k, text in enumerate(lines, start=1)
                ],
            )
        )
    resume.education.extend(
        [
            result_pb2.EducationEntry(
                id="E1",
                institution="AGH University of Science and Technology",
                area="Computer Science",
                study_type="M.Sc.",
                start_date="2012",
                end_date="2014",
                lines=[
                    _line("E1.1", "education", "Thesis: scheduling batch jobs on shared clusters")
                ],
            ),
            result_pb2.EducationEntry(
                id="E2",
                institution="AGH University of Science and Technology",
                area="Computer Science",
                study_type="B.Sc.",
                start_date="2009",
                end_date="2012",
            ),
        ]
    )
    resume.certificates.extend(
        [
            result_pb2.TitledEntry(
                id="C1",
                name="Certified Kubernetes Administrator (CKA)",
                lines=[_line("C1.1", "certificates", "Cloud Native Computing Foundation, 2022")],
            ),
            result_pb2.TitledEntry(
                id="C2",
                name="HashiCorp Certified: Terraform Associate",
                lines=[_line("C2.1", "certificates", "HashiCorp, 2021")],
            ),
        ]
    )
    resume.projects.append(
        result_pb2.TitledEntry(
            id="P1",
            name="kube-tidy",
            lines=[
                _line(
                    "P1.1",
                    "projects",
                    "Open-source tool that removes stale Kubernetes namespaces; 400 stars",
                ),
            ],
        )
    )
    resume.evidence.extend(
        [
            _line(
                "O1.1",
                "other",
                "Languages: English (fluent), Polish (native), Spanish (conversational)",
            ),
            _line(
                "O2.1",
                "other",
                "Speaker, Cloud Native Days Poland 2023: “Boring clusters are good clusters”",
            ),
        ]
    )
    return resume


def sample_result() -> result_pb2.TailoringResult:
    """A complete, realistic result for a made-up person."""
    result = result_pb2.TailoringResult(schema_version="1", resume=_resume())
    for index, (text, cites, role) in enumerate(_BULLETS, start=1):
        result.bullets.append(
            result_pb2.TailoredBullet(
                id=f"B{index}", text=text, evidence_ids=list(cites), work_id=role
            )
        )
    for label, score, found in (("before", 48.0, False), ("after", 76.5, True)):
        report = result.coverage_before if label == "before" else result.coverage_after
        report.score.overall = score
        report.score.components.add(
            name="hard_skill/required", found=4 if found else 3, total=5, weight=0.6
        )
        report.keywords.extend(
            [
                result_pb2.KeywordCoverage(
                    keyword="Kubernetes",
                    category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
                    level=result_pb2.REQUIREMENT_LEVEL_REQUIRED,
                    found=True,
                    evidence_ids=["W1.1"],
                ),
                result_pb2.KeywordCoverage(
                    keyword="CI/CD",
                    category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
                    level=result_pb2.REQUIREMENT_LEVEL_REQUIRED,
                    found=found,
                    evidence_ids=["B2"] if found else [],
                ),
                result_pb2.KeywordCoverage(
                    keyword="Kafka",
                    category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
                    level=result_pb2.REQUIREMENT_LEVEL_PREFERRED,
                    found=False,
                ),
            ]
        )
    result.gaps.add(
        keyword="Kafka",
        category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
        level=result_pb2.REQUIREMENT_LEVEL_PREFERRED,
        severity=result_pb2.SEVERITY_LOW,
        requirement_ids=["R4"],
        reason="Preferred tool not in the resume",
    )
    result.warnings.add(
        claim="AWS Certified Solutions Architect",
        kind="certification",
        message="The job asks for it and the resume does not show it; do not add it unless held",
    )
    result.questions.add(question="Have you run Kafka in production?", keyword="Kafka")
    result.metadata.CopyFrom(
        common_pb2.RunMetadata(
            prompt_version="tailor-v1",
            prompt_sha256="0" * 64,
            engine_version="0.1.0",
            provider="offline",
            model="extractive",
        )
    )
    return result

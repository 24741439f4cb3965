"""Alternatives in a requirement ("RabbitMQ or Kafka") form one group met by any member, in
coverage, score, gaps and questions; a list joined by "and" still asks for all."""

from __future__ import annotations

import pytest

from tailor_worker.engine import coverage as cov
from tailor_worker.engine.gaps import analyse_gaps
from tailor_worker.engine.job_analyzer import (
    PREFERRED,
    REQUIRED,
    alternative_groups,
    analyze_job,
    merged_alternatives,
    without_kinds_of_experience,
)
from tailor_worker.engine.keywords.model import Span


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Experience with RabbitMQ or Kafka", [("RabbitMQ", "Kafka")]),
        ("Go/Rust a plus", [("Go", "Rust")]),
        ("Tableau, Looker or Power BI", [("Tableau", "Looker", "Power BI")]),
        ("one of Python, Go, Java", [("Python", "Go", "Java")]),
        ("Python, Go and Java", []),
        ("Docker and Kubernetes; Terraform or Ansible", [("Terraform", "Ansible")]),
    ],
)
def test_groups_are_read_from_the_wording(text: str, groups: list[tuple[str, ...]]) -> None:
    assert alternative_groups(text) == groups


JOB = "Requirements:\n- RabbitMQ or Kafka in production\n- Python and Docker\n"


def _report(resume_line: str) -> tuple[cov.result_pb2.CoverageReport, list[str]]:
    job = analyze_job(JOB)
    report = cov.coverage(job.keywords, [cov.Document("W1.1", resume_line)])
    gaps = [g.keyword for g in analyse_gaps(job.keywords, report).gaps]
    return report, gaps


def test_one_member_meets_the_group() -> None:
    report, gaps = _report("Built Python services on RabbitMQ with Docker")
    items = {k.keyword: k for k in report.keywords}
    assert items["RabbitMQ"].found and items["RabbitMQ"].satisfied
    assert not items["Kafka"].found and items["Kafka"].satisfied
    assert list(items["Kafka"].alternatives) == ["RabbitMQ"]
    assert gaps == []  # Kafka is no gap when RabbitMQ is there
    assert report.score.overall == 100.0  # the group counts once, and it is met


def test_an_unmet_group_is_one_gap() -> None:
    report, gaps = _report("Built Python services with Docker")
    assert gaps == ["RabbitMQ or Kafka"]
    (component,) = [c for c in report.score.components if c.name.startswith("hard_skill")]
    assert (component.found, component.total) == (2, 3)  # Python, Docker, the group


def test_a_list_joined_by_and_asks_for_every_member() -> None:
    _, gaps = _report("Built services on Kafka with Python")
    assert gaps == ["Docker"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Build the leading service for payments", []),
        ("Experience leading teams", [("Leadership", "soft")]),
        # Knowledge the learned extractor marks, not the soft skill "organised".
        ("Knowledge of structured programming", [("structured programming", "knowledge")]),
        ("Solid grasp of statistics", [("Statistics", "knowledge")]),
        ("Master's degree in Statistics", [("Master's degree", "degree"), ("Statistics", "field")]),
        (
            "At least 8 years of experience in Java",
            [("Java", "tool"), ("8+ years experience", "years_experience")],
        ),
    ],
)
def test_requirements_in_their_sense(text: str, expected: list[tuple[str, str]]) -> None:
    job = analyze_job("Requirements:\n- " + text)
    assert [(k.keyword, k.kind) for k in job.keywords] == expected


def test_nice_to_haves_inside_a_one_line_posting_are_preferred() -> None:
    job = analyze_job(
        "Senior engineer. Must have Python. Nice to haves: Go, Rust. Benefits: dental"
    )
    levels = {k.keyword: k.level for k in job.keywords}
    assert levels["Python"] == REQUIRED
    assert levels["Go"] == levels["Rust"] == PREFERRED


def test_keywords_as_the_posting_writes_them_and_not_its_benefits() -> None:
    job = analyze_job(
        "Requirements:\n- 3+ years with ReactJS and Kubernetes\n- Knowledge of data modelling\n"
        "Benefits:\n- Free Snowflake lunches\n"
    )
    written = list(job.analysis.keywords_as_written)
    assert "ReactJS" in written and "React" not in written
    assert "data modelling" in written
    assert "Snowflake" not in written
    canonical = {k.keyword: k.written for k in job.keywords}
    assert canonical["React"] == "ReactJS"  # the canonical name, with the posting's own


def test_a_field_label_ends_a_compensation_field() -> None:
    # Job boards list fields as "Label:" lines; the pay field ends at the next label, and the
    # keywords of the fields after it are the posting's.
    job = analyze_job(
        "Job description:\nCompensation:\n£63k - 80k\nFree Snowflake lunches\nIndustry:\n"
        "Agile Software Development\nTechnologies\njava javascript\n"
    )
    written = [w.lower() for w in job.analysis.keywords_as_written]
    assert "snowflake" not in written
    assert "java" in written and "javascript" in written


def _gaps(job_text: str, resume_line: str) -> list[str]:
    job = analyze_job(job_text)
    report = cov.coverage(job.keywords, [cov.Document("W1.1", resume_line)])
    return [g.keyword for g in analyse_gaps(job.keywords, report).gaps]


def test_a_member_wished_for_alone_stays_met_by_its_group() -> None:
    """Kafka is required as "RabbitMQ or Kafka" and only a nice-to-have alone: a resume with
    RabbitMQ has no Kafka gap (it used to get a required one)."""
    job = "Requirements:\n- RabbitMQ or Kafka\n\nNice to have:\n- Experience with Kafka Streams\n"
    assert _gaps(job, "Ran RabbitMQ workers in production") == []
    wished_first = "Nice to have:\n- Kafka\n\nRequirements:\n- RabbitMQ or Kafka\n"
    assert _gaps(wished_first, "Ran RabbitMQ workers in production") == []


def test_a_member_required_alone_elsewhere_is_needed_itself() -> None:
    job = "Requirements:\n- RabbitMQ or Kafka\n- Kafka in production\n"
    assert _gaps(job, "Ran RabbitMQ workers in production") == ["Kafka"]


@pytest.mark.parametrize(
    ("asks", "expected"),
    [
        ([(REQUIRED, ("RabbitMQ",)), (PREFERRED, ())], ("RabbitMQ",)),
        ([(PREFERRED, ()), (REQUIRED, ("RabbitMQ",))], ("RabbitMQ",)),
        ([(REQUIRED, ("RabbitMQ",)), (REQUIRED, ())], ()),
        ([(REQUIRED, ("RabbitMQ",)), (REQUIRED, ("SQS",))], ("RabbitMQ", "SQS")),
        ([(PREFERRED, ("Go",)), (PREFERRED, ())], ()),
    ],
)
def test_merged_alternatives(
    asks: list[tuple[int, tuple[str, ...]]], expected: tuple[str, ...]
) -> None:
    assert merged_alternatives(asks) == expected


BROKERS = "Requirements:\n- Experience with message brokers such as RabbitMQ or Kafka\n"


def test_an_umbrella_is_met_by_any_of_its_examples() -> None:
    """"message brokers such as RabbitMQ or Kafka": the umbrella the posting names is one
    member of the examples' group, not a gap of its own beside them."""
    job = analyze_job(BROKERS)
    alternatives = {k.keyword: set(k.alternatives) for k in job.keywords}
    assert alternatives["message brokers"] == {"RabbitMQ", "Kafka"}
    assert alternatives["Kafka"] == {"message brokers", "RabbitMQ"}
    assert _gaps(BROKERS, "Moved billing events onto RabbitMQ queues") == []
    assert len(_gaps(BROKERS, "Built billing services in Python")) == 1  # the group, once


@pytest.mark.parametrize(
    "text",
    [
        "Cloud platforms (e.g. AWS, GCP)",
        "Experience with relational databases like PostgreSQL",
        "Message brokers, including RabbitMQ",
    ],
)
def test_umbrella_cues(text: str) -> None:
    job = analyze_job(f"Requirements:\n- {text}\n")
    umbrellas = [k for k in job.keywords if k.kind == "knowledge" and k.alternatives]
    assert umbrellas, [(k.keyword, k.alternatives) for k in job.keywords]


def test_a_kind_of_experience_is_no_keyword() -> None:
    """"Production experience with PostgreSQL" asks for PostgreSQL; "Production" is what
    kind of experience, which no resume line evidences."""
    job = analyze_job("Requirements:\n- Production experience with PostgreSQL\n")
    assert "Production" not in [k.keyword for k in job.keywords]
    assert "Production" not in list(job.analysis.keywords_as_written)
    assert "PostgreSQL" in [k.keyword for k in job.keywords]


def test_only_a_kind_of_experience_is_dropped() -> None:
    """The closed list decides: "management experience in PLM" asks for management."""
    text = "Management experience in PLM; production experience with PLM"
    starts = [text.index("Management"), text.index("PLM"), text.index("production")]
    starts.append(text.rindex("PLM"))
    words = ("Management", "PLM", "production", "PLM")
    spans = [Span(w, at, at + len(w)) for w, at in zip(words, starts, strict=True)]
    kept = without_kinds_of_experience(text, spans)
    assert [s.surface for s in kept] == ["Management", "PLM", "PLM"]

"""Parser on resumes written in several layouts and date styles: every role keeps its own
dates, certificates keep their full names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tailor_worker.engine import dates
from tailor_worker.engine.resume_parser import heading_section, parse_resume

DATES_FIRST = """\
Alex Kim
EMPLOYMENT
2019-03 – Present
Platform Engineer, Initrode
- Ran Kubernetes clusters for 30 teams
2017-01 – 2019-02
Systems Administrator, Vandelay Industries
- Automated backups with Ansible
"""

SEASONS = """\
Casey Lee
Work History:
Software Engineering Intern — Hooli, Palo Alto, CA — Summer 2018
• Built a Go service for billing
Research Assistant, State University Lab
Fall 2016 - Spring 2017
• Wrote Python analysis scripts
"""

PACKED = """\
Pat Doe
Professional Experience
Data Engineer | Globex | 2017 to 2019
Senior Data Engineer | Acme
03/2019 - Present
- Built Airflow pipelines
Analyst
Umbrella Corp
May '14 – Dec '16
- Made Excel reports
"""


def _roles(text: str) -> list[tuple[str, str, str, str]]:
    return [
        (w.position, w.company, w.start_date, w.end_date)
        for w in parse_resume(text.splitlines()).work
    ]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (DATES_FIRST, [
            ("Platform Engineer", "Initrode", "2019-03", "present"),
            ("Systems Administrator", "Vandelay Industries", "2017-01", "2019-02"),
        ]),
        (SEASONS, [
            ("Software Engineering Intern", "Hooli", "2018-06", "2018-08"),
            ("Research Assistant", "State University Lab", "2016-09", "2017-05"),
        ]),
        (PACKED, [
            ("Data Engineer", "Globex", "2017", "2019"),
            ("Senior Data Engineer", "Acme", "2019-03", "present"),
            ("Analyst", "Umbrella Corp", "2014-05", "2016-12"),
        ]),
    ],
    ids=["dates-first", "seasons", "packed-no-blank-lines"],
)
def test_each_role_keeps_its_own_dates(text: str, roles: list[tuple[str, str, str, str]]) -> None:
    assert _roles(text) == roles


def test_highlights_stay_with_their_role() -> None:
    work = parse_resume(PACKED.splitlines()).work
    assert [[h.text for h in w.highlights] for w in work] == [
        [], ["Built Airflow pipelines"], ["Made Excel reports"],
    ]


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("Jan 2020 – Present", "2020-01", "present"),
        ("2019-03 – 2020-01", "2019-03", "2020-01"),
        ("03/2019 - 12/2020", "2019-03", "2020-12"),
        ("Summer 2018", "2018-06", "2018-08"),
        ("2017 to 2019", "2017", "2019"),
        ("Sept. 2015 – Aug. 2017", "2015-09", "2017-08"),
        ("May '19 - current", "2019-05", "present"),
        ("Fall 2019 – Spring 2020", "2019-09", "2020-05"),
        ("March 2019 through June 2020", "2019-03", "2020-06"),
    ],
)
def test_date_forms(written: str, start: str, end: str) -> None:
    span = dates.find_range(f"Engineer, Acme, {written}")
    assert span is not None
    assert (span.start, span.end, span.text) == (start, end, written)


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Professional Experience", "work"), ("WORK HISTORY", "work"), ("Employment:", "work"),
        ("Career History", "work"), ("Technical Skills", "skills"), ("Core Competencies", "skills"),
        ("Licenses & Certifications", "certificates"), ("Academic Background", "education"),
        ("Selected Projects", "projects"), ("Professional Summary", "summary"),
    ],
)
def test_heading_variants(heading: str, section: str) -> None:
    assert heading_section(heading) == section


def test_certificates_keep_their_full_names() -> None:
    example = Path(__file__).parents[3] / "examples" / "resume.txt"
    resume = parse_resume(example.read_text().splitlines())
    assert [c.name for c in resume.certificates] == ["AWS Certified Developer – Associate (2022)"]
    text = "X\nCertifications\nCertified Kubernetes Administrator, CNCF, 2021\nPMP | PMI | 2019\n"
    names = [c.name for c in parse_resume(text.splitlines()).certificates]
    assert names == ["Certified Kubernetes Administrator, CNCF, 2021", "PMP | PMI | 2019"]

"""A line read as a role header that names no role: its lines stay the role above's."""

from __future__ import annotations

from resumeai.v1 import result_pb2
from tailor_worker.engine.loose_lines import _place
from tests.unit.engine.fixed_entities import experience, parse_with


def _lines(*texts: str) -> list[result_pb2.EvidenceLine]:
    return [result_pb2.EvidenceLine(text=t) for t in texts]


def test_cited_lines_go_where_they_were_read_among_the_evidence() -> None:
    evidence = _lines("a", "b", "c")
    first, middle, second_middle, last = _lines("0", "1", "1b", "3")
    _place(evidence, [(3, last), (1, middle), (0, first), (1, second_middle)])
    assert [line.text for line in evidence] == ["0", "a", "1", "1b", "b", "c", "3"]


def test_an_unbulleted_duty_read_as_a_header_stays_with_its_role() -> None:
    resume = parse_with(
        experience(
            "Test Lead | CGI, Canada | September 2011 - January 2012",
            "• Host the Decision Point and Test Kickoff meetings",
            "Act as the defect coordinator for the project",
            "• Detail the Entry/Exit criteria for all test phases",
            "Environment: Win XP, SQL, Jira",
            "Project Lead | McAfee Inc, Canada | September 2008 - September 2011",
            "• Tested the antivirus product",
        )
    )
    assert [(w.position, w.company) for w in resume.work] == [
        ("Test Lead", "CGI"),
        ("Project Lead", "McAfee Inc"),
    ]
    first = resume.work[0]
    # Every line of the resume under the role is cited there, in order, numbered as its own.
    assert [(h.id, h.text) for h in first.highlights] == [
        ("W1.1", "Host the Decision Point and Test Kickoff meetings"),
        ("W1.2", "Act as the defect coordinator for the project"),
        ("W1.3", "Detail the Entry/Exit criteria for all test phases"),
        ("W1.4", "Environment: Win XP, SQL, Jira"),
    ]
    evidence = [(e.id, e.text) for e in resume.evidence if e.section == "work"]
    assert evidence[:4] == [(h.id, h.text) for h in first.highlights]


def test_a_header_line_with_nothing_under_it_is_cited_after_the_roles_lines() -> None:
    resume = parse_with(
        experience(
            "Data Analyst | Acme Corp | 2019 - 2021",
            "• Built the monthly sales dashboards",
            "Client KeyMile Germany",
            "Education",
            "BSc Mathematics, University of Leeds, 2018",
        )
    )
    (role,) = resume.work
    assert [h.text for h in role.highlights] == [
        "Built the monthly sales dashboards",
        "Client KeyMile Germany",
    ]
    texts = [e.text for e in resume.evidence]
    at = texts.index("Built the monthly sales dashboards")
    assert texts[at + 1] == "Client KeyMile Germany"
    assert len(set(e.id for e in resume.evidence)) == len(resume.evidence)


def test_an_employers_heading_still_carries_past_a_loose_line() -> None:
    work = parse_with(
        experience(
            "Fenwick & Lowry Insurance, Boston, MA",
            "Vice President, Claims Operations (2021 – Present)",
            "• Led a team of 40 adjusters",
            "Project Role and Contribution",
            "• Cut the claims backlog by a third",
            "Director, Claims Quality (2018 – 2021)",
            "• Built the audit programme",
        )
    ).work
    assert [(w.position, w.company) for w in work] == [
        ("Vice President, Claims Operations", "Fenwick & Lowry Insurance"),
        ("Director, Claims Quality", "Fenwick & Lowry Insurance"),
    ]
    assert [h.text for h in work[0].highlights][1:] == [
        "Project Role and Contribution",
        "Cut the claims backlog by a third",
    ]


def test_a_dated_line_that_names_no_title_stays_a_role_of_its_own() -> None:
    work = parse_with(
        experience(
            "Data Analyst | Acme Corp | 2019 - 2021",
            "• Built the monthly sales dashboards",
            "2016 - 2018",
            "• Ran the warehouse night shift",
        )
    ).work
    assert [w.dates_text for w in work] == ["2019 - 2021", "2016 - 2018"]
    assert [h.text for h in work[1].highlights] == ["Ran the warehouse night shift"]


def test_a_duty_written_in_a_named_roles_header_is_one_of_its_lines() -> None:
    resume = parse_with(
        experience(
            "Substitute Teacher",
            "Muncie Community Schools, Muncie, IN",
            "Substitute teach kindergarten through sixth-grade classes as needed",
            "August 2015 - May 2017",
            "Cashier",
            "Kroger, Muncie, IN",
            "June 2013 - August 2015",
            "• Handled cash and card payments for 300 customers a day",
        )
    )
    assert [(w.position, w.company) for w in resume.work] == [
        ("Substitute Teacher", "Muncie Community Schools"),
        ("Cashier", "Kroger"),
    ]
    assert [[(h.id, h.text) for h in w.highlights] for w in resume.work] == [
        [("W1.1", "Substitute teach kindergarten through sixth-grade classes as needed")],
        [("W2.1", "Handled cash and card payments for 300 customers a day")],
    ]
    assert [e.id for e in resume.evidence if e.section == "work"] == ["W1.1", "W2.1"]


def test_how_long_a_role_lasted_is_no_line_of_it() -> None:
    work = parse_with(
        experience(
            "Shopify",
            "5 yrs 5 mos",
            "Senior Data Analyst",
            "Jan 2022 - Present · 3 yrs 2 mos",
            "- Built dbt models for checkout funnels across 40+ markets",
        )
    ).work
    assert [h.text for h in work[0].highlights] == [
        "Built dbt models for checkout funnels across 40+ markets"
    ]

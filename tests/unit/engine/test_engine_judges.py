"""The judges' adapters go the worker's way (TXT bytes -> extract_text -> engine) and speak the
judges' vocabulary: keywords as the posting writes them, a JSON Resume shaped dict."""

from __future__ import annotations

from resumeai.v1 import result_pb2
from tailor_worker.eval import judges

JOB = """\
Frontend Engineer
Requirements:
- 3+ years with ReactJS and TypeScript
- k8s in production
"""

RESUME = """\
Jane Doe
jane.doe@example.com

Experience
Senior Software Engineer, Acme Corp — Austin, TX
Jan 2020 – Present
• Built REST APIs in Python and FastAPI serving 2M requests/day.

Education
B.S. in Computer Science, University of Texas at Austin, 2016
"""


def test_keywords_as_the_posting_writes_them() -> None:
    found = judges.keywords(JOB)
    assert "ReactJS" in found and "React" not in found
    assert any("k8s" in k for k in found) and "Kubernetes" not in found
    assert judges.keywords("") == []


def test_parse_gives_the_judges_vocabulary() -> None:
    parsed = judges.parse(RESUME)
    assert parsed["basics"]["email"] == "jane.doe@example.com"
    (work,) = parsed["work"]
    assert work["position"] == "Senior Software Engineer"
    assert work["name"] == "Acme Corp"
    (school,) = parsed["education"]
    assert "University of Texas" in school["institution"]
    assert judges.parse("") == {}


def test_a_school_before_college_is_no_college_name() -> None:
    parsed = judges.parse(RESUME + "Delhi Public School - Kanpur, Uttar Pradesh\n")
    institutions = [e["institution"] for e in parsed["education"]]
    assert any("University of Texas" in name for name in institutions)
    assert not any("Delhi Public School" in name for name in institutions)


def test_a_minor_stated_apart_joins_the_degree_as_the_judge_reads_it() -> None:
    parsed = judges.parse(RESUME + "Minor: Business Administration\n")
    (school,) = parsed["education"]
    assert school["studyType"] == "B.S. in Computer Science"
    assert school["area"] == "Minor: Business Administration"  # as written
    (plain,) = judges.parse(RESUME)["education"]
    assert plain["area"] == ""  # the degree's words hold its field


def test_a_field_beside_the_institution_is_the_judges_degree_where_none_is_named() -> None:
    resume = result_pb2.ParsedResume()
    beside = resume.education.add(id="E1", institution="Colgate University", area="Philosophy")
    beside.lines.add(id="E1.1", text="Colgate University: Philosophy, 1980")
    # A field the vocabulary read in a department's name is no degree for the judge.
    named = resume.education.add(id="E2", institution="Penn State", area="Statistics")
    named.lines.add(id="E2.1", text="Penn State")
    named.lines.add(id="E2.2", text="Department of Statistics")
    read = [(e["studyType"], e["area"]) for e in judges.as_json_resume(resume)["education"]]
    assert read == [("", "Philosophy"), ("", "")]


def test_a_degree_alone_on_its_line_takes_the_field_opening_the_next() -> None:
    resume = result_pb2.ParsedResume()
    edu = resume.education.add(
        id="E1", institution="Rutgers University", study_type="BS", area="Electrical Engineering"
    )
    edu.lines.add(id="E1.1", text="BS")
    edu.lines.add(id="E1.2", text="Electrical Engineering, 1991: Rutgers University")
    (read,) = judges.as_json_resume(resume)["education"]
    assert (read["studyType"], read["area"]) == ("BS", "Electrical Engineering")


def test_a_school_leaving_certificate_is_no_degree_for_the_judge() -> None:
    parsed = judges.parse(RESUME + "Abitur, Goethe-Gymnasium, Karlsruhe, 2012\n")
    assert [e["studyType"] for e in parsed["education"]][-1] == ""
    # The parser itself keeps it as the entry's qualification.
    resume = judges.read_resume(
        (RESUME + "Abitur, Goethe-Gymnasium, Karlsruhe, 2012\n").encode(), judges._TXT
    )
    assert resume.education[-1].study_type == "Abitur"

"""How the parser uses the entity CRF: fields from entities, lines routed by what they name,
and the layout rules where the CRF is silent. These run the shipped model."""

from __future__ import annotations

import pytest

from resumeai.v1 import result_pb2
from tailor_worker.engine.education import degree_form, stated_fields
from tailor_worker.engine.entities.model import COMPANY, DEGREE, INSTITUTION, NAME, TITLE
from tailor_worker.engine.resume_parser import parse_resume
from tests.unit.engine.fixed_entities import (
    FixedTagger,
    education_of,
    experience,
    parse_with,
    work_of,
)


def test_an_education_line_under_the_experience_heading_is_education() -> None:
    # Two-column exports run "EDUCATION" and "EXPERIENCE" together, so a degree lands under
    # the experience heading.
    resume = parse_resume(
        [
            "Ravi Kumar",
            "ravi@example.com",
            "Education",
            "Experience",
            "Bachelor of Technology in Computer Science, Anna University, 2014",
            "Software Engineer | Infosys Limited | Jun 2014 - Present",
            "• Built the billing service for 2M customers",
        ]
    )
    assert [e.institution for e in resume.education] == ["Anna University"]
    assert [(w.position, w.company) for w in resume.work] == [
        ("Software Engineer", "Infosys Limited"),
    ]


def test_a_contact_line_after_the_roles_still_gives_the_email() -> None:
    resume = parse_resume(
        [
            "Ravi Kumar",
            "Experience",
            "Software Engineer | Infosys Limited | 2014 - 2019",
            "• Built the billing service",
            "Contact: ravi.kumar@example.com | +91 98765 43210",
        ]
    )
    assert resume.basics.email == "ravi.kumar@example.com"


def test_a_field_comes_from_a_strong_entity_widened_to_its_header_part() -> None:
    lines = [
        "Jane Doe",
        "Experience",
        "06/2016 - 08/2016 Accounting Intern",
        "Brightwater Credit Union, Evanston, IL",
        "• Filed vendor invoices",
    ]
    tagger = FixedTagger([(2, TITLE, "Intern", 0.9)])
    (work,) = parse_resume(lines, tagger).work
    assert work.position == "Accounting Intern"


def test_a_layout_field_without_any_entity_needs_a_dated_titled_header() -> None:
    silent = FixedTagger([])
    dated = parse_resume(
        [
            "Jane Doe",
            "Experience",
            "Line Cook, Bayou Grill, Biloxi, MS",
            "2012 - 2015",
            "• Worked the grill station",
        ],
        silent,
    )
    assert [(w.position, w.company) for w in dated.work] == [("Line Cook", "Bayou Grill")]
    # No title word and no entity: the layout's guess ("first part is the title") is not
    # reported as a fact; a name standing alone before its place is the employer.
    undated = parse_resume(
        ["Jane Doe", "Experience", "Bayou Grill, Biloxi, MS", "• Worked the grill station"], silent
    )
    assert [(w.position, w.company) for w in undated.work] == [("", "Bayou Grill")]


def test_a_weak_entity_picks_the_header_part_it_lies_in() -> None:
    # By layout alone "Bayou Grill, Biloxi | 2012 - 2015" reads as title "Bayou Grill",
    # company "Biloxi"; a weak company entity puts the employer right, and the title, which
    # nothing supports, is left empty rather than guessed. (With its state, "Biloxi, MS",
    # the place alone would say which part is the employer.)
    lines = [
        "Jane Doe",
        "Experience",
        "Bayou Grill, Biloxi | 2012 - 2015",
        "• Worked the grill station",
    ]
    silent = parse_resume(lines, FixedTagger([])).work[0]
    assert (silent.position, silent.company) == ("", "")
    (work,) = parse_resume(lines, FixedTagger([(2, "company", "Grill", 0.2)])).work
    assert (work.position, work.company) == ("", "Bayou Grill")


def test_a_date_alone_header_takes_its_role_from_the_long_line_under_it() -> None:
    # "1994 - 2007" then the role in one long line: a title that opens the line names the
    # role, its employer the rest, though the line is too long to be a header by layout.
    lines = [
        "Experience",
        "1994 - 2007",
        "Executive Secretary of the European Civil Aviation Conference (ECAC) in Paris",
        "• Developed policy advice for the 42 member states",
    ]
    [work] = work_of(
        lines,
        [(2, TITLE, "Executive Secretary", 0.9), (2, COMPANY, "European Civil Aviation", 0.6)],
    )
    assert (work.position, work.company, work.dates_text) == (
        "Executive Secretary",
        "European Civil Aviation",
        "1994 - 2007",
    )
    # Without a title opening the line, it stays a highlight and no field is made up.
    [bare] = parse_with(lines, [(2, TITLE, "Secretary", 0.9)]).work
    assert (bare.position, bare.company) == ("", "")


def test_a_dated_line_opening_with_a_title_is_a_role_under_any_heading() -> None:
    # Academic CVs list appointments under headings no list knows ("Tenure-line Academic
    # Positions"), after Education: a date, then the title, then a long employer.
    lines = [
        "Education",
        "Ph.D. Political Science, University of Southern California, 1991",
        "Tenure-line Academic Positions",
        "2000 to 2001: Visiting Professor of Public Policy, Bren School of Environmental Science",
        "Taught the graduate seminar in environmental policy analysis for two years running.",
    ]
    tagger = FixedTagger([(3, TITLE, "Visiting Professor of Public Policy", 0.95)])
    resume = parse_resume(lines, tagger=tagger)
    assert [w.position for w in resume.work] == ["Visiting Professor of Public Policy"]
    assert resume.work[0].dates_text == "2000 to 2001"
    # A title further into the line is a mention, not the role.
    mention = FixedTagger([(4, TITLE, "graduate seminar", 0.95)])
    assert [w.position for w in parse_resume(lines, tagger=mention).work] == []


def test_a_title_at_a_school_under_education_is_a_role() -> None:
    # A teacher's role names a school, which the CRF reads as an institution: the title that
    # opens the line makes it a role all the same; a degree at the school stays education.
    lines = [
        "Education",
        "B.S.Ed., Northern Illinois University, 2012",
        "Substitute Teacher, Perry Local School District, Perry, Ohio",
        "Taught grades 3 to 5 across the district's four elementary schools.",
    ]
    tagger = FixedTagger(
        [
            (1, INSTITUTION, "Northern Illinois University", 0.9),
            (2, TITLE, "Substitute Teacher", 0.9),
            (2, INSTITUTION, "Perry Local School District", 0.6),
        ]
    )
    resume = parse_resume(lines, tagger=tagger)
    assert [w.position for w in resume.work] == ["Substitute Teacher"]
    assert [e.institution for e in resume.education] == ["Northern Illinois University"]


def test_a_header_of_short_parts_may_end_in_a_full_stop() -> None:
    lines = [
        "Experience",
        "Engineer | Acme Corp | 2003 - 2005",
        "• Built the ledger reconciliation service",
        "Consultant, Infotech Financials, Bombay, India.",
        "• Led the migration of the billing platform",
        "Led the migration of the billing platform, which cut costs by half.",
    ]
    work = work_of(
        lines,
        [
            (3, TITLE, "Consultant", 0.8),
            (3, COMPANY, "Infotech Financials", 0.9),
            (5, TITLE, "Led", 0.8),
        ],
    )
    assert [(w.position, w.company) for w in work] == [
        ("Engineer", "Acme Corp"),
        ("Consultant", "Infotech Financials"),
    ]
    # A sentence with long stretches between its commas stays a highlight.
    assert work[1].highlights[-1].text.startswith("Led the migration")


def test_an_open_end_wrapped_before_the_title_still_opens_the_role() -> None:
    # "2000 - Present" wrapped as "2000" / "Present: Title, Employer": the role's line opens
    # with the open end of its dates, then the title.
    lines = [
        "Education",
        "B.S. Mechanical Engineering, Kettering University, 1999",
        "2000",
        "Present: Assistant Automotive Engineer, Passenger Vehicle Division, General Motors",
        "Designed brake assemblies for two vehicle platforms over four model years.",
    ]
    work = work_of(
        lines,
        [
            (1, INSTITUTION, "Kettering University", 0.9),
            (3, TITLE, "Assistant Automotive Engineer", 0.9),
            (3, COMPANY, "General Motors", 0.9),
        ],
    )
    assert [(w.position, w.company) for w in work] == [
        ("Assistant Automotive Engineer", "General Motors")
    ]


def test_an_employer_line_under_an_unfinished_highlight_opens_a_role() -> None:
    # The highlight stops mid-line, so the next short line reads like its wrapped rest; the
    # CRF's employer opening it makes it the next role's header.
    lines = [
        "Experience",
        "Teaching Assistant | Child Care Center | 2010 - 2012",
        "• Created an interactive classroom set up that included the ocean and student artwork",
        "Camp Echo, Grades 3-8, Evanston, IL",
        "Summers, 2008 - 2010",
        "• Developed lesson plans encouraging hands-on creativity",
    ]
    work = work_of(lines, [(1, TITLE, "Teaching Assistant", 0.9), (3, COMPANY, "Camp Echo", 0.7)])
    assert [w.company for w in work] == ["Child Care Center", "Camp Echo"]
    assert work[0].highlights[-1].text.endswith("student artwork")


def test_a_role_takes_its_title_from_a_labelled_line() -> None:
    # The header names only the employer; a line of the role states the title under a label.
    lines = [
        "Experience",
        "E! Online | 2014 - 2016",
        "Role: Lead Android developer, architect. Worked with a team on a cross platform app",
        "• Shipped the app to two million users",
    ]
    [work] = work_of(
        lines, [(1, COMPANY, "E! Online", 0.9), (2, TITLE, "Lead Android developer", 0.9)]
    )
    assert (work.position, work.company) == ("Lead Android developer", "E! Online")


def test_a_dated_title_may_end_in_a_full_stop() -> None:
    lines = [
        "Education",
        "B.A. Communication Studies, University of Missouri, 2012",
        "Aug 2011 - Aug 2012. Assistant Program Manager. Developed radio playlists and promotions",
        "Aug 2010 - Aug 2011. DJ. Hosted a weekly radio show and assisted with promotions",
    ]
    work = work_of(lines, [(2, TITLE, "Assistant Program Manager.", 0.9)])
    assert [w.position for w in work][:1] == ["Assistant Program Manager"]


def test_a_role_takes_its_title_from_the_line_that_says_it_was_held() -> None:
    lines = [
        "Experience",
        "Manipal Institute of Technology | 2003 - 2006",
        "• Worked as a Lecturer in the Department of Information & Communication Technology",
        "• Taught networking to 120 students a year",
    ]
    [work] = work_of(
        lines,
        [
            (1, COMPANY, "Manipal Institute of Technology", 0.9),
            (2, TITLE, "Lecturer", 0.9),
            (3, TITLE, "networking", 0.9),
        ],
    )
    assert (work.position, work.company) == ("Lecturer", "Manipal Institute of Technology")


def test_a_role_takes_its_employer_from_the_line_that_says_where_it_was_held() -> None:
    lines = [
        "Experience",
        "Software Engineer | Apr 2014 - Oct 2015",
        "• Worked for National Informatics Centre under multiple payrolls",
        "• Built the e-office portal used by 40 ministries",
    ]
    [work] = work_of(
        lines,
        [(1, TITLE, "Software Engineer", 0.9), (2, COMPANY, "National Informatics Centre", 0.8)],
    )
    assert (work.position, work.company) == ("Software Engineer", "National Informatics Centre")


def test_a_field_of_study_read_as_the_institution_gives_way_to_the_school() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "B.Tech, Electronics and Communication Engineering",
        "GLA Institute of Technology and Management, Mathura, 2012",
    ]
    field = (2, INSTITUTION, "Electronics and Communication Engineering", 0.9)
    school = (3, INSTITUTION, "GLA Institute of Technology and Management", 0.9)
    (edu,) = education_of(lines, [field, school])
    assert edu.institution == "GLA Institute of Technology and Management"
    # With no school named at all, a field is still no institution.
    (alone,) = education_of(lines[:3], [field])
    assert alone.institution == ""


def test_a_school_and_its_university_are_one_institution() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "Master of Business Administration, 2009",
        "The Wharton School, University of Pennsylvania, Philadelphia, PA",
    ]
    (edu,) = education_of(lines, [(3, INSTITUTION, "The Wharton School", 0.9)])
    assert edu.institution == "The Wharton School, University of Pennsylvania"
    # A place beside the school is not part of its name.
    lines[3] = "Bede College, Sunderland"
    (bede,) = education_of(lines, [(3, INSTITUTION, "Bede College", 0.9)])
    assert bede.institution == "Bede College"


def test_an_education_entry_says_when_it_is_a_school_before_college() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "B.Tech in Computer Science, Anna University, 2012",
        "",
        "Velankanni Matriculation Higher Secondary School, Chennai, 2008",
    ]
    college, school = education_of(
        lines,
        [
            (2, INSTITUTION, "Anna University", 0.9),
            (4, INSTITUTION, "Velankanni Matriculation Higher Secondary School", 0.9),
        ],
    )
    assert college.level == result_pb2.EDUCATION_LEVEL_POSTSECONDARY
    assert school.level == result_pb2.EDUCATION_LEVEL_SECONDARY
    assert school.institution == "Velankanni Matriculation Higher Secondary School"


def test_a_body_one_belongs_to_or_a_cited_press_is_no_place_of_study() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "Ph.D., Political Science, University of Wisconsin, 1984",
        "",
        "Member of Decision Sciences Institute",
        "",
        "Reprinted in A. H. Halsey et al (eds.) 1997. Education. Oxford University Press",
    ]
    found = [
        (2, INSTITUTION, "University of Wisconsin", 0.9),
        (4, INSTITUTION, "Decision Sciences Institute", 0.9),
        (6, INSTITUTION, "Oxford University", 0.9),
    ]
    names = [e.institution for e in education_of(lines, found)]
    assert names[0] == "University of Wisconsin"
    assert "Decision Sciences Institute" not in names and "Oxford University" not in names


def test_a_degree_line_under_the_summary_heading_is_education() -> None:
    lines = [
        "Jane Roe",
        "Summary",
        "Jazz pianist and teacher with ten years on stage.",
        "Masters in Jazz Studies (2003-2004)",
        "Experience",
        "Pianist, Blue Note Trio, 2004 - Present",
    ]
    tagger = FixedTagger([(3, DEGREE, "Masters in Jazz Studies", 0.9)])
    resume = parse_resume(lines, tagger=tagger)
    assert [e.study_type for e in resume.education] == ["Masters"]
    assert resume.education[0].lines[0].text == "Masters in Jazz Studies (2003-2004)"


def test_a_degree_neither_the_vocabulary_nor_the_model_knows_is_read_by_its_form() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "Awarded Diploma in Advance Nursing (DAN) of Nairobi University, 1999",
        "",
        "B.S.W., North Carolina Central University",
        "",
        "Various in-house program in reducing costs, 2001",
    ]
    degrees = [e.study_type for e in education_of(lines, [])]
    # A lower-case "program in" is a sentence's, not a credential.
    assert degrees == ["Diploma in Advance Nursing", "B.S.W"]


def test_each_degree_read_by_its_form_opens_its_own_entry() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "Awarded Diploma in Nursing (KRN), Aga Khan University",
        "Awarded Diploma in Midwifery (KRM) of the Nursing Council",
        "Commerce, Dr. R.M.L.S College, 2009",
        "MSW Research sub-committee, 2010 - 2016",
    ]
    degrees = [e.study_type for e in education_of(lines, [])]
    assert degrees[:2] == ["Diploma in Nursing", "Diploma in Midwifery"]
    # Letters inside a name ("R.M.L.S") and a committee line name no degree.
    assert "M.L.S" not in degrees and "MSW" not in degrees


def test_a_region_is_no_employer() -> None:
    done = "- Built 40 websites for local clients."
    lines = ["Jane Roe", "Experience", "Owner/Web Developer, California, 2008 - 2012", done]
    (work,) = work_of(lines, [(2, COMPANY, "California", 0.9)])
    assert work.company == ""
    lines[2] = "Owner/Web Developer, Bason Computer, 2008 - 2012"
    (kept,) = work_of(lines, [(2, COMPANY, "Bason Computer", 0.9)])
    assert kept.company == "Bason Computer"


def test_associate_and_education_doctorates_are_read_by_their_form() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "Ed. D, Administrative Leadership, August 2004.",
        "",
        "A.A., Early Childhood Education, St Augustine College, Chicago, IL",
    ]
    read = [(e.study_type, e.area) for e in education_of(lines, [])]
    assert read == [("Ed. D", "Administrative Leadership"), ("A.A.", "Early Childhood Education")]


def test_the_degree_is_the_entity_that_names_one_not_the_field_before_it() -> None:
    lines = ["Jane Roe", "Education", "Business Law, Juris Doctor, 2014"]
    entities = [(2, DEGREE, "Business Law", 0.6), (2, DEGREE, "Juris Doctor", 0.9)]
    (edu,) = education_of(lines, entities)
    assert edu.study_type == "Juris Doctor"


def test_a_degree_entity_that_stops_at_a_joiner_runs_on_to_its_field() -> None:
    lines = ["Jane Roe", "Education", "PGDBM in Business Management, IIM Lucknow, 2010"]
    (edu,) = education_of(lines, [(2, DEGREE, "PGDBM in", 0.8)])
    assert edu.study_type == "PGDBM in Business Management"


def test_undotted_abbreviations_are_degrees_only_where_a_degree_stands() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "MS (CS), Georgia Institute of Technology, 2012",
        "",
        "B.E Anna University, Chennai (2008-2012)",
        "",
        "Coursework in MS Office at Jackson Community College, Jackson, MS",
    ]
    read = [(e.study_type, e.area) for e in education_of(lines, [])]
    assert read == [("MS", "CS"), ("B.E", ""), ("", "")]


def test_the_field_of_a_degree_is_read_in_brackets_and_after_honours() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "MBA (Finance), Georgia State University, 2010",
        "",
        "B.Sc (Hons) Computer Science, University of Leeds, 2006",
    ]
    read = [(e.study_type, e.area) for e in education_of(lines, [])]
    assert read == [("MBA", "Finance"), ("B.Sc", "Computer Science")]


def test_a_field_beside_the_institution_is_the_area_where_no_degree_is_named() -> None:
    lines = ["Jane Roe", "Education", "Binghamton University, Binghamton, NY, 1986, Linguistics"]
    (edu,) = education_of(lines, [(2, INSTITUTION, "Binghamton University", 0.9)])
    assert (edu.institution, edu.area) == ("Binghamton University", "Linguistics")
    # A place or a post beside it names no discipline: no field.
    for line, school in [
        ("University of California, Berkeley", "University of California, Berkeley"),
        ("Adjunct Professor, Syracuse University", "Syracuse University"),
    ]:
        (edu,) = education_of(["Jane Roe", "Education", line], [(2, INSTITUTION, school, 0.9)])
        assert (edu.institution, edu.area) == (school, "")


def test_majors_and_minors_stated_apart_are_part_of_the_field() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "B.S. in Software Engineering, ABC University, 2012",
        "Minor in Computer Science",
        "",
        "B.A., Ohio State University, 2008",
        "Major: Consumer Economics",
        "",
        "M.A. in History, Kent State University, 2014",
        "Major Program coursework",  # "major" as a word, no field stated
    ]
    read = [(e.study_type, e.area) for e in education_of(lines, [])]
    assert read == [
        ("B.S.", "Software Engineering, minor in Computer Science"),
        ("B.A.", "Consumer Economics"),
        ("M.A.", "History"),
    ]


@pytest.mark.parametrize(
    ("line", "majors", "minors"),
    [
        ("Majors: History, Minor: Media Studies", ["History"], ["Media Studies"]),
        ("Major in Psychology, Minor in Spanish, GPA 3.2", ["Psychology"], ["Spanish"]),
        ("Specialization in Data Science", ["Data Science"], []),
        ("MAJOR PROFESSIONAL ACTIVITIES", [], []),
        ("Minor: 3.5 GPA", [], []),
    ],
)
def test_stated_majors_and_minors(line: str, majors: list[str], minors: list[str]) -> None:
    stated = stated_fields(line)
    assert [f.field for f in stated if not f.minor] == majors
    assert [f.field for f in stated if f.minor] == minors
    assert all(f.written in line and f.written.endswith(f.field) for f in stated)


def test_degrees_after_the_name_are_education_unless_listed_there() -> None:
    def read(name_line: str) -> tuple[str, list[tuple[str, str]]]:
        resume = parse_with(
            [name_line, "jane@example.com", "Education", "MBA, Wharton School, 2010"]
        )
        return resume.basics.name, [(e.study_type, e.area) for e in resume.education]

    assert read("Trina Mosciski, M.ED., PMP") == (
        "Trina Mosciski",
        [("MBA", ""), ("M.ED", "")],
    )
    # The MBA is listed under Education already: no second entry; a bracketed field kept.
    assert read("Hal Schmeler, MBA, MS (CS), CSM") == ("Hal Schmeler", [("MBA", ""), ("MS", "CS")])
    # A suffix is no credential: the name stays as written, nothing is added.
    assert read("Jane Doe, Jr.") == ("Jane Doe, Jr.", [("MBA", "")])


def test_a_degree_the_summary_states_is_education_unless_listed_there() -> None:
    def degrees(summary: str, *education: str) -> list[tuple[str, str]]:
        lines = ["Jane Roe", "Summary", summary, "Education", *education]
        return [(e.study_type, e.area) for e in education_of(lines, [])]

    stated = "Jane holds a B.S. in Marketing from Ohio State and 5 years in retail."
    assert degrees(stated) == [("B.S.", "Marketing")]
    assert degrees(stated, "BS, Ohio State University, 2015") == [("BS", "")]
    # A word that only sounds like a degree is none.
    assert degrees("Analytical, as shown throughout Masters and Honours research.") == []


def test_the_month_of_a_graduation_date_is_no_part_of_the_degree() -> None:
    lines = ["Jane Roe", "Education", "Bachelor of Science in Physical Education, May 2016"]
    (edu,) = education_of(lines, [])
    assert (edu.study_type, edu.area, edu.end_date) == (
        "Bachelor of Science",
        "Physical Education",
        "2016-05",
    )


def test_a_study_line_among_skills_or_roles_is_education() -> None:
    lines = [
        "Jane Roe",
        "Skills",
        "Python, SQL",
        "BS Engineering, University of Michigan, 2013",
        "Tableau, Excel",
        "Experience",
        "Analyst, Acme Corp, 2014 - 2018",
        "Bachelor of Engineering in Computer Science & Engineering",
        "Projects",
        "Masters Thesis",
    ]
    resume = parse_with(lines)
    assert [e.lines[0].text for e in resume.education] == [lines[3], lines[7]]
    assert list(resume.skills) == ["Python", "SQL", "Tableau", "Excel"]
    assert [p.name for p in resume.projects] == ["Masters Thesis"]


def test_a_long_line_opening_with_a_degree_at_an_institute_is_education() -> None:
    lines = [
        "Jane Roe",
        "Experience",
        "Teacher, Lincoln High School, 2009 - 2010",
        "• Assisted the senior teachers in developing course materials",
        "Lecturer at Kent State University teaching Bachelor of Science students in 2012",
        "Master's Degree in Business Education from Business Teacher's Training Institute,",
    ]
    resume = parse_with(lines, [(4, TITLE, "Lecturer", 0.9)])
    assert [e.study_type for e in resume.education] == ["Master's Degree"]
    assert [w.position for w in resume.work] == ["Teacher", "Lecturer"]


def test_a_qualification_under_the_name_is_education_not_a_headline() -> None:
    lines = [
        "Allan Koepp",
        "Qualification: Degree in Engineering (Metallurgy)",
        "Experience",
        "Foundry Manager, Acme Castings, 1990 - 2010",
    ]
    resume = parse_with(lines)
    assert [e.study_type for e in resume.education] == ["Degree in Engineering"]
    assert resume.basics.label == ""


def test_a_degree_among_skills_or_certifications_is_education() -> None:
    lines = [
        "Jane Roe",
        "Skills",
        "Python, SQL",
        "Diploma in Computer Applications",
        "Tableau, Excel",
        "Certifications",
        "Master's Degree in Computer Science, Department of Technical Studies",
        "Certificate in Project Management, PMI",
        "Diploma Course in Java Technology, NIIT",
    ]
    resume = parse_with(lines)
    assert [e.lines[0].text for e in resume.education] == [lines[3], lines[6]]
    assert list(resume.skills) == ["Python", "SQL", "Tableau", "Excel"]
    assert [c.name for c in resume.certificates] == [lines[7], lines[8]]


@pytest.mark.parametrize(
    ("line", "degree"),
    [
        ("NVQ 3 in Retailing", "NVQ 3 in Retailing"),
        ("GNVQ Advanced Information Technology (Pass)", "GNVQ Advanced Information Technology"),
        ("BTEC HNC Aviation, 2008", "BTEC HNC Aviation"),
        ("Worked with NVQ assessors", ""),
        ("NVQ Level 2", ""),
        # A field, then the word degree; not an article or a verb before it.
        ("Electronics Engineering degree in year 2000", "Electronics Engineering degree"),
        ("The degree was awarded", ""),
    ],
)
def test_qualifications_and_named_degrees_by_their_form(line: str, degree: str) -> None:
    assert degree_form(line) == degree


def test_work_done_in_a_degree_is_no_degree() -> None:
    lines = [
        "Jane Roe",
        "Education",
        "Masters Research Project: What on-the-job experiences relate to learning",
        "",
        "Targeting Internship Software Engineering Positions",
        "",
        "Master of Science Research Program, Kent State University, 2012",
    ]
    entities = [
        (2, DEGREE, "Masters Research Project", 0.8),
        (4, DEGREE, "Internship Software Engineering Positions", 0.5),
        (6, DEGREE, "Master of Science Research Program", 0.9),
    ]
    read = [e.study_type for e in education_of(lines, entities)]
    assert "Masters Research Project" not in read
    assert "Internship Software Engineering Positions" not in read
    assert "Master of Science" in read  # a named degree stands whatever follows it


def test_degrees_stated_outside_education_are_capped() -> None:
    # A summary stating degree after degree is a list: at most three entries come of it,
    # one per kind of degree, without the sentence's full stop.
    stated = [
        "Holds a B.S. in Biology.",
        "Holds an M.A. in History.",
        "Holds an M.A. in Art.",
        "Holds a Ph.D. in Chemistry.",
        "Holds an MBA from Wharton.",
    ]
    lines = ["Jane Roe", "Summary", *stated, "Skills", "Python"]
    read = [(e.study_type, e.area) for e in education_of(lines, [])]
    assert read == [("B.S.", "Biology"), ("M.A.", "History"), ("Ph.D.", "Chemistry")]


def test_an_employer_that_is_a_university_does_not_end_the_work_section() -> None:
    # Under a Work heading, a university's line is read as a place of study, but the roles
    # after it stay roles: before, every later role was filed under education.
    lines = [
        "Jane Doe",
        "Work Experience",
        "08/2008 - 09/2009",
        "University of Pittsburgh",
        "Software Quality Assurance Test Engineer",
        "• Automated the input validation testing of the web application",
        "02/2007 - 06/2008",
        "Acme Analytics",
        "Research Programmer",
        "• Implemented task prioritisation for the planning tool",
    ]
    resume = parse_with(
        lines,
        [
            (3, INSTITUTION, "University of Pittsburgh", 0.9),
            (4, TITLE, "Software Quality Assurance Test Engineer", 0.9),
            (7, COMPANY, "Acme Analytics", 0.9),
            (8, TITLE, "Research Programmer", 0.9),
        ],
    )
    assert [w.position for w in resume.work] == [
        "Software Quality Assurance Test Engineer",
        "Research Programmer",
    ]
    assert [w.company for w in resume.work][1] == "Acme Analytics"


def test_a_degree_under_the_work_heading_still_opens_education() -> None:
    lines = [
        "Jane Doe",
        "Work Experience",
        "Master of Science in Computer Science",
        "Columbia University, 2002",
        "Thesis on distributed filtering",
    ]
    resume = parse_with(
        lines,
        [(2, DEGREE, "Master of Science", 0.9), (3, INSTITUTION, "Columbia University", 0.9)],
    )
    assert [e.institution for e in resume.education] == ["Columbia University"]
    assert not resume.work


def test_a_title_whose_joiner_the_crf_kept_is_read_whole() -> None:
    # The CRF tags "Owner/" and "Operator" apart; the title is both.
    lines = [
        "Jane Doe",
        "Experience",
        "Construction Quality Solutions, LLC, Los Angeles, CA",
        "2010 to Present",
        "Owner/Operator - Oversee all aspects of construction and landscaping operations",
        "• Grew sales to $2.5M",
    ]
    resume = parse_with(lines, [(4, TITLE, "Owner/", 0.8), (4, TITLE, "Operator", 0.8)])
    assert resume.work[0].position == "Owner/Operator"


def test_an_employer_line_after_a_role_opens_the_next_role() -> None:
    # Employer / date / title on lines of their own, as teachers' CVs list placements: the
    # employer line after the first role's highlights is no sentence (nine words, but
    # capitalised fields) and no wrapped highlight, so it opens the second role.
    silent = FixedTagger([])
    resume = parse_resume(
        experience(
            "Oakton Elementary School, 4th Grade, District 65, Evanston, IL",
            "Spring 2014",
            "Student Teacher",
            "• Designed a bulletin board on the Eight Wonders of the World to accompany units on",
            "Washington Elementary School, 3rd Grade, District 65, Evanston, IL",
            "Winter 2013",
            "Student Teacher",
            "• Explained math concepts to an ELL student",
        ),
        silent,
    )
    assert [(w.company, w.dates_text, len(w.highlights)) for w in resume.work] == [
        ("Oakton Elementary School", "Spring 2014", 1),
        ("Washington Elementary School", "Winter 2013", 1),
    ]


@pytest.mark.parametrize(
    ("line", "employer"),
    [
        ("Time Warner Cable, Overland Park, KS", "Time Warner Cable"),
        ("First Baptist Church, Huntsville, Alabama", "First Baptist Church"),
        ("Law Office of Peter R. Mayer, PA", "Law Office of Peter R. Mayer"),
        ("R-Systems - Sacramento, CA -", "R-Systems"),
        # A place, an address, a label, a university: no employer by this rule.
        ("London, England", ""),
        ("6 Pine Street, Arlington, VA", ""),
        ("Location: Pune, India", ""),
        ("Towson University, Towson, MD", ""),
    ],
)
def test_a_name_alone_before_its_place_is_the_employer(line: str, employer: str) -> None:
    # No entity and no title word: nothing else in the header names the employer.
    resume = parse_resume(experience(line, "2015 - 2017", "• Ran the floor"), FixedTagger([]))
    assert [w.company for w in resume.work] == [employer]


def test_an_employer_with_a_legal_form_needs_no_entity() -> None:
    # No entity and no title word in the header: the legal form alone says employer.
    resume = parse_resume(
        experience(
            "Automatic Data Processing, Inc.", "Roseland, NJ", "2001 - 2005", "• Ran payroll"
        ),
        FixedTagger([]),
    )
    assert [w.company for w in resume.work] == ["Automatic Data Processing, Inc."]


@pytest.mark.parametrize(
    ("line", "employer"),
    [
        # Its own dates, a remark, a colon between name and place.
        ("Chuck's Sodas & Pizza, Stockler CA Summer 2007", "Chuck's Sodas & Pizza"),
        (
            "Oak Mountain Elementary School: Hoover, AL (Fall 2002)",
            "Oak Mountain Elementary School",
        ),
        ("Rapid City, SD | January 2015 - Present", ""),
        ("Masonite, Ukiah, Ca 1979 to 1981", "Masonite"),  # a state's code in title case
    ],
)
def test_a_dated_name_before_its_place_is_the_employer(line: str, employer: str) -> None:
    resume = parse_resume(experience(line, "• Ran the floor"), FixedTagger([]))
    assert [w.company for w in resume.work] == [employer]


@pytest.mark.parametrize(
    ("line", "tagged", "position"),
    [
        ("Acme Corp, Team Leader/Laborer, 2009 - 2011", "Team Leader", "Team Leader/Laborer"),
        (
            "Business Analyst - Channel Support Specialist, 2014 - 2016",
            "Business Analyst",
            "Business Analyst - Channel Support Specialist",
        ),
        (
            "Personal Trainer, Nutritionist, and Head Boxing Coach, March 2011",
            "Head Boxing Coach",
            "Personal Trainer, Nutritionist, and Head Boxing Coach",
        ),
        # What follows the title is its employer, not another title.
        ("Team Leader, Acme Corp, 2009 - 2011", "Team Leader", "Team Leader"),
        ("Team Leader - Boston, MA, 2009 - 2011", "Team Leader", "Team Leader"),
    ],
)
def test_titles_written_together_are_the_roles_position(
    line: str, tagged: str, position: str
) -> None:
    # The CRF tagged one of them; the titles beside it, joined by a slash, a dash, a comma
    # or "and", are the same role's.
    resume = parse_with(experience(line, "• Ran the team"), [(2, TITLE, tagged, 0.9)])
    assert [w.position for w in resume.work] == [position]
    assert all(tagged not in w.location for w in resume.work)


def test_a_published_title_without_a_title_word_is_the_position() -> None:
    # "Waiter" has none of the title words, but is a published job title: with its dates
    # the header reads by layout alone.
    resume = parse_with(
        experience(
            "Cheesecake Factory Restaurant, Waiter, Huntington Beach, CA",
            "Summer 2004",
            "• Served tables of up to 12 guests",
        )
    )
    assert [w.position for w in resume.work] == ["Waiter"]


def test_a_dated_role_under_the_summary_heading_is_a_role() -> None:
    # No work heading: the roles follow the summary ("SUMMARY OF QUALIFICATIONS").
    lines = [
        "Jane Doe",
        "Summary",
        "Microsoft Office",
        "Expert knowledge of CNC programming and fixture design.",
        "Superior communication skills both written and verbal.",
        "Meeting project deadlines is always a high priority.",
        "Supervisor/CNC Programmer, Blentech",
        "2011 to Present",
        "• Created a new machine shop",
    ]
    resume = parse_with(
        lines,
        [
            (2, COMPANY, "Microsoft", 0.9),
            (6, TITLE, "Supervisor/CNC Programmer", 0.9),
            (6, COMPANY, "Blentech", 0.9),
        ],
    )
    assert [(w.position, w.company, w.dates_text) for w in resume.work] == [
        ("Supervisor/CNC Programmer", "Blentech", "2011 to Present")
    ]
    # An employer named in passing, no dates beside it, stays in the summary.
    assert "Microsoft Office" in resume.basics.summary


@pytest.mark.parametrize(
    ("name", "employer"),
    [
        ("Microsoft Research", "Microsoft Research"),
        ("VERIZON WIRELESS", "VERIZON WIRELESS"),
        ("511 West 1st Street", ""),  # an address over its town
        ("Customer Service Associate", ""),  # a title over its place
    ],
)
def test_a_name_alone_over_its_place_is_the_employer(name: str, employer: str) -> None:
    resume = parse_resume(
        experience(name, "Redmond, WA", "2015 - 2017", "• Ran the floor"), FixedTagger([])
    )
    assert [w.company for w in resume.work] == [employer]


def test_a_name_under_its_place_or_over_its_dated_place_is_the_employer() -> None:
    under = parse_resume(
        experience("Bemidji, MN", "Camp Sunshine", "Summer, 2007", "• Ran the camp"),
        FixedTagger([]),
    )
    over = parse_resume(
        experience("Rising Sun", "Rapid City, SD | January 2015 - Present", "• Taught"),
        FixedTagger([]),
    )
    assert [w.company for w in [*under.work, *over.work]] == ["Camp Sunshine", "Rising Sun"]


def test_nothing_between_two_joiners_before_a_title_is_no_title() -> None:
    # The backward run over titles met an empty part and raised IndexError.
    resume = parse_with(
        experience(", , Team Leader, 2009 - 2011", "• Led"), [(2, TITLE, "Team Leader", 0.9)]
    )
    assert [w.position for w in resume.work] == ["Team Leader"]


def test_an_unbulleted_duty_under_a_role_is_a_line_of_it() -> None:
    # "Working with Engineers" opened a role of its own and took the next role's header,
    # so the next employer was lost; an employer and its place still opens a role.
    work = work_of(
        experience(
            "2010 to 2012",
            "Acme Tooling, Santa Rosa, California",
            "Supervisor",
            "• Ran the shop",
            "Acquire new equipment and staff as needed",
            "Working with Engineers (FEA in Solidworks)",
            "2008 to 2010",
            "Microlux, Santa Rosa, California",
            "Mechanical Designer",
            "• Drew parts",
            "Teach for America, Miami, FL",
            "2006 - 2008",
            "Corps Member",
            "• Taught",
        )
    )
    assert [(w.company, len(w.highlights)) for w in work] == [
        ("Acme Tooling", 3),
        ("Microlux", 1),
        ("Teach for America", 1),
    ]


def test_a_second_employer_under_a_dated_employer_opens_its_own_role() -> None:
    work = work_of(
        experience(
            "Quality Builders, Inc., Los Angeles, CA",
            "2011 to Present",
            "Construction Quality Solutions, LLC, Los Angeles, CA",
            "2010 to Present",
            "• Ran both firms",
        )
    )
    assert [(w.company, w.dates_text) for w in work] == [
        ("Quality Builders, Inc.", "2011 to Present"),
        ("Construction Quality Solutions, LLC", "2010 to Present"),
    ]


def test_whole_roles_stacked_before_their_dates_are_two_roles() -> None:
    lines = experience(
        "Sales Associate, Cheap & Tacky Clothing, Cavalier Mall, Lincoln, NE",
        "Produce Clerk, Expensive Foods, Pretend, NE",
        "January 2015 - June 2016",
        "• Stocked shelves",
    )
    assert [(w.position, w.company) for w in work_of(lines)] == [
        ("Sales Associate", "Cheap & Tacky Clothing"),
        ("Produce Clerk", "Expensive Foods"),
    ]


@pytest.mark.parametrize(
    ("header", "position"),
    [
        (
            "Print and Internet Copywriter, Publics Group, 2007 - 2009",
            "Print and Internet Copywriter",
        ),
        ("Interim Department Chair, SUNY Oswego, 2008 - 2009", "Interim Department Chair"),
        ("Orientation Leader, West Chester University, 2015 - 2016", "Orientation Leader"),
        ("Child-Care Employee, First Baptist Church, 2004 - 2005", "Child-Care Employee"),
    ],
)
def test_a_dated_header_reads_titles_beyond_the_common_words(header: str, position: str) -> None:
    assert [w.position for w in work_of(experience(header, "• Worked"))] == [position]


@pytest.mark.parametrize(
    "header",
    [
        "Coordinator, Graduate Studies Committee (GSC), CSUN, 1996 - 2001",
        "Advisor, University Staff Council, 2013 - 2014",
        "Student Representative, Academic Senate, 2001 - 2002",
        "Team Leader, Customer Service Team, 2003 - 2013",
    ],
)
def test_a_body_one_serves_on_is_no_employer(header: str) -> None:
    assert [w.company for w in work_of(experience(header, "• Served"))] == [""]


def test_a_heading_with_a_rule_drawn_after_it_is_a_heading() -> None:
    resume = parse_with(
        [
            *experience("Analyst, Globex, 2019 - 2021", "• Built reports"),
            "TECHNICAL SKILLS" + "_" * 60,
            "Python, SQL",
        ]
    )
    assert [(w.company, len(w.highlights)) for w in resume.work] == [("Globex", 1)]
    assert "Python" in resume.skills


def test_a_title_and_employer_as_long_as_a_sentence_over_its_dates_is_a_header() -> None:
    work = work_of(
        experience(
            "Air Transport Officer, European Civil Aviation Conference (ECAC)",
            "1982-1983",
            "• Drafted policy",
            "Adviser to the Human Resources Division, Civil Aviation Administration of France",
            "1976-1977",
            "• Advised",
        )
    )
    assert [(w.position, w.dates_text) for w in work] == [
        ("Air Transport Officer", "1982-1983"),
        ("Adviser to the Human Resources Division", "1976-1977"),
    ]


@pytest.mark.parametrize(
    ("header", "employer"),
    [
        (
            "Acting Assistant Dean, School of Education, SUNY Oswego, 2008 - 2010",
            "School of Education, SUNY Oswego",
        ),
        (
            "Professor, Department of Government, Harvard University, 1990 - 2002",
            "Department of Government, Harvard University",
        ),
        # No body after the unit, or only its place: the unit alone.
        ("Director, Marketing Department, 2001 - 2003", "Marketing Department"),
        ("Lecturer, School of Law, Boston, MA, 2001 - 2003", "School of Law"),
    ],
)
def test_a_unit_named_before_its_parent_body_is_named_with_it(header: str, employer: str) -> None:
    entities = [(2, COMPANY, employer.split(",")[0], 0.9)]
    assert [w.company for w in work_of(experience(header, "• Taught"), entities)] == [employer]


def test_a_title_the_model_cut_at_its_joiner_runs_on_to_the_employers_colon() -> None:
    lines = experience(
        "2009 - 2011",
        "Teacher Assistant and Integration Aide: Smithville Primary School",
        "• Supported pupils",
    )
    work = work_of(lines, [(3, TITLE, "Teacher Assistant and", 0.9)])
    assert [w.position for w in work] == ["Teacher Assistant and Integration Aide"]


def test_one_text_read_as_both_title_and_employer_is_one_of_them() -> None:
    titled = work_of(
        experience("Newspaper Staff Member, The Daily", "Aug 2012 - present", "• Wrote"),
        [(2, TITLE, "Newspaper Staff Member", 0.9), (2, COMPANY, "Newspaper Staff Member", 0.9)],
    )
    named = work_of(
        experience("Worldspan L.P., 2008 - 2009", "• Built fares"),
        [(2, TITLE, "Worldspan L.P.", 0.9), (2, COMPANY, "Worldspan L.P.", 0.9)],
    )
    assert [(w.position, w.company) for w in [*titled, *named]] == [
        ("Newspaper Staff Member", ""),
        ("", "Worldspan L.P."),
    ]


def test_a_labelled_title_in_parentheses_after_the_employer_is_the_title() -> None:
    work = work_of(
        experience("Worldspan L.P. (Designation: Software Intern)", "2008 - 2009", "• Built fares")
    )
    assert [(w.position, w.company) for w in work] == [("Software Intern", "Worldspan L.P.")]


def test_a_placement_or_internship_is_a_title() -> None:
    work = work_of(
        experience(
            "July 2016 - Aug 2016",
            "Summer Placement",
            "Pinsent Masons, Aberdeen, Scotland",
            "• Drafted contracts",
        )
    )
    assert [(w.position, w.company) for w in work] == [("Summer Placement", "Pinsent Masons")]


def test_a_capitalised_title_before_a_dash_opens_the_roles_first_line() -> None:
    work = work_of(
        experience(
            "Southern Mechanical Services, Inc., Boston, MA",
            "Vice President of Field Construction - Took this small company to 85 employees.",
            "• Built a safety culture",
        )
    )
    assert [(w.position, w.company) for w in work] == [
        ("Vice President of Field Construction", "Southern Mechanical Services, Inc.")
    ]


def test_a_title_label_vouches_for_the_title_it_heads() -> None:
    work = work_of(
        experience(
            "Position | Summer Associate (Full-time offer extended)",
            "• Drafted memoranda",
            "Role: Digital marketing through creative writing",
            "• Wrote posts",
        )
    )
    # The second label heads no title: its lines stay the role's, none of them lost.
    assert [w.position for w in work] == ["Summer Associate"]
    assert [h.text for h in work[0].highlights] == [
        "Drafted memoranda",
        "Role: Digital marketing through creative writing",
        "Wrote posts",
    ]


def test_an_employer_ending_in_a_title_word_is_the_title() -> None:
    work = work_of(
        experience("CATERPILLAR]", "SAP EWM WM Analyst", "• Configured EWM"),
        [(3, COMPANY, "SAP EWM WM Analyst", 0.9)],
    )
    assert [w.position for w in work] == ["SAP EWM WM Analyst"]
    assert all(w.company != "SAP EWM WM Analyst" for w in work)


def test_a_title_dated_in_parentheses_under_a_summary_is_a_role() -> None:
    resume = parse_with(
        [
            "Jane Doe",
            "Summary",
            "Results-driven leader of web consultancy projects.",
            "ASSOCIATE PRINCIPAL (8/01 to Present) eClerx, Austin, TX",
            "• Grew the business segment by 200% a year",
            "Award (2003) for community outreach",
        ]
    )
    assert [(w.position, w.start_date) for w in resume.work] == [("ASSOCIATE PRINCIPAL", "2001-08")]


def test_a_unit_and_its_parent_body_around_the_dates_are_one_employer() -> None:
    # The parts are read with the dates taken out: no dates inside the employer, no error.
    lines = experience("School of Education 2001 - 2003, SUNY Oswego", "• Taught")
    work = work_of(lines, [(2, COMPANY, "School of Education", 0.9)])
    assert [(w.company, w.dates_text) for w in work] == [
        ("School of Education, SUNY Oswego", "2001 - 2003")
    ]


@pytest.mark.parametrize(
    ("header", "position"),
    [
        ("Delivered Google Assistant, 2018 - 2019", ""),  # a duty, not a title
        ("Have worked as a Support Engineer, 2015 - 2017", "Support Engineer"),
        ("Registered Nurse, 2015 - 2017", "Registered Nurse"),  # a past form that is an adjective
        ("SPED Teacher, 1978 - 1982", "SPED Teacher"),  # an acronym, not "sped"
    ],
)
def test_a_title_opens_with_no_past_tense_or_held_as(header: str, position: str) -> None:
    entities = [(2, TITLE, header.split(",")[0], 0.9)]
    assert [w.position for w in work_of(experience(header, "• Worked"), entities)] == [position]


def test_years_in_brackets_or_a_post_held_there_are_no_part_of_the_institution() -> None:
    """Read by layout alone (the CRF names no institution): the dash of "(2005 - 2008)"
    split the school's part; "Webmaster for ..." is a post, not a place of study."""
    lines = ["Jane Roe", "Education", "BSc Physics, University of Manchester (2005 - 2008)"]
    (edu,) = education_of(lines)
    assert (edu.institution, edu.end_date) == ("University of Manchester", "2008")
    lines[2] = "Webmaster for Cameron School of Business (2003-present)"
    assert [e.institution for e in education_of(lines)] == [""]


def test_a_school_leaving_certificate_is_neither_a_role_nor_the_schools_name() -> None:
    """ "High School Diploma, Lincoln High School, 2010" before a degree line: the CRF names
    employers in it, which made it a role; and the certificate joined the school's name."""
    lines = [
        "Jane Roe",
        "Education",
        "High School Diploma, Lincoln High School, 2010",
        "Bachelor of Science in Biology, University of Leeds, 2014",
        "Experience",
        "Analyst, Acme Corp, 2014 - 2015",
        "- Built reports",
    ]
    found = [
        (2, COMPANY, "High School Diploma", 0.4),
        (2, COMPANY, "Lincoln High School", 0.4),
        (3, DEGREE, "Bachelor of Science in Biology", 0.9),
        (3, INSTITUTION, "University of Leeds", 0.9),
        (5, TITLE, "Analyst", 0.9),
        (5, COMPANY, "Acme Corp", 0.9),
    ]
    resume = parse_with(lines, found)
    assert [(e.institution, e.level) for e in resume.education] == [
        ("Lincoln High School", result_pb2.EDUCATION_LEVEL_SECONDARY),
        ("University of Leeds", result_pb2.EDUCATION_LEVEL_POSTSECONDARY),
    ]
    assert [w.company for w in resume.work] == ["Acme Corp"]


@pytest.mark.parametrize(
    ("line", "institution"),
    [
        ("MBA, Finance | INSEAD | 2018", "INSEAD"),
        ("B.Tech (Computer Science), IIT Bombay, 2015, CGPA 8.7/10", "IIT Bombay"),
        ("B.E. (ECE), VTU, 2012", "VTU"),
        ("M.S. in Computer Science, MIT, 2014", "MIT"),
        ("B.Tech, CSE, 2015", ""),  # a branch of study, not a school
        ("BS, MIS, 2010", ""),
        ("Diploma in Advance Nursing (DAN), 2004", ""),  # the degree's own initials
        ("BSc Physics, Leeds, NY, 2011", ""),  # a state's code
    ],
)
def test_a_school_known_by_its_initials_is_the_institution(line: str, institution: str) -> None:
    """Where nothing else names the school (the CRF, read here as silent, and no school
    word): a part of the degree's line written as initials, a town's name after them."""
    (edu,) = education_of(["Jane Roe", "Education", line])
    assert edu.institution == institution


def _schools(*lines: str) -> list[tuple[str, str, str]]:
    resume = parse_resume(["Jane Doe", "jane@example.com", "", "EDUCATION", *lines])
    return [(e.institution, e.study_type, e.end_date) for e in resume.education]


@pytest.mark.parametrize(
    ("degree_line", "school_line", "school"),
    [
        (
            "Bachelor of Commerce (Honours), Accounting",
            "Rotman Commerce, University of Toronto — 2015",
            "University of Toronto",
        ),
        (
            "Associate of Applied Science, Administrative Office Management",
            "Portland Community College, 2008",
            "Portland Community College",
        ),
        (
            "High School Diploma",
            "San Gorgonio High School - San Bernardino, CA, 2015",
            "San Gorgonio High School",
        ),
    ],
)
def test_a_school_under_its_degree_line_is_one_entry(
    degree_line: str, school_line: str, school: str
) -> None:
    schools = _schools(degree_line, school_line)
    assert len(schools) == 1 and schools[0][0] == school


def test_a_wrapped_school_name_takes_no_next_entry() -> None:
    schools = _schools(
        "B.A. in Communications, CITY COLLEGE OF",
        "NEW YORK",
        "Physics coursework, CASE WESTERN RESERVE UNIVERSITY",
    )
    assert "CASE WESTERN RESERVE UNIVERSITY" in [s[0] for s in schools]


@pytest.mark.parametrize(
    ("line", "school", "degree"),
    [
        (
            "B.S. in Statistics, University of Illinois at Urbana-Champaign, 2016",
            "University of Illinois at Urbana-Champaign",
            "B.S.",
        ),
        (
            "MSc Petroleum Geoscience, Norwegian University of Science and Technology (NTNU), 2014",
            "Norwegian University of Science and Technology (NTNU)",
            "MSc",
        ),
        (
            "BS Electrical Engineering, 1991: Rutgers University, New Brunswick, NJ",
            "Rutgers University",
            "BS",
        ),
    ],
)
def test_a_school_and_degree_are_read_whole(line: str, school: str, degree: str) -> None:
    assert _schools(line)[0][:2] == (school, degree)


def test_a_degree_cut_inside_its_bracket_is_closed() -> None:
    schools = _schools(
        "B.Tech in Computer Science and Engineering | Galgotias College of Engineering and "
        "Technology, Greater Noida | 2020 - 2024 | CGPA: 8.2/10",
        "Class XII (CBSE) | Delhi Public School, Noida | 2020 | 88.4%",
    )
    assert schools[1][:2] == ("Delhi Public School", "Class XII (CBSE)")


def test_an_associate_degree_line_under_education_is_no_role() -> None:
    resume = parse_resume(
        [
            "Giovanni Russo",
            "gio@example.com",
            "",
            "EDUCATION",
            "Associate in Occupational Studies (AOS), Culinary Arts — The Culinary Institute of "
            "America, Hyde Park, NY, 2012",
        ]
    )
    assert not resume.work and len(resume.education) == 1


def _basics(*header: str) -> result_pb2.Basics:
    return parse_resume(
        [
            *header,
            "",
            "EXPERIENCE",
            "Credit Controller, Harrowgate Ltd, Leeds, 03/2020 – Present",
            "- Manage a ledger of 450 trade accounts",
        ]
    ).basics


def test_contact_labels_are_no_values() -> None:
    basics = _basics(
        "Curriculum Vitae",
        "Name: Oliver James Pritchard",
        "Address: 14 Wellington Road, Leeds, LS6 2AB",
        "Telephone: 07700 900461",
        "Email: oliver.pritchard@btinternet.com",
    )
    assert basics.name == "Oliver James Pritchard"
    assert basics.location == "14 Wellington Road, Leeds, LS6 2AB"
    assert basics.phone == "07700 900461" and not basics.label and not basics.summary


def test_a_place_under_the_name_is_the_location_not_the_headline() -> None:
    basics = _basics("Hannah Kim", "Seattle, WA 98101", "hannah.kim.ux@gmail.com / 206-555-0163")
    assert (basics.location, basics.label) == ("Seattle, WA 98101", "")


def test_a_europass_title_is_no_name() -> None:
    basics = _basics(
        "Europass Curriculum Vitae",
        "",
        "Personal information",
        "First name(s) / Surname(s)    Katarzyna Wiśniewska",
        "k.w@example.com",
    )
    assert basics.name == "Katarzyna Wiśniewska"


def test_a_european_header_gives_contacts_not_personal_data() -> None:
    basics = _basics(
        "Europass Curriculum Vitae",
        "",
        "Personal information",
        "First name(s) / Surname(s)    Katarzyna Wiśniewska",
        "Address    ul. Długa 17/4, 31-147 Kraków, Poland",
        "Telephone(s)    +48 601 234 567",
        "E-mail    k.wisniewska@onet.pl",
        "Nationality    Polish",
        "Date of birth    12/04/1990",
    )
    assert basics.name == "Katarzyna Wiśniewska"
    assert basics.location == "ul. Długa 17/4, 31-147 Kraków, Poland"
    assert basics.phone == "+48 601 234 567"
    assert not basics.label and not basics.summary


def test_a_school_the_crf_calls_a_firm_stays_education() -> None:
    resume = parse_resume(
        [
            "Anna Berg",
            "anna@x.com",
            "",
            "EXPERIENCE",
            "Software Engineer, Acme Corp Ltd, 2020 – 2022",
            "- Built things",
            "",
            "EDUCATION",
            "Harvard Business School",
            "MBA, 2019",
        ]
    )
    assert [w.company for w in resume.work] == ["Acme Corp Ltd"]
    assert [(e.institution, e.study_type) for e in resume.education] == [
        ("Harvard Business School", "MBA")
    ]


@pytest.mark.parametrize(
    ("line", "school"),
    [
        (
            "B.S. Aviation Maintenance, Embry-Riddle Aeronautical University, 2021",
            "Embry-Riddle Aeronautical University",
        ),
        (
            "MPharm (Master of Pharmacy), Royal College of Surgeons in Ireland, 2016",
            "Royal College of Surgeons in Ireland",
        ),
        (
            "B.Tech, Computer Science, National Institute of Technology, Trichy, 2016",
            "National Institute of Technology, Trichy",
        ),
    ],
)
def test_a_school_is_read_with_its_campus_and_joined_words(line: str, school: str) -> None:
    assert _schools(line)[0][0] == school


@pytest.mark.parametrize(
    ("line", "degree"),
    [
        ("B.F.A. Interaction Design, Savannah College of Art and Design, 2017", "B.F.A."),
        ("B.Arch, Cornell University, 2012", "B.Arch"),
        ("DUT Computer Science, IUT Bordeaux, 2014", "DUT"),
    ],
)
def test_dotted_and_french_degrees_are_read_by_their_form(line: str, degree: str) -> None:
    assert _schools(line)[0][1] == degree


@pytest.mark.parametrize(
    ("line", "school", "area"),
    [
        ("MBA, INSEAD, 2010", "INSEAD", ""),
        ("BSc (Hons) Chemistry, NUI Galway, 2011", "NUI Galway", "Chemistry"),
    ],
)
def test_the_school_is_no_part_of_the_field(line: str, school: str, area: str) -> None:
    resume = parse_resume(["Jane Doe", "EDUCATION", line])
    assert [(e.institution, e.area) for e in resume.education] == [(school, area)]


def test_a_sidebar_read_first_gives_the_name_back_to_the_header() -> None:
    resume = parse_resume(
        [
            "CONTACT",
            "chloe@gmail.com",
            "(512) 555-0193",
            "SKILLS",
            "SEO",
            "HubSpot",
            "Chloe Marchetti",
            "Content Marketing Manager",
            "EXPERIENCE",
            "Copywriter | Lone Star Creative Agency | 2016 – 2020",
            "- Wrote the agency's campaigns",
        ]
    )
    assert resume.basics.name == "Chloe Marchetti"
    assert list(resume.skills) == ["SEO", "HubSpot"]


def test_a_schools_campus_number_is_part_of_its_name() -> None:
    assert _schools("2013 - Bachelor in Economics, Université Lumière Lyon 2")[0][0] == (
        "Université Lumière Lyon 2"
    )


def test_a_referee_is_not_the_candidate_and_a_hyphened_name_is_whole() -> None:
    resume = parse_resume(
        [
            "Maria Lopez-Reilly",
            "maria@example.com | 303-555-0116",
            "",
            "WORK EXPERIENCE",
            "Head of Internal Audit, Eko Crest Microfinance Bank Ltd, Lagos, 2019 - Present",
            "- Lead a team of 5 auditors",
            "",
            "REFEREES",
            "Mr. Babatunde Olatunji",
            "Managing Director, Eko Crest Microfinance Bank Ltd",
        ]
    )
    assert resume.basics.name == "Maria Lopez-Reilly"


def test_a_hyphened_first_name_is_whole_before_a_credential() -> None:
    # The CRF reads "Lin Hoffmann" of "Mei-Lin Hoffmann, Ph.D.".
    basics = parse_with(
        ["Mei-Lin Hoffmann, Ph.D.", "mhoffmann@example.org", "Experience", "Postdoc | MIT | 2020"],
        [(0, NAME, "Lin Hoffmann", 0.7)],
    ).basics
    assert basics.name == "Mei-Lin Hoffmann"


def test_a_location_label_is_no_part_of_the_location() -> None:
    basics = _basics("Lupe Ankunding", "Location: Chennai, Tamil Nadu", "lupe@example.com")
    assert basics.location == "Chennai, Tamil Nadu"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("ALISTAIR J. McKENZIE FCA", "ALISTAIR J. McKENZIE"),
        ("Dr Eleanor Whitfield MBBS MD FRCP", "Dr Eleanor Whitfield"),
        ("Juan Carlos DE LA CRUZ", "Juan Carlos DE LA CRUZ"),  # a surname in capitals stays
        ("Tomasz Wieczorek ARB RIBA", "Tomasz Wieczorek"),  # an architect's registrations
    ],
)
def test_credentials_after_a_name_without_a_comma_are_no_part_of_it(line: str, name: str) -> None:
    assert _basics(line, "alistair@example.com | +44 7700 900 881").name == name


@pytest.mark.parametrize(
    ("line", "school", "degree"),
    [
        (
            "BA (Hons) Graphic Design, University of the West of England, 2010",
            "University of the West of England",  # not cut at "the"
            "BA",
        ),
        ("MBBS, University College London, 2004", "University College London", "MBBS"),
        ("MD (Res), University of Manchester, 2011", "University of Manchester", "MD (Res)"),
        (
            "MA (Oxon) Philosophy, Politics and Economics, University of Oxford, 1995",
            "University of Oxford",
            "MA (Oxon)",
        ),
        (
            "Master of Social Work, Portland State University, 2015",
            "Portland State University",
            "Master of Social Work",
        ),
        (
            "Dipl.-Ing. Maschinenbau, Technische Universität München, 2017",
            "Technische Universität München",
            "Dipl.-Ing. Maschinenbau",
        ),
        ("Diplom-Kaufmann, Universität zu Köln, 2008", "Universität zu Köln", "Diplom-Kaufmann"),
        ("DEC in Computer Science Technology, Dawson College, 2014", "Dawson College", "DEC"),
        (
            "B.S. Civil Engineering, California State University, Sacramento, 2013",
            "California State University, Sacramento",  # the campus after the system
            "B.S.",
        ),
        (
            "Croydon College | Level 2 Certificate in Cleaning and Support Services | 2015",
            "Croydon College",
            "Level 2 Certificate in Cleaning and Support Services",
        ),
    ],
)
def test_medical_and_named_degrees_and_a_school_named_past_its_joining_word(
    line: str, school: str, degree: str
) -> None:
    [(institution, study_type, _)] = _schools(line)
    assert institution == school
    assert study_type.startswith(degree)


@pytest.mark.parametrize(
    "text",
    [
        "Baltimore, MD 21201",
        "the Master of Ceremonies at the gala",
        "Master of Software Engineering Fellow",
    ],
)
def test_a_state_a_ceremony_or_a_title_is_no_degree(text: str) -> None:
    assert degree_form(text) == ""


def test_a_name_in_two_labelled_fields_and_personal_data_read_as_such() -> None:
    basics = _basics(
        "CURRICULUM VITAE",
        "Surname: | Mokoena",
        "First Names: | Thabo Sipho",
        "ID Number: | 8805125123087",
        "Date of Birth: | 12 May 1988",
        "Contact Number: | 072 555 0187",
        "Residential Address: | 14 Acacia Street, Soshanguve Block H, Pretoria, 0152",
    )
    assert basics.name == "Thabo Sipho Mokoena"
    assert basics.phone == "072 555 0187"  # not the ID number
    assert basics.location == "14 Acacia Street, Soshanguve Block H, Pretoria, 0152"
    assert basics.label == ""


def test_a_street_is_no_name_and_a_name_set_over_two_lines_is_one() -> None:
    basics = _basics(
        "CURRICULUM VITAE",
        "OLUWASEUN ADEYEMI",
        "12 Adeola Odeku Street, Victoria Island, Lagos",
        "08031234567 | seun.adeyemi@example.com",
    )
    assert (basics.name, basics.location) == (
        "OLUWASEUN ADEYEMI",
        "12 Adeola Odeku Street, Victoria Island, Lagos",
    )
    basics = _basics("JORDAN", "ELLIS", "Graphic Designer", "hello@jordanellis.design")
    assert (basics.name, basics.label) == ("JORDAN ELLIS", "Graphic Designer")


def test_character_references_are_nobodys_name_but_the_candidates() -> None:
    resume = parse_resume(
        [
            "JUAN MIGUEL S. DELA CRUZ",
            "Email: jm.delacruz@example.com",
            "WORK EXPERIENCE",
            "Customer Service Representative, Teleperformance Philippines, 2017 - Present",
            "- Handled 80 calls a day",
            "CHARACTER REFERENCES",
            "Mr. Ramon Villanueva",
            "Store Supervisor, Maharlika Department Store",
        ]
    )
    assert resume.basics.name == "JUAN MIGUEL S. DELA CRUZ"
    assert [w.company for w in resume.work] == ["Teleperformance Philippines"]


@pytest.mark.parametrize(
    ("line", "school"),
    [
        (
            "Bachelor's Degree in Statistics – Universidade de São Paulo (2012 – 2016)",
            "Universidade de São Paulo",
        ),
        ("Ph.D. in Chemistry, ETH Zürich, 2021; Advisor: Prof. Andreas Keller", "ETH Zürich"),
        (
            "M.Sc. in Chemistry, École Polytechnique Fédérale de Lausanne, 2016",
            "École Polytechnique Fédérale de Lausanne",
        ),
    ],
)
def test_schools_named_in_other_languages(line: str, school: str) -> None:
    assert _schools(line)[0][0] == school


def test_personal_details_fields_are_never_education_and_a_labelled_name_wins() -> None:
    resume = parse_resume(
        [
            "CAREER HISTORY (Shokumu Keirekisho)",
            "Personal details",
            "Name: | Sanne de Vries",
            "Address: | Witte de Withstraat 42B, 3012 BP Rotterdam",
            "Phone: | +31 6 2345 6789",
            "Work experience",
            "2018 – now Data Analyst at Coolblue, Rotterdam",
            "- Built demand forecasting dashboards",
        ]
    )
    assert resume.basics.name == "Sanne de Vries"
    assert resume.basics.location == "Witte de Withstraat 42B, 3012 BP Rotterdam"
    assert list(resume.education) == []


@pytest.mark.parametrize(
    ("line", "school"),
    [
        ("Certificate III in Hospitality – TAFE NSW, Ultimo, 2017", "TAFE NSW"),
        (
            "Higher School Certificate (HSC) – Newtown High School of the Performing Arts, 2015",
            "Newtown High School of the Performing Arts",
        ),
        (
            "Ontario Secondary School Diploma (OSSD), Cawthra Park Secondary School, 2012",
            "Cawthra Park Secondary School",
        ),
        (
            "Certificate III in Electrotechnology – TAFE Queensland (in progress, completing 2024)",
            "TAFE Queensland",  # the remark in brackets, cut at its comma, no part of it
        ),
    ],
)
def test_a_school_after_its_leaving_certificate_or_a_tafe(line: str, school: str) -> None:
    assert _schools(line)[0][0] == school


def test_a_po_box_is_no_phone_and_an_orcid_no_place() -> None:
    basics = _basics(
        "GRACE WANJIRU MWANGI",
        "P.O. Box 12345-00100, Nairobi, Kenya",
        "Tel: +254 722 123 456 | Email: grace.mwangi@example.com | ORCID: 0000-0002-1825-0097",
    )
    assert (basics.phone, basics.location) == (
        "+254 722 123 456",
        "P.O. Box 12345-00100, Nairobi, Kenya",
    )


@pytest.mark.parametrize(
    ("lines", "school", "credential"),
    [
        (
            ["Roadmaster Drivers School, Columbus, OH | CDL Class A Training Certificate, 2014"],
            "Roadmaster Drivers School",
            "CDL Class A Training Certificate",
        ),
        (
            ["Humber College, Toronto, ON – Police Foundations Diploma | 2016"],
            "Humber College",
            "Police Foundations Diploma",
        ),
        (
            [
                "Austin Community College, Austin, TX | 2015",
                "Associate of Applied Science in Emergency Medical Services – Paramedic",
            ],
            "Austin Community College",
            "Associate of Applied Science in Emergency Medical Services",
        ),
    ],
)
def test_a_certificate_diploma_or_associate_degree_is_the_entrys_degree(
    lines: list[str], school: str, credential: str
) -> None:
    [(institution, study_type, _)] = _schools(*lines)
    assert (institution, study_type) == (school, credential)


def test_a_certificate_line_under_education_is_no_role() -> None:
    resume = parse_resume(
        [
            "Rosalinda Dizon",
            "rosalinda@example.com",
            "Education & Certifications",
            "American River College, Sacramento, CA",
            "Nurse Assistant Certificate, 2015",
            "Hiram W. Johnson High School, Sacramento, CA",
            "High School Diploma, 2012",
        ]
    )
    assert list(resume.work) == []
    assert [(e.institution, e.study_type) for e in resume.education] == [
        ("American River College", "Nurse Assistant Certificate"),
        # The certificate of leaving school is the entry's qualification, at its level.
        ("Hiram W. Johnson High School", "High School Diploma"),
    ]
    assert resume.education[1].level == result_pb2.EDUCATION_LEVEL_SECONDARY


def test_a_sidebar_read_first_gives_no_place_or_label_as_the_name() -> None:
    resume = parse_resume(
        [
            "CONTACT",
            "+20 100 234 5678",
            "m.elsayed.ce@gmail.com",
            "Nasr City, Cairo, Egypt",
            "PERSONAL INFO",
            "Nationality: Egyptian",
            "SKILLS",
            "AutoCAD",
            "LANGUAGES",
            "Arabic: Native",
            "Mohamed Ahmed El-Sayed",
            "Civil Site Engineer",
            "EXPERIENCE",
            "Site Engineer | Orascom Construction | 09/2019 – Present",
            "• Supervised concrete works for a 14-storey tower",
        ]
    )
    assert (resume.basics.name, resume.basics.label) == (
        "Mohamed Ahmed El-Sayed",
        "Civil Site Engineer",
    )


def test_a_town_before_its_region_on_the_contact_line_is_no_name() -> None:
    basics = _basics(
        "+60 12-345 6789 | nurul.af@gmail.com | Shah Alam, Selangor | linkedin.com/in/nurulaf",
        "",
        "Nurul Aisyah binti Ahmad Fauzi",
        "Data Analyst",
    )
    assert basics.name == "Nurul Aisyah binti Ahmad Fauzi"


def test_a_grade_in_brackets_after_the_field_leaves_no_bracket_in_it() -> None:
    resume = parse_resume(
        [
            "Kim Min-jun",
            "minjun@example.com",
            "EDUCATION",
            "Seoul National University | 2012.03 ~ 2018.02",
            "B.S. in Computer Science and Engineering (GPA 3.81 / 4.3)",
        ]
    )
    [school] = resume.education
    assert (school.study_type, school.area) == ("B.S.", "Computer Science and Engineering")


def test_a_bangladeshi_md_before_the_name_and_a_major_after_the_degree() -> None:
    resume = parse_resume(
        [
            "MD. RAKIBUL HASAN",
            "House 12, Road 7, Mirpur-10, Dhaka-1216 | +880 1711-234567 | rakib@example.com",
            "EMPLOYMENT HISTORY",
            "Senior Officer (Credit Risk Management) | Jan 2021 – Present",
            "BRAC Bank Limited, Gulshan-1, Dhaka",
            "• Appraise SME loan proposals of up to BDT 50 million.",
            "ACADEMIC QUALIFICATION",
            "Master of Business Administration (MBA), Major in Finance",
            "University of Dhaka",
            "2018 | CGPA 3.65 out of 4.00",
        ]
    )
    assert resume.basics.name == "MD. RAKIBUL HASAN"
    assert [(e.institution, e.study_type) for e in resume.education] == [
        ("University of Dhaka", "Master of Business Administration")
    ]


def test_a_roles_supervisor_is_not_the_candidate() -> None:
    resume = parse_resume(
        [
            "DENISE M. HARTWELL",
            "4417 Larchmont Drive",
            "Silver Spring, MD 20906 US",
            "Day Phone: (301) 555-0148",
            "",
            "WORK EXPERIENCE",
            "",
            "U.S. Department of Veterans Affairs, Veterans Benefits Administration",
            "Baltimore Regional Office, 31 Hopkins Plaza",
            "Baltimore, MD 21201 US",
            "06/2014 - 03/2018",
            "Grade Level: GS-0343-11",
            "Hours per week: 40",
            "Program Analyst",
            "Supervisor: Lorraine Feeney, (410) 555-0192, Okay to contact this Supervisor: Yes",
            "Duties, Accomplishments and Related Skills:",
            "* Tracked claims-processing performance metrics for 380 representatives.",
        ]
    )
    assert resume.basics.name == "DENISE M. HARTWELL"


def test_a_headline_under_the_name_is_no_study_whatever_the_crf_reads() -> None:
    lines = [
        "Hannah Lindqvist",
        "Physiotherapist (AHPRA Reg. PHY0001847263)",
        "Education",
        "The University of Melbourne, 2012 - 2015",
        "Doctor of Physiotherapy",
    ]
    education = education_of(
        lines,
        [
            (1, DEGREE, "Physiotherapist (AHPRA Reg. PHY0001847263)", 0.9),
            (3, INSTITUTION, "The University of Melbourne", 0.95),
            (4, DEGREE, "Doctor of Physiotherapy", 0.95),
        ],
    )
    assert [(e.institution, e.study_type) for e in education] == [
        ("The University of Melbourne", "Doctor of Physiotherapy")
    ]

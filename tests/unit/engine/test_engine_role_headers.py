"""Role headers in the shapes real CVs write them (issue 9's misreadings)."""

from __future__ import annotations

import pytest

from tailor_worker.engine import places
from tailor_worker.engine.entities.model import COMPANY, NAME, TITLE
from tailor_worker.engine.header_parts import as_field, is_location
from tailor_worker.engine.resume_parser import _is_sentence, parse_resume
from tailor_worker.engine.role_fields import widened
from tailor_worker.engine.sections import TITLE_WORDS, heading_section, wrapped_heading
from tests.unit.engine.fixed_entities import experience, parse_with, work_of


def _roles(*lines: str) -> list[tuple[str, str, str, str, list[str]]]:
    resume = parse_resume(["Jane Doe", "Experience", *lines])
    return [
        (w.position, w.company, w.location, w.dates_text, [h.text for h in w.highlights])
        for w in resume.work
    ]


def test_dates_first_with_now_and_a_place_in_parentheses() -> None:
    assert _roles(
        "2020 - now: Backend JAVA developer, (Israel, Rehovot)", "- Built billing services in Java"
    ) == [
        (
            "Backend JAVA developer",
            "",
            "Israel, Rehovot",
            "2020 - now",
            ["Built billing services in Java"],
        ),
    ]


def test_a_bulleted_company_header_opens_a_role() -> None:
    roles = _roles(
        "Developer — Acme, Haifa — 2020-2022",
        "- Built APIs",
        "*** Inetex Ltd., Rehovot, Israel — 2018-2020",
        "- Wrote drivers in C",
    )
    assert [(r[1], r[3]) for r in roles] == [("Acme", "2020-2022"), ("Inetex Ltd.", "2018-2020")]
    assert roles[0][4] == ["Built APIs"]  # the header is no bullet of the role before


def test_a_dated_bullet_that_says_what_was_done_stays_a_bullet() -> None:
    roles = _roles(
        "Engineer, Acme — 2019-2021",
        "- Supported the payments team during the 2019-2020 data center move",
    )
    assert len(roles) == 1 and len(roles[0][4]) == 1


@pytest.mark.parametrize("label", ["Areas of responsibility:", "Key achievements:"])
def test_a_label_opens_no_role(label: str) -> None:
    roles = _roles("QA Engineer, Acme — 2019-2021", label, "- Wrote test plans")
    assert roles == [("QA Engineer", "Acme", "", "2019-2021", ["Wrote test plans"])]


def test_a_long_header_is_still_a_header() -> None:
    roles = _roles(
        "Junior Web Developer — Prairie Digital Agency, Evanston, IL",
        "Jan 2019 – Mar 2020",
        "- Built landing pages in React",
    )
    assert roles[0][:4] == (
        "Junior Web Developer",
        "Prairie Digital Agency",
        "Evanston, IL",
        "Jan 2019 – Mar 2020",
    )


@pytest.mark.parametrize(
    "header",
    [
        ["Personal information", "Name: Dana Levi", "Email: dana@example.com"],
        ["PERSONAL INFORMATION", "Dana Levi", "dana@example.com"],
        ["Senior Backend Engineer | Payments", "Dana Levi", "dana@example.com"],
    ],
)
def test_the_name_is_not_a_heading_or_a_headline(header: list[str]) -> None:
    resume = parse_resume([*header, "Experience", "Engineer, Acme — 2019-2021", "- Built APIs"])
    assert resume.basics.name == "Dana Levi"
    assert resume.basics.email == "dana@example.com"


def test_a_title_run_into_its_company() -> None:
    roles = _roles(
        "Web Developer Naya Technologies, migVisor, Herzliya",
        "2019 - 2021",
        "- Built dashboards in React",
    )
    # "migVisor" is a product the role worked on, not a place: the location is the town.
    assert roles[0][:3] == ("Web Developer", "Naya Technologies", "Herzliya")


@pytest.mark.parametrize(
    ("header", "location"),
    [
        ("Software Engineer, Infosys Ltd, Pune, Maharashtra", "Pune, Maharashtra"),
        ("Teacher, Lincoln High School, Ukiah, Ca", "Ukiah, CA"),
        ("Analyst, Infosys Ltd, Pune", "Pune"),
        ("Backend developer, Acme Corp, (Israel, Rehovot)", "Israel, Rehovot"),
        ("Support Engineer, Acme Corp, Remote", "Remote"),
        ("Counselor, Camp Sunrise, Sometown, OH, Summers", "Sometown, OH"),
    ],
)
def test_a_role_location_keeps_the_place(header: str, location: str) -> None:
    roles = _roles(header, "2019 - 2021", "- Built things")
    assert roles[0][2] == location


@pytest.mark.parametrize(
    "lines",
    [
        # a department and a duty left over from the header are no place
        ("Lead Engineer, Cisco Systems, Automation & Testing", "2013 - 2015", "- Tested"),
        ("Consultant, Genpact, Bangalore, Years of Experience: 2 Years", "2013 - 2015", "- Ran"),
        # a heading read into a role is no place ("Skill Set" under the last role)
        ("Designer, Acme Corp", "2017 - 2019", "- Drew", "Skill Set", "2019", "- Photoshop"),
    ],
)
def test_a_role_location_is_never_a_phrase(lines: tuple[str, ...]) -> None:
    for position, company, location, _, _ in _roles(*lines):
        assert location in ("", "Bangalore"), (position, company, location)


def test_since_a_year_runs_to_the_present() -> None:
    resume = parse_resume(
        [
            "Jane Doe",
            "Experience",
            "Charge Nurse — Riverside Community Hospital, Columbus, OH",
            "Since 2021",
            "• Supervise a team of 8 nurses",
        ]
    )
    (work,) = resume.work
    assert (work.start_date, work.end_date, work.dates_text) == ("2021", "present", "Since 2021")
    assert (work.position, work.company) == ("Charge Nurse", "Riverside Community Hospital")
    assert work.location == "Columbus, OH"


def test_a_header_longer_than_a_sentence_over_its_dates_opens_a_role() -> None:
    roles = _roles(
        "Staff Nurse — Lakeview Medical Center, Dayton, OH",
        "2017 - 2020",
        "• Precepted 12 newly graduated nurses",
        "Nursing Assistant — Maple Grove Care Home, Dayton, OH",
        "2015 - 2017",
        "• Recorded vital signs",
    )
    assert [(r[0], r[3], r[4]) for r in roles] == [
        ("Staff Nurse", "2017 - 2020", ["Precepted 12 newly graduated nurses"]),
        ("Nursing Assistant", "2015 - 2017", ["Recorded vital signs"]),
    ]


def test_a_date_range_wrapped_onto_the_next_line_is_joined() -> None:
    resume = parse_resume(
        [
            "Jane Doe",
            "Experience",
            "Senior Product Designer | Parcelwise | San Francisco, CA | 10/2021 –",
            "present",
            "• Led the design system",
        ]
    )
    (work,) = resume.work
    assert (work.start_date, work.end_date) == ("2021-10", "present")
    assert work.location == "San Francisco, CA"


def test_a_state_code_is_no_legal_form() -> None:
    # "CO" after a city is Colorado, not "Co." of a company name.
    roles = _roles(
        "Marketing Coordinator — Clearbrook Events, Denver, CO",
        "Sep 2015 – Jun 2017",
        "• Ran 40 events a year",
    )
    assert [r[:3] for r in roles] == [("Marketing Coordinator", "Clearbrook Events", "Denver, CO")]


def test_a_headline_under_the_name_after_a_sidebar_is_no_role() -> None:
    resume = parse_resume(
        [
            "Contact",
            "olivia@example.com",
            "Education",
            "B.A. Communications, Front Range University, 2015",
            "Olivia Grant",
            "Marketing Manager",
            "Experience",
            "Marketing Manager — Summitline Outdoor Co., Denver, CO",
            "Feb 2020 – Present",
            "• Grew email revenue 30%",
        ]
    )
    assert [(w.position, w.dates_text) for w in resume.work] == [
        ("Marketing Manager", "Feb 2020 – Present"),
    ]


@pytest.mark.parametrize(
    "tools",
    [
        ["Technologies: PHP5, SOAP, MySQL"],
        ["Environment: PHP5, SOAP, MySQL"],
        ["Technologies:", "PHP5, SOAP, MySQL"],  # a bare label, the list under it
    ],
)
def test_a_roles_tools_line_is_the_roles_not_a_skills_heading(tools: list[str]) -> None:
    # Filed under a skills heading, every role after it was lost to the skills list.
    resume = parse_resume(
        [
            "Jane Doe",
            "Experience",
            "Software Engineer | Acme Corp | 2019 - 2021",
            "• Built the billing service",
            *tools,
            "Data Analyst | Globex Ltd | 2016 - 2019",
            "• Wrote the weekly sales reports",
            "Skills",
            "Python, SQL",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [
        ("Software Engineer", "Acme Corp"),
        ("Data Analyst", "Globex Ltd"),
    ]
    assert [h.text for h in resume.work[0].highlights] == ["Built the billing service", tools[-1]]
    assert list(resume.skills) == ["Python", "SQL", "PHP5", "SOAP", "MySQL"]


def test_the_wrapped_end_of_a_sentence_is_no_heading() -> None:
    # "... across several" / "technologies." must not open a skills section.
    roles = _roles(
        "Software Engineer | Acme Corp | 2019 - 2021",
        "• Migrated the billing service and its reports to newer",
        "technologies.",
        "Data Analyst | Globex Ltd | 2016 - 2019",
        "• Wrote the weekly sales reports",
    )
    assert [(r[0], r[1]) for r in roles] == [
        ("Software Engineer", "Acme Corp"),
        ("Data Analyst", "Globex Ltd"),
    ]


def test_a_heading_word_wrapped_off_its_phrase_opens_no_section() -> None:
    # A teacher's PDF wraps "Council on Social Work Education" and "Master of Science in
    # Higher Education" at the heading word: "Education" alone on a line there is the
    # phrase's end, and the role after it stays a role.
    resume = parse_resume(
        [
            "Jane Doe",
            "Experience",
            "Teacher, Lincoln High School, Omaha, NE, 2015 - 2020",
            "• Reviewer for the Council on Social Work",
            "Education",
            "• Mentored teachers new to a career as an",
            "Education",
            "Math Teacher, Oak Middle School, Omaha, NE, 2010 - 2015",
            "• Taught algebra to 120 students",
            "EDUCATION",
            "Master of Science in Higher",
            "Education",
            "University of Nebraska, 2009",
            "BA in Elementary",
            "Education",
            "Creighton University, 2005",
        ]
    )
    assert [w.company for w in resume.work] == ["Lincoln High School", "Oak Middle School"]
    assert [h.text for h in resume.work[0].highlights] == [
        "Reviewer for the Council on Social Work Education",
        "Mentored teachers new to a career as an Education",
    ]
    assert [(e.institution, e.study_type, e.area) for e in resume.education] == [
        ("University of Nebraska", "Master of Science", "Higher Education"),
        ("Creighton University", "BA", "Elementary Education"),
    ]


def test_a_heading_split_over_two_lines_still_opens_its_section() -> None:
    resume = parse_resume(
        [
            "Jane Doe",
            "Skills",
            "Python, SQL",
            "Related Experience in",
            "Education",
            "Tutor, Lincoln High School, Omaha, NE, 2015 - 2020",
            "• Taught algebra",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [("Tutor", "Lincoln High School")]


def test_a_publication_under_a_role_is_no_role() -> None:
    roles = _roles(
        "Professor, Kent State University, Kent, OH, 2001 - 2010",
        "• Taught graduate courses in special education",
        "Simmons, T. J. & Bauder, D. K. (1999). Project ICARUS: SIG Coordinator, Sponsored by",
    )
    assert [(r[0], r[1]) for r in roles] == [("Professor", "Kent State University")]


@pytest.mark.parametrize(
    ("previous", "heading"),
    [
        ("they select music for a film", "Education"),
        ("Higher", "EDUCATION"),
        ("ACADEMIC AND", "Experience"),
        ("", "Education"),
        ("Customer", "Skills"),
        # A full stop after a finished line, or a phrase of more than one word: a heading.
        ("Built the CRM for Wipro.", "Technologies."),
        ("Language CA for the CRM project in", "Technical Skills."),
    ],
)
def test_a_heading_after_a_finished_line_stays_a_heading(previous: str, heading: str) -> None:
    assert not wrapped_heading(previous, heading)


def test_a_date_or_glyph_alone_is_no_role() -> None:
    # A dates column read apart from its roles leaves lone years; an empty bullet leaves a
    # glyph. Neither is a role to show: no empty role comes back.
    resume = parse_resume(
        [
            "Jane Doe",
            "Experience",
            "2008",
            "2009",
            "Software Engineer | Acme Corp | 2009 - 2012",
            "• Built the billing service",
            "•",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [("Software Engineer", "Acme Corp")]
    assert all(w.position or w.company or w.highlights for w in resume.work)


@pytest.mark.parametrize(
    "fragment",
    [
        "January to",
        "Summers",
        "Responsibilities",
        "1 Year 3 Months",
        "Jan —",
        r"Jan \xe2\x80\x94",
        "Marketing",
        "Coaching",
    ],
)
def test_a_date_or_label_fragment_is_no_employer(fragment: str) -> None:
    roles = _roles(f"Data Analyst, {fragment}, 2016 - 2019", "• Wrote the weekly sales reports")
    # A function after the title is its department ("Data Analyst, Marketing"), no employer.
    assert [(r[0].removesuffix(", Marketing"), r[1]) for r in roles] == [("Data Analyst", "")]


@pytest.mark.parametrize(
    "employer", ["Mayo Clinic", "Janssen", "Novartis", "Marriott", "Boeing", "Ring"]
)
def test_an_employer_named_like_a_month_is_still_one(employer: str) -> None:
    roles = _roles(f"Data Analyst, {employer}, 2016 - 2019", "• Wrote the weekly sales reports")
    assert [(r[0], r[1]) for r in roles] == [("Data Analyst", employer)]


def test_an_academic_career_holds_roles_and_memberships_hold_none() -> None:
    resume = parse_resume(
        [
            "Jane Doe",
            "Education",
            "PhD in Computer Science, Lodz University of Technology, 2012",
            "Academic career",
            "Lecturer, Lodz University of Technology, 2012 - 2016",
            "• Taught compiler construction",
            "Professional Affiliations",
            "Executive Board Member, Maryland Association of School Principals, 1991 to 1995",
            "Invited talks",
            "Chair, Session on Type Systems, Haskell Symposium, 2015",
        ]
    )
    assert [(w.position, w.dates_text) for w in resume.work] == [("Lecturer", "2012 - 2016")]


def test_the_entity_crf_reads_only_the_core_headings() -> None:
    # Its section features were measured without the later headings; the parser reads both.
    assert heading_section("Professional Affiliations") == "other"
    assert heading_section("Academic Career:") == "work"
    assert heading_section("Professional Affiliations", core=True) is None
    assert heading_section("Work Experience", core=True) == "work"


def test_a_person_is_no_employer_but_a_firm_named_for_one_is() -> None:
    lines = experience(
        "Paralegal, Jack E. Carter, PA, 2012 - 2015",
        "• Drafted pleadings",
        "Legal Assistant, Gregory T. Jones, 2010 - 2012",
        "• Filed motions",
    )
    entities = [
        (2, TITLE, "Paralegal", 0.9),
        (2, COMPANY, "Jack E. Carter", 0.6),
        (4, TITLE, "Legal Assistant", 0.9),
        (4, COMPANY, "Gregory T. Jones", 0.6),
    ]
    assert [w.company for w in work_of(lines, entities)] == ["Jack E. Carter", ""]


def test_a_job_title_read_as_the_employer_is_the_roles_title() -> None:
    """The CRF reads "Research Intern" as an employer: a published job title is none; a
    role that names no title takes it, a role that names one drops it."""
    lines = experience(
        "Research Intern",
        "2019 - 2020",
        "• Ran the lab's assays",
        "Analyst, Medical Social Worker, 2020 - 2022",
        "• Led audits",
    )
    entities = [
        (2, COMPANY, "Research Intern", 0.6),
        (5, TITLE, "Analyst", 0.9),
        (5, COMPANY, "Medical Social Worker", 0.6),
    ]
    assert [(w.position, w.company) for w in work_of(lines, entities)] == [
        ("Research Intern", ""),
        ("Analyst", ""),
    ]


def test_the_persons_own_name_is_no_employer() -> None:
    lines = ["Dana Levi", "Experience", "Dana Levi", "2019 - 2021", "• Freelance design work"]
    entities = [(0, NAME, "Dana Levi", 0.9), (2, COMPANY, "Dana Levi", 0.6)]
    assert [w.company for w in work_of(lines, entities)] == [""]


def test_a_phrase_of_lower_case_words_is_no_employer() -> None:
    lines = experience(
        "Business Analyst, Analysis of business processes, 2012 - 2015",
        "• Mapped claims workflows",
        "Waiter, Peppes pizza, Oslo, 2010 - 2012",
        "• Served 80 covers a night",
    )
    entities = [
        (2, TITLE, "Business Analyst", 0.9),
        (2, COMPANY, "Analysis of business processes", 0.6),
        (4, TITLE, "Waiter", 0.9),
        (4, COMPANY, "Peppes pizza", 0.6),
    ]
    assert [w.company for w in work_of(lines, entities)] == ["", "Peppes pizza"]


def test_field_labels_in_capitals_without_a_colon_are_no_part_of_the_fields() -> None:
    lines = experience(
        "ORGANISATION HCL Technologies Ltd",
        "DESIGNATION Software Engineer",
        "DURATION Jan 2014 to Jun 2015",
        "• Built the billing service",
    )
    entities = [
        (2, COMPANY, "ORGANISATION HCL Technologies Ltd", 0.6),
        (3, TITLE, "Software Engineer", 0.9),
    ]
    (work,) = work_of(lines, entities)
    assert (work.position, work.company, work.dates_text) == (
        "Software Engineer",
        "HCL Technologies Ltd",
        "Jan 2014 to Jun 2015",
    )


def test_a_membership_under_a_role_is_no_role() -> None:
    roles = _roles(
        "Law Clerk, Dunn & Partners, Melbourne, 2012 - 2014",
        "• Drafted advice on leases",
        "Student Member, Law Institute of Victoria (2012 - current)",
        "Member of the Monash Law Students Society (2012 - current)",
    )
    assert [(r[0], r[1]) for r in roles] == [("Law Clerk", "Dunn & Partners")]
    assert len(roles[0][4]) == 3


def test_a_place_alone_on_a_header_line_is_no_employer() -> None:
    lines = experience(
        "Staff Accountant",
        "Princeton, NJ",
        "2016 - 2019",
        "• Closed the books monthly",
        "Paralegal",
        "The Solomon Law Group, PA",
        "2012 - 2015",
        "• Drafted pleadings",
    )
    entities = [
        (2, TITLE, "Staff Accountant", 0.9),
        (3, COMPANY, "Princeton", 0.5),
        (6, TITLE, "Paralegal", 0.9),
        (7, COMPANY, "The Solomon Law Group", 0.5),
    ]
    assert [w.company for w in work_of(lines, entities)] == ["", "The Solomon Law Group"]


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Princeton, NJ", "Princeton"),
        ("Tampa, Florida 33601", "Tampa"),
        ("Indiana PA", "Indiana"),
        ("Capgemini, Canada", ""),  # a country follows an employer as often as a city
        ("Jack E. Carter, PA", ""),  # a law firm's P.A.
        ("Globex Inc, TX", ""),
        ("Heritage Bank of Huntsville, AL", ""),
    ],
)
def test_a_bare_place_is_a_place_and_its_state_alone(line: str, place: str) -> None:
    assert places.bare_place(line) == place


def test_a_role_without_a_title_takes_the_one_opening_its_first_line() -> None:
    lines = experience(
        "Acme Mechanics, Inc., Los Angeles, CA",
        "2007 to 2010",
        "Vice President of Operations - Promoted to review and approve plans for the control",
        "of planned outputs and budgets.",
        "Globex Corporation, Boston, MA",
        "2003 to 2007",
        "Managed a team of six estimators - on time and under budget",
    )
    entities = [
        (2, COMPANY, "Acme Mechanics, Inc.", 0.9),
        (4, TITLE, "Vice President", 0.7),
        (6, COMPANY, "Globex Corporation", 0.9),
    ]
    assert [(w.company, w.position) for w in work_of(lines, entities)] == [
        ("Acme Mechanics, Inc.", "Vice President of Operations"),
        ("Globex Corporation", ""),
    ]


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("Project Manager:", None),
        ("Education Coordinator:", None),
        ("Projects:", "projects"),
        ("Project Management:", "projects"),
        ("TECHNICAL SKILLS", "skills"),
        # A wrapped sentence's lower-case start is no unlisted heading.
        ("education majors will", None),
        ("experience should", None),
        ("experience", "work"),
    ],
)
def test_a_title_with_a_colon_opens_no_section(line: str, section: str | None) -> None:
    assert heading_section(line) == section
    # The entity CRF keeps the headings it was trained with.
    assert heading_section("Project Manager:", core=True) == "projects"


def test_a_title_line_with_a_colon_keeps_its_role_in_experience() -> None:
    lines = experience(
        "PricewaterhouseCoopers",
        "Denver, Colorado",
        "2003-Present",
        "Project Manager:",
        "• Led CRM projects for Fortune 500 clients",
        "Prudential",
        "1997-1999",
        "Project Manager:",
        "• Built the client service center",
    )
    entities = [
        (2, COMPANY, "PricewaterhouseCoopers", 0.6),
        (5, TITLE, "Project Manager", 0.9),
        (7, COMPANY, "Prudential", 0.6),
        (9, TITLE, "Project Manager", 0.9),
    ]
    resume = parse_with(lines, entities)
    assert [(w.company, w.position) for w in resume.work] == [
        ("PricewaterhouseCoopers", "Project Manager"),
        ("Prudential", "Project Manager"),
    ]
    assert not resume.projects


def test_an_executive_header_block_company_title_and_areas() -> None:
    """Employer; place (dates) over a title of several parts over the role's areas between
    bars: one role, its employer cut at the semicolon, the whole title, and the areas a line
    of the role rather than a role of their own."""
    roles = _roles(
        "Apex Professional Services; Wayne, NJ (2007—2010)",
        "SENIOR FINANCIAL ANALYST / IT PROJECT / PROGRAM CONSULTANT",
        "Business Case Management | Sarbanes-Oxley | Process Improvement",
        "Directed IT financial planning and analysis for a $120-million department.",
    )
    assert len(roles) == 1
    position, company, _, dates_text, lines = roles[0]
    assert position == "SENIOR FINANCIAL ANALYST / IT PROJECT / PROGRAM CONSULTANT"
    assert (company, dates_text) == ("Apex Professional Services", "2007—2010")
    assert lines[0] == "Business Case Management | Sarbanes-Oxley | Process Improvement"


def test_separators_are_no_words_of_a_sentence() -> None:
    assert not _is_sentence("SENIOR FINANCIAL ANALYST / IT PROJECT / PROGRAM CONSULTANT")
    assert _is_sentence("Directed IT financial planning and analysis for the whole department")


def test_a_title_saying_what_it_was_about_is_a_line_of_the_role() -> None:
    """ "Project manager of automated ... software" under a role says what was managed; the
    dated header after it ("Employer, Title, years") is the next role's, not its dates."""
    roles = _roles(
        "Veristage, Senior Consultant, 2000-2001",
        "Consultant in a software and professional service consultancy specializing in",
        "Project manager of automated foreign exchange trading software",
        "Zero-Knowledge Systems, Enterprise Product Manager, 2000-2001",
        "Product manager chiefly responsible for technology vision behind the product",
    )
    assert [(r[0], r[1]) for r in roles] == [
        ("Senior Consultant", "Veristage"),
        ("Enterprise Product Manager", "Zero-Knowledge Systems"),
    ]
    assert "Project manager of automated foreign exchange trading software" in roles[0][4]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Basic Computer Technologies (2005-2006)", "Basic Computer Technologies"),
        ("Acme (May 2014 - Present)", "Acme"),
        ("2019 Staff Accountant", "Staff Accountant"),
        ("Present Associate Professor", "Associate Professor"),
        ("Since 2000", ""),
    ],
)
def test_a_field_has_no_dates_at_its_ends(text: str, field: str) -> None:
    assert as_field(text) == field


def test_a_title_widened_to_its_part_drops_the_open_end_before_it() -> None:
    assert widened("Associate Professor", "Present Associate Professor") == "Associate Professor"
    assert widened("Intern", "Accounting Intern (2019-2020)") == "Accounting Intern"


def test_a_title_ending_in_a_legal_form_is_the_employer() -> None:
    lines = experience("2004-2007", "Fleet Advertising Ltd.", "Advertiser", "• Created ads")
    entities = [(3, TITLE, "Fleet Advertising Ltd.", 0.84), (4, TITLE, "Advertiser", 0.97)]
    roles = [(w.position, w.company) for w in work_of(lines, entities)]
    assert roles == [("Advertiser", "Fleet Advertising Ltd.")]


def test_a_start_date_ending_a_line_and_its_end_on_the_next_are_one_range() -> None:
    """Two-column exports: "Employer Start" over "End" over "Title Place"."""
    roles = _roles(
        "Xylin August 2003",
        "December 2007",
        "Owner/Web Developer West Hills, California",
        "• Ran a web design and hosting firm",
        "McElroy Advertising Agency July 2004",
        "January 2007",
        "Sr. Web Developer Marina Del Rey, California",
        "• Built sites for agency clients",
    )
    assert [(r[1], r[3]) for r in roles] == [
        ("Xylin", "August 2003 – December 2007"),
        ("McElroy Advertising Agency", "July 2004 – January 2007"),
    ]


@pytest.mark.parametrize("glyph", [r"\xe2\x80\xa2", r"\xe2\x80\x94", r"\xc2\xb7"])
def test_a_bullet_or_dash_written_as_byte_escapes_separates_header_parts(glyph: str) -> None:
    roles = _roles(
        f"Computer Technician, Buy More {glyph} Burbank, CA {glyph} May 2016 - Aug 2018",
        "• Repaired laptops",
    )
    assert [(r[0], r[1]) for r in roles] == [("Computer Technician", "Buy More")]


def test_a_symbol_written_as_byte_escapes_is_no_header_part() -> None:
    # "Lead Android Engineer, \xe2\x80\x8b" (a zero-width space exported as escapes), then
    # the employer, dates in months and two-digit years, and the site.
    roles = _roles(
        r"Lead Android Engineer, \xe2\x80\x8b",
        "Coffee Meets Bagel",
        "09/14-Present",
        r"coffeemeetsbagel.com\xc2\xa0",
        "• Architected and built the Android application",
    )
    assert [(r[0], r[1], r[3]) for r in roles] == [
        ("Lead Android Engineer", "Coffee Meets Bagel", "09/14-Present")
    ]


def test_a_bullet_glyph_on_its_own_line_bullets_the_text_under_it() -> None:
    # PDF exports put the glyph and its item in separate boxes: each item stays in its role,
    # and a glyph before a header of capitalised words still opens the next role.
    roles = _roles(
        "Gridlock Builders; Boston, MA (2011 - Present)",
        "Director of Finance",
        r"\xe2\x80\xa2",
        "Captured 60% savings in project costs in only five months with three vendors",
        r"\xe2\x80\xa2",
        "Reengineered the vendor policy to find risks and issues at earlier stages.",
        r"\xef\x83\x98",
        "Quality Systems India Healthcare Pvt Ltd, Bangalore (2008 - 2011)",
        "Associate Technical Specialist",
        "• Built the quality measures module",
    )
    assert [(r[0], r[1], r[4]) for r in roles] == [
        (
            "Director of Finance",
            "Gridlock Builders",
            [
                "Captured 60% savings in project costs in only five months with three vendors",
                "Reengineered the vendor policy to find risks and issues at earlier stages.",
            ],
        ),
        (
            "Associate Technical Specialist",
            "Quality Systems India Healthcare Pvt Ltd",
            ["Built the quality measures module"],
        ),
    ]


@pytest.mark.parametrize(
    "footer", ["Page 2 of 3", "JANE DOE - Page 2", "Jane Doe, page 2", "(Cont.)"]
)
def test_a_page_footer_between_a_roles_lines_is_no_line_of_the_resume(footer: str) -> None:
    roles = _roles(
        "Data Analyst, Acme Corp, 2016 - 2019",
        "• Wrote the weekly sales reports",
        footer,
        "• Built the churn dashboard",
    )
    assert [r[4] for r in roles] == [
        ["Wrote the weekly sales reports", "Built the churn dashboard"]
    ]


def test_a_highlight_that_ends_in_a_page_number_stays() -> None:
    roles = _roles("Editor, The Daily, 2016 - 2019", "• Redesigned the front page 2")
    assert [r[4] for r in roles] == [["Redesigned the front page 2"]]


def test_a_field_label_before_a_bar_is_no_part_of_the_header() -> None:
    roles = _roles(
        "Kolger and Young | Atlanta, Georgia",
        "Position | Summer Associate",
        "May 2005 - August 2005",
        "• Drafted pleadings",
    )
    assert [(r[0], r[1], r[2]) for r in roles] == [
        ("Summer Associate", "Kolger and Young", "Atlanta, Georgia")
    ]


@pytest.mark.parametrize(
    ("line", "items"),
    [
        ("Technology/Tools: SharePoint, Azure Service Bus", ["SharePoint", "Azure Service Bus"]),
        ("Server : IIS, SQL Server", ["IIS", "SQL Server"]),
        ("DBMS: Oracle 11g", ["Oracle 11g"]),
    ],
)
def test_a_roles_tools_line_under_other_labels(line: str, items: list[str]) -> None:
    # Read as a header, "Server : IIS, SQL Server" gave the employer "SQL Server".
    resume = parse_resume(
        [
            "Jane Doe",
            "Experience",
            "Software Engineer | Acme Corp | 2019 - 2021",
            "• Built it",
            line,
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [("Software Engineer", "Acme Corp")]
    assert [h.text for h in resume.work[0].highlights] == ["Built it", line]
    assert all(item in resume.skills for item in items)


@pytest.mark.parametrize("glyph", ["o", "{"])
def test_a_letter_or_brace_written_for_a_bullet_is_one(glyph: str) -> None:
    roles = _roles(
        "Data Analyst, Acme Corp, 2016 - 2019",
        f"{glyph} Wrote the weekly sales reports",
        f"{glyph} Built the churn dashboard",
    )
    assert [r[4] for r in roles] == [
        ["Wrote the weekly sales reports", "Built the churn dashboard"]
    ]


@pytest.mark.parametrize(
    "heading", ["Professional", "PROFESSIONAL POSITIONS", "Positions", "Internships", "Placements"]
)
def test_more_headings_open_the_work_section(heading: str) -> None:
    assert heading_section(heading) == "work"
    resume = parse_resume(
        [
            "Jane Doe",
            heading,
            "Chief Attorney, Office of the Commissioner, 1973 - 1978",
            "• Tried cases",
        ]
    )
    assert [w.dates_text for w in resume.work] == ["1973 - 1978"]


def test_a_teacher_run_into_the_school() -> None:
    work = work_of(
        experience("Teacher BBB Elementary School, New York, NY", "2010 - 2012", "• Taught")
    )
    assert [(w.position, w.company) for w in work] == [("Teacher", "BBB Elementary School")]


def test_a_brand_opening_in_lower_case_is_a_name() -> None:
    work = work_of(experience("Associate Principal, eClerx, Austin, TX", "2001 - 2005", "• Led"))
    assert [(w.position, w.company) for w in work] == [("Associate Principal", "eClerx")]


@pytest.mark.parametrize(
    ("header", "title", "location"),
    [
        ("Sr. Web Developer North Hollywood, CA", "Sr. Web Developer", "North Hollywood, CA"),
        ("Web Developer Chatsworth, California", "Web Developer", "Chatsworth, California"),
    ],
)
def test_a_title_run_into_its_town_before_the_region(
    header: str, title: str, location: str
) -> None:
    work = work_of(experience("Acme Media Group", header, "2010 - 2012", "• Built sites"))
    assert [(w.position, w.location) for w in work] == [(title, location)]


def test_a_school_before_the_region_is_no_town() -> None:
    work = work_of(
        experience("Teacher Lincoln Elementary School, Topeka, KS", "2010 - 2012", "• Taught")
    )
    assert [(w.position, w.company) for w in work] == [("Teacher", "Lincoln Elementary School")]


@pytest.mark.parametrize(
    ("header", "title", "employer"),
    [
        (
            "Director/Teacher Gateway Early Childhood Center, Mt. Sterling, KY, 1982-84",
            "Director/Teacher",
            "Gateway Early Childhood Center",
        ),
        (
            "DevOps Consultant with Infosys Limited, 2015 - 2018",
            "DevOps Consultant",
            "Infosys Limited",
        ),
        # "Level III" is part of the title, however the employer was read.
        ("Software Developer Level III, 2015 - 2018", "Software Developer Level III", "III"),
    ],
)
def test_a_title_the_employer_ran_into_loses_the_employer(
    header: str, title: str, employer: str
) -> None:
    # The CRF read the whole opening as the title and the employer inside it.
    entities = [(2, TITLE, header.split(",")[0], 0.9), (2, COMPANY, employer, 0.9)]
    work = work_of(experience(header, "• Ran the centre"), entities)
    assert [w.position for w in work] == [title]


def test_an_undated_plain_title_under_its_employer_is_the_title() -> None:
    # No date and no entity from the CRF: the title word at its end vouches for the part.
    work = work_of(
        experience(
            "ABC Hardware",
            "Bowling Green, Kentucky",
            "Customer Service Associate",
            "• Served customers",
        )
    )
    assert [(w.position, w.company) for w in work] == [
        ("Customer Service Associate", "ABC Hardware")
    ]


def test_an_undated_part_without_a_title_word_needs_the_crf() -> None:
    work = work_of(
        experience("ABC Hardware", "Bowling Green, Kentucky", "Kenny Elementary School", "• Taught")
    )
    assert all(w.position != "Kenny Elementary School" for w in work)


@pytest.mark.parametrize(
    "label", ["Responsibilities", "Key Achievements", "Roles and Responsibilities"]
)
def test_a_duties_label_without_its_colon_opens_no_role(label: str) -> None:
    work = work_of(
        experience(
            "Voice and Accent Trainer",
            "Teleperformance - Jaipur, Rajasthan",
            "October 2014 to February 2015",
            "",
            label,
            "To train the students on their communication skills and service",
        )
    )
    assert [(w.position, len(w.highlights)) for w in work] == [("Voice and Accent Trainer", 1)]


def test_a_short_lower_case_line_after_a_blank_is_no_wrapped_bullet() -> None:
    # Indeed exports: a blank line between every element, titles in lower case.
    lines = experience(
        "Associate",
        "",
        "Sutherland - Chennai, Tamil Nadu -",
        "",
        "October 2016 to June 2017",
        "",
        "● Customs Documentation work",
        "",
        "voice and accent trainer",
        "",
        "Teleperformance - Jaipur, Rajasthan -",
        "",
        "October 2014 to February 2015",
        "",
        "● Trained students on their communication skills",
    )
    work = work_of(lines)
    assert [h.text for h in work[0].highlights] == ["Customs Documentation work"]
    assert len(work) == 2


def test_a_wrapped_rest_after_a_long_bullet_still_joins_it() -> None:
    work = work_of(
        experience(
            "Analyst, Acme Corp, 2019 - 2021",
            "• Reconciled the monthly ledgers of four regional offices and",
            "",
            "cut close time",
        )
    )
    assert [h.text for h in work[0].highlights] == [
        "Reconciled the monthly ledgers of four regional offices and cut close time"
    ]


def test_a_heading_word_ending_a_wrapped_sentence_is_its_last_word() -> None:
    assert wrapped_heading("Language CA for the (Arabic) CRM project in Wipro", "Technologies.")


@pytest.mark.parametrize(
    ("text", "a_title"),
    [
        ("Banquet Server", True),
        ("Server, Olive Garden", True),
        ("Windows Server 2008 R2", False),
        ("SQL Server, Exchange Server", False),
    ],
)
def test_server_is_a_title_word_for_people_not_machines(text: str, a_title: bool) -> None:
    assert (TITLE_WORDS.search(text) is not None) == a_title


def test_a_field_cut_inside_brackets_is_closed_or_ends_before_them() -> None:
    """The CRF names "Acme Corp (Israel" of "Acme Corp (Israel, Rehovot)": the employer ends
    before the group, whose place is the location, unless it is the employer's acronym; a
    title keeps a short qualifier whole and ends before anything else (its employer, a
    place, dates)."""
    lines = experience(
        "Backend developer, Acme Corp (Israel, Rehovot)",
        "2020 - 2023",
        "• Built billing APIs",
        "Software Engineer (Contract), Globex Corp",
        "2016 - 2018",
        "• Wrote Go services",
        "Portfolio Manager (Nedbank)",
        "2014 - 2016",
        "• Ran two funds",
        "Substitute Teacher (part-time employment Jan. 2004), Hand in Hand",
        "• Taught grade 3",
        "Deputy Secretary, European Civil Aviation Conference (ECAC), 2000 - 2004",
        "• Drafted the common rules",
    )
    entities = [
        (2, TITLE, "Backend developer", 0.9),
        (2, COMPANY, "Acme Corp (Israel", 0.8),
        (5, TITLE, "Software Engineer (Contract", 0.9),
        (5, COMPANY, "Globex Corp", 0.8),
        (8, TITLE, "Portfolio Manager (Nedbank", 0.9),
        (8, COMPANY, "Nedbank", 0.8),
        (11, TITLE, "Substitute Teacher (part-time employment", 0.9),
        (11, COMPANY, "Hand in Hand", 0.8),
        (13, TITLE, "Deputy Secretary", 0.9),
        (13, COMPANY, "European Civil Aviation Conference (ECAC", 0.8),
    ]
    assert [(w.position, w.company, w.location) for w in work_of(lines, entities)] == [
        ("Backend developer", "Acme Corp", "Israel, Rehovot"),
        ("Software Engineer (Contract)", "Globex Corp", ""),
        ("Portfolio Manager", "Nedbank", ""),
        ("Substitute Teacher", "Hand in Hand", ""),
        ("Deputy Secretary", "European Civil Aviation Conference (ECAC)", ""),
    ]


@pytest.mark.parametrize(
    ("part", "where"),
    [
        ("NY", True),
        ("Remote", True),
        ("Maharashtra", True),
        ("in", False),  # a word, not a state's code
        ("Of", False),
        ("TA", True),  # capitals: read as a code (the parser cannot tell "TA" from "PA")
        ("Acme", False),
    ],
)
def test_only_a_capital_two_letter_code_is_a_location(part: str, where: bool) -> None:
    assert is_location(part) is where


def test_what_no_employer_is_called_is_no_employer() -> None:
    """The CRF names a date's fragment, a grade's numeral or a published title (its word a
    soft skill's) as the employer: none of them is one. A title stays the role's title."""
    lines = experience(
        "GW Housing Academic Committee, 2008 - 2009",
        "Chair",
        "August 08",
        "• Chaired a committee of 10",
        "Aeronautic Inc., 1995 - 2005",
        "Software developer level III",
        "• Wrote simulation UIs in C#",
        "Student Computing Team, 2010 - 2014",
        "Team Leader",
        "• Led the help desk",
    )
    entities = [
        (3, TITLE, "Chair", 0.9),
        (4, COMPANY, "August 08", 0.6),
        (7, TITLE, "Software developer level III", 0.9),
        (7, COMPANY, "III", 0.6),
        (10, COMPANY, "Team Leader", 0.6),
    ]
    companies = [w.company for w in work_of(lines, entities)]
    assert "August 08" not in companies and "III" not in companies
    assert "Team Leader" not in companies


def test_position_held_is_a_label_and_a_form_dates_its_role() -> None:
    """A form-style CV: "Since: ... Until: Currently", "Company: X", "Position held: Y"."""
    resume = parse_resume(
        [
            "Jane Doe",
            "Experience",
            "Since: September 1st 2014 Until: Currently",
            "Company: Grupo Odinsa S.A.",
            "Position held: Legal Concessions Manager",
            "- Led the legal team of the concessions",
        ]
    )
    assert [(w.position, w.company, w.start_date, w.end_date) for w in resume.work] == [
        ("Legal Concessions Manager", "Grupo Odinsa S.A.", "2014-09", "present")
    ]


@pytest.mark.parametrize("qualifier", ["Select", "KEY", "Selected"])
def test_a_roles_own_achievements_list_keeps_its_lines_in_the_role(qualifier: str) -> None:
    """Flattened text cut before the heading word ("Select" / "Achievements"): the list is the
    role's, not the section "Achievements", and "Select" is no role."""
    resume = parse_resume(
        [
            "Jane Doe",
            "EXPERIENCE",
            "HEAD OF SALES",
            "Acme Corp, Edinburgh, UK",
            "2001 - 2005",
            "Led the sales team of 12 people across Europe",
            qualifier,
            "ACHIEVEMENTS" if qualifier.isupper() else "Achievements",
            "Grew revenue by 40 percent in two years",
        ]
    )
    assert [(w.company, [h.text for h in w.highlights]) for w in resume.work] == [
        (
            "Acme Corp",
            [
                "Led the sales team of 12 people across Europe",
                "Grew revenue by 40 percent in two years",
            ],
        )
    ]
    assert wrapped_heading(qualifier, "Achievements")
    assert not wrapped_heading("Led the sales team", "Achievements")


def test_a_column_of_years_is_no_range_running_backwards() -> None:
    """ "2012" / "2011" under a title: years listed in a column, not "2012 – 2011"; a start
    date with its end wrapped onto the next line is still one range."""
    backwards = _roles("Research Assistant, Marine Institute 2012", "2011", "- Collected data")
    assert backwards[0][3] == "2012"
    wrapped = _roles("Research Assistant, Marine Institute 2011", "2012", "- Collected data")
    assert wrapped[0][3] == "2011 – 2012"


def test_a_degree_line_under_education_is_no_role_whatever_the_crf_names() -> None:
    """A bachelor's line before a master's: the CRF, reading it in that context, named a
    title in it, and the line became a role with no employer."""
    resume = parse_resume(
        [
            "Jane Doe",
            "EDUCATION",
            "Bachelor of Science in Biology, University of Leeds, 2010",
            "Master of Arts, University of York, 2012",
            "EXPERIENCE",
            "Analyst, Acme Corp, 2014 - 2015",
            "- Built reports",
        ]
    )
    assert [(e.institution, e.study_type) for e in resume.education] == [
        ("University of Leeds", "Bachelor of Science"),
        ("University of York", "Master of Arts"),
    ]
    assert [w.company for w in resume.work] == ["Acme Corp"]


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("Tata Consultancy Services, Mumbai | Aug 2014 - June 2016", "Mumbai"),
        ("Tata Consultancy Services (TCS), Mumbai | Aug 2014 - June 2016", "TCS)"),
    ],
)
def test_a_word_after_the_employer_named_a_title_is_no_title(header: str, named: str) -> None:
    """The CRF names the employer's town or acronym a title: the title's own line under it
    then opened a second role, with no dates, and the first took the town as its title."""
    lines = experience(header, "Systems Engineer", "• Maintained a J2EE claims application")
    entities = [
        (2, COMPANY, "Tata Consultancy Services", 0.6),
        (2, TITLE, named, 0.5),
        (3, TITLE, "Systems Engineer", 0.9),
    ]
    roles = work_of(lines, entities)
    assert [(w.position, w.start_date, len(w.highlights)) for w in roles] == [
        ("Systems Engineer", "2014-08", 1)
    ]
    assert roles[0].company.startswith("Tata Consultancy Services")


def test_an_employers_description_before_the_title_keeps_one_role() -> None:
    roles = _roles(
        "Acme Power Systems, Inc., Dallas, TX",
        "2007 - Present",
        "Privately held company providing power backup solutions to telecom carriers.",
        "Vice President of Sales",
        "• Grew annual revenue 100% by winning multi-year contracts with the FAA.",
    )
    assert [(r[0], r[1], r[3]) for r in roles] == [
        ("Vice President of Sales", "Acme Power Systems, Inc.", "2007 - Present")
    ]
    assert len(roles[0][4]) == 2  # the description and the bullet


def test_a_description_without_a_kind_of_employer_before_a_dated_title_keeps_one_role() -> None:
    roles = _roles(
        "Stripe | San Francisco, CA",
        "Financial infrastructure for the internet.",
        "Engineering Manager, Payments Platform | Jun 2015 – Dec 2018",
        "• Managed three teams owning card authorisation and routing",
        "Northwind | Seattle, WA",
        "Series D fintech providing payouts APIs to 600 mid-market companies.",
        "Chief Technology Officer | Mar 2021 – Present",
        "• Lead a 140-person engineering organisation",
    )
    assert [(r[0], r[1]) for r in roles] == [
        ("Engineering Manager, Payments Platform", "Stripe"),
        ("Chief Technology Officer", "Northwind"),
    ]


def test_a_labelled_company_line_is_no_description() -> None:
    roles = _roles(
        "Position held: Legal Director",
        "Since: September 30 1996 Until: September 30 2012",
        "Company: Autopistas de los Llanos S.A.",
        "Position held: Legal Director",
    )
    assert "Autopistas de los Llanos S.A." in [r[1] for r in roles]


def test_promotions_under_one_employer_each_take_their_own_dates_and_the_employer() -> None:
    roles = _roles(
        "Northwind Networks, Austin, TX",
        "1999 - 2006",
        "Senior Marketing Manager",
        "2002 - 2006",
        "Product Marketing Manager",
        "2000 - 2002",
        "Key Account Manager",
        "1999 - 2000",
        "• Exceeded $10M quota by 160%.",
    )
    assert [(r[0], r[1], r[3]) for r in roles] == [
        ("Senior Marketing Manager", "Northwind Networks", "2002 - 2006"),
        ("Product Marketing Manager", "Northwind Networks", "2000 - 2002"),
        ("Key Account Manager", "Northwind Networks", "1999 - 2000"),
    ]
    assert roles[-1][4] == ["Exceeded $10M quota by 160%."]


def test_dates_first_roles_without_bullets_are_no_promotions() -> None:
    roles = _roles(
        "2015 - 2018",
        "Acme Corp, Boston, MA",
        "Software Engineer",
        "2012 - 2015",
        "Globex, Boston, MA",
        "Data Analyst",
    )
    assert [(r[0], r[3]) for r in roles] == [
        ("Software Engineer", "2015 - 2018"),
        ("Data Analyst", "2012 - 2015"),
    ]


def test_the_documents_title_atop_a_page_is_no_employer() -> None:
    roles = _roles(
        "RESUME",
        "Senior Marketing Manager",
        "2002-2005",
        "- Ran the product line for North America",
    )
    assert roles[0][1] == ""


@pytest.mark.parametrize(
    "bullets",
    [
        ["- Supervised Night Shift Staff", "- Built Google Sheets automations"],
        ["- Built Google Sheets automations", "- Taught Algebra II and AP Calculus"],
    ],
)
def test_a_short_bullet_stays_a_bullet_of_its_role(bullets: list[str]) -> None:
    roles = _roles(
        "Mathematics Teacher",
        "Aurora Central High School, Aurora, CO",
        "Aug 2013 – Jun 2019",
        *bullets,
    )
    assert [(r[0], len(r[4])) for r in roles] == [("Mathematics Teacher", 2)]


def test_a_bullet_that_counts_is_no_header() -> None:
    roles = _roles(
        "Human Resources Manager, Biscayne Hospitality Group, Miami, FL — Feb 2018 – Present",
        "• Lead HR for 6 hotels and 1,100 employees",
        "• Reduced voluntary turnover from 62% to 41%",
    )
    assert [(r[0], len(r[4])) for r in roles] == [("Human Resources Manager", 2)]


def test_roles_without_a_line_under_them_are_a_resume() -> None:
    roles = _roles(
        "Warehouse Associate",
        "Amazing Logistics Inc. - Fontana, CA",
        "October 2019 to Present",
    )
    assert [(r[0], r[3]) for r in roles] == [("Warehouse Associate", "October 2019 to Present")]


def test_a_role_stated_as_a_bulleted_sentence_is_still_a_role() -> None:
    roles = _roles(
        "Software Engineer, Prolifics Corporation Limited, 2016 - 2017",
        "• Built the billing service",
        "• Worked as Web Designer with National Informatics Center",
        "2013 - 2014",
    )
    assert len(roles) == 2


def test_the_next_employer_is_not_glued_to_the_last_bullet() -> None:
    roles = _roles(
        "Hollister Freight Systems — Chicago, IL",
        "Senior Data Analyst | Jan 2019 – Present",
        "• Automated carrier invoice reconciliation, saving 25 hours per month",
        "",
        "Pemberton Retail Group — Milwaukee, WI",
        "Data Analyst | Jun 2016 – Dec 2018",
        "• Wrote SQL queries against a Teradata warehouse",
    )
    assert [(r[0], r[1]) for r in roles] == [
        ("Senior Data Analyst", "Hollister Freight Systems"),
        ("Data Analyst", "Pemberton Retail Group"),
    ]
    assert roles[0][4] == ["Automated carrier invoice reconciliation, saving 25 hours per month"]


def test_a_labelled_employer_is_read_without_its_label() -> None:
    roles = _roles(
        "Process Developer, Accenture, 2012 - 2014",
        "Management of daily outages. Updating the outage forums for the operations team",
        "Company: Genpact India",
        "- Maintained purchase orders in SAP for the procurement team",
    )
    assert [r[1] for r in roles] == ["Accenture", "Genpact India"]


@pytest.mark.parametrize(
    ("title", "employer", "expected"),
    [
        (
            "Registered Nurse – Cardiac ICU",
            "Memorial Hermann Medical Center, Houston, TX",
            "Memorial Hermann Medical Center",
        ),
        ("Cashier", "Target - Riverside, CA", "Target"),
        (
            "Room Leader (Toddlers)",
            "Little Gumnuts Early Learning Centre",
            "Little Gumnuts Early Learning Centre",
        ),
    ],
)
def test_title_then_employer_then_dates_is_one_role(
    title: str, employer: str, expected: str
) -> None:
    roles = _roles(title, employer, "July 2020 – Current", "- Cared for two patients a shift")
    assert len(roles) == 1
    assert roles[0][1] == expected and roles[0][3] == "July 2020 – Current"


def test_a_lone_title_over_an_employer_and_its_place_is_the_title() -> None:
    resume = parse_resume(
        [
            "Luis Hernandez",
            "luis@example.com",
            "",
            "Work Experience",
            "Forklift Operator",
            "Inland Empire Distribution Center - Ontario, CA",
            "March 2017 to September 2019",
            "• Moved pallets and maintained inventory accuracy above 99.5%",
            "",
            "Stocker",
            "Walmart - San Bernardino, CA",
            "June 2015 to February 2017",
            "• Stocked shelves and helped customers find items",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [
        ("Forklift Operator", "Inland Empire Distribution Center"),
        ("Stocker", "Walmart"),
    ]


def test_an_employer_line_over_a_dated_title_line() -> None:
    roles = _roles(
        "United States Army, Fort Liberty, NC",
        "Supply Sergeant, 06/2018 – 05/2023",
        "- Accountable for $12M in property with zero losses",
    )
    assert [(r[0], r[1]) for r in roles] == [("Supply Sergeant", "United States Army")]


def test_a_town_named_in_its_employers_name_is_still_the_place() -> None:
    roles = _roles(
        "Mathematics Teacher, Aurora Central High School, Aurora, CO, 2013 - 2019",
        "- Taught Algebra II and AP Calculus to 150 students a year",
    )
    assert roles[0][1:3] == ("Aurora Central High School", "Aurora, CO")


def test_an_employer_before_its_town_is_no_title_and_keeps_its_town() -> None:
    roles = _roles(
        "NBC Universal, Chicago, IL - June 2008- Sept 2008",
        "Intern for the Jerry Springer & Steve Wilkos Shows.",
    )
    assert roles[0][1:3] == ("NBC Universal", "Chicago, IL")


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("INTERNSHIP", "work"),
        ("QUALIFICATIONS", "education"),
        ("Professional Qualifications", "education"),
        ("LICENSURE", "certificates"),
        ("REFEREES", "other"),
        ("BOARD APPOINTMENTS", "other"),
        ("SUMMARY OF QUALIFICATIONS", "summary"),
        ("IT Skills", "skills"),
        ("SOFTWARE", "skills"),
        ("Personal skills and competences", "skills"),
    ],
)
def test_more_headings(heading: str, section: str) -> None:
    assert heading_section(heading) == section


def test_an_internship_heading_opens_no_role() -> None:
    resume = parse_resume(
        [
            "Rahul Sharma",
            "rahul@example.com",
            "",
            "ACADEMIC QUALIFICATIONS",
            "B.Tech in Computer Science, Galgotias College of Engineering, 2020 - 2024",
            "",
            "INTERNSHIP",
            "Software Development Intern - Infoway Technologies Pvt. Ltd., Noida (June 2023 - "
            "August 2023)",
            "- Developed REST APIs using Spring Boot",
        ]
    )
    assert [w.position for w in resume.work] == ["Software Development Intern"]


def test_a_sentence_about_skills_is_no_heading() -> None:
    assert heading_section("Work skills") is None  # "Work skills: I used Adobe Illustrator"


def test_titles_under_an_employers_line_each_hold_its_employer() -> None:
    roles = _roles(
        "Fenwick & Lowry Insurance, Boston, MA",
        "Vice President, Claims Operations (2021 – Present)",
        "- Oversee 120 adjusters across 4 regional offices",
        "Director, Claims Quality (2018 – 2021)",
        "- Built the claims audit program",
        "Claims Manager (2014 – 2018)",
        "- Managed a team of 15 property claims adjusters",
    )
    assert [(r[0], r[1]) for r in roles] == [
        ("Vice President, Claims Operations", "Fenwick & Lowry Insurance"),
        ("Director, Claims Quality", "Fenwick & Lowry Insurance"),
        ("Claims Manager", "Fenwick & Lowry Insurance"),
    ]


def test_a_later_job_under_no_employer_is_not_the_last_employers() -> None:
    roles = _roles(
        "Hewlett-Packard Corporation, Palo Alto, California",
        "Software Engineering Intern, May 2007 to August 2007",
        "- Tested enhancements to system management software",
        "Computer Lab Assistant, August 2007 to Present",
        "- Assisted students with programming questions",
    )
    assert roles[1][1] != "Hewlett-Packard Corporation"


def test_a_title_keeps_the_department_after_its_comma() -> None:
    roles = _roles(
        "2019 - Present",
        "Zenith Rivers Bank Plc",
        "Head, Digital Channels",
        "- Launched the bank's mobile app reaching 1.2M users",
    )
    assert roles[0][:3] == ("Head, Digital Channels", "Zenith Rivers Bank Plc", "")


def test_a_title_dated_within_the_tenure_line_takes_its_own_dates() -> None:
    roles = _roles(
        "ABC Elementary School, Pittsburgh, PA",
        "2000 - 2011",
        "Fifth Grade Teacher (2006-2011)",
        "- Taught a diverse group of fifth graders",
    )
    assert roles[0][3] == "2006-2011"


def test_who_a_role_answered_to_is_a_line_of_it() -> None:
    roles = _roles(
        "Postdoctoral Research Fellow, Whitfield Institute of Technology, 2016 – 2019",
        "   Advisor: Prof. Daniel Okafor",
        "   - Developed a photocatalytic route to C–N coupling under visible light",
    )
    assert len(roles) == 1 and len(roles[0][4]) == 2


def test_an_employer_after_the_title_is_no_department() -> None:
    roles = _roles("Data Analyst, Northbeck Logistics, 03/2017 – 11/2019", "- Processed invoices")
    assert roles[0][:2] == ("Data Analyst", "Northbeck Logistics")


@pytest.mark.parametrize("title", ["Translator", "Sommelier", "Geophysicist", "Underwriter"])
def test_a_published_title_vouches_for_the_employer_beside_it(title: str) -> None:
    roles = _roles(f"{title}, Blue Heron Studio, 2021 – 2022", "- Did the work well")
    assert roles[0][:2] == (title, "Blue Heron Studio")


@pytest.mark.parametrize("name", ["David Miller", "JACK SMITH", "GRACE HALL"])
def test_the_first_line_is_the_name_however_the_crf_reads_it(name: str) -> None:
    resume = parse_resume(
        [
            name,
            "name@gmail.com | 555-555-0101",
            "",
            "EXPERIENCE",
            "Software Engineer, Acme Corp Ltd, 2020 – 2022",
            "- Built things",
        ]
    )
    assert resume.basics.name == name and resume.basics.phone == "555-555-0101"
    assert [w.company for w in resume.work] == ["Acme Corp Ltd"]


def test_a_linkedin_export_reads_its_sidebar_and_promotions() -> None:
    resume = parse_resume(
        [
            "Contact",
            "ravi.patel@gmail.com",
            "",
            "Top Skills",
            "Product Management",
            "Roadmapping",
            "SQL",
            "",
            "Ravi Patel",
            "Senior Product Manager at Finlo",
            "",
            "Experience",
            "Finlo",
            "Senior Product Manager",
            "March 2021 - Present (3 years 2 months)",
            "San Francisco, California, United States",
            "Own the card issuing roadmap; launched virtual cards to 40k businesses.",
            "",
            "Product Manager",
            "June 2019 - March 2021 (1 year 10 months)",
            "San Francisco, California, United States",
            "Shipped dispute automation that cut chargeback losses 30%.",
        ]
    )
    assert resume.basics.name == "Ravi Patel"
    assert list(resume.skills) == ["Product Management", "Roadmapping", "SQL"]
    assert [(w.position, w.company) for w in resume.work] == [
        ("Senior Product Manager", "Finlo"),
        ("Product Manager", "Finlo"),
    ]


def test_an_open_range_above_the_title_dates_the_role() -> None:
    roles = _roles(
        "Mar 2020 – Present",
        "Electrical Supervisor",
        "Coral Coast Mining Services Pty Ltd",
        "• Supervise 14 electricians",
    )
    assert [(r[0], r[3]) for r in roles] == [("Electrical Supervisor", "Mar 2020 – Present")]


def test_an_employer_and_its_town_after_a_dash_is_no_wrapped_bullet() -> None:
    roles = _roles(
        "Senior Vice President, Straits Commerce Group (2016 – 2020)",
        "• Built 5 regional fulfilment centres and cut cost per order by 31%",
        "Meridian Logistics Asia — Kuala Lumpur",
        "Regional Director (2010 – 2016)",
        "• Ran warehousing",
    )
    assert roles[0][4] == ["Built 5 regional fulfilment centres and cut cost per order by 31%"]
    assert roles[1][:3] == ("Regional Director", "Meridian Logistics Asia", "Kuala Lumpur")


def test_an_employer_and_its_town_after_a_bar() -> None:
    roles = _roles(
        "Highveld Platinum Holdings Ltd | Johannesburg",
        "Group Financial Manager | Apr 2021 – Present",
        "- Own consolidation",
    )
    assert roles == [
        (
            "Group Financial Manager",
            "Highveld Platinum Holdings Ltd",
            "Johannesburg",
            "Apr 2021 – Present",
            ["Own consolidation"],
        ),
    ]


@pytest.mark.parametrize(
    "headline",
    ["Senior Project Manager – Automotive Software", "JAVA Developer - INFOSYS LIMITED"],
)
def test_an_undated_title_and_field_under_the_name_is_the_headline(headline: str) -> None:
    resume = parse_resume(
        [
            "Katharina Vogel",
            headline,
            "Stuttgart, Germany · kv@posteo.de · +49 151 555 0123",
            "",
            "EXPERIENCE",
            "Project Manager, Neckartal Elektronik AG, 2016 – 2019",
            "- Ran the infotainment program",
        ]
    )
    assert resume.basics.label == headline
    assert resume.basics.phone == "+49 151 555 0123"
    assert [w.company for w in resume.work] == ["Neckartal Elektronik AG"]


def test_a_role_under_the_name_with_its_dates_is_still_a_role() -> None:
    resume = parse_resume(
        ["John Smith", "Software Engineer, Acme Corp", "Jan 2019 - Present", "- Built APIs"]
    )
    assert [(w.position, w.company) for w in resume.work] == [("Software Engineer", "Acme Corp")]


def test_a_referees_title_is_no_role_of_the_candidate() -> None:
    resume = parse_resume(
        [
            "Jane Doe",
            "jane@example.com",
            "",
            "EXPERIENCE",
            "Legal Officer, Native Title Services, 2008 - 2013",
            "- Represented native title groups in mediation",
            "",
            "REFEREES",
            "Mr Peter Lim",
            "Deputy Registrar",
            "Federal Court of Australia, Sydney 2000",
        ]
    )
    assert [w.position for w in resume.work] == ["Legal Officer"]


def test_a_licence_under_licensure_is_a_certificate() -> None:
    resume = parse_resume(
        [
            "Jane Doe",
            "jane@example.com",
            "",
            "EDUCATION",
            "B.S. Biology, Iowa State University, 2015",
            "",
            "LICENSURE",
            "Registered Dietitian Nutritionist (RDN), Commission on Dietetic Registration",
        ]
    )
    assert len(resume.education) == 1 and len(resume.certificates) == 1


def test_a_long_employer_line_under_the_title_is_no_bullet() -> None:
    roles = _roles(
        "Student Teacher",
        "Valley Southwoods Freshman High School — West Des Moines, IA",
        "January 2022 – May 2022",
        "- Taught Physical Science",
    )
    assert roles == [
        (
            "Student Teacher",
            "Valley Southwoods Freshman High School",
            "West Des Moines, IA",
            "January 2022 – May 2022",
            ["Taught Physical Science"],
        ),
    ]


def test_a_contract_or_remote_note_is_no_town() -> None:
    roles = _roles(
        "UX Designer", "Bramblecode Agency (Contract, Remote)", "Jan 2018 – Jan 2020", "- Did it"
    )
    assert roles[0][1:3] == ("Bramblecode Agency", "Remote")


def test_a_career_break_is_named_as_such() -> None:
    roles = _roles("Career Break      Sep 2022 – Aug 2023", "- Travelled in South America")
    assert roles[0][0] == "Career Break"


def test_military_ranks_and_a_trades_chief_are_titles() -> None:
    roles = _roles(
        "Aircraft Maintenance Chief – Marine Corps Air Station New River, NC",
        "Jul 2016 – Dec 2021",
        "- Supervised 32 Marines",
    )
    assert roles[0][:2] == ("Aircraft Maintenance Chief", "Marine Corps Air Station New River")
    assert TITLE_WORDS.search("Supply Sergeant") and not TITLE_WORDS.search("Chief of Staff")


def test_a_town_in_brackets_after_the_employer_is_the_place() -> None:
    roles = _roles("2016 - 2018 - Brand Manager - L'Oréal (Paris)", "- Launched two fragrances")
    assert roles[0][:3] == ("Brand Manager", "L'Oréal", "Paris")
    roles = _roles("Student Activities, Oslo Linux User Group (OLUG), 1998 – 2004", "- Ran talks")
    assert roles[0][2] == ""  # an acronym in brackets is no town


@pytest.mark.parametrize("title", ["Recruiter", "Assistant", "Reviewer"])
def test_a_title_that_names_a_reader_is_still_a_role(title: str) -> None:
    roles = _roles(f"{title}, Petra Books Publishing | 2021 – 2022", "- Did the work well")
    assert len(roles) == 1 and roles[0][3] == "2021 – 2022" and roles[0][1]


def test_a_title_above_its_employer_and_dates_line_is_one_role() -> None:
    roles = _roles(
        "Staff Nurse – Emergency Department",
        "Desert Bloom Medical Center, Tucson, AZ      Jun 2017 – Dec 2021",
        "- Charge nurse 2 shifts per week",
    )
    assert [(r[0], r[1], r[3]) for r in roles] == [
        ("Staff Nurse", "Desert Bloom Medical Center", "Jun 2017 – Dec 2021")
    ]


def test_a_firm_and_its_town_after_a_blank_line_is_the_next_header() -> None:
    roles = _roles(
        "Head of Internal Audit, Eko Crest Microfinance Bank Ltd, Lagos, 2019 - Present",
        "- Present quarterly audit reports to the Board Audit Committee",
        "",
        "Adesanya & Okafor Chartered Accountants, Lagos",
        "Audit Manager",
        "March 2013 - December 2018",
        "- Led statutory audits of manufacturing clients",
    )
    assert roles[0][4] == ["Present quarterly audit reports to the Board Audit Committee"]
    assert roles[1][:2] == ("Audit Manager", "Adesanya & Okafor Chartered Accountants")


@pytest.mark.parametrize(
    "header",
    [
        "Maths Teacher, NAME OF EMPLOYER, January 2004 to January 2005",
        "Pet Sitter, First Name Last Name, 2004 - Present",
        "PHP developer, XXXXXXXXXXX, 2005 - 2007",
        "Assistant Editor, ITSD Research and Innovation Award, 2001 - 2003",
        "Tutor, Victorian Certificate of Education, 2012 - 2013",
        "Counselor, National Honor Society, 2006 - 2007",
    ],
)
def test_a_placeholder_an_award_or_a_certificate_is_no_employer(header: str) -> None:
    roles = _roles(header, "- Planned and delivered the work")
    assert len(roles) == 1 and roles[0][0] and roles[0][1] == ""


def test_the_persons_name_with_a_page_mark_is_no_employer() -> None:
    resume = parse_resume(
        [
            "Patricia Terry",
            "Experience",
            "Student Computer Operator",
            "Patricia Terry 3",
            "5/2000 - 5/2001",
            "- Ran the campus lab",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [("Student Computer Operator", "")]


@pytest.mark.parametrize(
    ("header", "title", "employer", "place"),
    [
        (
            "Ole Lounge: Bartender/ Server, Chicago, IL, August 2008-January 2009",
            "Bartender/ Server",
            "Ole Lounge",
            "Chicago, IL",
        ),
        (
            "Full Time Instructor: Kent State University, Kent OH, 1999 - Present",
            "Full Time Instructor",
            "Kent State University",
            "Kent OH",
        ),
    ],
)
def test_an_employer_and_its_title_joined_by_a_colon(
    header: str, title: str, employer: str, place: str
) -> None:
    roles = _roles(header, "- Served the guests")
    assert roles[0][:3] == (title, employer, place)


def test_a_town_in_brackets_after_the_title_is_no_employer() -> None:
    roles = _roles("Senior Consultant (Houston, TX), 1998 to 2000", "- Designed the care plan")
    assert roles[0][:3] == ("Senior Consultant", "", "Houston, TX")


def test_a_role_dated_in_a_foreign_month_is_not_employed_by_it() -> None:
    roles = _roles("Januar 2012 - present", "Owner/Consultant", "- Freelance consulting")
    assert roles[0][0] == "Owner/Consultant" and roles[0][1] == ""
    assert roles[0][3] == "Januar 2012 - present"


def test_a_wrapped_tools_list_stays_the_roles_tools() -> None:
    resume = parse_resume(
        [
            "Jane Doe",
            "Experience",
            "SharePoint Developer, Infosys, April 2017 - Present",
            "Technology/Tools: Microsoft SharePoint 2013, Azure Service Bus, Azure",
            "Blob Storage, .net framework 4.7",
            "- Built hosted apps",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [("SharePoint Developer", "Infosys")]
    assert "Blob Storage" in resume.skills


def test_a_qualifier_after_the_title_over_the_employers_line_is_part_of_the_title() -> None:
    roles = _roles(
        "Senior Account Executive, Mid-Market",
        "Salesforce — Dallas, TX | January 2020 – Present",
        "• Closed $3.4M in new ARR",
    )
    assert roles[0][:3] == ("Senior Account Executive, Mid-Market", "Salesforce", "Dallas, TX")


def test_an_awards_line_after_the_bullets_stays_with_its_role() -> None:
    roles = _roles(
        "Account Executive",
        "Oracle NetSuite — Austin, TX | March 2017 – December 2019",
        "• Achieved 118% of quota",
        "Awards: President's Club 2019; Rookie of the Year 2017",
        "Sales Development Representative",
        "ADP — Dallas, TX | June 2015 – February 2017",
        "• Booked 25+ meetings a month",
    )
    assert [r[:2] for r in roles] == [
        ("Account Executive", "Oracle NetSuite"),
        ("Sales Development Representative", "ADP"),
    ]
    assert roles[0][4][-1].startswith("Awards:")


def test_a_contract_through_an_agency_is_held_at_its_client() -> None:
    roles = _roles(
        "Contract Python Developer (via Talent Bridge for Northgate Payments) — 6 months, 2024",
        "• Built FastAPI services for merchant onboarding",
        "Contract Backend Engineer (via Hays) — 4 months, 2023",
        "• Replaced a legacy SOAP adapter",
    )
    assert [r[:2] for r in roles] == [
        ("Contract Python Developer", "Northgate Payments"),
        ("Contract Backend Engineer", "Hays"),
    ]


def test_a_title_read_across_the_dash_after_its_employer_ends_at_the_dash() -> None:
    from tailor_worker.engine.role_fields import _past_the_dash

    assert (
        _past_the_dash("Logistics — Senior Operations Analyst", "Harborview Logistics")
        == "Senior Operations Analyst"
    )
    assert _past_the_dash("Director — Sales", "Acme Corp") == "Director — Sales"


def test_a_contractors_headings_open_the_work_section() -> None:
    resume = parse_resume(
        [
            "Oliver Brandt",
            "Contract Python Developer | London (remote/hybrid) | oliver@example.com",
            "Outside IR35 limited company contractor. Python, Django, FastAPI and AWS.",
            "CONTRACT HISTORY",
            "Contract Python Developer (via Talent Bridge for Northgate Payments) — 6 months, 2024",
            "• Built FastAPI services for merchant onboarding",
            "Contract Backend Engineer (via Sterling Tech Partners for Halcyon Insurance) — 2023",
            "• Cut quote latency from 4.1 s to 1.3 s",
            "EARLIER PERMANENT ROLES",
            "Python Developer, Skyline Travel Tech, Leeds | 2016 – 2019",
            "• Booking engine and supplier integrations",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [
        ("Contract Python Developer", "Northgate Payments"),
        ("Contract Backend Engineer", "Halcyon Insurance"),
        ("Python Developer", "Skyline Travel Tech"),
    ]


def test_an_employer_and_its_town_over_a_title_under_the_dates_is_one_role() -> None:
    roles = _roles(
        "Sep 2019 – Present",
        "McKinsey & Company, London",
        "Engagement Manager",
        "• Led teams of four to six consultants",
        "Jan 2017 – Aug 2019",
        "Oliver Wyman, London",  # read by the CRF as a title, as a person's name might be
        "Consultant",
        "• Built a capital allocation model",
    )
    assert [r[:4] for r in roles] == [
        ("Engagement Manager", "McKinsey & Company", "London", "Sep 2019 – Present"),
        ("Consultant", "Oliver Wyman", "London", "Jan 2017 – Aug 2019"),
    ]


def test_student_teaching_and_national_service_are_roles_exhibitions_and_boards_are_not() -> None:
    resume = parse_resume(
        [
            "Wei Ling Tan",
            "weiling@example.com",
            "STUDENT TEACHING",
            "Student Teacher, Third Street Elementary School, Baltimore, MD, 2019",
            "• Taught a fifth-grade unit on fractions",
            "NATIONAL SERVICE",
            "Platoon Sergeant, Singapore Armed Forces, 2012 – 2014",
            "• Led a platoon of 30",
            "EXHIBITIONS",
            "Harbour Lights, Solo Exhibition, Gallery 9, Singapore, 2018",
            "BOARD & ADVISORY",
            "Technical Advisor, Kestrel Health (seed-stage) | 2022 – Present",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [
        ("Student Teacher", "Third Street Elementary School"),
        ("Platoon Sergeant", "Singapore Armed Forces"),
    ]


def test_a_japanese_bullet_mark_opens_a_bullet() -> None:
    roles = _roles(
        "Product Manager, Rakuten Group, Inc., April 2015 – March 2020", "・ Led the team"
    )
    assert roles[0][4] == ["Led the team"]


def test_a_europass_cvs_rows_make_its_roles_and_courses() -> None:
    resume = parse_resume(
        [
            "Europass Curriculum Vitae",
            "Personal information",
            "First name(s) / Surname(s) | Anna Kowalska",
            "E-mail | anna.kowalska@example.com",
            "Work experience",
            "Dates | 05/2019 – present",
            "Occupation or position held | Senior Logistics Specialist",
            "Main activities and responsibilities",
            "• Negotiation of carrier rates, saving 8% of annual transport costs",
            "Name and address of employer | Kuehne + Nagel Sp. z o.o., ul. Połczyńska 31A",
            "Type of business or sector | Logistics and freight forwarding",
            "Dates | 09/2014 – 04/2019",
            "Occupation or position held | Logistics Coordinator",
            "• Planning of daily deliveries for the Mazovia region",
            "Name and address of employer | Raben Logistics Polska Sp. z o.o., Gądki",
            "Education and training",
            "Dates | 10/2009 – 06/2014",
            "Title of qualification awarded | Master's degree in Logistics",
            "Principal subjects / occupational skills covered | Transport management",
            "Name and type of organisation providing education and training | Poznań University "
            "of Economics and Business",
        ]
    )
    assert resume.basics.name == "Anna Kowalska"
    assert [(w.position, w.company, w.start_date, w.end_date) for w in resume.work] == [
        ("Senior Logistics Specialist", "Kuehne + Nagel Sp. z o.o.", "2019-05", "present"),
        ("Logistics Coordinator", "Raben Logistics Polska Sp. z o.o.", "2014-09", "2019-04"),
    ]
    # The employer's sector closes its role's rows: a line of that role.
    assert [[h.text for h in w.highlights] for w in resume.work] == [
        [
            "Negotiation of carrier rates, saving 8% of annual transport costs",
            "Sector: Logistics and freight forwarding",
        ],
        ["Planning of daily deliveries for the Mazovia region"],
    ]
    assert [(e.institution, e.study_type) for e in resume.education] == [
        ("Poznań University of Economics and Business", "Master's degree")
    ]


def test_an_employer_and_its_place_over_a_dated_title_and_its_division_is_one_role() -> None:
    roles = _roles(
        "Goldman Sachs & Co. LLC | New York, NY",
        "Analyst, Investment Banking Division | Jul 2018 – Jun 2020",
        "• Executed $4.2bn of M&A transactions",
        "Staff Nurse, Medical-Surgical",
        "Duke University Hospital, Durham, NC | May 2012 – May 2015",
        "• Cared for five patients a shift",
    )
    assert [r[:3] for r in roles] == [
        ("Analyst, Investment Banking Division", "Goldman Sachs & Co. LLC", "New York, NY"),
        ("Staff Nurse, Medical-Surgical", "Duke University Hospital", "Durham, NC"),
    ]


def test_two_dated_lines_each_a_title_and_its_body_are_two_roles() -> None:
    roles = _roles(
        "1996-1997: Member, Advisory Board, Center for Excellence in Learning, CSUN",
        "1994-1998: Co-Director, Political Science Data Lab.",
        "1992-1998: Credential Advisor, Responsibilities included advising students",
    )
    assert [(r[0], r[3]) for r in roles][1:] == [
        ("Co-Director", "1994-1998"),
        ("Credential Advisor", "1992-1998"),
    ]
    assert len(roles) == 3


def test_a_date_columns_range_wrapped_onto_the_next_line_is_whole() -> None:
    resume = parse_resume(
        [
            "Elena Kovačević",
            "elena@example.com",
            "Work experience",
            "09/2020 – Product Designer, Lumenfield GmbH, Berlin.",
            "present • Own end-to-end design of the B2B energy-monitoring dashboard",
            "03/2017 – UX Designer, Kreativwerk Agentur, Munich.",
            "08/2020 • Designed booking flows for regional rail",
            "Education",
            "10/2012 – B.A. Communication Design, Hochschule für Gestaltung Schwäbisch",
            "07/2016 Gmünd, Schwäbisch Gmünd.",
        ]
    )
    assert [(w.position, w.company, w.start_date, w.end_date) for w in resume.work] == [
        ("Product Designer", "Lumenfield GmbH", "2020-09", "present"),
        ("UX Designer", "Kreativwerk Agentur", "2017-03", "2020-08"),
    ]
    assert [len(w.highlights) for w in resume.work] == [1, 1]
    assert [(e.institution, e.end_date) for e in resume.education] == [
        ("Hochschule für Gestaltung Schwäbisch Gmünd", "2016-07")
    ]


@pytest.mark.parametrize("title", ["Service Crew", "Stocker"])
def test_a_crew_member_and_a_stocker_are_titles(title: str) -> None:
    roles = _roles(title, "Walmart - San Bernardino, CA", "2019 - 2020", "• Stocked shelves")
    assert roles[0][:2] == (title, "Walmart")


def test_a_europass_role_keeps_its_employer_before_its_town_and_country() -> None:
    resume = parse_resume(
        [
            "Giulia Romano",
            "giulia@example.com",
            "WORK EXPERIENCE",
            "01/09/2018 – present",
            "Marketing Manager",
            "Barilla G. e R. Fratelli S.p.A., Parma (Italy)",
            "• Managing the pasta sauces portfolio for Italy and France",
            "Business or sector Food manufacturing",
            "15/09/2014 – 28/02/2015",
            "Marketing Intern",
            "L'Oréal Italia S.p.A., Milan (Italy)",
            "• Prepared monthly market share reports",
            "Business or sector Cosmetics",
        ]
    )
    assert [(w.position, w.company, w.start_date, w.end_date) for w in resume.work] == [
        ("Marketing Manager", "Barilla G. e R. Fratelli S.p.A.", "2018-09", "present"),
        ("Marketing Intern", "L'Oréal Italia S.p.A.", "2014-09", "2015-02"),
    ]
    assert len(resume.work[0].highlights) == 2  # the bullet and the sector


def test_a_linkedin_export_groups_titles_under_the_employer_and_its_durations() -> None:
    resume = parse_resume(
        [
            "Megan Tran",
            "Senior Data Analyst at Shopify",
            "Toronto, Ontario, Canada",
            "",
            "Experience",
            "",
            "Shopify",
            "5 yrs 5 mos",
            "Senior Data Analyst",
            "Jan 2022 - Present · 3 yrs 2 mos",
            "Toronto, Ontario, Canada · Hybrid",
            "- Own the merchant retention dashboard",
            "Data Analyst",
            "Oct 2019 - Dec 2021 · 2 yrs 3 mos",
            "Toronto, Ontario, Canada",
            "- Automated the monthly GMV report",
            "",
            "Scotiabank",
            "Business Intelligence Analyst",
            "Jun 2017 - Sep 2019 · 2 yrs 4 mos",
            "Toronto, Ontario, Canada",
            "- Migrated 45 reports to Tableau",
        ]
    )
    assert [(w.position, w.company, w.start_date) for w in resume.work] == [
        ("Senior Data Analyst", "Shopify", "2022-01"),
        ("Data Analyst", "Shopify", "2019-10"),
        ("Business Intelligence Analyst", "Scotiabank", "2017-06"),
    ]


def test_a_university_under_a_dated_title_is_the_employer_unless_the_title_is_a_students() -> None:
    resume = parse_resume(
        [
            "DeShawn Patterson",
            "deshawn@example.com",
            "PROFESSIONAL EXPERIENCE",
            "08/2017 - 05/2019 | IT Support Specialist",
            "George Mason University, Fairfax, VA",
            "- Supported 2,000 faculty and staff endpoints",
            "01/09/2003 - 28/02/2004 | Visiting Student",
            "Macquarie University, Sydney, Australia",
            "- Courses attended: International Commercial Law",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [
        ("IT Support Specialist", "George Mason University"),
        ("Visiting Student", ""),
    ]
    assert [e.institution for e in resume.education] == ["Macquarie University"]


def test_titles_under_an_employer_line_with_its_whole_tenure_keep_the_employer() -> None:
    resume = parse_resume(
        [
            "Nicole Brandt",
            "nicole@example.com",
            "EXPERIENCE",
            "Kohl's, Dublin, OH | 2012 – 2018",
            "Assistant Store Manager, 2015 – 2018",
            "• Ran store operations and scheduling for 90 associates.",
            "Department Supervisor, 2012 – 2015",
            "• Managed the home and kids departments.",
        ]
    )
    assert [(w.position, w.company, w.start_date) for w in resume.work] == [
        ("Assistant Store Manager", "Kohl's", "2015"),
        ("Department Supervisor", "Kohl's", "2012"),
    ]


def test_one_word_between_a_title_and_a_town_with_its_state_is_the_employer() -> None:
    roles = _roles("Seasonal Package Handler | UPS | Indianapolis, IN | Nov 2018 - Jan 2019")
    assert (roles[0][0], roles[0][1]) == ("Seasonal Package Handler", "UPS")


def test_a_freelancers_client_list_is_a_line_of_the_role_not_its_employer() -> None:
    roles = _roles(
        "Freelance Technical Writer | 2017 – 2021",
        "Clients: Stripe, DigitalOcean, HashiCorp, Postman",
        "* Wrote 30+ DigitalOcean community tutorials on Kubernetes",
    )
    assert (roles[0][0], roles[0][1]) == ("Freelance Technical Writer", "")
    assert roles[0][4][0].startswith("Clients: Stripe")


def test_a_captain_is_a_title() -> None:
    roles = _roles(
        "SKYWEST AIRLINES, St. George, UT | August 2015 – February 2019",
        "Captain, CRJ-200/700/900",
        "• 2,100 hours PIC operating for Delta Connection out of SLC.",
    )
    assert (roles[0][0], roles[0][1]) == ("Captain, CRJ-200/700/900", "SKYWEST AIRLINES")


def test_a_projects_client_and_role_lines_are_no_employment() -> None:
    resume = parse_resume(
        [
            "RAHUL VERMA",
            "rahul.verma@gmail.com",
            "PROFESSIONAL EXPERIENCE",
            "Software Engineer | Tata Consultancy Services, Mumbai | Jun 2016 – Jun 2019",
            "• Built Spring Boot microservices for retail banking",
            "KEY PROJECTS",
            "Project: Digital Lending Platform",
            "Client: HDFC Bank",
            "Role: Backend Developer",
            "Team Size: 8",
            "Project: Core Banking Migration",
            "Client: State Bank of India",
            "Role: Module Lead",
        ]
    )
    # The clients are whom TCS's projects were for: naming them employers would say the
    # person worked at HDFC Bank.
    assert [(w.position, w.company) for w in resume.work] == [
        ("Software Engineer", "Tata Consultancy Services")
    ]
    # Each project is one entry by its name, its labelled lines under it.
    assert [(p.name, [line.text for line in p.lines]) for p in resume.projects] == [
        (
            "Digital Lending Platform",
            [
                "Project: Digital Lending Platform",
                "Client: HDFC Bank",
                "Role: Backend Developer",
                "Team Size: 8",
            ],
        ),
        (
            "Core Banking Migration",
            [
                "Project: Core Banking Migration",
                "Client: State Bank of India",
                "Role: Module Lead",
            ],
        ),
    ]


def test_after_a_blank_line_a_title_opens_the_next_role() -> None:
    roles = _roles(
        "Senior Physiotherapist",
        "Bayside Sports & Spine Clinic, Brighton, VIC",
        "Feb 2020 - Present",
        "- Supervise two graduate physiotherapists and Monash University clinical placement"
        " students",
        "",
        "Physiotherapist (Grade 2)",
        "Eastern Health, Box Hill, VIC",
        "Jan 2017 - Jan 2020",
        "- Delivered falls-prevention education program across 4 wards",
    )
    # The long bullet's missing full stop says nothing across the blank line.
    assert [(r[0], r[1], r[3]) for r in roles] == [
        ("Senior Physiotherapist", "Bayside Sports & Spine Clinic", "Feb 2020 - Present"),
        ("Physiotherapist", "Eastern Health", "Jan 2017 - Jan 2020"),
    ]
    assert roles[0][4] == [
        "Supervise two graduate physiotherapists and Monash University clinical placement students"
    ]


def test_a_bdjobs_cvs_continuing_role_and_total_experience_line() -> None:
    resume = parse_resume(
        [
            "Md. Rafiqul Islam Chowdhury",
            "Employment History:",
            "Total Year of Experience : 11.2 Year(s)",
            "1. Senior Executive, Supply Chain ( January 1, 2018 - Continuing)",
            "Padma Textile Mills Ltd.",
            "- Prepare import plans for raw cotton, dyes and chemicals.",
            "2. Executive, Procurement ( July 1, 2014 - December 31, 2017)",
            "Meghna Apparels Ltd.",
            "- Sourced fabrics, trims and accessories for export orders.",
            "Academic Qualification:",
            "Exam Title : Bachelor of Science (B.Sc.) in Textile Engineering",
            "Institute : Bangladesh University of Textiles (BUTEX)",
            "Pas.Year : 2012",
            "Exam Title : Higher Secondary Certificate (HSC)",
            "Institute : Notre Dame College, Dhaka",
        ]
    )
    assert [(w.position, w.start_date, w.end_date) for w in resume.work] == [
        ("Senior Executive, Supply Chain", "2018-01", "present"),
        ("Executive, Procurement", "2014-07", "2017-12"),
    ]
    assert resume.work[0].company == "Padma Textile Mills Ltd."
    # The country opens the university's name; the label "Institute" is no school.
    assert [e.institution for e in resume.education] == [
        "Bangladesh University of Textiles (BUTEX)",
        "Notre Dame College",
    ]


def test_numbered_rows_of_labelled_roles_each_open_a_role() -> None:
    resume = parse_resume(
        [
            "Rajesh Krishnan Nair",
            "EMPLOYMENT RECORD",
            "1) Company : Emirates Skyline Contracting LLC, Dubai, UAE",
            "Designation : Project Manager",
            "Period : Aug 2016 – Till Date",
            "Key Responsibilities:",
            "➢ Management of MEP subcontractors and a site team of 25 engineers.",
            "",
            "2) Company : Al Noor Technical Services L.L.C., Abu Dhabi, UAE",
            "Designation : Senior MEP Engineer",
            "Period : Mar 2011 – Jul 2016",
            "Key Responsibilities:",
            "➢ Carried out testing and commissioning of chillers, AHUs and pumps.",
            "ACADEMIC QUALIFICATION",
            "➢ B.Tech in Mechanical Engineering – University of Calicut, Kerala (2003 – 2007)",
        ]
    )
    assert [(w.position, w.company, w.start_date) for w in resume.work] == [
        ("Project Manager", "Emirates Skyline Contracting LLC", "2016-08"),
        ("Senior MEP Engineer", "Al Noor Technical Services L.L.C.", "2011-03"),
    ]
    assert [len(w.highlights) for w in resume.work] == [1, 1]
    assert [e.institution for e in resume.education] == ["University of Calicut"]


def test_a_position_label_vouches_for_a_title_without_a_title_word() -> None:
    work = parse_with(
        experience(
            "3. Organization: Ethio-Agri Consult PLC",
            "Position: Agricultural Extension Expert",
            "Duration: September 2012 – August 2015",
            "• Organised farmer field days and demonstration plots.",
        )
    ).work
    assert [(w.position, w.dates_text) for w in work] == [
        ("Agricultural Extension Expert", "September 2012 – August 2015")
    ]


def test_a_year_ending_a_wrapped_bullet_and_board_seats_open_no_role() -> None:
    roles = _roles(
        "BRACKENRIDGE CONSUMER BRANDS, INC. | Minneapolis, MN",
        "Chief Operating Officer | 2019 – Present",
        "• Sponsored the company's first ESG roadmap, cutting Scope 1 and 2 emissions 18% since",
        "2020.",
        "HALCYON FOODS INTERNATIONAL | Chicago, IL",
        "Senior Vice President, Global Supply Chain | 2014 – 2019",
        "• Redesigned the global sourcing strategy for dairy and cocoa, saving $35M annually.",
        "BOARD POSITIONS",
        "Board of Directors, Northstar Regional Food Bank | 2017 – Present",
        "Chair, Finance & Audit Committee.",
    )
    assert [(r[0], r[1], r[3]) for r in roles] == [
        ("Chief Operating Officer", "BRACKENRIDGE CONSUMER BRANDS, INC.", "2019 – Present"),
        (
            "Senior Vice President, Global Supply Chain",
            "HALCYON FOODS INTERNATIONAL",
            "2014 – 2019",
        ),
    ]
    assert roles[0][4][-1].endswith("emissions 18% since 2020.")


def test_an_experience_summary_of_hours_holds_no_role() -> None:
    resume = parse_resume(
        [
            "Eleanor Whitcombe",
            "FLIGHT EXPERIENCE SUMMARY",
            "Total time | 9,850 hrs",
            "Pilot in command | 4,210 hrs (A320 family)",
            "CAREER HISTORY",
            "Captain, Airbus A320 | Mar 2019 – Present",
            "Caledonian Skyways, Glasgow",
            "• Command of A320/A321 short- and medium-haul operations",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [
        ("Captain, Airbus A320", "Caledonian Skyways")
    ]


def test_an_admission_to_a_profession_is_no_role() -> None:
    resume = parse_resume(
        [
            "PRIYA RAMANATHAN",
            "PROFESSIONAL EXPERIENCE",
            "Sept 2017 – Aug 2020",
            "Associate, Hollis Barrow LLP, London",
            "• Handled landlord and tenant work for retail and logistics clients",
            "ADMISSION & MEMBERSHIPS",
            "Admitted as a Solicitor of the Senior Courts of England and Wales, September 2017",
        ]
    )
    assert [(w.position, w.company) for w in resume.work] == [("Associate", "Hollis Barrow LLP")]

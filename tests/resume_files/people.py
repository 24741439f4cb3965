"""The fictional people of the resume-file corpus (tests/resume_files/corpus).

Every name, employer, school, address, phone number and link here is invented: phone numbers
are in the 555-01xx range or Ofcom's drama range, e-mail addresses are at example.com.

Each person writes their role headers one way (`header`, see `role_header_lines`) and their
dates in one style, as real resumes do; the shapes in make_corpus.py lay the same content out
as Word files, PDFs and text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    position: str
    company: str
    location: str
    dates: str
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    headline: str
    email: str
    phone: str
    city: str
    link: str
    summary: str
    summary_heading: str
    experience_heading: str
    header: str  # how a role header is written: see role_header_lines
    bullet: str  # the glyph typed before a bullet where the shape types one
    roles: tuple[Role, ...]
    education: tuple[str, ...]
    skills: tuple[str, ...]
    certificates: tuple[str, ...] = ()

    @property
    def contacts(self) -> tuple[str, ...]:
        return tuple(part for part in (self.email, self.phone, self.city, self.link) if part)


def role_header_lines(person: Person, role: Role) -> list[str]:
    """The lines a person writes above a role's bullets. A tab marks text set flush right
    (a right tab stop in Word, right-aligned in a PDF, padded with spaces in text)."""
    p, c, loc, d = role.position, role.company, role.location, role.dates
    style = person.header
    if style == "title_company_tab_dates":
        return [f"{p}, {c}\t{d}", loc]
    if style == "three_lines":
        return [p, f"{c}, {loc}", d]
    if style == "company_first":
        return [f"{c}, {loc}\t{d}", p]
    if style == "pipes":
        return [f"{p} | {c} | {loc} | {d}"]
    if style == "at_paren":
        return [f"{p} at {c}, {loc} ({d})"]
    if style == "dash_then_dates":
        return [f"{p} — {c}, {loc}", d]
    if style == "dates_first":
        return [d, f"{p}, {c}, {loc}"]
    raise ValueError(f"unknown header style {style!r}")


PEOPLE: tuple[Person, ...] = (
    Person(
        key="brooks",
        name="Daniel Brooks",
        headline="Senior Backend Engineer",
        email="daniel.brooks@example.com",
        phone="(555) 010-4417",
        city="Portland, OR",
        link="github.com/dbrooks-example",
        summary=(
            "Backend engineer with ten years of experience building APIs and data services "
            "in Go and Python."
        ),
        summary_heading="Summary",
        experience_heading="Professional Experience",
        header="title_company_tab_dates",
        bullet="•",
        roles=(
            Role(
                "Senior Backend Engineer",
                "Lumenfield Software",
                "Portland, OR",
                "Jan 2019 – Present",
                (
                    "Designed an event-driven billing service in Go handling 4M events per day",
                    "Cut p99 API latency from 850 ms to 190 ms with Redis caching",
                    "Led the migration of 25 services from EC2 to Kubernetes",
                    "Mentored three junior engineers through weekly design reviews",
                ),
            ),
            Role(
                "Software Engineer",
                "Cascade Freight Systems",
                "Seattle, WA",
                "Jun 2015 – Dec 2018",
                (
                    "Built REST APIs in Python and Django for the shipment tracking portal",
                    "Wrote PostgreSQL migrations and reporting queries for 200 GB of orders",
                    "Added contract tests that reduced release rollbacks by 40%",
                ),
            ),
            Role(
                "Junior Developer",
                "Pinecrest Web Studio",
                "Eugene, OR",
                "Aug 2013 – May 2015",
                (
                    "Maintained PHP and MySQL sites for 30 small-business clients",
                    "Automated backups with shell scripts and cron",
                ),
            ),
        ),
        education=("B.S. Computer Science, Willamette Valley State University, 2013",),
        skills=("Go", "Python", "PostgreSQL", "Redis", "Kubernetes", "Docker", "AWS", "gRPC"),
    ),
    Person(
        key="okafor",
        name="Maria Okafor",
        headline="Registered Nurse",
        email="maria.okafor@example.com",
        phone="(555) 010-2233",
        city="Columbus, OH",
        link="",
        summary=(
            "Registered nurse with eight years on surgical and long-term care units, calm "
            "under pressure and focused on patient safety."
        ),
        summary_heading="Profile",
        experience_heading="Work Experience",
        header="dash_then_dates",
        bullet="•",
        roles=(
            Role(
                "Charge Nurse",
                "Riverside Community Hospital",
                "Columbus, OH",
                "Since 2021",
                (
                    "Supervise a team of 8 nurses on a 32-bed surgical unit",
                    "Reduced medication errors by 30% with a bedside double-check protocol",
                    "Coordinate discharges with case managers and physical therapists",
                ),
            ),
            Role(
                "Staff Nurse",
                "Lakeview Medical Center",
                "Dayton, OH",
                "2017 - 2020",
                (
                    "Cared for 5-6 post-operative patients per shift",
                    "Precepted 12 newly graduated nurses",
                    "Trained colleagues on the new Epic charting workflow",
                ),
            ),
            Role(
                "Nursing Assistant",
                "Maple Grove Care Home",
                "Dayton, OH",
                "2015 - 2017",
                (
                    "Assisted 20 residents daily with mobility, meals and hygiene",
                    "Recorded vital signs and reported changes to the nurse in charge",
                ),
            ),
        ),
        education=("Bachelor of Science in Nursing, Central Ohio College of Nursing, 2017",),
        skills=("Patient assessment", "IV therapy", "Wound care", "Epic EHR", "Triage"),
        certificates=("BLS and ACLS, American Heart Association",),
    ),
    Person(
        key="raman",
        name="Priya Raman",
        headline="Senior Accountant, CPA",
        email="priya.raman@example.com",
        phone="555-010-7781",
        city="Chicago, IL",
        link="linkedin.com/in/priya-raman-example",
        summary=(
            "CPA with seven years in public accounting and industry: month-end close, "
            "consolidations and audit support."
        ),
        summary_heading="Summary",
        experience_heading="EXPERIENCE",
        header="three_lines",
        bullet="•",
        roles=(
            Role(
                "Senior Accountant",
                "Halvorsen & Pike LLP",
                "Chicago, IL",
                "12/2019 - Present",
                (
                    "Closed the monthly books for 14 client entities within 5 business days",
                    "Prepared consolidated financial statements under US GAAP",
                    "Automated bank reconciliations in Excel Power Query, saving 20 hours a month",
                ),
            ),
            Role(
                "Staff Accountant",
                "Meridian Foods Inc.",
                "Chicago, IL",
                "03/2017 - 11/2019",
                (
                    "Managed accounts payable for 600 vendors",
                    "Reconciled 22 balance sheet accounts each month",
                    "Supported the annual external audit with schedules and walkthroughs",
                ),
            ),
            Role(
                "Accounting Intern",
                "Brightwater Credit Union",
                "Evanston, IL",
                "06/2016 - 08/2016",
                (
                    "Entered journal entries and filed vendor invoices",
                    "Prepared fixed asset depreciation schedules",
                ),
            ),
        ),
        education=("B.S. Accounting, Lakeshore State University, 2017",),
        skills=("US GAAP", "NetSuite", "QuickBooks", "Excel", "Power Query", "Audit support"),
        certificates=("Certified Public Accountant (Illinois), 2018",),
    ),
    Person(
        key="herrera",
        name="Tomás Herrera",
        headline="Data Analyst",
        email="tomas.herrera@example.com",
        phone="+1 555 010 3390",
        city="Austin, TX",
        link="",
        summary=(
            "Data analyst who turns messy operational data into dashboards and experiments "
            "that change decisions."
        ),
        summary_heading="Summary",
        experience_heading="Experience",
        header="pipes",
        bullet="-",
        roles=(
            Role(
                "Data Analyst",
                "Solvane Health",
                "Austin, TX",
                "2020 - now",
                (
                    "Built Tableau dashboards used by 150 clinic managers every week",
                    "Wrote SQL and Python pipelines that merged claims and scheduling data",
                    "Ran A/B tests on appointment reminders that cut no-shows by 12%",
                ),
            ),
            Role(
                "Junior Data Analyst",
                "Redbud Insurance Group",
                "San Antonio, TX",
                "2018-2020",
                (
                    "Cleaned policy data in SQL Server and Excel",
                    "Produced the monthly loss ratio report for the underwriting team",
                ),
            ),
        ),
        education=("B.A. Economics, Hill Country University, 2018",),
        skills=("SQL", "Python", "pandas", "Tableau", "Excel", "A/B testing"),
    ),
    Person(
        key="fitch",
        name="Eleanor Fitch",
        headline="Mathematics Teacher",
        email="eleanor.fitch@example.com",
        phone="(555) 010-6612",
        city="Burlington, VT",
        link="",
        summary=(
            "Secondary mathematics teacher who builds confidence through projects, clear "
            "feedback and high expectations."
        ),
        summary_heading="Profile",
        experience_heading="Teaching Experience",
        header="three_lines",
        bullet="•",
        roles=(
            Role(
                "Mathematics Teacher",
                "Northfield Regional High School",
                "Burlington, VT",
                "August 2018 to present",
                (
                    "Teach Algebra II and AP Calculus to five classes of 25 students",
                    "Raised the AP Calculus pass rate from 61% to 84% over three years",
                    "Coach the school math team, state finalists in 2022 and 2023",
                ),
            ),
            Role(
                "Mathematics Teacher",
                "Green Hollow Middle School",
                "Montpelier, VT",
                "September 2015 to June 2018",
                (
                    "Taught Grade 7 and Grade 8 mathematics",
                    "Designed a project-based geometry unit adopted by the district",
                    "Ran an after-school tutoring club for 40 students",
                ),
            ),
            Role(
                "Student Teacher",
                "Cedar Ridge Elementary",
                "Montpelier, VT",
                "January 2015 to May 2015",
                (
                    "Planned and delivered daily lessons for a Grade 5 class",
                    "Assessed reading and math progress every two weeks",
                ),
            ),
        ),
        education=(
            "M.Ed. Secondary Mathematics, Green Mountain College of Education, 2015",
            "B.A. Mathematics, Champlain Valley University, 2013",
        ),
        skills=(
            "Curriculum design",
            "Differentiated instruction",
            "Google Classroom",
            "Desmos",
        ),
        certificates=("Vermont Educator License, Mathematics 7-12",),
    ),
    Person(
        key="bell",
        name="Marcus Bell",
        headline="Retail Store Manager",
        email="marcus.bell@example.com",
        phone="(555) 010-8824",
        city="Atlanta, GA",
        link="",
        summary=(
            "Store manager with twelve years in retail, from the sales floor to running a "
            "$6M store."
        ),
        summary_heading="Summary",
        experience_heading="Employment History",
        header="company_first",
        bullet="▪",
        roles=(
            Role(
                "Store Manager",
                "Harbor & Pine Outfitters",
                "Atlanta, GA",
                "Mar 2019 - Present",
                (
                    "Manage a store of 28 associates with $6.2M annual sales",
                    "Grew same-store sales 14% in 2022 through scheduling and merchandising",
                    "Cut inventory shrink from 2.1% to 0.9%",
                    "Hire, train and coach three assistant managers",
                ),
            ),
            Role(
                "Assistant Store Manager",
                "Fieldstone Home Goods",
                "Marietta, GA",
                "Jan 2016 - Feb 2019",
                (
                    "Ran daily opening and closing for a $3M store",
                    "Trained 20 new associates on point-of-sale and customer service",
                ),
            ),
            Role(
                "Sales Associate",
                "Fieldstone Home Goods",
                "Marietta, GA",
                "May 2012 - Dec 2015",
                (
                    "Top seller in the district in 2014",
                    "Handled returns, exchanges and stock replenishment",
                ),
            ),
        ),
        education=("Associate of Business Administration, Peachtree Community College, 2013",),
        skills=(
            "P&L management",
            "Scheduling",
            "Visual merchandising",
            "Inventory control",
            "Coaching",
        ),
    ),
    Person(
        key="schultz",
        name="Hannah Schultz",
        headline="Mechanical Engineer",
        email="hannah.schultz@example.com",
        phone="555.010.5547",
        city="Milwaukee, WI",
        link="linkedin.com/in/hannah-schultz-example",
        summary=(
            "Mechanical engineer in product design and manufacturing, from concept models to "
            "production tooling."
        ),
        summary_heading="Summary",
        experience_heading="Experience",
        header="title_company_tab_dates",
        bullet="●",
        roles=(
            Role(
                "Mechanical Design Engineer",
                "Torvik Pumps",
                "Milwaukee, WI",
                "2019–Present",
                (
                    "Designed cast impeller housings in SolidWorks for a new pump line",
                    "Ran FEA on pressure vessels to ASME Section VIII",
                    "Cut unit cost 11% by moving two parts from machining to stamping",
                ),
            ),
            Role(
                "Manufacturing Engineer",
                "Brennan Tool & Die",
                "Racine, WI",
                "2016–2019",
                (
                    "Wrote work instructions and PFMEAs for 40 stamped parts",
                    "Reduced scrap on the main press line from 4% to 1.5%",
                    "Qualified new fixtures with GD&T inspection plans",
                ),
            ),
        ),
        education=("B.S. Mechanical Engineering, Lake Michigan Institute of Technology, 2016",),
        skills=("SolidWorks", "ANSYS", "GD&T", "PFMEA", "Lean manufacturing"),
        certificates=("Engineer in Training (EIT), Wisconsin",),
    ),
    Person(
        key="grant",
        name="Olivia Grant",
        headline="Marketing Manager",
        email="olivia.grant@example.com",
        phone="(555) 010-9035",
        city="Denver, CO",
        link="oliviagrant.example.com",
        summary=(
            "Marketing manager who grows revenue with paid media, lifecycle email and clear "
            "measurement."
        ),
        summary_heading="Profile",
        experience_heading="Experience",
        header="dash_then_dates",
        bullet="•",
        roles=(
            Role(
                "Marketing Manager",
                "Summitline Outdoor Co.",
                "Denver, CO",
                "Feb 2020 – Present",
                (
                    "Own a $1.2M annual paid media budget across search and social",
                    "Grew email revenue 38% with segmented lifecycle campaigns",
                    "Launched two product lines with cross-channel campaigns",
                ),
            ),
            Role(
                "Digital Marketing Specialist",
                "Aspenleaf Travel",
                "Boulder, CO",
                "Jul 2017 – Jan 2020",
                (
                    "Managed Google Ads campaigns with a 4.1x return on ad spend",
                    "Wrote and tested landing pages in HubSpot",
                ),
            ),
            Role(
                "Marketing Coordinator",
                "Clearbrook Events",
                "Denver, CO",
                "Sep 2015 – Jun 2017",
                (
                    "Scheduled social posts and tracked engagement",
                    "Coordinated vendors for 30 corporate events a year",
                ),
            ),
        ),
        education=("B.A. Communications, Front Range University, 2015",),
        skills=("Google Ads", "HubSpot", "SEO", "Email marketing", "Google Analytics"),
    ),
    Person(
        key="watanabe",
        name="Kenji Watanabe",
        headline="Product Designer",
        email="kenji.watanabe@example.com",
        phone="(555) 010-1178",
        city="San Francisco, CA",
        link="kenjiwatanabe.example.com",
        summary=(
            "Product designer who pairs user research with fast prototyping to ship simple "
            "interfaces."
        ),
        summary_heading="About",
        experience_heading="Experience",
        header="pipes",
        bullet="•",
        roles=(
            Role(
                "Senior Product Designer",
                "Parcelwise",
                "San Francisco, CA",
                "10/2021 – present",
                (
                    "Led the redesign of the checkout flow, lifting conversion 9%",
                    "Built and maintain a Figma design system of 120 components",
                    "Run monthly usability tests with 8-10 customers",
                ),
            ),
            Role(
                "Product Designer",
                "Kitebird Labs",
                "Oakland, CA",
                "06/2018 – 09/2021",
                (
                    "Designed onboarding screens for the iOS and Android apps",
                    "Partnered with engineers to ship 40 releases",
                    "Created user journey maps from 25 customer interviews",
                ),
            ),
            Role(
                "Graphic Designer",
                "Studio Narra",
                "Oakland, CA",
                "01/2016 – 05/2018",
                (
                    "Produced brand identities for 15 local businesses",
                    "Prepared print-ready files for packaging and signage",
                ),
            ),
        ),
        education=("BFA Graphic Design, Bay Arts College, 2015",),
        skills=("Figma", "Sketch", "Prototyping", "Usability testing", "Adobe Illustrator"),
    ),
    Person(
        key="adeyemi",
        name="Samuel Adeyemi",
        headline="Logistics Coordinator",
        email="samuel.adeyemi@example.com",
        phone="(555) 010-4460",
        city="Houston, TX",
        link="",
        summary=(
            "Logistics coordinator with ten years in warehousing and transport, known for "
            "on-time deliveries and safe teams."
        ),
        summary_heading="Summary",
        experience_heading="Work History",
        header="at_paren",
        bullet="-",
        roles=(
            Role(
                "Logistics Coordinator",
                "Gulfway Distribution",
                "Houston, TX",
                "2022 to present",
                (
                    "Schedule 60 outbound truckloads a week across 4 carriers",
                    "Cut late deliveries by 22% with a carrier scorecard",
                ),
            ),
            Role(
                "Warehouse Supervisor",
                "Bayport Supply Co.",
                "Pasadena, TX",
                "2017 to 2022",
                (
                    "Supervised 15 associates on two shifts",
                    "Kept inventory accuracy above 99.5% with weekly cycle counts",
                    "Trained staff on forklift safety and OSHA rules",
                ),
            ),
            Role(
                "Forklift Operator",
                "Bayport Supply Co.",
                "Pasadena, TX",
                "2014 to 2017",
                (
                    "Loaded and unloaded 30 trailers a day",
                    "Named employee of the quarter twice",
                ),
            ),
        ),
        education=("A.A.S. Supply Chain Management, Gulf Coast Technical College, 2016",),
        skills=("SAP", "Route planning", "Inventory control", "Forklift", "Team leadership"),
        certificates=("OSHA 30-Hour General Industry",),
    ),
    Person(
        key="costa",
        name="Laura Costa",
        headline="HR Generalist",
        email="laura.costa@example.com",
        phone="(555) 010-3307",
        city="Phoenix, AZ",
        link="linkedin.com/in/laura-costa-example",
        summary=(
            "HR generalist with recruiting roots: employee relations, onboarding and benefits "
            "for growing clinics."
        ),
        summary_heading="Summary",
        experience_heading="Professional Experience",
        header="company_first",
        bullet="•",
        roles=(
            Role(
                "HR Generalist",
                "Desertbloom Health Partners",
                "Phoenix, AZ",
                "April 2018 – Present",
                (
                    "Handle employee relations for 350 staff across 6 clinics",
                    "Rolled out an onboarding program that cut 90-day turnover by 18%",
                    "Run benefits open enrollment every year",
                ),
            ),
            Role(
                "Recruiter",
                "Saguaro Staffing",
                "Tempe, AZ",
                "June 2015 – March 2018",
                (
                    "Filled 120 healthcare and administrative positions a year",
                    "Screened candidates and scheduled interviews with hiring managers",
                ),
            ),
        ),
        education=("B.S. Human Resource Management, Sonoran State University, 2015",),
        skills=(
            "Workday",
            "Employee relations",
            "Onboarding",
            "Recruiting",
            "Benefits administration",
        ),
        certificates=("SHRM-CP, 2019",),
    ),
    Person(
        key="mendes",
        name="Rafael Mendes",
        headline="Kitchen Manager",
        email="rafael.mendes@example.com",
        phone="(555) 010-7420",
        city="New Orleans, LA",
        link="",
        summary=(
            "Chef and kitchen manager who keeps food cost down and quality up in busy restaurants."
        ),
        summary_heading="Profile",
        experience_heading="Experience",
        header="dates_first",
        bullet="•",
        roles=(
            Role(
                "Kitchen Manager",
                "Magnolia Table Bistro",
                "New Orleans, LA",
                "2019 - Current",
                (
                    "Run a kitchen of 12 cooks serving 250 covers a night",
                    "Lowered food cost from 34% to 29% through menu engineering",
                    "Passed every health inspection with no critical violations",
                ),
            ),
            Role(
                "Sous Chef",
                "Pelican Wharf Seafood House",
                "Biloxi, MS",
                "2015 - 2019",
                (
                    "Created weekly specials and costed every recipe",
                    "Trained line cooks on all stations",
                ),
            ),
            Role(
                "Line Cook",
                "Bayou Grill",
                "Biloxi, MS",
                "2012 - 2015",
                (
                    "Worked grill and sauté stations on busy weekend services",
                    "Prepped sauces and stocks for a 120-seat dining room",
                ),
            ),
        ),
        education=("Culinary Arts Diploma, Gulf South Culinary Institute, 2012",),
        skills=("Menu costing", "Inventory", "Staff training", "Scheduling", "Butchery"),
        certificates=("ServSafe Food Protection Manager",),
    ),
    Person(
        key="liu",
        name="Grace Liu",
        headline="IT Project Manager",
        email="grace.liu@example.com",
        phone="+44 7700 900123",
        city="Manchester, UK",
        link="",
        summary=(
            "Project manager delivering banking and digital projects on time, with clear "
            "reporting and calm stakeholder management."
        ),
        summary_heading="Profile",
        experience_heading="Career History",
        header="title_company_tab_dates",
        bullet="•",
        roles=(
            Role(
                "IT Project Manager",
                "Northgate Building Society",
                "Manchester",
                "Sep 2020 – Present",
                (
                    "Deliver a £2.4M core banking upgrade across 3 vendor teams",
                    "Run fortnightly steering meetings and keep the RAID log",
                    "Brought the mobile app release in 3 weeks early",
                ),
            ),
            Role(
                "Project Coordinator",
                "Pennine Digital Services",
                "Leeds",
                "Oct 2016 – Aug 2020",
                (
                    "Tracked budgets and timelines for 12 client projects",
                    "Wrote status reports for senior stakeholders",
                    "Introduced Jira dashboards for the delivery team",
                ),
            ),
        ),
        education=("BSc Business Information Systems, Northbridge University, 2016",),
        skills=("PRINCE2", "Agile", "Jira", "Stakeholder management", "Budget tracking"),
        certificates=("PRINCE2 Practitioner",),
    ),
    Person(
        key="karim",
        name="Aisha Karim",
        headline="Medical Laboratory Technician",
        email="aisha.karim@example.com",
        phone="(555) 010-2951",
        city="Baltimore, MD",
        link="",
        summary=(
            "Medical laboratory technician with eight years in hospital and reference labs, "
            "accurate and fast on the bench."
        ),
        summary_heading="Summary",
        experience_heading="Experience",
        header="three_lines",
        bullet="•",
        roles=(
            Role(
                "Medical Laboratory Technician",
                "Crestview Diagnostics",
                "Baltimore, MD",
                "2019-present",
                (
                    "Run 300 blood chemistry and hematology tests per shift",
                    "Calibrate and maintain the chemistry and hematology analyzers",
                    "Cut sample turnaround time by 15% by reorganising the accessioning bench",
                ),
            ),
            Role(
                "Laboratory Assistant",
                "Chesapeake Regional Hospital",
                "Annapolis, MD",
                "2016-2019",
                (
                    "Processed and labelled 150 specimens a day",
                    "Kept quality control logs for CAP inspections",
                ),
            ),
        ),
        education=("A.S. Medical Laboratory Technology, Harbor County Community College, 2016",),
        skills=("Hematology", "Clinical chemistry", "Quality control", "LIS", "Phlebotomy"),
        certificates=("ASCP MLT certification",),
    ),
)

BY_KEY = {person.key: person for person in PEOPLE}

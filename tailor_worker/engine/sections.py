"""Section headings of a resume ("Work History:" opens the work section), the bullet glyphs
that open a list item and the label lines that stand over a field ("Areas of responsibility:",
"Industry:"): shared by the parser, the entity CRF's features and the job analyser."""

from __future__ import annotations

import re

_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "profile",
        "professional profile",
        "about",
        "about me",
        "objective",
        "career objective",
        "executive summary",
        "career summary",
        "overview",
        "personal statement",
    ),
    "work": (
        "experience",
        "professional experience",
        "work experience",
        "work history",
        "employment",
        "employment history",
        "career history",
        "relevant experience",
        "professional background",
        "industry experience",
    ),
    "education": (
        "education",
        "academic background",
        "education and training",
        "academics",
        "academic qualifications",
        "education and certifications",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core competencies",
        "key skills",
        "skills and tools",
        "technologies",
        "tools",
        "core skills",
        "competencies",
        "skills and expertise",
        "technical proficiencies",
        "tech stack",
        "expertise",
        "skills summary",
        "skills and technologies",
        "technical expertise",
    ),
    "certificates": (
        "certifications",
        "certificates",
        "licenses and certifications",
        "licences and certifications",
        "certifications and licenses",
        "certification",
        "professional certifications",
        "credentials",
        "licenses",
        "licences",
    ),
    "projects": (
        "projects",
        "personal projects",
        "key projects",
        "selected projects",
        "side projects",
        "open source",
        "project experience",
        "academic projects",
    ),
    "other": (
        "awards",
        "honors",
        "honours",
        "awards and honors",
        "publications",
        "volunteer",
        "volunteering",
        "volunteer experience",
        "languages",
        "interests",
        "hobbies",
        "activities",
        "references",
        "achievements",
        "accomplishments",
    ),
}
# Headings the parser reads and the entity CRF's section features do not: academic CVs'
# appointments and the sections after a career (memberships, talks, grants, training). Read
# by the parser they keep offices and conferences out of the roles (cross-validated company
# and designation precision +0.005, tech-tool precision +0.02); read by the CRF as well, its
# retrained folds tagged less (company, college and degree recall 0.010-0.016 lower).
_MORE_HEADINGS: dict[str, tuple[str, ...]] = {
    "skills": (
        "areas of expertise",
        "key areas of expertise",
        "areas of strength",
        "software",
        "personal skills and competences",
        "technical skills and competences",
        "skills and competences",
        "computer proficiency",
        "skills qualifications",
        "skills and qualifications",
        "skills and certificates",
        "skills certificates",
        "skills and certifications",
    ),
    "work": (
        "student teaching",
        "student teaching experience",
        "national service",
        "military service",
        "military history",
        "contract history",
        "contract experience",
        "contracts",
        "contract roles",
        "freelance experience",
        "freelance work",
        "professional history",
        "earlier career",
        "earlier roles",
        "previous roles",
        "other roles",
        "earlier permanent roles",
        "permanent roles",
        "academic career",
        "early career",
        "professional career",
        "career",
        "appointments",
        "academic appointments",
        "academic appointment",
        "professional appointments",
        "position held",
        "positions held",
        "employment record",
        "professional",
        "professional positions",
        "positions",
        "internships",
        "internship",
        "internship experience",
        # Indian freshers' CVs: "INDUSTRIAL TRAINING / INTERNSHIP"
        "industrial training",
        "industrial training internship",
        "internship industrial training",
        "work placements",
        "placements",
    ),
    "education": (
        "qualifications",
        "professional qualifications",
        "educational qualifications",
        "education and qualifications",
        "academic qualification",  # singular, as South Asian CVs head it
        "educational qualification",
    ),
    "summary": (
        "summary of qualifications",
        "qualifications summary",
        "key qualifications",
        # A summary of hours and years, no list of roles ("Flight Experience Summary").
        "experience summary",
        "summary of experience",
        "flight experience summary",
        "flight experience",
        "flying experience",
    ),
    "certificates": (
        "licensure",
        "licensure and certification",
        "licensure and certifications",
        "registration",
        "registrations",
        "professional registration",
        "professional registrations",
        "professional registration and training",
        "registration and training",
        "accreditations",
        "professional accreditations",
        "professional designation",
        "professional designations",
        "licenses and registrations",
    ),
    "other": (
        "honors and awards",
        "honours and awards",
        "awards and honours",
        "honors awards",
        "awards honors",
        "memberships",
        "professional memberships",
        "professional membership",
        "admission and memberships",  # a lawyer's admission to practise and societies
        "admissions and memberships",
        "bar admissions",
        "admissions",
        "affiliations",
        "professional affiliations",
        "presentations",
        "conference presentations",
        "invited talks",
        "grants",
        "research grants",
        "service",
        "university service",
        "professional development",
        "training",
        "trainings",
        "workshops",
        "seminars",
        "peer reviewed papers",
        "peer reviewed publications",
        "selected publications",
        "extracurricular activities",
        "extra curricular activities",
        "leadership and activities",
        "activities and leadership",
        "leadership and involvement",
        "campus involvement",
        "campus experience",
        "student activities",
        "volunteer work",
        "volunteer roles",
        "community service",
        "community involvement",
        "co curricular activities",
        "referees",
        "exhibitions",
        "solo exhibitions",
        "group exhibitions",
        "selected exhibitions",
        "military training",
        "character references",
        "character reference",
        "board appointments",
        "board memberships",
        "board positions",
        "board and advisory",
        "board and advisory roles",
        "advisory roles",
        "advisory boards",
        "board and volunteer roles",
        "volunteer and board roles",
        "declaration",
    ),
}
_HEADING_INDEX = {name: section for section, names in _HEADINGS.items() for name in names}
_MORE_INDEX = {name: section for section, names in _MORE_HEADINGS.items() for name in names}
_HEADING_WORDS = (  # (word, section, counts even in a plain line)
    ("experience", "work", True),
    ("employment", "work", True),
    ("work history", "work", True),
    ("education", "education", True),
    ("skill", "skills", False),
    ("certific", "certificates", False),
    ("project", "projects", False),
    ("summary", "summary", False),
    ("profile", "summary", False),
)
# A publication's year after its authors ("Simmons, T. J. (1999).", "Fitch, D. (2007,
# October)."): no role header or place of study has one.
CITATION = re.compile(r"\(\d{4}[a-z]?(?:,\s*[A-Z][a-z]+)?\)\.")
# A label on its own line: a capitalised short phrase and a colon, nothing after it.
LABEL_LINE = re.compile(r"[A-Z][\w /&'’-]{1,40}:")
# The labels a role's lines stand under, written alone without their colon too
# ("Responsibilities", "Key Achievements", "Roles and Responsibilities", "Select
# Achievements").
DUTIES_LABEL = re.compile(
    r"(?:(?:key|main|major|primary|job|project|roles?\s+(?:and|&)|my|select(?:ed)?|notable"
    r"|significant)\s+)?"
    r"(?:responsibilities|duties|achievements|accomplishments|description|overview|"
    r"contributions?|tasks|highlights)\s*[.:-]?\s*",
    re.IGNORECASE,
)
BULLET = re.compile(
    # Glyphs (the Japanese "・" too), numbers, and glyphs that reached us as literal byte
    # escapes ("\xe2\x80\xa2", from exports that wrote UTF-8 bytes as text).
    r"^(?:[•●▪‣◦·・■□➢►▶✓✔❖\-\*–—>]+|\d{1,2}[.)]|(?:\\x[0-9a-fA-F]{2}){2,4})\s*"
)


# The words before which a heading word is the wrapped end of a phrase, not a heading: "Master
# of Science in Higher" / "Education", "Council on Social Work" / "Education", "Office of
# Special" / "Education", "Social Networking" / "Technologies". PDF text of teachers' and
# academics' CVs wraps such phrases at the heading word often enough (219 times in the
# labelled resumes) to switch sections mid-role.
_WRAPPED_AFTER = {
    "education": re.compile(
        r"\b(?:of|in|for|on|and|&|the|to|at|a|an|higher|special|physical|elementary|secondary|"
        r"primary|continuing|distance|adult|further|graduate|general|teacher|counselor|work|"
        r"health|childhood|global|technical|legal|medical|music|art|science|business)$",
        re.IGNORECASE,
    ),
    "experience": re.compile(r"\b(?:user|customer|patient|guest|client)$", re.IGNORECASE),
    "technologies": re.compile(
        r"\b(?:of|in|for|and|&|networking|embedded|emerging|web|digital|information|cloud|"
        r"learning|instructional|assistive|educational|mobile|new)$",
        re.IGNORECASE,
    ),
}


# "Select" / "Achievements": flattened text cut before the heading word, a role's own list
# ("Select Achievements", "KEY ACCOMPLISHMENTS") read whole, not the section "Achievements"
# (which took the role's best lines away from it, and left "Select" to be read as an
# employer). In the parser only: the entity CRF reads the lines as cut.
_QUALIFIED_LIST = re.compile(
    r"(?:key|select(?:ed)?|notable|significant|major)\s+(?:achievements|accomplishments)",
    re.IGNORECASE,
)


def wrapped_heading(previous: str, text: str) -> bool:
    """`text` is a bare heading word that ends the phrase `previous` stopped in ("Bachelor of"
    / "Education"): the rest of that line, not a heading. A heading styled as one (upper
    case, a colon) stays a heading, and so does a split heading ("ACADEMIC AND" / "...").
    A one-word heading with a full stop after a line that stops mid-sentence is that
    sentence's last word ("... CRM project in Wipro" / "Technologies.")."""
    word = text.strip()
    if (
        word.endswith(".")
        and " " not in word
        and previous.strip()
        and previous.rstrip()[-1:] not in ".!?:;"
        and heading_section(word) is not None
    ):
        return True
    if _QUALIFIED_LIST.fullmatch(f"{previous.strip()} {word}"):
        return True
    rule = _WRAPPED_AFTER.get(word.lower())
    if rule is None or word.isupper() or not previous or previous.isupper():
        return False
    return rule.search(previous.rstrip()) is not None


# "Server" the waiter, not the machine ("Windows Server 2008 R2", "SQL Server", "Exchange
# Server" in a role's tools).
_MACHINES = (
    *("windows", "sql", "exchange", "web", "application", "mail", "file", "proxy", "linux"),
    *("build", "media", "dns", "ftp", "app", "sharepoint", "report", "database"),
)
_SERVER = "".join(rf"(?<!{word}\s)" for word in _MACHINES) + "server"
# The head words of job titles ("Project Manager", "Education Coordinator").
TITLE_WORDS = re.compile(
    r"\b(?:engineer|developer|manager|analyst|designer|lead|director|intern|consultant|"
    r"scientist|architect|specialist|administrator|coordinator|officer|head|vp|"
    r"vice president|president|associate|assistant|technician|nurse|teacher|programmer|"
    r"researcher|founder|co-founder|cto|ceo|cfo|owner|accountant|representative|supervisor|"
    r"executive|strategist|writer|editor|instructor|professor|lecturer|fellow|contractor|"
    r"freelancer|sre|sde|sdet|swe|qa|tester|partner|principal|trainee|apprentice|advisor|agent|clerk|"
    rf"operator|physician|therapist|pharmacist|chef|student|cook|{_SERVER}|cashier|barista|driver|"
    r"electrician|mechanic|carpenter|plumber|welder|paralegal|receptionist|secretary|stocker|"
    r"crew|captain|"
    r"bookkeeper|auditor|attorney|lawyer|counselor|counsellor|librarian|pilot|surgeon|dentist|"
    r"photographer|producer|buyer|merchandiser|planner|recruiter|trainer|coach|tutor|"
    r"generalist|chair|chairman|chairperson|chairwoman|leader|employee|copywriter|"
    r"organiser|organizer|anchor|worker|helper|aide|ambassador|adviser|reviewer|"
    r"investigator|educator|solicitor|barrister|waiter|waitress|bartender|lifeguard|"
    r"inspector|estimator|machinist|millwright|laborer|labourer|scholar|practitioner|"
    r"technologist|controller|treasurer|caregiver|nanny|dispatcher|courier|placement|internship|"
    # Military ranks, and a chief of a trade ("Aircraft Maintenance Chief"; not "Chief of ...").
    r"sergeant|corporal|lieutenant|colonel|airman|seaman|ensign|commander|chief(?!\s+of\b))\b",
    re.IGNORECASE,
)


_TRAILING_RULE = re.compile(r"\s*[_=~*-]{3,}$")


def heading_section(text: str, *, core: bool = False) -> str | None:
    """The section a standalone heading line opens ("Work History:" -> "work"); `core`
    leaves out `_MORE_HEADINGS` (the entity CRF's view)."""
    stripped = text.strip().rstrip(":").strip()
    if not core:
        # "TECHNICAL SKILLS______": a rule drawn after the heading is none of it. The
        # parser's view only, so the entity CRF's features stay those it was trained on.
        stripped = _TRAILING_RULE.sub("", stripped).rstrip(":").strip()
    if not stripped or len(stripped) > 45:
        return None
    if stripped[:1].islower() and stripped.endswith("."):
        return None  # "technologies.": the wrapped end of a sentence, not a heading
    key = " ".join(re.sub(r"[^a-z& ]", " ", stripped.lower()).replace("&", " and ").split())
    if key in _HEADING_INDEX:
        return _HEADING_INDEX[key]
    if key in _MORE_INDEX and not core:
        return _MORE_INDEX[key]
    # Unlisted variants ("Career Experience/Job History"): short, no digits, no sentence.
    if len(key.split()) > 4 or re.search(r"[\d.,;]", stripped) or BULLET.match(stripped):
        return None
    # Weak words ("skills", "project") only count in a line styled as a heading.
    styled = stripped.isupper() or text.strip().endswith(":")
    if not core and stripped[:1].islower():
        return None  # "education majors may be", "experience should": a wrapped sentence
    if not core and key and TITLE_WORDS.fullmatch(key.split()[-1]):
        # "Project Manager:", "Education Coordinator:": a title, not a heading. The parser's
        # view only: the entity CRF retrained without these headings lost 0.006-0.012 of
        # designation, company and degree recall.
        return None
    for word, section, strong in _HEADING_WORDS:
        if (strong or styled) and re.search(rf"\b{word}", key):
            return section
    titled = all(w[:1].isupper() for w in stripped.split())
    if not core and titled and len(key.split()) <= 3 and key.endswith(" skills"):
        return "skills"  # "IT Skills", "Computer Skills": a heading in title case
    return None

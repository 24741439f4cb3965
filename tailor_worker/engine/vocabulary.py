"""Curated keyword vocabulary: skills, tools, soft skills, certifications, degrees.

Each term has a canonical name, a category, a kind (what the guard and warnings call it) and
surface forms (aliases). A surface written "=X" is matched case-sensitively, for short forms
that are ordinary words in lower case ("Go", "JS"). Matching respects token boundaries, so
"Java" is not found in "JavaScript" and "SQL" is not found in "MySQL".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TypeAlias

from kit.checkpoints import spend
from resumeai.v1 import result_pb2
from tailor_worker.engine import senses

Category: TypeAlias = result_pb2.KeywordCategory.ValueType
HARD = result_pb2.KEYWORD_CATEGORY_HARD_SKILL
SOFT = result_pb2.KEYWORD_CATEGORY_SOFT_SKILL
CERT = result_pb2.KEYWORD_CATEGORY_CERTIFICATION
EDU = result_pb2.KEYWORD_CATEGORY_EDUCATION
EXPERIENCE = result_pb2.KEYWORD_CATEGORY_EXPERIENCE

# Characters that glue onto a token: a match must not touch them.
_LEFT = r"(?<![A-Za-z0-9_.@#+])"
_RIGHT = r"(?![A-Za-z0-9_+#]|\.[A-Za-z0-9])"


@dataclass(frozen=True)
class Term:
    canonical: str
    category: Category
    kind: str  # tool, soft, certification, clearance, licence, degree, field
    surfaces: tuple[str, ...]
    implied_by: tuple[str, ...] = ()  # canonicals whose presence also evidences this term
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", compile_surfaces(self.surfaces))


@dataclass(frozen=True)
class TermMatch:
    term: Term
    surface: str
    start: int
    end: int


def _surface_regex(surface: str) -> str:
    sensitive = surface.startswith("=")
    words = surface.lstrip("=").split()
    body = r"[\s\-]+".join(re.escape(w) for w in words)
    return body if sensitive else f"(?i:{body})"


def compile_surfaces(surfaces: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so "Spring Boot" wins over "Spring" inside one alternation.
    ordered = sorted(surfaces, key=lambda s: -len(s.lstrip("=")))
    alternation = "|".join(_surface_regex(s) for s in ordered)
    return re.compile(f"{_LEFT}(?:{alternation}){_RIGHT}")


def _terms(category: Category, kind: str, table: str) -> list[Term]:
    """Parse "Canonical: alias | alias" lines; the canonical is always a surface too."""
    out: list[Term] = []
    # A line starting with "|" continues the previous one.
    for raw in table.strip().replace("\n|", " |").splitlines():
        head, _, rest = raw.strip().partition(":: ")
        canonical = head.strip()
        aliases = tuple(a.strip() for a in rest.split("|") if a.strip())
        surfaces = (canonical, *aliases)
        out.append(Term(canonical.lstrip("="), category, kind, surfaces))
    return out


_HARD = """
Python:: py3 | python3
Java:: Core Java | Java 8 | Java 11 | Java 17
JavaScript:: =JS | ECMAScript | ES6 | Javascript
TypeScript:: =TS
=Go:: Golang
=Rust
C++:: cpp | modern C++
C#:: C Sharp | csharp
.NET:: dotnet | .NET Core | . NET
ASP.NET
Ruby
Ruby on Rails:: Rails | RoR
PHP
Kotlin
=Swift
Objective-C:: ObjC
Scala
Perl
Bash:: shell scripting | shell scripts
PowerShell
SQL:: T-SQL | PL/SQL
HTML:: HTML5
CSS:: CSS3 | SCSS | Sass
MATLAB
Elixir
Haskell
=Dart
React:: React.js | ReactJS
React Native
Angular:: AngularJS | Angular.js
Vue.js:: Vue | VueJS
Node.js:: =Node | NodeJS
Express.js:: ExpressJS
Next.js:: NextJS
Django
Flask
FastAPI
Spring:: Spring Framework | spring-mvc | Spring MVC
Spring Boot
Hibernate
Laravel
Redux
jQuery
GraphQL
REST:: RESTful | REST API | REST APIs | RESTful APIs | web-services
gRPC
Protocol Buffers:: protobuf
pandas
NumPy
scikit-learn:: sklearn | scikit learn
TensorFlow
PyTorch
Keras
Apache Spark:: Spark | PySpark
Hadoop
Kafka:: Apache Kafka
RabbitMQ
Airflow:: Apache Airflow
dbt
Tableau
Power BI:: PowerBI
=Excel:: Microsoft Excel | MS Excel
Looker
Snowflake
BigQuery
Redshift:: Amazon Redshift | AWS Redshift
Databricks
PostgreSQL:: Postgres | Postgre
MySQL
SQL Server:: MSSQL | MS SQL | Microsoft SQL Server
Oracle Database:: Oracle DB | Oracle SQL
SQLite
MongoDB:: Mongo
Redis
Elasticsearch:: Elastic Search | ELK
Cassandra
DynamoDB
Neo4j
AWS:: Amazon Web Services | amazon-web-services
Azure:: Microsoft Azure
GCP:: Google Cloud | Google Cloud Platform
Docker:: containerization | containerized
Kubernetes:: k8s | kube
=Helm
Terraform
Ansible
Puppet
CloudFormation
Jenkins
GitHub Actions
GitLab CI:: GitLab CI/CD
CircleCI
CI/CD:: CICD | CI / CD | continuous integration and delivery | CI/CD pipelines
Continuous Integration:: =CI
Continuous Delivery:: Continuous Deployment | =CD
Git
Linux
Unix
Prometheus
Grafana
Datadog
Splunk
Nginx
Serverless
AWS Lambda:: Lambda | Amazon Lambda
Amazon EC2:: =EC2 | AWS EC2
Amazon S3:: =S3 | AWS S3
Amazon ECS:: =ECS | AWS ECS | Elastic Container Service
Amazon EKS:: =EKS | AWS EKS | Elastic Kubernetes Service
Amazon RDS:: =RDS | AWS RDS
Amazon SQS:: =SQS | AWS SQS
Microservices:: microservice | micro-services
DevOps
Infrastructure as Code:: =IaC | Infrastructure-as-Code
OpenShift
Istio
Agile:: Agile methodologies | Agile Software Development
Scrum
Kanban
TDD:: test-driven development | test driven development
Unit testing:: unit tests | unit test
Selenium
Cypress
=Jest
JUnit
pytest
Jira
Confluence
Machine Learning:: =ML | machine-learning
Deep Learning
NLP:: natural language processing
Computer Vision
Data Science
Data Analysis:: data analytics | data analyst
ETL:: ELT
Data Warehouse:: data warehousing
LLM:: LLMs | large language models | large language model
A/B testing:: A/B tests | AB testing
OOP:: object-oriented programming | object oriented programming | object-oriented design
Data Structures
Algorithms
System Design
Distributed Systems
TCP/IP
DNS
Figma
Photoshop:: Adobe Photoshop
SAP
Salesforce
HubSpot
SEO:: search engine optimization
Google Analytics
Project Management
Product Management
Webpack
Maven
Gradle
Jupyter:: Jupyter Notebook
"""

_SOFT = """
Communication:: communication skills | communicate | communicated | communicating
| verbal and written | written and verbal
Leadership:: led | lead | leading | leader | team lead
Collaboration:: collaborate | collaborated | collaborating | collaborative | cross-functional
| teamwork | team player
Problem solving:: problem-solving | solve problems | solving problems | troubleshooting
| troubleshoot
Mentoring:: mentor | mentored | mentorship | coached | coaching
Stakeholder management:: stakeholders | stakeholder
Time management:: prioritization | prioritize
Attention to detail:: detail-oriented | detail oriented
Adaptability:: adaptable | adapt
Critical thinking
Presentation skills:: presented | presentations | presenting
Negotiation:: negotiated | negotiating
Customer focus:: customer-facing | customer service | customer-focused
Ownership:: owned | end-to-end ownership
Analytical skills:: analytical
Self-motivated:: self-starter | self starter | self-driven | highly motivated | motivated
Teamwork:: team work | team-oriented | team spirit | work in a team | working in a team
| work in teams | work as part of a team | team-player
Independence:: work independently | working independently | independently | autonomous
| autonomously | independent
Initiative:: proactive | proactivity | take initiative | taking initiative | initiative
Organisational skills:: organizational skills | organised | organized | well-organised
| well-organized | structured approach
Flexibility:: flexible | flexibility
Interpersonal skills:: interpersonal | people skills | social skills
Creativity:: creative | creativity | innovative
Curiosity:: curious | eager to learn | willingness to learn | willing to learn
Decision making:: decision-making | make decisions | making decisions
Multitasking:: multitask | multi-task | multi-tasking
Results orientation:: results-oriented | result-oriented | results-driven | goal-oriented
Dedication:: dedicated | committed | commitment
Positive attitude:: positive mindset | can-do attitude
Planning:: plan and prioritise | plan and prioritize | planning skills
Service orientation:: service-minded | service-oriented | customer-oriented
"""

_CERTS = """
AWS Certified Solutions Architect:: AWS Solutions Architect
| AWS Certified Solutions Architect Associate
AWS Certified Developer:: AWS Developer Associate
AWS Certified Cloud Practitioner:: AWS Cloud Practitioner
AWS Certified DevOps Engineer
=CKA:: Certified Kubernetes Administrator
=CKAD:: Certified Kubernetes Application Developer
Google Cloud Professional Cloud Architect:: Professional Cloud Architect
Azure Administrator Associate:: Azure Administrator | AZ-104
Azure Solutions Architect:: AZ-305
=PMP:: Project Management Professional
=CAPM
Certified ScrumMaster:: =CSM | Certified Scrum Master | Professional Scrum Master | =PSM
=CISSP
=CISM
=CISA
=CEH:: Certified Ethical Hacker
CompTIA Security+:: Security+ | Sec+
CompTIA Network+:: Network+
CompTIA A+
=CCNA
=CCNP
=CPA:: Certified Public Accountant
=CFA:: Chartered Financial Analyst
=ITIL:: ITIL Foundation
Six Sigma:: Lean Six Sigma | Six Sigma Green Belt | Six Sigma Black Belt
=OSCP
Terraform Associate:: HashiCorp Certified Terraform Associate
"""

_CLEARANCES = """
Top Secret clearance:: TS/SCI | Top Secret | TS/SCI clearance
Secret clearance
Security clearance:: active clearance | government clearance | clearance
Public Trust clearance:: Public Trust
"""

_LICENCES = """
Driver's licence:: driver's license | drivers license | driving licence | driving license
| driver license
Professional Engineer licence:: PE license | PE licence | =P.E. | Professional Engineer
Registered Nurse licence:: RN license | =RN | Registered Nurse
"""

_DEGREES = """
PhD:: Ph.D. | doctorate | doctoral degree | Doctor of Philosophy
=MBA:: Master of Business Administration
Master's degree:: master's | masters degree | masters | master of science | master of arts
| master of engineering | =M.S. | =MSc | =M.Sc. | =MEng | =M.Eng. | =M.A.
| master of technology | master of computer applications | master of commerce | =M.Tech
| =MTech | =M.E. | =MCA | =M.Com
Bachelor's degree:: bachelor's | bachelors degree | bachelors | bachelor | bachelor of science
| bachelor of arts | bachelor of engineering | =BS | =B.S. | =BSc | =B.Sc. | =BA | =B.A.
| =BEng | =B.Eng. | =B.Tech | =BTech | undergraduate degree | bachelor of technology
| bachelor of commerce | bachelor of computer applications | bachelor of business administration
| =B.E. | =BCA | =B.Com | =BBA | =B.Sc | =B.Tech.
Associate degree:: associate's degree | associates degree
"""

_FIELDS = """
Computer Science:: Comp Sci
Computer Engineering
Electrical Engineering
Mechanical Engineering
Information Technology
Information Systems
Mathematics:: Maths | Math | Applied Mathematics
Statistics
Physics
Economics
Business Administration
"""

_IMPLIED = {
    "SQL": ("PostgreSQL", "MySQL", "SQL Server", "SQLite", "Oracle Database"),
    "AWS": ("AWS Lambda", "Amazon EC2", "Amazon S3", "DynamoDB", "Redshift"),
    "Spring": ("Spring Boot",),
    "Continuous Integration": ("CI/CD", "Jenkins", "GitHub Actions", "GitLab CI", "CircleCI"),
    "CI/CD": ("GitHub Actions", "GitLab CI", "CircleCI"),
    # Writing Terraform / CloudFormation / Ansible *is* infrastructure as code.
    "Infrastructure as Code": ("Terraform", "CloudFormation", "Ansible"),
    "Bachelor's degree": ("Master's degree", "PhD", "MBA"),
    "Master's degree": ("PhD", "MBA"),
    "Security clearance": ("Secret clearance", "Top Secret clearance"),
    "Secret clearance": ("Top Secret clearance",),
}


@cache
def all_terms() -> tuple[Term, ...]:
    terms = [
        *_terms(HARD, "tool", _HARD),
        *_terms(SOFT, "soft", _SOFT),
        *_terms(CERT, "certification", _CERTS),
        *_terms(CERT, "clearance", _CLEARANCES),
        *_terms(CERT, "licence", _LICENCES),
        *_terms(EDU, "degree", _DEGREES),
        *_terms(EDU, "field", _FIELDS),
    ]
    return tuple(
        Term(t.canonical, t.category, t.kind, t.surfaces, _IMPLIED.get(t.canonical, ()))
        for t in terms
    )


@cache
def terms_by_canonical() -> dict[str, Term]:
    return {t.canonical: t for t in all_terms()}


def lookup(canonical: str) -> Term | None:
    return terms_by_canonical().get(canonical)


def _plain(text: str) -> str:
    # Typographic apostrophes and dashes; same length, so offsets stay valid.
    return text.translate(_PLAIN)


_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-"})


def find_terms(text: str, *, nested: bool = False) -> list[TermMatch]:
    """All vocabulary terms in `text`, in text order. Unless `nested`, a match lying inside a
    longer match of another term is dropped ("AWS" inside "AWS Certified Solutions Architect")."""
    text = _plain(text)
    terms = all_terms()
    matches = [
        TermMatch(terms[k], m.group(0), m.start(), m.end())
        for k in _candidates(text)
        for m in terms[k].pattern.finditer(text)
    ]
    # Stable: equal spans keep vocabulary order.
    matches.sort(key=lambda m: (m.start, -m.end))
    return _in_sense(text, matches if nested else drop_contained(matches))


# IGNORECASE, as the term patterns: [A-Za-z] then also matches the Kelvin sign, the long s and
# the Turkish dotted / dotless i, which the patterns equate with ASCII letters.
_RUN = re.compile(r"[A-Za-z0-9]+", re.IGNORECASE)
_RUN_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


@cache
def _first_runs() -> dict[str, tuple[int, ...]]:
    """First letter-or-digit run of every surface (lower case) -> indexes of its terms."""
    index: dict[str, set[int]] = {}
    for k, term in enumerate(all_terms()):
        for surface in term.surfaces:
            first = _RUN.search(surface.lstrip("="))
            if first is not None:
                index.setdefault(first.group(0).lower(), set()).add(k)
    return {run: tuple(sorted(ks)) for run, ks in index.items()}


def _candidates(text: str) -> list[int]:
    """Terms that can match `text`, in vocabulary order: a match starts with its surface's
    first run, which is then a whole run of the text (the boundaries of _LEFT / _RIGHT).
    Saves running some 300 patterns over every line."""
    index = _first_runs()
    found: set[int] = set()
    for run in {m.group(0).translate(_RUN_FOLD).lower() for m in _RUN.finditer(text)}:
        found.update(index.get(run, ()))
    return sorted(found)


def _in_sense(text: str, matches: list[TermMatch]) -> list[TermMatch]:
    """Drop the occurrences of ambiguous terms that are not the tool ("react to alerts") and
    of soft skills named by an everyday word in another sense ("the leading service")."""
    matches = [m for m in matches
               if m.term.kind != "soft" or senses.soft_sense(text, m.start, m.end,
                                                              m.term.canonical)]
    if not any(senses.ambiguous(m.term.canonical) for m in matches):
        return matches
    spans = [(m.start, m.end) for m in matches]
    return [
        m for m in matches
        if not senses.ambiguous(m.term.canonical)
        or senses.tool_sense(
            text, m.start, m.end, m.term.canonical,
            [s for s in spans if s != (m.start, m.end)],
        )
    ]


def drop_contained(matches: list[TermMatch]) -> list[TermMatch]:
    """Drop every match that lies inside a strictly longer one; `matches` sorted by (start,
    -end). One sweep (O(n) after the sort), not a comparison of every pair: a match is inside
    a longer one exactly when an earlier span (earlier start, or same start and later end)
    reaches at least as far, and spans equal to it do not count."""
    kept: list[TermMatch] = []
    reach = -1  # furthest end of the spans before the current group of equal spans
    i = 0
    while i < len(matches):
        start, end = matches[i].start, matches[i].end
        j = i
        while j < len(matches) and matches[j].start == start and matches[j].end == end:
            j += 1
        if reach < end:
            kept.extend(matches[i:j])
        reach = max(reach, end)
        i = j
    return kept


class SpanSet:
    """[start, end) spans merged once, then asked about by binary search (instead of a scan of
    every span per question)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def contains(self, position: int) -> bool:
        """Whether some span holds `position`."""
        return self.overlaps(position, position + 1)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span shares a character with [start, end)."""
        k = bisect_left(self._starts, end) - 1  # the last span starting before `end`
        return k >= 0 and self._ends[k] > start


def surfaces_in(term: Term, text: str) -> list[str]:
    """Surface forms of `term` (or of a term implying it) found in `text`."""
    text = _plain(text)
    found = [m.group(0) for m in _occurrences(term, text)]
    for name in term.implied_by:
        other = lookup(name)
        if other is not None:
            found.extend(m.group(0) for m in _occurrences(other, text))
    return found


def _occurrences(term: Term, text: str) -> list[re.Match[str]]:
    """Matches of the term's surfaces, in the tool's sense only when the term is ambiguous."""
    hits = list(term.pattern.finditer(text))
    if not hits or not senses.ambiguous(term.canonical):
        return hits
    spans = [(m.start, m.end) for m in find_terms(text, nested=True)]
    return [
        h for h in hits
        if senses.tool_sense(text, h.start(), h.end(), term.canonical,
                             [s for s in spans if s != h.span()])
    ]


# "5+ years", "at least 3 years", "3-5 yrs", "five years".
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20,
}
YEARS_RE = re.compile(
    r"(?<![\w.])(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s*(?:\+|plus)?"
    r"(?:\s*(?:-|–|to)\s*\d{1,2})?\s*\+?\s*(?:years?|yrs?)\b",
    re.IGNORECASE,
)


def years_asked(text: str) -> list[tuple[int, str]]:
    """(minimum years, surface) for each years-of-experience phrase in `text`."""
    out: list[tuple[int, str]] = []
    for m in YEARS_RE.finditer(text):
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        if 0 < n <= 40:
            out.append((n, m.group(0)))
    return out


def years_keyword(n: int) -> str:
    return f"{n}+ years experience"


def mentioned_keywords(text: str, keywords: tuple[str, ...] | list[str]) -> list[str]:
    """The canonical keywords among `keywords` that `text` mentions, through aliases."""
    spend()  # lines x keywords: the engine's costliest loop on a long input
    out: list[str] = []
    possible: set[str] | None = None  # canonicals whose patterns can match `text`
    for keyword in keywords:
        term = lookup(keyword)
        if term is not None:
            if possible is None:
                terms = all_terms()
                possible = {terms[k].canonical for k in _candidates(_plain(text))}
            hit = (term.canonical in possible or bool(possible.intersection(term.implied_by))) \
                and bool(surfaces_in(term, text))
        else:
            hit = phrase_pattern(keyword).search(text) is not None
        if hit:
            out.append(keyword)
    return out


@lru_cache(maxsize=4096)  # keywords come from job texts: bounded, not one per job forever
def phrase_pattern(keyword: str) -> re.Pattern[str]:
    """The matcher of a keyword outside the vocabulary ("Kafka Developer Certification")."""
    return compile_surfaces((keyword,))

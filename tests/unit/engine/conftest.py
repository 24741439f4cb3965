"""Engine test fixtures: small hand-written resumes and job descriptions (no shared data)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

# Classic layout: title/company line, dates on their own line, "•" bullets.
RESUME_CLASSIC = """\
Jane Doe
Senior Software Engineer
jane.doe@example.com | +1 (555) 123-4567 | Austin, TX | linkedin.com/in/janedoe

Summary
Backend engineer with 8 years of experience building distributed systems in Python and Go.

Professional Experience
Senior Software Engineer, Acme Corp — Austin, TX
Jan 2020 – Present
• Led migration of 40 services to Kubernetes (k8s), cutting deploy time by 60%.
• Built REST APIs in Python and FastAPI serving 2M requests/day.
• Mentored 4 junior engineers and ran weekly code reviews.
• Responsible for on-call rotation and incident reviews for payment services.

Globex, Inc. | Software Engineer | 2017 to 2019
- Maintained PostgreSQL databases and wrote ETL jobs in Python.
- Set up CI/CD pipelines with Jenkins and Docker for 12 repositories.
- Reduced nightly batch runtime from 6 hours to 90 minutes, by rewriting jobs in Go.

Education
B.S. in Computer Science, University of Texas at Austin, 2016

Skills
Languages: Python, Go, JavaScript, SQL
Tools: Docker, Kubernetes, Jenkins, Git

Certifications
AWS Certified Solutions Architect – Associate (2021)

Projects
OpenMetrics Exporter | Go
• Wrote a Prometheus exporter in Go used by 300 teams.
"""

# Company line first, then title; numeric dates; paragraph highlights; upper-case headings.
RESUME_NUMERIC = """\
JOHN SMITH
john@smith.dev
555-987-6543

WORK HISTORY
Initech LLC, Berlin, Germany    03/2019 - 12/2020
Data Analyst
Built Tableau dashboards for the finance team used by 150 analysts every week.
Automated monthly reporting in Python and pandas, saving 20 hours per month.

Umbrella Corp
Junior Analyst
2016-06 – 2019-02
* Cleaned sales data in Excel and SQL Server.

EDUCATION
Master of Science in Statistics
University of Leeds
2014 - 2016
"""

# "Title at Company (years)" lines; "Employment:" heading; numbered bullets.
RESUME_AT = """\
Ana Lima
Employment:
DevOps Engineer at Hooli (2018 to 2023)
1. Managed Terraform modules for 3 AWS accounts.
2. Ran Ansible playbooks across 200 Linux hosts.
Site Reliability Engineer at Pied Piper (Sept. 2015 — Jun 2018)
1. Cut alert noise by 35% with Prometheus and Grafana.
Technical Skills: Terraform, AWS, Ansible, Linux
"""

JOB_BACKEND = """\
Senior Backend Engineer (Python)

About us
We are a fintech startup building payments infrastructure on Kubernetes and Terraform.

Responsibilities
- Design and build REST APIs and microservices.
- Work closely with product stakeholders.

Requirements
- 5+ years of professional experience in backend development.
- Strong Python and PostgreSQL skills.
- Experience with Docker and k8s in production.
- Bachelor's degree in Computer Science or related field.
- Excellent communication skills.

Nice to have
- Terraform, AWS.
- CISSP certification is a plus.
- Active Secret clearance.

Benefits
- Free Snowflake lunches.
"""


@dataclass(frozen=True)
class Samples:
    classic: str = RESUME_CLASSIC
    numeric: str = RESUME_NUMERIC
    at: str = RESUME_AT
    job: str = JOB_BACKEND


@pytest.fixture
def samples() -> Samples:
    return Samples()

"""Test data for the renderer tests: a TailoringResult built by hand, and text extractors."""

from __future__ import annotations

import io

import docx
from pypdf import PdfReader

from resumeai.v1 import common_pb2, result_pb2

NAME = "Zoë Łukasiewicz-Núñez"
EMAIL = "zoe.lukasiewicz@example.org"
SPECIAL = "Cut build time <50% & kept R&D <team> happy"

ALL_TEMPLATES = (
    common_pb2.RESUME_TEMPLATE_UNSPECIFIED,
    common_pb2.RESUME_TEMPLATE_ONE_PAGE,
    common_pb2.RESUME_TEMPLATE_FEDERAL,
    common_pb2.RESUME_TEMPLATE_ACADEMIC_CV,
)


def _line(line_id: str, section: str, text: str) -> result_pb2.EvidenceLine:
    return result_pb2.EvidenceLine(id=line_id, section=section, text=text)


def build_result(
    *,
    roles: int = 3,
    highlights_per_role: int = 3,
    extra_bullets: tuple[str, ...] = (),
) -> result_pb2.TailoringResult:
    """A complete result: W1 and W2 have tailored bullets, the other roles keep highlights."""
    basics = result_pb2.Basics(
        name=NAME,
        label="Platform Engineer",
        email=EMAIL,
        phone="+48 555 010 203",
        location="Kraków, Poland",
        urls=["https://github.com/zoe-ln", "linkedin.com/in/zoe-ln"],
        summary="Platform engineer with eight years of Kubernetes & Python work.",
        summary_evidence_ids=["S1.1"],
    )
    work = []
    for n in range(1, roles + 1):
        work.append(
            result_pb2.WorkEntry(
                id=f"W{n}",
                position=f"Engineer Level {n}",
                company=f"Company{n} GmbH",
                location="Berlin" if n % 2 else "",
                dates_text=f"Jan {2024 - n} – Dec {2025 - n}",
                start_date=f"{2024 - n}-01",
                end_date=f"{2025 - n}-12",
                highlights=[
                    _line(f"W{n}.{k}", "work", f"Original highlight {n}.{k} about systems")
                    for k in range(1, highlights_per_role + 1)
                ],
            )
        )
    bullets = [
        result_pb2.TailoredBullet(
            id="B1",
            text="Ran Kubernetes clusters for 40 services",
            evidence_ids=["W1.1"],
            keywords=["Kubernetes"],
            work_id="W1",
        ),
        result_pb2.TailoredBullet(
            id="B2", text=SPECIAL, evidence_ids=["W1.2"], keywords=["CI"], work_id="W1"
        ),
        result_pb2.TailoredBullet(
            id="B3",
            text="Automated Python deployment pipelines",
            evidence_ids=["W2.1"],
            keywords=["Python"],
            work_id="W2",
        ),
        result_pb2.TailoredBullet(
            id="B4", text="Mentored four engineers", evidence_ids=["W2.3"], work_id=""
        ),
    ]
    for index, text in enumerate(extra_bullets, start=5):
        bullets.append(
            result_pb2.TailoredBullet(
                id=f"B{index}", text=text, evidence_ids=["W1.3"], work_id="W1"
            )
        )
    resume = result_pb2.ParsedResume(
        basics=basics,
        work=work,
        education=[
            result_pb2.EducationEntry(
                id="E1",
                institution="Jagiellonian University",
                area="Computer Science",
                study_type="M.Sc.",
                start_date="2012",
                end_date="2014",
                lines=[_line("E1.1", "education", "Thesis on distributed schedulers")],
            )
        ],
        skills=["Python", "Kubernetes", "Terraform", "C++"],
        certificates=[
            result_pb2.TitledEntry(
                id="C1",
                name="CKA: Certified Kubernetes Administrator",
                lines=[_line("C1.1", "certificates", "Issued 2022 by the CNCF")],
            )
        ],
        projects=[
            result_pb2.TitledEntry(
                id="P1",
                name="kube-tidy",
                lines=[_line("P1.1", "projects", "Open-source cleaner for stale namespaces")],
            )
        ],
    )
    # Every line is evidence too, as the parser's output has it.
    resume.evidence.extend(line for w in resume.work for line in w.highlights)
    resume.evidence.extend(line for e in resume.education for line in e.lines)
    resume.evidence.extend(
        line for e in (*resume.certificates, *resume.projects) for line in e.lines
    )
    return result_pb2.TailoringResult(
        schema_version="1",
        resume=resume,
        coverage_before=_coverage(42.5, found_kubernetes=True, found_ci=False),
        coverage_after=_coverage(71.25, found_kubernetes=True, found_ci=True),
        gaps=[
            result_pb2.Gap(
                keyword="AWS",
                category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
                level=result_pb2.REQUIREMENT_LEVEL_REQUIRED,
                severity=result_pb2.SEVERITY_MEDIUM,
                requirement_ids=["R2"],
                reason="Required tool not in the resume",
            )
        ],
        warnings=[
            result_pb2.EvidenceWarning(
                claim="Secret clearance", kind="clearance", message="Do not add without one"
            )
        ],
        questions=[
            result_pb2.FollowUpQuestion(question="Have you used AWS at work?", keyword="AWS")
        ],
        bullets=bullets,
        guard=[
            result_pb2.GuardFinding(
                proposed_text="Ran Terraform on 500 nodes",
                action=result_pb2.GUARD_ACTION_DROPPED,
                unsupported=["number: 500"],
            )
        ],
        metadata=common_pb2.RunMetadata(
            prompt_version="tailor-v1",
            prompt_sha256="ab" * 32,
            engine_version="0.1.0",
            provider="offline",
            model="extractive",
        ),
    )


def _coverage(score: float, *, found_kubernetes: bool, found_ci: bool) -> result_pb2.CoverageReport:
    return result_pb2.CoverageReport(
        keywords=[
            result_pb2.KeywordCoverage(
                keyword="Kubernetes",
                category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
                level=result_pb2.REQUIREMENT_LEVEL_REQUIRED,
                found=found_kubernetes,
                evidence_ids=["W1.1"],
                matched_terms=["k8s"],
                exposed=found_ci,
                exposure="shown as 'Kubernetes' (skills)" if found_ci else "evidenced as 'k8s'",
            ),
            result_pb2.KeywordCoverage(
                keyword="CI/CD",
                category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
                level=result_pb2.REQUIREMENT_LEVEL_PREFERRED,
                found=found_ci,
                evidence_ids=["B2"] if found_ci else [],
            ),
            result_pb2.KeywordCoverage(
                keyword="AWS",
                category=result_pb2.KEYWORD_CATEGORY_HARD_SKILL,
                level=result_pb2.REQUIREMENT_LEVEL_REQUIRED,
                found=False,
            ),
        ],
        score=result_pb2.MatchScore(
            overall=score,
            components=[
                result_pb2.ScoreComponent(name="hard_skill/required", found=1, total=2, weight=0.6)
            ],
        ),
    )


def docx_text(content: bytes) -> str:
    """Body paragraphs in order, hyperlink text included."""
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)

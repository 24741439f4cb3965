"""Gaps, evidence warnings and follow-up questions from the coverage of the original resume.

A gap is a job keyword no resume line evidences. High-risk asks (certifications, clearances,
licences, degrees, years, named tools) get a warning: adding them without evidence would be
fabrication. Each gap gets a question so the person can add real evidence instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from resumeai.v1 import result_pb2
from tailor_worker.engine.coverage import CATEGORY_NAME, LEVEL_NAME
from tailor_worker.engine.job_analyzer import REQUIRED, JobKeyword

# Vocabulary kind -> EvidenceWarning.kind.
_WARNING_KIND = {
    "certification": "certification",
    "clearance": "clearance",
    "licence": "licence",
    "degree": "degree",
    "field": "degree",
    "years_experience": "years_experience",
    "tool": "tool",
}
_COMMON_WORD = (
    4.2  # Zipf frequency of an everyday word ("data" 5.3; "boot" 4.19, "bi" 4.04 are not)
)
_HIGH_RISK = {"certification", "clearance", "licence", "degree", "field", "years_experience"}

_WARNING_TEXT = {
    "certification": "The job asks for {k}, which your resume does not show. Do not add it "
    "unless you hold it; if you do, add it with issuer and date.",
    "clearance": "The job asks for {k}, which your resume does not show. Claiming a clearance "
    "you do not hold is a serious misrepresentation.",
    "licence": "The job asks for {k}, which your resume does not show. Add it only if you hold "
    "a valid one.",
    "degree": "The job asks for {k}, which your resume's education does not show. Do not state "
    "a degree or field of study you have not completed.",
    "years_experience": "The job asks for {k}, which neither your resume text nor its dated work "
    "history supports. Do not state a number of years your dates do not support.",
    "tool": "The job names {k}, but no resume line mentions it. Add it only where you really "
    "used it.",
}
_QUESTION_TEXT = {
    "tool": "Have you used {k}? If so, in which role or project, for what, and with what result?",
    "soft": "Can you describe a situation that shows {k_lower}? What did you do and what was "
    "the outcome?",
    "certification": "Do you hold {k}? If so, who issued it, when, and is it current?",
    "clearance": "Do you hold an active {k}? If so, what level and since when?",
    "licence": "Do you hold a valid {k}? If so, where was it issued?",
    "degree": "Do you have a {k} or an equivalent qualification? Which institution and year?",
    "field": "Did you study {k}, or do you have equivalent coursework or work experience in it?",
    "knowledge": "Where have you applied {k}? In which role or project, and to what end?",
    "domain": "Where have you done {k_lower} work? In which role or project, on what, and with "
    "what result?",
    "years_experience": "How many years of relevant experience do you have, including roles "
    "not listed on this resume?",
}


def _question_kind(keyword: JobKeyword) -> str:
    """A practice named in common words ("Data Analysis", "Project Management") is a domain:
    "Have you used Data Analysis?" reads wrong. A product ("Kubernetes", "Power BI") is a tool."""
    words = keyword.keyword.split()
    if (
        keyword.kind == "tool"
        and len(words) >= 2
        and all(w.isalpha() and zipf_frequency(w.lower(), "en") >= _COMMON_WORD for w in words)
    ):
        return "domain"
    return keyword.kind


@dataclass
class GapAnalysis:
    gaps: list[result_pb2.Gap] = field(default_factory=list)
    warnings: list[result_pb2.EvidenceWarning] = field(default_factory=list)
    questions: list[result_pb2.FollowUpQuestion] = field(default_factory=list)


def severity(keyword: JobKeyword) -> result_pb2.Severity.ValueType:
    if keyword.level != REQUIRED:
        return result_pb2.SEVERITY_LOW
    if keyword.kind in _HIGH_RISK:
        return result_pb2.SEVERITY_HIGH
    return result_pb2.SEVERITY_MEDIUM


def _as_choice(keyword: JobKeyword) -> JobKeyword:
    """One gap for a group: "RabbitMQ or Kafka"."""
    named = " or ".join((keyword.keyword, *keyword.alternatives))
    return dataclasses.replace(keyword, keyword=named)


def analyse_gaps(keywords: Sequence[JobKeyword], report: result_pb2.CoverageReport) -> GapAnalysis:
    found = {k.keyword for k in report.keywords if k.found}
    out = GapAnalysis()
    # Required first, then high-risk first, keeping job order within a severity. An "A or B"
    # group is one gap, and none when a member is found.
    missing = sorted(
        (
            k
            for k in keywords
            if k.keyword not in found and not any(a in found for a in k.alternatives)
        ),
        key=lambda k: -severity(k),
    )
    seen_groups: set[frozenset[str]] = set()
    for keyword in missing:
        if keyword.alternatives:
            group = frozenset((keyword.keyword, *keyword.alternatives))
            if group in seen_groups:
                continue
            seen_groups.add(group)
            keyword = _as_choice(keyword)
        level = LEVEL_NAME.get(keyword.level, "unspecified")
        category = CATEGORY_NAME.get(keyword.category, "keyword").replace("_", " ")
        out.gaps.append(
            result_pb2.Gap(
                keyword=keyword.keyword,
                category=keyword.category,
                level=keyword.level,
                severity=severity(keyword),
                requirement_ids=keyword.requirement_ids,
                reason=f"{level.capitalize()} {category} '{keyword.keyword}' is not evidenced "
                "by any resume line.",
            )
        )
        kind = _WARNING_KIND.get(keyword.kind)
        if kind is not None:
            out.warnings.append(
                result_pb2.EvidenceWarning(
                    claim=keyword.keyword,
                    kind=kind,
                    message=_WARNING_TEXT[kind].format(k=keyword.keyword),
                )
            )
        question = _QUESTION_TEXT.get(_question_kind(keyword))
        if question is not None:
            out.questions.append(
                result_pb2.FollowUpQuestion(
                    question=question.format(k=keyword.keyword, k_lower=keyword.keyword.lower()),
                    keyword=keyword.keyword,
                )
            )
    return out

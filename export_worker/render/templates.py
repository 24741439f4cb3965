"""Resume templates: section order, headings, sizes and how much detail each one keeps."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from resumeai.v1 import common_pb2


class SectionKey(StrEnum):
    """The sections a tailored resume can have."""

    SUMMARY = "summary"
    HIGHLIGHTS = "highlights"
    EXPERIENCE = "experience"
    EDUCATION = "education"
    SKILLS = "skills"
    CERTIFICATIONS = "certifications"
    PROJECTS = "projects"
    ADDITIONAL = "additional"


@dataclass(frozen=True)
class Layout:
    """Sizes in points, shared by the DOCX and PDF renderers."""

    title_pt: float
    heading_pt: float
    body_pt: float
    margin_pt: float
    # Space before a section heading; the rest of the spacing is derived from body_pt.
    section_gap_pt: float
    # Print an entry's location and dates on its title line (saves a line per role).
    inline_details: bool = False
    # Space after a body paragraph: tight in a resume, a letter's paragraphs stand apart.
    paragraph_gap_pt: float = 2


@dataclass(frozen=True)
class Template:
    """How a tailored resume is laid out."""

    key: str
    order: tuple[SectionKey, ...]
    headings: MappingProxyType[SectionKey, str]
    layout: Layout
    # Federal and academic documents carry every line; one-page keeps the essentials.
    full_detail: bool
    # Cap on original (untailored) highlights per role and lines per project; None = all.
    max_lines_per_entry: int | None
    # Pages the resume must fit, cutting the least relevant lines first (`fit`); None = any.
    max_pages: int | None = None


# Standard ATS headings: parsers look for exactly these words.
_HEADINGS: Final = MappingProxyType(
    {
        SectionKey.SUMMARY: "Summary",
        SectionKey.HIGHLIGHTS: "Selected Highlights",
        SectionKey.EXPERIENCE: "Experience",
        SectionKey.EDUCATION: "Education",
        SectionKey.SKILLS: "Skills",
        SectionKey.CERTIFICATIONS: "Certifications",
        SectionKey.PROJECTS: "Projects",
        SectionKey.ADDITIONAL: "Additional Information",
    }
)

ONE_PAGE: Final = Template(
    key="one-page",
    order=(
        SectionKey.SUMMARY,
        SectionKey.HIGHLIGHTS,
        SectionKey.EXPERIENCE,
        SectionKey.SKILLS,
        SectionKey.EDUCATION,
        SectionKey.CERTIFICATIONS,
        SectionKey.PROJECTS,
        SectionKey.ADDITIONAL,
    ),
    headings=_HEADINGS,
    layout=Layout(
        title_pt=16,
        heading_pt=11.5,
        body_pt=10,
        margin_pt=36,
        section_gap_pt=6,
        inline_details=True,
    ),
    full_detail=False,
    max_lines_per_entry=4,
    max_pages=1,
)

FEDERAL: Final = Template(
    key="federal",
    order=(
        SectionKey.SUMMARY,
        SectionKey.HIGHLIGHTS,
        SectionKey.EXPERIENCE,
        SectionKey.EDUCATION,
        SectionKey.CERTIFICATIONS,
        SectionKey.SKILLS,
        SectionKey.PROJECTS,
        SectionKey.ADDITIONAL,
    ),
    headings=_HEADINGS,
    layout=Layout(title_pt=16, heading_pt=12, body_pt=11, margin_pt=54, section_gap_pt=12),
    full_detail=True,
    max_lines_per_entry=None,
)

ACADEMIC_CV: Final = Template(
    key="academic-cv",
    order=(
        SectionKey.SUMMARY,
        SectionKey.EDUCATION,
        SectionKey.HIGHLIGHTS,
        SectionKey.EXPERIENCE,
        SectionKey.PROJECTS,
        SectionKey.CERTIFICATIONS,
        SectionKey.SKILLS,
        SectionKey.ADDITIONAL,
    ),
    headings=_HEADINGS,
    layout=Layout(title_pt=16, heading_pt=12, body_pt=10.5, margin_pt=60, section_gap_pt=12),
    full_detail=True,
    max_lines_per_entry=None,
)

# A letter reads at a letter's size and margins.
LETTER_LAYOUT: Final = Layout(
    title_pt=16, heading_pt=12, body_pt=11, margin_pt=72, section_gap_pt=12, paragraph_gap_pt=10
)

# The report is not a resume; it only borrows a layout.
REPORT_LAYOUT: Final = Layout(
    title_pt=16, heading_pt=12, body_pt=10, margin_pt=54, section_gap_pt=10
)

_BY_ENUM: Final = MappingProxyType(
    {
        common_pb2.RESUME_TEMPLATE_UNSPECIFIED: ONE_PAGE,
        common_pb2.RESUME_TEMPLATE_ONE_PAGE: ONE_PAGE,
        common_pb2.RESUME_TEMPLATE_FEDERAL: FEDERAL,
        common_pb2.RESUME_TEMPLATE_ACADEMIC_CV: ACADEMIC_CV,
    }
)


def get_template(template: common_pb2.ResumeTemplate.ValueType) -> Template:
    """The template for a proto enum value; unknown values fall back to one-page."""
    return _BY_ENUM.get(template, ONE_PAGE)

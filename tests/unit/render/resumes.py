"""Several resumes the rendering tests run through every template and format."""

from __future__ import annotations

from collections.abc import Callable

from export_worker.render.sample import sample_result
from resumeai.v1 import common_pb2, result_pb2
from tests.unit.render.sample_result import build_result

# The distinct templates (UNSPECIFIED is ONE_PAGE, covered by the unit tests).
TEMPLATES = {
    "one-page": common_pb2.RESUME_TEMPLATE_ONE_PAGE,
    "federal": common_pb2.RESUME_TEMPLATE_FEDERAL,
    "academic-cv": common_pb2.RESUME_TEMPLATE_ACADEMIC_CV,
}

ACCENTED_NAME = "Zoë Łukasiewicz-Núñez"
# Latin-1 and Latin Extended-A letters in running text, not just in the name.
ACCENTED_BULLETS = (
    "Zarządzała zespołem w Łodzi i Gdańsku; współpraca z Škoda Auto i Tőzsde",
    "Led façade work for Ørsted with Ångström-level precision, naïve about nothing",
    "Presented at Œuvre Forum in Besançon; kept Žilina and Kraków sites in step",
)
LONG_BULLETS = (
    " ".join(f"longword{i:03d}" for i in range(90)),  # wraps over several lines
    "Token " + "y" * 300 + " ends here",  # one word wider than the page
    "Ends with a word that must not be cut: supercalifragilisticexpialidocious",
)


def short() -> result_pb2.TailoringResult:
    result = build_result(roles=1, highlights_per_role=2)
    del result.resume.projects[:]
    return result


def two_page() -> result_pb2.TailoringResult:
    return build_result(roles=6, highlights_per_role=6)


def long_bullets() -> result_pb2.TailoringResult:
    return build_result(extra_bullets=LONG_BULLETS)


def accented() -> result_pb2.TailoringResult:
    result = build_result(extra_bullets=ACCENTED_BULLETS)
    result.resume.basics.name = ACCENTED_NAME
    result.resume.work[1].company = "Łódź Systemy Sp. z o.o."
    result.resume.education[0].institution = "Uniwersytet Jagielloński w Krakowie"
    return result


def many_roles() -> result_pb2.TailoringResult:
    return build_result(roles=16, highlights_per_role=4)


RESUMES: dict[str, Callable[[], result_pb2.TailoringResult]] = {
    "short": short,
    "two-page": two_page,
    "long-bullets": long_bullets,
    "accented": accented,
    "many-roles": many_roles,
    "sample": sample_result,
}

"""The error analysis reports, for each miss, the line that holds it and the section the
parser read that line in, and leaves the parser as it found it."""

from __future__ import annotations

from collections.abc import Sequence

from tailor_worker.engine import resume_parser
from tailor_worker.engine.entities.model import Entity, Tagger
from tailor_worker.eval import errors

RESUME = """\
Jane Roe

Experience
Senior Analyst, Acme Corp, 2019 - Present
- Built the reporting pipeline.

Education
B.S. Computer Science, Oregon State University, 2016
"""


class SilentTagger(Tagger):
    def __init__(self) -> None:
        pass

    def tag(self, lines: Sequence[str]) -> list[Entity]:
        return []


def test_sections_are_traced_and_the_parser_is_restored() -> None:
    before = resume_parser._dispatch
    parsed, sections = errors._parse_tracing_sections(RESUME, SilentTagger())
    assert resume_parser._dispatch is before
    assert parsed["work"][0]["name"] == "Acme Corp"
    lines = resume_parser.read_lines(RESUME.splitlines())
    normed = [line.lower() for line in lines]
    assert errors._where("oregon state", lines, normed, sections) == (
        "education",
        "B.S. Computer Science, Oregon State University, 2016",
    )
    assert errors._where("reporting", lines, normed, sections)[0] == "work"
    assert errors._where("nowhere to be found", lines, normed, sections) == ("nowhere", "")

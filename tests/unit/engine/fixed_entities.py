"""Parsing with the entities a test gives instead of the shipped model's, so a parser rule is
checked apart from the model."""

from __future__ import annotations

from collections.abc import Sequence

from resumeai.v1 import result_pb2
from tailor_worker.engine.entities.model import Entity, Tagger
from tailor_worker.engine.resume_parser import parse_resume

Given = tuple[int, str, str, float]  # (line index, label, text on that line, score)


class FixedTagger(Tagger):
    """Entities given by the test."""

    def __init__(self, entities: Sequence[Given]) -> None:
        self._given = entities

    def tag(self, lines: Sequence[str]) -> list[Entity]:
        out = []
        for line, label, text, score in self._given:
            start = lines[line].index(text)
            out.append(Entity(label, line, start, start + len(text), text, score))
        return out


def experience(*lines: str) -> list[str]:
    """A resume of these lines under an Experience heading, after a name (line 0): the first
    given line is line 2."""
    return ["Jane Doe", "Experience", *lines]


def parse_with(lines: list[str], entities: Sequence[Given] = ()) -> result_pb2.ParsedResume:
    """The resume the parser reads from `lines` when the CRF names these entities (none by
    default: the layout rules alone)."""
    return parse_resume(lines, tagger=FixedTagger(entities))


def work_of(lines: list[str], entities: Sequence[Given] = ()) -> list[result_pb2.WorkEntry]:
    """The roles the parser reads from `lines` when the CRF names these entities."""
    return list(parse_with(lines, entities).work)


def education_of(
    lines: list[str], entities: Sequence[Given] = ()
) -> list[result_pb2.EducationEntry]:
    """The education entries the parser reads from `lines` when the CRF names these."""
    return list(parse_with(lines, entities).education)

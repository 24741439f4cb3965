"""Errors of the evidence engine. Messages are user-safe: they never quote document text."""

from __future__ import annotations


class EngineError(ValueError):
    """The inputs cannot be tailored; the message says why without quoting them."""


class ResumeParseError(EngineError):
    """The resume yielded no usable evidence (never replaced by a sample or a guess)."""


class JobAnalysisError(EngineError):
    """The job description is empty or unusable."""

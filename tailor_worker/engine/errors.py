"""Errors of the evidence engine. Messages are user-safe: they never quote document text."""

from __future__ import annotations


class EngineError(ValueError):
    """The inputs cannot be tailored; the message says why without quoting them."""


class ResumeParseError(EngineError):
    """The resume yielded no usable evidence (never replaced by a sample or a guess)."""


class JobAnalysisError(EngineError):
    """The job description is empty or unusable."""


class ProviderError(EngineError):
    """Permanent provider failure: the run fails with this (user-safe) message.

    Raised for answers that stay invalid after one repair attempt and for requests the
    provider refuses (4xx other than 429). Retrying the same message would fail the same way.
    """


class ProviderUnavailable(Exception):
    """Transient provider failure that outlived the retries (429, 5xx, timeouts, connection).

    Deliberately not an EngineError: the worker does not fail the run but lets the message
    be requeued, so a later delivery tries again.
    """

"""How a provider fails. Messages are user-safe: they never quote the resume or the job."""

from __future__ import annotations

from tailor_worker.engine.errors import EngineError


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

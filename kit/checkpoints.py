"""Cancellation points for pure code: its long loops call `spend()`, and whoever runs it may
install a check there (`kit.budget` installs its CPU-time budget) that raises to end the job.

Nothing here reads a clock or knows what the check is, so the engine and the renderers stay
pure; outside any check `spend()` does nothing.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator

_check: contextvars.ContextVar[Callable[[], None] | None] = contextvars.ContextVar(
    "checkpoint", default=None
)


def spend() -> None:
    """Runs the installed check (which may raise to end the job); else nothing."""
    check = _check.get()
    if check is not None:
        check()


@contextlib.contextmanager
def checked_by(check: Callable[[], None]) -> Iterator[None]:
    """`check` runs at every `spend()` in this context (this thread, this task)."""
    token = _check.set(check)
    try:
        yield
    finally:
        _check.reset(token)

"""CPU-time budgets for jobs: pure code calls `kit.checkpoints.spend()` in its long loops,
and past the budget of the job it runs for, `BudgetExceeded` ends the job cleanly.

A thread cannot be stopped from outside, so the check is cooperative: a job's work runs inside
`budget.running()` (in whichever thread does it), which measures that thread's CPU time, and
`spend()` raises once the job's phases together have used more than their budget. Outside any
budget `spend()` does nothing, so pure code and its tests need not know budgets exist.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

from kit.checkpoints import checked_by, spend

__all__ = ["BudgetExceeded", "CpuBudget", "spend"]

P = ParamSpec("P")
T = TypeVar("T")


CLOCK_EVERY = 32


class BudgetExceeded(Exception):
    """The job used more CPU time than its budget. Its message is the budget's `message`;
    a library that re-raises it may have added to it (reportlab names the flowable, which
    quotes content), so a job reports `CpuBudget.message`, never `str()` of a caught one."""


class CpuBudget:
    def __init__(self, seconds: float, what: str = "the job") -> None:
        self.seconds = seconds
        self.what = what
        self.spent = 0.0  # by the phases that have ended
        self._unread = 1  # spends until the clock is read again

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """A phase of the job, in the current thread."""
        started = time.thread_time()
        try:
            with checked_by(lambda: self.check(started)):
                yield
        finally:
            self.spent += time.thread_time() - started

    def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`fn(*args, **kwargs)` as a phase of the job (for `asyncio.to_thread`); past the
        budget, BudgetExceeded with exactly `message`."""
        try:
            with self.running():
                return fn(*args, **kwargs)
        except BudgetExceeded:
            raise BudgetExceeded(self.message) from None

    @property
    def message(self) -> str:
        """Why the job stopped, safe to show (it quotes nothing of the input)."""
        return (
            f"{self.what} needs more than its budget of {self.seconds:g} s of CPU time; "
            "shorten the input and try again"
        )

    def check(self, started: float) -> None:
        # Reading a thread's CPU clock is a system call, and pure code spends in its inner
        # loops (thousands of times a run): the clock is read every CLOCK_EVERY spends, which
        # overshoots a budget of seconds by a few loop steps at most.
        self._unread -= 1
        if self._unread > 0:
            return
        self._unread = CLOCK_EVERY
        if self.spent + time.thread_time() - started > self.seconds:
            raise BudgetExceeded(self.message)

"""The engine's heavy CPU-bound steps (`prepare`, `finish`) in a child process of the worker.

In threads of the worker's own process the steps hold the GIL against the event loop: with
two jobs in flight, claims, lease renewals, health answers and acks wait behind the engine,
and one worker reached about two thirds of what the engine alone does. In a child process
the engine has a core to itself while the worker's loop does the I/O of the other jobs.

Each step runs under the job's CPU budget in the child (the check is cooperative, as in a
thread: `kit.budget`), and the time it spent is added to the job's budget here. A child that
dies (killed, out of memory) fails the step with `EngineProcessLost`, which the job treats as
transient (the message is retried); the next step starts a new child.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from kit.budget import CpuBudget
from kit.logging import get_logger

log = get_logger(__name__)
T = TypeVar("T")
PARENT_CHECK_S = 1.0


class EngineProcessLost(Exception):
    """The engine's child process died during a step; the job is retried."""


class EngineProcess:
    """`tailoring.Steps` in one child process, started on first use and kept."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: the worker has threads (gRPC, the executor's), and forking a process
            # with threads can copy a held lock into the child.
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_load_engine,
                # The worker's pid from here: read in the child, it would already be the
                # reaper's if the worker died while the child was starting.
                initargs=(os.getpid(),),
            )
        return self._pool

    async def run(self, budget: CpuBudget, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        try:
            value, spent = await loop.run_in_executor(
                self._executor(), _budgeted, budget.seconds, budget.what, budget.spent, fn, args
            )
        except BrokenProcessPool:
            log.warning("engine.process_lost")
            self.close()
            raise EngineProcessLost("the engine's process died; the job will be retried") from None
        budget.spent += spent
        return value

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _load_engine(worker: int) -> None:
    """In the child, once: leave with the worker, and import the engine (and its models)
    before the first step."""
    threading.Thread(target=_exit_with, args=(worker,), daemon=True).start()
    import tailor_worker.engine.pipeline  # noqa: F401


def _exit_with(worker: int) -> None:
    """A worker killed outright (SIGKILL, OOM) cannot shut its pool down, and the child
    would wait for steps forever: it leaves within a second of being orphaned (also when
    the worker was gone before this ran)."""
    while os.getppid() == worker:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)


def _budgeted(
    seconds: float, what: str, spent: float, fn: Callable[..., T], args: tuple[Any, ...]
) -> tuple[T, float]:
    """In the child: `fn(*args)` under what is left of the job's budget; the value and the CPU
    time it took."""
    budget = CpuBudget(seconds, what)
    budget.spent = spent
    value = budget.run(fn, *args)
    return value, budget.spent - spent

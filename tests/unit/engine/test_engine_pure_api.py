"""The engine's public API is pure: text and `today` in, a result out, in one call or three,
the same as the worker's threaded run with the offline provider."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tailor_worker import engine
from tailor_worker.engine import offline
from tailor_worker.providers.offline import OfflineProvider
from tailor_worker.tailoring import tailor as worker_tailor

if TYPE_CHECKING:
    from .conftest import Samples

TODAY = date(2025, 1, 15)


def test_one_call_equals_three_steps(samples: Samples) -> None:
    lines = samples.classic.splitlines()
    whole = engine.tailor(lines, samples.job, today=TODAY)
    prepared = engine.prepare(lines, samples.job, (), TODAY)
    request = engine.proposal_request(prepared, 8)
    stepped = engine.finish(prepared, offline.propose(request), 8, offline.NAME)
    assert whole == stepped
    assert whole.bullets and whole.metadata.latency_ms == 0  # no clock inside the engine


async def test_worker_run_adds_only_the_latency(samples: Samples) -> None:
    lines = samples.classic.splitlines()
    pure = engine.tailor(lines, samples.job, today=TODAY)
    threaded = await worker_tailor(lines, samples.job, provider=OfflineProvider(), today=TODAY)
    threaded.metadata.latency_ms = 0
    assert threaded == pure


def test_today_dates_open_roles(samples: Samples) -> None:
    """The same inputs on another day read a different length of experience: the engine
    takes the day it is given, never the machine's clock."""
    lines = samples.classic.splitlines()
    now = engine.prepare(lines, samples.job, (), TODAY)
    later = engine.prepare(lines, samples.job, (), date(TODAY.year + 3, 1, 15))
    assert later.history.months > now.history.months

"""A tailoring run as the worker makes it: the engine's pure steps off the event loop, under
one CPU budget, with a provider's proposals between them.

The engine (`tailor_worker.engine`) is pure; this module owns what it leaves out: where each
CPU-bound step runs (`Steps`: threads of this process by default, the worker's child process
in the worker, `engine_process.py`), the provider call, the clock (`today`, the latency) and
the budget.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol, TypeVar

from kit.budget import CpuBudget
from kit.limits import DEFAULT_BULLETS
from kit.metrics import (
    ENGINE_SECONDS,
    PROVIDER_CALLS,
    PROVIDER_COST,
    PROVIDER_SECONDS,
    PROVIDER_TOKENS,
)
from resumeai.v1 import result_pb2
from tailor_worker.engine import offline
from tailor_worker.engine.pipeline import (
    clamp_bullets,
    finish,
    prepare,
    proposal_request,
)
from tailor_worker.engine.proposals import ProposalRequest, ProposalResponse, ProposedBullet
from tailor_worker.providers.base import Provider

T = TypeVar("T")


class Steps(Protocol):
    """Where the engine's CPU-bound steps run: `fn(*args)` under `budget`, off the loop."""

    async def run(self, budget: CpuBudget, fn: Callable[..., T], *args: Any) -> T: ...


class InThreads:
    """Each step in a thread of this process (tests, the eval, the bench's engine alone)."""

    async def run(self, budget: CpuBudget, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(budget.run, fn, *args)


IN_THREADS = InThreads()


async def tailor(
    resume_lines: list[str],
    job_text: str,
    *,
    provider: Provider,
    max_bullets: int = DEFAULT_BULLETS,
    extraction_warnings: Sequence[str] = (),
    today: date | None = None,
    budget: CpuBudget | None = None,
    steps: Steps = IN_THREADS,
) -> result_pb2.TailoringResult:
    """Tailor a resume (extracted lines) to a job description with `provider`'s proposals.

    Raises EngineError subclasses (ResumeParseError, JobAnalysisError, ProviderError) for
    unusable inputs, ProviderUnavailable for transient provider trouble, and BudgetExceeded
    past `budget` (the CPU time of every step together; none by default). The caller fills
    the prompt fields of the metadata.
    """
    started = time.perf_counter()
    bullets = clamp_bullets(max_bullets)
    budget = budget or CpuBudget(float("inf"))
    prepared = await steps.run(
        budget, prepare, resume_lines, job_text, list(extraction_warnings), today or date.today()
    )
    request = proposal_request(prepared, bullets)
    proposing = time.perf_counter()
    with budget.running():  # the offline ranking runs here, in the event loop's thread
        response = await _proposed(provider, request)
        stand_ins: Sequence[ProposedBullet] = ()
        if provider.name != offline.NAME:
            stand_ins = offline.propose(request).bullets
    finishing = time.perf_counter()
    result = await steps.run(budget, finish, prepared, response, bullets, provider.name, stand_ins)
    done = time.perf_counter()
    ENGINE_SECONDS.observe((proposing - started) + (done - finishing))
    result.metadata.latency_ms = int((done - started) * 1000)
    return result


async def _proposed(provider: Provider, request: ProposalRequest) -> ProposalResponse:
    """The provider's proposals, counted and timed (kit.metrics) by outcome."""
    started = time.perf_counter()
    try:
        response = await provider.propose(request)
    except Exception:
        PROVIDER_CALLS.labels(provider.name, "error").inc()
        raise
    finally:
        PROVIDER_SECONDS.labels(provider.name).observe(time.perf_counter() - started)
    PROVIDER_CALLS.labels(provider.name, "ok").inc()
    PROVIDER_TOKENS.labels(provider.name, "prompt").inc(response.prompt_tokens)
    PROVIDER_TOKENS.labels(provider.name, "completion").inc(response.completion_tokens)
    PROVIDER_COST.labels(provider.name).inc(response.cost_micro_usd / 1_000_000)
    return response

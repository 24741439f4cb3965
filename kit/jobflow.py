"""The claim -> compute -> complete discipline both workers follow.

Storage decides whether a delivery is still ours (claim outcome); compute errors that a
retry cannot fix end the item as FAILED with a user-safe reason; Complete/Fail only land
while our lease holds, so a worker that lost its lease to another drops its work quietly.
Anything else (storage unavailable, a provider that is down...) propagates so the message is
requeued -- except on the broker's last allowed delivery: then the item is marked FAILED
first (the message still goes on to the dead-letter queue), so a poison job never leaves its
run QUEUED/RUNNING forever.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import grpc

from kit.logging import get_logger
from kit.metrics import WORK_ITEMS
from resumeai.storage.v1 import storage_pb2

log = get_logger(__name__)


class Claim(Protocol):
    @property
    def outcome(self) -> int: ...
    @property
    def lease_token(self) -> str: ...


C = TypeVar("C", bound=Claim)
R = TypeVar("R")


class InjectedFault(Exception):
    """Raised by the opt-in fault settings (tests only); retryable like a provider outage."""


@dataclass(frozen=True)
class Delivery:
    """What the broker told us about the message being handled (set by kit.worker).

    `attempt` is 1-based; `final` is True when the broker will dead-letter the message
    instead of redelivering it if this attempt fails (x-delivery-count >= delivery limit).
    """

    attempt: int = 1
    final: bool = False
    queue: str = ""  # the metrics label (kit.metrics.WORK_ITEMS)
    # Fault injection (tests only; both 0 in production).
    fault_delay_s: float = 0.0
    fault_fail_deliveries: int = 0


current_delivery: contextvars.ContextVar[Delivery | None] = contextvars.ContextVar(
    "current_delivery", default=None
)


async def _tolerate_lost_lease(call: Awaitable[Any]) -> bool:
    try:
        await call
    except grpc.aio.AioRpcError as exc:
        if exc.code() == grpc.StatusCode.FAILED_PRECONDITION:
            log.warning("job.lease_lost")
            return False
        raise
    return True


async def _inject_faults(delivery: Delivery) -> None:
    if delivery.fault_delay_s:
        await asyncio.sleep(delivery.fault_delay_s)
    if delivery.attempt <= delivery.fault_fail_deliveries:
        raise InjectedFault(f"injected failure on delivery {delivery.attempt}")


def gave_up_reason(attempts: int, error: BaseException) -> str:
    # Only the exception type: a message of an unexpected error may quote document text.
    return f"gave up after {attempts} attempts; last error: {type(error).__name__}"


# Items this process is computing right now. A duplicate message for one of them (e.g. a
# relay republish) would be CLAIMED again under this worker's own live lease (claims are
# retry-safe per worker) and computed twice in parallel; it is acked and skipped instead.
_in_progress: set[str] = set()


async def run_claimed_job(
    *,
    key: str,
    claim: Callable[[], Awaitable[C]],
    compute: Callable[[C], Awaitable[R]],
    complete: Callable[[C, R], Awaitable[Any]],
    fail: Callable[[C, str], Awaitable[Any]],
    permanent_errors: tuple[type[Exception], ...],
) -> R | None:
    """Returns the computed value when it was stored, None when skipped or failed.
    `key` names the item (run or artifact id) for the in-process duplicate check."""
    if key in _in_progress:
        log.info("job.duplicate_in_progress")
        return None
    _in_progress.add(key)
    try:
        return await _run_claimed_job(claim, compute, complete, fail, permanent_errors)
    finally:
        _in_progress.discard(key)


async def _run_claimed_job(
    claim: Callable[[], Awaitable[C]],
    compute: Callable[[C], Awaitable[R]],
    complete: Callable[[C, R], Awaitable[Any]],
    fail: Callable[[C, str], Awaitable[Any]],
    permanent_errors: tuple[type[Exception], ...],
) -> R | None:
    delivery = current_delivery.get() or Delivery()
    items = functools.partial(WORK_ITEMS.labels, delivery.queue)
    claimed = await claim()
    if claimed.outcome != storage_pb2.CLAIM_OUTCOME_CLAIMED:
        log.info("job.skipped", outcome=storage_pb2.ClaimOutcome.Name(claimed.outcome))  # type: ignore[arg-type]
        items("skipped").inc()
        return None
    try:
        await _inject_faults(delivery)
        value = await compute(claimed)
    except permanent_errors as exc:
        # The message is user-safe by contract of these exception types (no document text).
        ended = await _tolerate_lost_lease(fail(claimed, str(exc)))
        if ended:
            log.info("job.failed", reason=str(exc))
        items("failed" if ended else "skipped").inc()
        return None
    except Exception as exc:
        if delivery.final and await _give_up(claimed, fail, delivery.attempt, exc):
            items("failed").inc()
        raise
    if await _tolerate_lost_lease(complete(claimed, value)):
        items("succeeded").inc()
        return value
    items("skipped").inc()
    return None


async def _give_up(
    claimed: C, fail: Callable[[C, str], Awaitable[Any]], attempts: int, error: Exception
) -> bool:
    """Last delivery failed: mark the item FAILED while we still hold its lease (True when
    it was). The caller
    re-raises, so the message is nacked and the broker moves it to the dead-letter queue
    (kept there for an operator; the item itself is already terminal)."""
    reason = gave_up_reason(attempts, error)
    try:
        if await _tolerate_lost_lease(fail(claimed, reason)):
            log.error("job.gave_up", reason=reason, attempts=attempts)
            return True
    except Exception as fail_error:
        # Storage is down as well: nothing more we can do here; the message is dead-lettered
        # and the item stays RUNNING until an operator replays the dead-letter queue.
        log.error("job.give_up_failed", error=type(fail_error).__name__, attempts=attempts)
    return False

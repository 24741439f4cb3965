"""The claim -> compute -> complete discipline both workers follow.

Storage decides whether a delivery is still ours (claim outcome); compute errors that a
retry cannot fix end the item as FAILED with a user-safe reason; Complete/Fail only land
while our lease holds, so a worker that lost its lease to another drops its work quietly.
Anything else (storage unavailable...) propagates so the message is requeued.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

import grpc

from kit.logging import get_logger
from resumeai.v1 import storage_pb2

log = get_logger(__name__)


class Claim(Protocol):
    @property
    def outcome(self) -> int: ...
    @property
    def lease_token(self) -> str: ...


C = TypeVar("C", bound=Claim)
R = TypeVar("R")


async def _tolerate_lost_lease(call: Awaitable[Any]) -> bool:
    try:
        await call
    except grpc.aio.AioRpcError as exc:
        if exc.code() == grpc.StatusCode.FAILED_PRECONDITION:
            log.warning("job.lease_lost")
            return False
        raise
    return True


async def run_claimed_job(
    *,
    claim: Callable[[], Awaitable[C]],
    compute: Callable[[C], Awaitable[R]],
    complete: Callable[[C, R], Awaitable[Any]],
    fail: Callable[[C, str], Awaitable[Any]],
    permanent_errors: tuple[type[Exception], ...],
) -> R | None:
    """Returns the computed value when it was stored, None when skipped or failed."""
    claimed = await claim()
    if claimed.outcome != storage_pb2.CLAIM_OUTCOME_CLAIMED:
        log.info("job.skipped", outcome=storage_pb2.ClaimOutcome.Name(claimed.outcome))  # type: ignore[arg-type]
        return None
    try:
        value = await compute(claimed)
    except permanent_errors as exc:
        # The message is user-safe by contract of these exception types (no document text).
        if await _tolerate_lost_lease(fail(claimed, str(exc))):
            log.info("job.failed", reason=str(exc))
        return None
    if await _tolerate_lost_lease(complete(claimed, value)):
        return value
    return None

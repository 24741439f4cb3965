"""The worker's side of leased work, one for every kind of job: claim the item a broker
message names, renew the lease while computing, complete or fail it (storage's
`StorageService.ClaimWork` / `RenewLease` / `CompleteWork` / `FailWork`). The discipline --
what is permanent, what is retried, the last delivery -- is `kit.jobflow`'s.

A worker for a new kind of job supplies the kind and a `compute` from the claim's inputs to
the kind's output message; nothing else here changes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import grpc

from kit.jobflow import run_claimed_job
from kit.logging import get_logger
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc

log = get_logger(__name__)

Output = storage_pb2.TailorOutput | storage_pb2.ExportOutput
# Renew when this share of the lease is left, and never more often than MIN_RENEW_S.
RENEW_AT = 1 / 3
MIN_RENEW_S = 1.0


@dataclass(frozen=True)
class LeasedJob:
    """The item a broker message names, as this worker claims it."""

    kind: int  # storage_pb2.WorkKind
    item_id: str
    worker_id: str
    redelivered: bool = False


def _lease(job: LeasedJob, claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.LeaseRef:
    return storage_pb2.LeaseRef(kind=job.kind, item_id=job.item_id, lease_token=claim.lease_token)  # type: ignore[arg-type]


def _completion(lease: storage_pb2.LeaseRef, output: Output) -> storage_pb2.CompleteWorkRequest:
    if isinstance(output, storage_pb2.TailorOutput):
        return storage_pb2.CompleteWorkRequest(lease=lease, tailor=output)
    return storage_pb2.CompleteWorkRequest(lease=lease, export=output)


def _seconds_left(expires: datetime) -> float:
    return (expires - datetime.now(UTC)).total_seconds()


async def _keep_renewing(
    storage: storage_pb2_grpc.StorageServiceAsyncStub,
    lease: storage_pb2.LeaseRef,
    expires: datetime,
) -> None:
    """Renews the lease each time a third of it is left, until cancelled; stops when the
    lease is lost (the completion will then be refused, and the work dropped)."""
    while True:
        await asyncio.sleep(max(MIN_RENEW_S, _seconds_left(expires) * (1 - RENEW_AT)))
        try:
            renewed = await storage.RenewLease(storage_pb2.RenewLeaseRequest(lease=lease))
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.FAILED_PRECONDITION:
                log.warning("job.lease_lost_while_working")
                return
            log.warning("job.lease_renew_failed", code=exc.code().name)
            continue
        expires = renewed.lease_expire_time.ToDatetime(tzinfo=UTC)


async def _renewing(
    storage: storage_pb2_grpc.StorageServiceAsyncStub,
    lease: storage_pb2.LeaseRef,
    claim: storage_pb2.ClaimWorkResponse,
    work: Awaitable[Output],
) -> Output:
    if not claim.HasField("lease_expire_time"):
        return await work
    expires = claim.lease_expire_time.ToDatetime(tzinfo=UTC)
    renewer = asyncio.create_task(_keep_renewing(storage, lease, expires))
    try:
        return await work
    finally:
        renewer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewer


async def run_leased_job(
    storage: storage_pb2_grpc.StorageServiceAsyncStub,
    job: LeasedJob,
    compute: Callable[[storage_pb2.ClaimWorkResponse], Awaitable[Output]],
    permanent_errors: tuple[type[Exception], ...],
) -> Output | None:
    """Claim, compute under a renewed lease, complete (or fail); the stored output, or None
    when the item was skipped or failed. Transient errors propagate (the message is
    requeued)."""

    async def claim() -> storage_pb2.ClaimWorkResponse:
        return await storage.ClaimWork(
            storage_pb2.ClaimWorkRequest(
                kind=job.kind,  # type: ignore[arg-type]
                item_id=job.item_id,
                worker_id=job.worker_id,
                redelivered=job.redelivered,
            )
        )

    def compute_renewing(claimed: storage_pb2.ClaimWorkResponse) -> Awaitable[Output]:
        return _renewing(storage, _lease(job, claimed), claimed, compute(claimed))

    return await run_claimed_job(
        key=job.item_id,
        claim=claim,
        compute=compute_renewing,
        complete=lambda claimed, output: storage.CompleteWork(
            _completion(_lease(job, claimed), output)
        ),
        fail=lambda claimed, reason: storage.FailWork(
            storage_pb2.FailWorkRequest(lease=_lease(job, claimed), error=reason)
        ),
        permanent_errors=permanent_errors,
    )

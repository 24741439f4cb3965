"""kit.leased_work.run_leased_job against an in-memory storage: claim, compute under a
renewed lease, complete with the kind's output, or fail."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf import timestamp_pb2

from kit import leased_work
from kit.leased_work import LeasedJob, run_leased_job
from resumeai.storage.v1 import records_pb2, storage_pb2
from resumeai.v1 import common_pb2, result_pb2

TAILOR = storage_pb2.WORK_KIND_TAILOR
EXPORT = storage_pb2.WORK_KIND_EXPORT
CLAIMED = storage_pb2.CLAIM_OUTCOME_CLAIMED


class Permanent(Exception):
    pass


class RpcError(grpc.aio.AioRpcError):
    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(code, grpc.aio.Metadata(), grpc.aio.Metadata(), details=details)


def expiring_in(seconds: float) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(datetime.now(UTC) + timedelta(seconds=seconds))
    return stamp


class FakeStorage:
    """The four leased-work RPCs, recording every request."""

    def __init__(
        self,
        claim: storage_pb2.ClaimWorkResponse,
        *,
        renew: Callable[[int], storage_pb2.RenewLeaseResponse] | None = None,
    ) -> None:
        self.claim = claim
        self.renew = renew or (
            lambda _n: storage_pb2.RenewLeaseResponse(lease_expire_time=expiring_in(0.3))
        )
        self.claims: list[storage_pb2.ClaimWorkRequest] = []
        self.renewals: list[storage_pb2.RenewLeaseRequest] = []
        self.renewed_at: list[datetime] = []
        self.completions: list[storage_pb2.CompleteWorkRequest] = []
        self.failures: list[storage_pb2.FailWorkRequest] = []
        self.renewed = asyncio.Event()

    async def ClaimWork(
        self, request: storage_pb2.ClaimWorkRequest
    ) -> storage_pb2.ClaimWorkResponse:
        self.claims.append(request)
        return self.claim

    async def RenewLease(
        self, request: storage_pb2.RenewLeaseRequest
    ) -> storage_pb2.RenewLeaseResponse:
        self.renewals.append(request)
        self.renewed_at.append(datetime.now(UTC))
        self.renewed.set()
        return self.renew(len(self.renewals))

    async def CompleteWork(
        self, request: storage_pb2.CompleteWorkRequest
    ) -> storage_pb2.CompleteWorkResponse:
        self.completions.append(request)
        return storage_pb2.CompleteWorkResponse()

    async def FailWork(self, request: storage_pb2.FailWorkRequest) -> storage_pb2.FailWorkResponse:
        self.failures.append(request)
        return storage_pb2.FailWorkResponse()


def job(kind: int, *, redelivered: bool = False) -> LeasedJob:
    return LeasedJob(
        kind=kind, item_id=str(uuid.uuid4()), worker_id="worker-9", redelivered=redelivered
    )


def lease(j: LeasedJob, token: str = "tok-1") -> storage_pb2.LeaseRef:
    return storage_pb2.LeaseRef(kind=j.kind, item_id=j.item_id, lease_token=token)  # type: ignore[arg-type]


TAILOR_OUTPUT = storage_pb2.TailorOutput(
    result=result_pb2.TailoringResult(
        schema_version="1", metadata=common_pb2.RunMetadata(provider="offline")
    ),
    cache_key="ab" * 32,
)
EXPORT_OUTPUT = storage_pb2.ExportOutput(
    content=b"%PDF-1.7", content_type="application/pdf", filename="resume.pdf"
)


async def test_a_claimed_tailor_run_is_computed_and_completed_with_a_tailor_output() -> None:
    j = job(TAILOR, redelivered=True)
    inputs = storage_pb2.TailorInputs(
        run=records_pb2.TailorRunRecord(id=j.item_id), job_text="Requirements: Python"
    )
    storage = FakeStorage(
        storage_pb2.ClaimWorkResponse(outcome=CLAIMED, lease_token="tok-1", tailor=inputs)
    )
    seen: list[storage_pb2.ClaimWorkResponse] = []

    async def compute(claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.TailorOutput:
        seen.append(claim)
        return TAILOR_OUTPUT

    assert await run_leased_job(storage, j, compute, (Permanent,)) == TAILOR_OUTPUT  # type: ignore[arg-type]
    assert storage.claims == [
        storage_pb2.ClaimWorkRequest(
            kind=TAILOR, item_id=j.item_id, worker_id="worker-9", redelivered=True
        )
    ]
    assert [c.tailor for c in seen] == [inputs]
    (completion,) = storage.completions
    assert completion.WhichOneof("output") == "tailor"
    assert completion == storage_pb2.CompleteWorkRequest(lease=lease(j), tailor=TAILOR_OUTPUT)
    assert storage.failures == [] and storage.renewals == []


async def test_a_claimed_export_is_completed_with_an_export_output() -> None:
    j = job(EXPORT)
    storage = FakeStorage(
        storage_pb2.ClaimWorkResponse(
            outcome=CLAIMED,
            lease_token="tok-2",
            export=storage_pb2.ExportInputs(artifact=records_pb2.ArtifactRecord(id=j.item_id)),
        )
    )

    async def compute(claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.ExportOutput:
        assert claim.export.artifact.id == j.item_id
        return EXPORT_OUTPUT

    assert await run_leased_job(storage, j, compute, (Permanent,)) == EXPORT_OUTPUT  # type: ignore[arg-type]
    assert storage.claims[0].kind == EXPORT and not storage.claims[0].redelivered
    (completion,) = storage.completions
    assert completion.WhichOneof("output") == "export"
    assert completion == storage_pb2.CompleteWorkRequest(
        lease=lease(j, "tok-2"), export=EXPORT_OUTPUT
    )
    assert storage.failures == []


@pytest.mark.parametrize(
    "outcome",
    [storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED, storage_pb2.CLAIM_OUTCOME_HELD_ELSEWHERE],
)
async def test_an_unclaimed_item_is_skipped_without_computing(outcome: int) -> None:
    storage = FakeStorage(storage_pb2.ClaimWorkResponse(outcome=outcome))  # type: ignore[arg-type]

    async def must_not_run(_claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.TailorOutput:
        raise AssertionError("computed an item it does not hold")

    assert await run_leased_job(storage, job(TAILOR), must_not_run, (Permanent,)) is None  # type: ignore[arg-type]
    assert len(storage.claims) == 1
    assert storage.completions == [] and storage.failures == [] and storage.renewals == []


async def test_a_permanent_error_fails_the_item_with_its_message() -> None:
    j = job(EXPORT)
    storage = FakeStorage(storage_pb2.ClaimWorkResponse(outcome=CLAIMED, lease_token="tok-3"))

    async def broken(_claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.ExportOutput:
        raise Permanent("the run has no cover letter")

    assert await run_leased_job(storage, j, broken, (Permanent,)) is None  # type: ignore[arg-type]
    assert storage.failures == [
        storage_pb2.FailWorkRequest(lease=lease(j, "tok-3"), error="the run has no cover letter")
    ]
    assert storage.completions == []


async def test_the_lease_is_renewed_while_a_slow_compute_runs_and_not_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(leased_work, "MIN_RENEW_S", 0.05)
    j = job(TAILOR)
    claimed_at = datetime.now(UTC)
    expires = expiring_in(1.5)
    storage = FakeStorage(
        storage_pb2.ClaimWorkResponse(
            outcome=CLAIMED, lease_token="tok-4", lease_expire_time=expires
        )
    )

    async def slow(_claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.TailorOutput:
        # Renewed once a third of the 1.5 s lease is left, then (0.3 s leases) again.
        while len(storage.renewals) < 2:
            await asyncio.wait_for(storage.renewed.wait(), timeout=5)
            storage.renewed.clear()
        return TAILOR_OUTPUT

    assert await run_leased_job(storage, j, slow, (Permanent,)) == TAILOR_OUTPUT  # type: ignore[arg-type]
    assert storage.renewals == [storage_pb2.RenewLeaseRequest(lease=lease(j, "tok-4"))] * 2
    # The first renewal came while the claimed lease was still live, not at once.
    first = storage.renewed_at[0]
    assert claimed_at + timedelta(seconds=0.5) < first < expires.ToDatetime(tzinfo=UTC)
    assert len(storage.completions) == 1 and storage.failures == []
    await asyncio.sleep(0.5)  # more than two renewal periods of the last 0.3 s lease
    assert len(storage.renewals) == 2


async def test_a_transient_renewal_error_keeps_renewing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(leased_work, "MIN_RENEW_S", 0.05)

    def flaky(n: int) -> storage_pb2.RenewLeaseResponse:
        if n == 1:
            raise RpcError(grpc.StatusCode.UNAVAILABLE, "storage restarting")
        return storage_pb2.RenewLeaseResponse(lease_expire_time=expiring_in(0.3))

    storage = FakeStorage(
        storage_pb2.ClaimWorkResponse(
            outcome=CLAIMED, lease_token="tok-5", lease_expire_time=expiring_in(0.3)
        ),
        renew=flaky,
    )

    async def slow(_claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.TailorOutput:
        while len(storage.renewals) < 2:
            await asyncio.wait_for(storage.renewed.wait(), timeout=5)
            storage.renewed.clear()
        return TAILOR_OUTPUT

    assert await run_leased_job(storage, job(TAILOR), slow, (Permanent,)) == TAILOR_OUTPUT  # type: ignore[arg-type]
    assert len(storage.completions) == 1 and storage.failures == []


async def test_a_lost_lease_stops_renewing_without_failing_the_item(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(leased_work, "MIN_RENEW_S", 0.05)

    def lost(_n: int) -> storage_pb2.RenewLeaseResponse:
        raise RpcError(grpc.StatusCode.FAILED_PRECONDITION, "lease lost")

    j = job(EXPORT)
    storage = FakeStorage(
        storage_pb2.ClaimWorkResponse(
            outcome=CLAIMED, lease_token="tok-6", lease_expire_time=expiring_in(0.3)
        ),
        renew=lost,
    )

    async def slow(_claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.ExportOutput:
        await asyncio.wait_for(storage.renewed.wait(), timeout=5)
        # Had it kept renewing (lease already past), it would ask every 0.05 s meanwhile.
        await asyncio.sleep(0.4)
        return EXPORT_OUTPUT

    assert await run_leased_job(storage, j, slow, (Permanent,)) == EXPORT_OUTPUT  # type: ignore[arg-type]
    assert storage.renewals == [storage_pb2.RenewLeaseRequest(lease=lease(j, "tok-6"))]
    assert storage.failures == []
    # The work is still offered; storage refuses it if another worker holds the item now.
    assert storage.completions == [
        storage_pb2.CompleteWorkRequest(lease=lease(j, "tok-6"), export=EXPORT_OUTPUT)
    ]

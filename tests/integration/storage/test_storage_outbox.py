"""The transactional outbox: lease, skip what is leased, mark published."""

from __future__ import annotations

import asyncio

import grpc

from resumeai.storage.v1 import storage_pb2
from tests.integration.storage.helpers import Stub, start_run
from tests.integration.storage.test_storage_documents import expect


async def claim_all(
    stub: Stub, *, min_age_ms: int = 0, lease_ms: int = 60_000
) -> list[storage_pb2.OutboxJob]:
    """Leases every eligible job (other tests' jobs included), page by page."""
    found: list[storage_pb2.OutboxJob] = []
    while True:
        reply = await stub.ClaimOutboxJobs(
            storage_pb2.ClaimOutboxJobsRequest(limit=500, min_age_ms=min_age_ms, lease_ms=lease_ms)
        )
        found.extend(reply.jobs)
        if len(reply.jobs) < 500:
            return found


async def test_outbox_claim_lease_and_mark(stub: Stub, owner: str) -> None:
    job = (await start_run(stub, owner)).job
    # Too young for a relay that gives the inline publish a minute.
    assert job.id not in [j.id for j in await claim_all(stub, min_age_ms=60_000)]

    # A lease long enough to outlast the next claim on a slow, shared CI machine (200 ms
    # did not: that claim pages through every other test's jobs too).
    leased = {j.id: j for j in await claim_all(stub, lease_ms=1_500)}
    assert job.id in leased
    assert leased[job.id].payload == job.payload
    assert leased[job.id].routing_key == "tailor"
    assert leased[job.id].attempts == 1
    # Leased: another relay does not get it.
    assert job.id not in [j.id for j in await claim_all(stub)]

    await asyncio.sleep(1.6)
    relapsed = {j.id: j for j in await claim_all(stub, lease_ms=60_000)}
    assert relapsed[job.id].attempts == 2

    await stub.MarkOutboxPublished(storage_pb2.MarkOutboxPublishedRequest(ids=[job.id]))
    # Idempotent.
    await stub.MarkOutboxPublished(storage_pb2.MarkOutboxPublishedRequest(ids=[job.id]))
    await asyncio.sleep(0.05)
    assert job.id not in [j.id for j in await claim_all(stub, lease_ms=1)]


async def test_published_inline_job_is_never_relayed(stub: Stub, owner: str) -> None:
    job = (await start_run(stub, owner)).job
    await stub.MarkOutboxPublished(storage_pb2.MarkOutboxPublishedRequest(ids=[job.id]))
    assert job.id not in [j.id for j in await claim_all(stub, lease_ms=1)]


async def test_mark_with_malformed_id_is_invalid(stub: Stub) -> None:
    await expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        stub.MarkOutboxPublished(storage_pb2.MarkOutboxPublishedRequest(ids=["nope"])),
    )

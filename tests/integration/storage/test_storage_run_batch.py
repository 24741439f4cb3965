"""Storage.CreateTailorRuns: many runs in one call, each answered as CreateTailorRun would
answer it alone (its run and job, a replay, or its own status), in the order asked."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import asyncpg
import grpc
import pytest
from google.rpc import code_pb2, error_details_pb2, status_pb2
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from kit import limits
from resumeai.storage.v1 import storage_pb2
from resumeai.v1 import common_pb2
from tests.integration.storage.conftest import new_owner
from tests.integration.storage.helpers import Stub, pasted, start_run, storage_server
from tests.integration.storage.test_storage_documents import create_job, create_resume, expect

OPTIONS = common_pb2.TailorOptions(provider="offline", max_bullets=8)


def by_id(
    owner: str, resume_id: str, job_id: str, request_id: str | None = None, **headers: str
) -> storage_pb2.BatchedTailorRun:
    return storage_pb2.BatchedTailorRun(
        run=storage_pb2.CreateTailorRunRequest(
            owner_id=owner,
            request_id=uuid.uuid4().hex if request_id is None else request_id,
            resume_id=resume_id,
            job_posting_id=job_id,
            options=OPTIONS,
        ),
        job_headers=headers,
    )


async def create_runs(
    stub: Stub, *runs: storage_pb2.BatchedTailorRun
) -> list[storage_pb2.CreateTailorRunOutcome]:
    reply = await stub.CreateTailorRuns(storage_pb2.CreateTailorRunsRequest(runs=runs))
    assert len(reply.outcomes) == len(runs)
    return list(reply.outcomes)


def status(outcome: storage_pb2.CreateTailorRunOutcome) -> status_pb2.Status:
    assert outcome.WhichOneof("outcome") == "error_status", outcome
    return status_pb2.Status.FromString(outcome.error_status)


async def outbox_headers(db: AsyncEngine, job_id: str) -> dict[str, str]:
    async with db.connect() as conn:
        found = await conn.scalar(
            text("SELECT headers FROM outbox WHERE id = :id"), {"id": uuid.UUID(job_id)}
        )
    assert found is not None, "no outbox row for the job"
    return dict(found)


async def test_each_run_of_a_batch_gets_what_it_would_get_alone(
    stub: Stub, owner: str, other_owner: str, db: AsyncEngine
) -> None:
    resume, job = await create_resume(stub, owner), await create_job(stub, owner)
    foreign_resume = await create_resume(stub, other_owner)
    earlier = await start_run(
        stub, owner, request_id="batch-earlier", resume_id=resume, job_posting_id=job
    )
    inline = by_id(owner, resume, job)
    inline.run.ClearField("resume_id")
    inline.run.resume_document.CopyFrom(pasted("Jane Roe\n"))

    outcomes = await create_runs(
        stub,
        by_id(owner, resume, job, "batch-new", **{"x-request-id": "rid-1", "traceparent": "tp"}),
        by_id(owner, resume, job, "batch-earlier"),  # a replay
        by_id(owner, foreign_resume, job),  # another owner's resume
        by_id(owner, resume, "not-a-uuid"),
        inline,
        by_id(owner, job, resume, "batch-earlier"),  # its id, for another request
        by_id(owner, resume, job, "batch-twice"),
        by_id(owner, resume, job, "batch-twice"),  # a replay of the row before it
    )

    new = outcomes[0].result
    assert new.created and new.run.status == common_pb2.RUN_STATUS_QUEUED
    assert new.run.request_id == "batch-new" and new.run.options == OPTIONS
    assert new.job.routing_key == "tailor" and dict(new.job.headers) == {
        "x-request-id": "rid-1",
        "traceparent": "tp",
    }
    assert await outbox_headers(db, new.job.id) == dict(new.job.headers)

    replay = outcomes[1].result
    assert not replay.created and replay.run.id == earlier.run.id
    assert not replay.HasField("job")

    assert status(outcomes[2]).code == code_pb2.NOT_FOUND
    assert status(outcomes[2]).message == "resume not found"
    assert status(outcomes[3]).message == "job posting not found"

    refused = status(outcomes[4])
    assert refused.code == code_pb2.INVALID_ARGUMENT
    bad = error_details_pb2.BadRequest()
    assert refused.details[0].Unpack(bad) and bad.field_violations[0].field == "resume"

    assert status(outcomes[5]).code == code_pb2.ALREADY_EXISTS
    assert status(outcomes[5]).message == "request_id: already used for a different request"

    first, second = outcomes[6].result, outcomes[7].result
    assert first.created and not second.created and first.run.id == second.run.id
    async with db.connect() as conn:
        runs = await conn.scalar(
            text(
                "SELECT count(*) FROM tailor_runs WHERE owner_id = :o AND request_id LIKE 'batch-%'"
            ),
            {"o": uuid.UUID(owner)},
        )
        jobs = await conn.scalar(
            text("SELECT count(*) FROM outbox WHERE id = ANY(:ids)"),
            {"ids": [uuid.UUID(o.result.job.id) for o in outcomes if o.result.created]},
        )
    assert runs == 3 and jobs == 2  # earlier, new, twice; a job for each new run


async def test_job_headers_keep_only_a_request_id_and_trace_context(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    resume, job = await create_resume(stub, owner), await create_job(stub, owner)
    (outcome,) = await create_runs(
        stub,
        by_id(
            owner,
            resume,
            job,
            **{
                "x-request-id": "has spaces: not an id",
                "traceparent": "00-abc-def-01",
                "tracestate": "t" * 600,  # oversize
                "baggage": "user=jane@example.com",
                "x-anything": "else",
            },
        ),
    )
    assert dict(outcome.result.job.headers) == {"traceparent": "00-abc-def-01"}
    assert await outbox_headers(db, outcome.result.job.id) == {"traceparent": "00-abc-def-01"}


async def test_a_batch_past_the_limit_is_refused_whole(stub: Stub, owner: str) -> None:
    resume, job = await create_resume(stub, owner), await create_job(stub, owner)
    runs = [by_id(owner, resume, job) for _ in range(limits.MAX_RUNS_PER_BATCH + 1)]
    error = await expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        stub.CreateTailorRuns(storage_pb2.CreateTailorRunsRequest(runs=runs)),
    )
    assert "at most 64 runs" in (error.details() or "")


async def test_concurrent_batches_create_each_request_id_once(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    resume, job = await create_resume(stub, owner), await create_job(stub, owner)
    keys = [f"race-{uuid.uuid4().hex}" for _ in range(16)]
    # Each batch asks for the keys in another order: none waits on another in a cycle.
    orders = [keys, keys[::-1], keys[8:] + keys[:8], keys[1::2] + keys[::2]]
    batches = await asyncio.gather(
        *(create_runs(stub, *(by_id(owner, resume, job, k) for k in order)) for order in orders)
    )
    runs: dict[str, set[str]] = {key: set() for key in keys}
    created = dict.fromkeys(keys, 0)
    for order, outcomes in zip(orders, batches, strict=True):
        for key, outcome in zip(order, outcomes, strict=True):
            assert outcome.WhichOneof("outcome") == "result", status(outcome)
            runs[key].add(outcome.result.run.id)
            created[key] += outcome.result.created
    assert all(len(ids) == 1 for ids in runs.values())
    assert set(created.values()) == {1}
    async with db.connect() as conn:
        count = await conn.scalar(
            text("SELECT count(*) FROM tailor_runs WHERE request_id = ANY(:k)"), {"k": keys}
        )
    assert count == len(keys)


@pytest.fixture
async def limited(database_url: str, service_token: str) -> AsyncIterator[Stub]:
    async with storage_server(database_url, service_token, runs_per_hour=2) as stub:
        yield stub


async def test_the_hourly_quota_holds_inside_a_batch(limited: Stub, database_url: str) -> None:
    owner, other = await new_owner(database_url), await new_owner(database_url)
    resume, job = await create_resume(limited, owner), await create_job(limited, owner)
    other_resume, other_job = await create_resume(limited, other), await create_job(limited, other)
    first = await start_run(limited, owner, request_id="qb-1", resume_id=resume, job_posting_id=job)
    outcomes = await create_runs(
        limited,
        by_id(owner, resume, job, "qb-2"),
        by_id(owner, resume, job, "qb-3"),  # past the quota
        by_id(owner, resume, job, "qb-1"),  # a replay: answered whatever the quota
        by_id(owner, resume, job, "qb-2"),  # a replay of this batch's own run
        by_id(other, other_resume, other_job, "qb-3"),  # another owner's quota
    )
    assert outcomes[0].result.created
    refused = status(outcomes[1])
    assert refused.code == code_pb2.RESOURCE_EXHAUSTED
    assert refused.message == "quota exceeded: at most 2 tailor runs per hour; retry later"
    assert outcomes[2].result.run.id == first.run.id and not outcomes[2].result.created
    assert outcomes[3].result.run.id == outcomes[0].result.run.id
    assert not outcomes[3].result.created
    assert outcomes[4].result.created
    # Alone, the refused run is refused the same way.
    alone = await expect(
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        start_run(limited, owner, request_id="qb-3", resume_id=resume, job_posting_id=job),
    )
    assert alone.details() == refused.message


async def test_a_batch_never_waits_in_a_cycle_on_another_writer(
    stub: Stub, owner: str, database_url: str
) -> None:
    """Another transaction (a batch on another replica) holds one of the batch's request ids
    uncommitted and then writes another of them: the batch, writing its ids in their global
    order, waits for it instead of taking that other id first and deadlocking with it."""
    resume, job = await create_resume(stub, owner), await create_job(stub, owner)
    low, high = sorted(f"cycle-{uuid.uuid4().hex}" for _ in range(2))
    insert = (
        "INSERT INTO tailor_runs (id, owner_id, resume_id, job_posting_id, request_id, status, "
        "attempts) VALUES ($1, $2, $3, $4, $5, 1, 0)"
    )
    ids = (uuid.UUID(owner), uuid.UUID(resume), uuid.UUID(job))
    other = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        async with other.transaction():
            await other.execute(insert, uuid.uuid4(), *ids, low)
            # The batch asks for the high id first; it must still write the low one first.
            batch = asyncio.create_task(
                create_runs(stub, by_id(owner, resume, job, high), by_id(owner, resume, job, low))
            )
            await asyncio.sleep(0.3)  # the batch now waits on the low id
            await other.execute(insert, uuid.uuid4(), *ids, high)
        outcomes = await asyncio.wait_for(batch, 10)
    finally:
        await other.close()
    for outcome in outcomes:  # both were the other writer's: replays
        assert outcome.WhichOneof("outcome") == "result", status(outcome)
        assert not outcome.result.created

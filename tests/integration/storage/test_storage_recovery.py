"""Recovery paths: retried claims, the stale-item sweep, artifacts whose run has no result,
the periodic purge, and database errors that must not carry statement parameters."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import grpc
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from resumeai.storage.v1 import storage_pb2
from resumeai.v1 import common_pb2
from storage_service import background
from storage_service.db.engine import SessionFactory, make_engine, make_sessions
from storage_service.repositories import work
from storage_service.repositories.sweep import gave_up
from tests.integration.storage.helpers import (
    EXPORT,
    JOB_TEXT,
    RESUME_TEXT,
    TAILOR,
    Stub,
    claim,
    complete_run,
    fail,
    make_result,
    start_run,
    succeeded_run,
)
from tests.integration.storage.test_storage_artifacts import export_request
from tests.integration.storage.test_storage_documents import expect

CLAIMED = storage_pb2.CLAIM_OUTCOME_CLAIMED
HELD = storage_pb2.CLAIM_OUTCOME_HELD_ELSEWHERE
FINISHED = storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED
STALE_S = 300


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[SessionFactory]:
    engine = make_engine(database_url)
    yield make_sessions(engine)
    await engine.dispose()


async def sql(db: AsyncEngine, statement: str, **params: object) -> None:
    async with db.begin() as conn:
        await conn.execute(text(statement), params)


async def scalar(db: AsyncEngine, statement: str, **params: object) -> object:
    async with db.connect() as conn:
        return await conn.scalar(text(statement), params)


def payload_of(table: str, item_id: str) -> bytes:
    kind = work.RUNS if table == "tailor_runs" else work.EXPORTS
    assert kind.model.__tablename__ == table
    return kind.job.payload(item_id)


async def jobs_for(db: AsyncEngine, table: str, item_id: str) -> tuple[int, int]:
    """(all outbox jobs, pending ones) of an item."""
    async with db.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT count(*), count(*) FILTER (WHERE published_at IS NULL) "
                    "FROM outbox WHERE payload = :p"
                ),
                {"p": payload_of(table, item_id)},
            )
        ).one()
    return int(row[0]), int(row[1])


async def age(db: AsyncEngine, table: str, item_id: str, *, expire_lease: bool = False) -> None:
    """Makes an item look stranded: created an hour ago, its jobs published an hour ago, and
    (optionally) its lease expired."""
    await sql(
        db,
        "UPDATE outbox SET published_at = now() - interval '1 hour', "
        "created_at = now() - interval '1 hour' WHERE payload = :p",
        p=payload_of(table, item_id),
    )
    lease = ", lease_expires_at = now() - interval '1 second'" if expire_lease else ""
    await sql(
        db,
        f"UPDATE {table} SET created_at = created_at - interval '1 hour'{lease} WHERE id = :id",
        id=item_id,
    )


async def sweep(sessions: SessionFactory, max_attempts: int = 6) -> dict[str, list[str]]:
    swept = await background.sweep_once(sessions, stale_queued_s=STALE_S, max_attempts=max_attempts)
    return {
        f"{name}.{what}": [str(i) for i in getattr(s, what)]
        for name, s in swept.items()
        for what in ("requeued", "failed")
    }


# --- 1. claims are safe to retry -------------------------------------------------------------


async def test_claim_retried_by_the_holder_gets_the_same_lease(stub: Stub, owner: str) -> None:
    run_id = (await start_run(stub, owner)).run.id
    first = await claim(stub, TAILOR, run_id, worker_id="w1")
    again = await claim(stub, TAILOR, run_id, worker_id="w1")
    assert (first.outcome, again.outcome) == (CLAIMED, CLAIMED)
    assert again.lease_token == first.lease_token
    assert again.tailor.run.attempts == 1
    assert again.tailor.resume_content == RESUME_TEXT.encode()
    assert again.tailor.job_text == JOB_TEXT
    other = await claim(stub, TAILOR, run_id, worker_id="w2")
    assert other.outcome == HELD and not other.lease_token
    nameless = await claim(stub, TAILOR, run_id, worker_id="")
    assert nameless.outcome == HELD
    # A redelivery to the same worker is a new attempt (the previous one was nacked).
    redelivered = await claim(stub, TAILOR, run_id, worker_id="w1", redelivered=True)
    assert redelivered.outcome == CLAIMED and redelivered.lease_token != first.lease_token
    assert redelivered.tailor.run.attempts == 2


async def test_artifact_claim_retried_by_the_holder_gets_the_same_lease(
    stub: Stub, owner: str
) -> None:
    run_id = await succeeded_run(stub, owner)
    artifact_id = (await stub.CreateArtifact(export_request(owner, run_id))).artifact.id
    first = await claim(stub, EXPORT, artifact_id, worker_id="e1")
    again = await claim(stub, EXPORT, artifact_id, worker_id="e1")
    assert (first.outcome, again.outcome) == (CLAIMED, CLAIMED)
    assert again.lease_token == first.lease_token
    assert again.export.artifact.attempts == 1
    assert again.export.result == first.export.result and again.export.HasField("result")
    other = await claim(stub, EXPORT, artifact_id, worker_id="e2")
    assert other.outcome == HELD


async def test_holder_with_an_expired_lease_gets_a_new_one(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    run_id = (await start_run(stub, owner)).run.id
    first = await claim(stub, TAILOR, run_id, worker_id="w1")
    await sql(
        db,
        "UPDATE tailor_runs SET lease_expires_at = now() - interval '1 second' WHERE id = :id",
        id=run_id,
    )
    again = await claim(stub, TAILOR, run_id, worker_id="w1")
    assert again.outcome == CLAIMED and again.lease_token != first.lease_token
    assert again.tailor.run.attempts == 2


# --- 3. an artifact whose run has no result ---------------------------------------------------


async def test_artifact_of_a_run_without_result_fails_at_claim(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    run_id = await succeeded_run(stub, owner)
    artifact_id = (await stub.CreateArtifact(export_request(owner, run_id))).artifact.id
    await sql(
        db, "UPDATE tailor_runs SET result = NULL, result_pb = NULL WHERE id = :id", id=run_id
    )
    reply = await claim(stub, EXPORT, artifact_id, worker_id="e1")
    assert reply.outcome == FINISHED and not reply.lease_token
    got = (
        await stub.GetArtifact(
            storage_pb2.GetArtifactRequest(owner_id=owner, artifact_id=artifact_id)
        )
    ).artifact
    assert got.status == common_pb2.ARTIFACT_STATUS_FAILED
    assert got.error == "the run has no result to render"
    again = await claim(stub, EXPORT, artifact_id, worker_id="e1")
    assert again.outcome == FINISHED


# --- 2. the stale-item sweep -----------------------------------------------------------------


async def publish_all(stub: Stub, job_ids: list[str]) -> None:
    await stub.MarkOutboxPublished(storage_pb2.MarkOutboxPublishedRequest(ids=job_ids))


async def test_sweep_requeues_a_run_whose_lease_expired(
    stub: Stub, owner: str, db: AsyncEngine, sessions: SessionFactory
) -> None:
    created = await start_run(stub, owner)
    run_id = created.run.id
    await publish_all(stub, [created.job.id])
    first = await claim(stub, TAILOR, run_id, worker_id="dead")
    assert first.outcome == CLAIMED
    assert run_id not in (await sweep(sessions))["tailor_run.requeued"]  # lease still live

    await age(db, "tailor_runs", run_id, expire_lease=True)
    assert run_id in (await sweep(sessions))["tailor_run.requeued"]
    assert await jobs_for(db, "tailor_runs", run_id) == (2, 1)
    # The new job is pending: no second one on the next pass.
    assert run_id not in (await sweep(sessions))["tailor_run.requeued"]
    assert await jobs_for(db, "tailor_runs", run_id) == (2, 1)
    # The re-published message (redelivered = false) takes the run over.
    takeover = await claim(stub, TAILOR, run_id, worker_id="new")
    assert takeover.outcome == CLAIMED and takeover.lease_token != first.lease_token
    assert takeover.tailor.run.attempts == 2


async def test_sweep_requeues_a_stale_queued_run_and_artifact(
    stub: Stub, owner: str, db: AsyncEngine, sessions: SessionFactory
) -> None:
    pending = await start_run(stub, owner)  # its job was never published: the relay's job
    lost = await start_run(stub, owner)
    await publish_all(stub, [lost.job.id])
    await age(db, "tailor_runs", pending.run.id)
    await age(db, "tailor_runs", lost.run.id)
    await sql(db, "UPDATE outbox SET published_at = NULL WHERE id = :id", id=pending.job.id)

    run_id = await succeeded_run(stub, owner)
    artifact = await stub.CreateArtifact(export_request(owner, run_id))
    await publish_all(stub, [artifact.job.id])
    fresh = await stub.CreateArtifact(export_request(owner, run_id))
    await publish_all(stub, [fresh.job.id])
    await age(db, "artifacts", artifact.artifact.id)

    swept = await sweep(sessions)
    assert lost.run.id in swept["tailor_run.requeued"]
    assert pending.run.id not in swept["tailor_run.requeued"]
    assert artifact.artifact.id in swept["artifact.requeued"]
    assert fresh.artifact.id not in swept["artifact.requeued"]  # not stale yet
    async with db.connect() as conn:
        key = await conn.scalar(
            text("SELECT routing_key FROM outbox WHERE payload = :p AND published_at IS NULL"),
            {"p": payload_of("artifacts", artifact.artifact.id)},
        )
    assert key == "export"
    assert await jobs_for(db, "tailor_runs", lost.run.id) == (2, 1)
    # The run is still QUEUED; the re-published message claims it as usual.
    claimed = await claim(stub, TAILOR, lost.run.id, worker_id="w")
    assert claimed.outcome == CLAIMED


async def test_sweep_gives_up_after_max_attempts(
    stub: Stub, owner: str, db: AsyncEngine, sessions: SessionFactory
) -> None:
    created = await start_run(stub, owner)
    run_id = created.run.id
    await publish_all(stub, [created.job.id])
    claimed = await claim(stub, TAILOR, run_id, worker_id="w")
    await sql(db, "UPDATE tailor_runs SET attempts = 6 WHERE id = :id", id=run_id)
    await age(db, "tailor_runs", run_id, expire_lease=True)
    swept = await sweep(sessions, max_attempts=6)
    assert run_id in swept["tailor_run.failed"]
    run = (
        await stub.GetTailorRun(storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id))
    ).run
    assert run.status == common_pb2.RUN_STATUS_FAILED
    assert run.error == gave_up(6) == "gave up: no worker finished it after 6 attempts"
    assert run.end_time.seconds > 0
    assert await jobs_for(db, "tailor_runs", run_id) == (1, 0)
    # The stale holder can no longer finish it.
    await expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        fail(stub, TAILOR, run_id, claimed.lease_token, "x"),
    )
    await expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        complete_run(stub, run_id, claimed.lease_token, make_result()),
    )


async def test_sweep_counts_its_own_requeues_for_items_never_claimed(
    stub: Stub, owner: str, db: AsyncEngine, sessions: SessionFactory
) -> None:
    created = await start_run(stub, owner)
    run_id = created.run.id
    await publish_all(stub, [created.job.id])
    for _ in range(2):  # two requeues, each message lost again before any claim
        await age(db, "tailor_runs", run_id)
        assert run_id in (await sweep(sessions, max_attempts=2))["tailor_run.requeued"]
        await sql(
            db,
            "UPDATE outbox SET published_at = now() WHERE payload = :p",
            p=payload_of("tailor_runs", run_id),
        )
    await age(db, "tailor_runs", run_id)
    assert run_id in (await sweep(sessions, max_attempts=2))["tailor_run.failed"]
    run = (
        await stub.GetTailorRun(storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id))
    ).run
    assert (run.status, run.error) == (common_pb2.RUN_STATUS_FAILED, gave_up(2))


async def test_concurrent_sweeps_requeue_once(
    stub: Stub, owner: str, db: AsyncEngine, database_url: str
) -> None:
    created = [await start_run(stub, owner) for _ in range(5)]
    await publish_all(stub, [c.job.id for c in created])
    for c in created:
        await age(db, "tailor_runs", c.run.id)
    engines = [make_engine(database_url) for _ in range(4)]
    try:
        results = await asyncio.gather(*(sweep(make_sessions(e)) for e in engines))
    finally:
        for engine in engines:
            await engine.dispose()
    requeued = [i for r in results for i in r["tailor_run.requeued"]]
    for c in created:
        assert requeued.count(c.run.id) == 1
        assert await jobs_for(db, "tailor_runs", c.run.id) == (2, 1)


async def test_deleted_items_are_not_swept(
    stub: Stub, owner: str, db: AsyncEngine, sessions: SessionFactory
) -> None:
    created = await start_run(stub, owner)
    await publish_all(stub, [created.job.id])
    await age(db, "tailor_runs", created.run.id)
    await stub.DeleteTailorRun(
        storage_pb2.DeleteTailorRunRequest(owner_id=owner, run_id=created.run.id)
    )
    swept = await sweep(sessions)
    assert created.run.id not in swept["tailor_run.requeued"] + swept["tailor_run.failed"]


# --- 4. no statement parameters in database errors --------------------------------------------


async def test_database_errors_do_not_show_parameters(database_url: str) -> None:
    marker = f"Jane-Roe-{uuid.uuid4().hex}"
    engine = make_engine(database_url)
    try:
        with pytest.raises(DBAPIError) as err:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT CAST(:p AS integer)"), {"p": marker})
    finally:
        await engine.dispose()
    assert marker not in str(err.value)
    assert marker not in repr(err.value)
    assert "hidden due to hide_parameters" in str(err.value)


# --- 7. periodic purge --------------------------------------------------------------------------


async def test_purge_once_removes_old_deletions(
    stub: Stub, owner: str, db: AsyncEngine, sessions: SessionFactory
) -> None:
    run_id = (await start_run(stub, owner)).run.id
    run = (
        await stub.GetTailorRun(storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id))
    ).run
    await stub.DeleteResume(
        storage_pb2.DeleteResumeRequest(owner_id=owner, resume_id=run.resume_id)
    )
    removed = await background.purge_once(sessions, purge_after_s=3600)
    assert await scalar(db, "SELECT count(*) FROM resumes WHERE id = :id", id=run.resume_id) == 1
    await sql(
        db,
        "UPDATE tailor_runs SET deleted_at = deleted_at - interval '2 hours' WHERE id = :id",
        id=run_id,
    )
    await sql(
        db,
        "UPDATE resumes SET deleted_at = deleted_at - interval '2 hours' WHERE id = :id",
        id=run.resume_id,
    )
    removed = await background.purge_once(sessions, purge_after_s=3600)
    assert removed["tailor_runs"] >= 1 and removed["resumes"] >= 1
    assert await scalar(db, "SELECT count(*) FROM resumes WHERE id = :id", id=run.resume_id) == 0
    assert await scalar(db, "SELECT count(*) FROM tailor_runs WHERE id = :id", id=run_id) == 0

"""Soft deletion cascades with the personal data; purge removes the rows for good."""

from __future__ import annotations

import grpc
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from resumeai.storage.v1 import storage_pb2
from tests.integration.storage.helpers import (
    EXPORT,
    TAILOR,
    Stub,
    claim,
    complete_run,
    fail,
    make_result,
    pasted,
    start_run,
    succeeded_run,
)
from tests.integration.storage.test_storage_artifacts import export_request
from tests.integration.storage.test_storage_documents import create_job, create_resume, expect


async def exists(db: AsyncEngine, table: str, row_id: str) -> bool:
    async with db.connect() as conn:
        found = await conn.scalar(
            text(f"SELECT count(*) FROM {table} WHERE id = :id"), {"id": row_id}
        )
    return bool(found)


def _resume(owner: str, resume_id: str) -> storage_pb2.GetResumeRequest:
    return storage_pb2.GetResumeRequest(owner_id=owner, resume_id=resume_id)


def _job(owner: str, job_posting_id: str) -> storage_pb2.GetJobPostingRequest:
    return storage_pb2.GetJobPostingRequest(owner_id=owner, job_posting_id=job_posting_id)


def _run(owner: str, run_id: str) -> storage_pb2.GetTailorRunRequest:
    return storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id)


def _delete_run(owner: str, run_id: str) -> storage_pb2.DeleteTailorRunRequest:
    return storage_pb2.DeleteTailorRunRequest(owner_id=owner, run_id=run_id)


async def age_deletions(db: AsyncEngine, owner: str, seconds: int) -> None:
    async with db.begin() as conn:
        for table in ("artifacts", "tailor_runs", "resumes", "job_postings"):
            await conn.execute(
                text(
                    f"UPDATE {table} SET deleted_at = deleted_at - make_interval(secs => :s) "
                    "WHERE owner_id = :o AND deleted_at IS NOT NULL"
                ),
                {"s": seconds, "o": owner},
            )


async def test_delete_resume_erases_runs_and_artifacts_then_purge(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    run_id = await succeeded_run(stub, owner)
    run = (await stub.GetTailorRun(_run(owner, run_id))).run
    artifact_id = (await stub.CreateArtifact(export_request(owner, run_id))).artifact.id

    await stub.DeleteResume(
        storage_pb2.DeleteResumeRequest(owner_id=owner, resume_id=run.resume_id)
    )
    # The personal payload is wiped at once, in the deleting transaction, not at the purge.
    async with db.connect() as conn:
        held = (
            await conn.execute(
                text(
                    "SELECT (SELECT octet_length(content) FROM resumes WHERE id = :r),"
                    " (SELECT result_pb IS NULL AND result IS NULL FROM tailor_runs"
                    "  WHERE id = :t),"
                    " (SELECT content IS NULL FROM artifacts WHERE id = :a)"
                ),
                {"r": run.resume_id, "t": run_id, "a": artifact_id},
            )
        ).one()
    assert tuple(held) == (0, True, True)
    for gone in (
        stub.GetResume(_resume(owner, run.resume_id)),
        stub.GetTailorRun(_run(owner, run_id)),
        stub.GetArtifact(storage_pb2.GetArtifactRequest(owner_id=owner, artifact_id=artifact_id)),
    ):
        await expect(grpc.StatusCode.NOT_FOUND, gone)
    # The job posting is not personal data of the resume: it stays.
    assert (await stub.GetJobPosting(_job(owner, run.job_posting_id))).job_posting.id
    # A worker holding a message for the artifact skips it.
    skipped = await claim(stub, EXPORT, artifact_id, worker_id="")
    assert skipped.outcome == storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED

    # Too recent for a 1-hour purge.
    await stub.PurgeDeleted(storage_pb2.PurgeDeletedRequest(older_than_seconds=3600))
    assert await exists(db, "resumes", run.resume_id)

    await age_deletions(db, owner, 7200)
    reply = await stub.PurgeDeleted(storage_pb2.PurgeDeletedRequest(older_than_seconds=3600))
    assert reply.removed["artifacts"] >= 1
    assert reply.removed["tailor_runs"] >= 1
    assert reply.removed["resumes"] >= 1
    for table, rid in (
        ("resumes", run.resume_id),
        ("tailor_runs", run_id),
        ("artifacts", artifact_id),
    ):
        assert not await exists(db, table, rid), table
    assert await exists(db, "job_postings", run.job_posting_id)


async def test_delete_run_erases_its_artifacts_only(stub: Stub, owner: str) -> None:
    stored = await start_run(
        stub,
        owner,
        resume_id=await create_resume(stub, owner),
        job_posting_id=await create_job(stub, owner),
    )
    run_id = stored.run.id
    claimed = await claim(stub, TAILOR, run_id, worker_id="w")
    await complete_run(stub, run_id, claimed.lease_token, make_result())
    run = (await stub.GetTailorRun(_run(owner, run_id))).run
    artifact_id = (await stub.CreateArtifact(export_request(owner, run_id))).artifact.id
    await stub.DeleteTailorRun(_delete_run(owner, run_id))
    await expect(
        grpc.StatusCode.NOT_FOUND,
        stub.GetArtifact(storage_pb2.GetArtifactRequest(owner_id=owner, artifact_id=artifact_id)),
    )
    # Documents stored on their own (CreateResume / CreateJobPosting) stay.
    assert (await stub.GetResume(_resume(owner, run.resume_id))).resume.id
    assert (await stub.GetJobPosting(_job(owner, run.job_posting_id))).job_posting.id
    await expect(grpc.StatusCode.NOT_FOUND, stub.DeleteTailorRun(_delete_run(owner, run_id)))


async def test_delete_run_erases_its_inline_documents_unless_still_used(
    stub: Stub, owner: str
) -> None:
    inline = (await start_run(stub, owner)).run
    other = (await start_run(stub, owner)).run
    # A second run made from the other run's inline documents by id keeps them alive.
    reuse = (
        await start_run(stub, owner, resume_id=other.resume_id, job_posting_id=other.job_posting_id)
    ).run

    await stub.DeleteTailorRun(_delete_run(owner, inline.id))
    await expect(grpc.StatusCode.NOT_FOUND, stub.GetResume(_resume(owner, inline.resume_id)))
    await expect(grpc.StatusCode.NOT_FOUND, stub.GetJobPosting(_job(owner, inline.job_posting_id)))

    await stub.DeleteTailorRun(_delete_run(owner, other.id))
    assert (await stub.GetResume(_resume(owner, other.resume_id))).resume.id
    assert (await stub.GetJobPosting(_job(owner, other.job_posting_id))).job_posting.id
    # Inline documents go with the last live run that uses them.
    await stub.DeleteTailorRun(_delete_run(owner, reuse.id))
    await expect(grpc.StatusCode.NOT_FOUND, stub.GetResume(_resume(owner, other.resume_id)))


async def test_delete_run_keeps_documents_stored_apart(stub: Stub, owner: str) -> None:
    """A resume stored by CreateResume outlives every run made from it, even when it was
    stored in the same instant as a run (the inline flag, not the timestamps, decides)."""
    inline = (await start_run(stub, owner)).run
    stored = await create_resume(stub, owner)
    run = (await start_run(stub, owner, resume_id=stored, job_posting_id=inline.job_posting_id)).run
    await stub.DeleteTailorRun(_delete_run(owner, run.id))
    await stub.DeleteTailorRun(_delete_run(owner, inline.id))
    assert (await stub.GetResume(_resume(owner, stored))).resume.id
    await expect(grpc.StatusCode.NOT_FOUND, stub.GetJobPosting(_job(owner, inline.job_posting_id)))


async def test_deleted_run_cannot_be_completed(stub: Stub, owner: str) -> None:
    run_id = (await start_run(stub, owner)).run.id
    claimed = await claim(stub, TAILOR, run_id, worker_id="w")
    await stub.DeleteTailorRun(_delete_run(owner, run_id))
    await expect(
        grpc.StatusCode.FAILED_PRECONDITION, fail(stub, TAILOR, run_id, claimed.lease_token, "")
    )


async def test_purge_keeps_a_deleted_posting_still_used_by_a_live_run(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    job_id = await create_job(stub, owner)
    unused_job = await create_job(stub, owner)
    await start_run(stub, owner, resume_document=pasted("cv"), job_posting_id=job_id)
    for jid in (job_id, unused_job):
        await stub.DeleteJobPosting(
            storage_pb2.DeleteJobPostingRequest(owner_id=owner, job_posting_id=jid)
        )
    await age_deletions(db, owner, 10)
    await stub.PurgeDeleted(storage_pb2.PurgeDeletedRequest(older_than_seconds=5))
    assert await exists(db, "job_postings", job_id)
    assert not await exists(db, "job_postings", unused_job)

"""Tailor runs: idempotent creation with exactly one outbox job, claims under a lease,
completion with the result and its audit columns."""

from __future__ import annotations

import asyncio
import uuid

import grpc
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from kit.jobs import TAILOR as TAILOR_JOB
from resumeai.storage.v1 import jobs_pb2, storage_pb2
from resumeai.v1 import common_pb2
from tests.integration.storage.helpers import (
    JOB_TEXT,
    RESUME_TEXT,
    TAILOR,
    Stub,
    claim,
    complete_run,
    fail,
    lease,
    make_result,
    pasted,
    start_run,
    succeeded_run,
)
from tests.integration.storage.test_storage_documents import create_job, create_resume, expect

CLAIMED = storage_pb2.CLAIM_OUTCOME_CLAIMED
HELD = storage_pb2.CLAIM_OUTCOME_HELD_ELSEWHERE
FINISHED = storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED


async def outbox_rows_for(db: AsyncEngine, run_id: str) -> int:
    payload = TAILOR_JOB.payload(run_id)
    async with db.connect() as conn:
        return int(
            await conn.scalar(
                text("SELECT count(*) FROM outbox WHERE payload = :p AND routing_key = 'tailor'"),
                {"p": payload},
            )
        )


async def count_rows(db: AsyncEngine, sql: str, **params: object) -> int:
    async with db.connect() as conn:
        return int(await conn.scalar(text(sql), params))


async def test_create_run_with_inline_documents(stub: Stub, owner: str, db: AsyncEngine) -> None:
    reply = await start_run(stub, owner, request_id="req-inline")
    assert reply.created
    run = reply.run
    assert run.status == common_pb2.RUN_STATUS_QUEUED
    assert run.request_id == "req-inline"
    assert run.options.provider == "offline" and run.options.max_bullets == 8
    # The inline documents were stored for the owner.
    resume = (
        await stub.GetResume(storage_pb2.GetResumeRequest(owner_id=owner, resume_id=run.resume_id))
    ).resume
    job = (
        await stub.GetJobPosting(
            storage_pb2.GetJobPostingRequest(owner_id=owner, job_posting_id=run.job_posting_id)
        )
    ).job_posting
    # Records carry the resume's bytes (content), not text.
    assert (resume.content, job.text) == (RESUME_TEXT.encode(), JOB_TEXT)
    assert resume.inline and job.inline
    # The job to publish carries the run id only.
    assert reply.job.routing_key == "tailor"
    assert uuid.UUID(reply.job.id)
    assert jobs_pb2.TailorJob.FromString(reply.job.payload).run_id == run.id
    assert TAILOR_JOB.item_id(reply.job.payload) == run.id
    assert await outbox_rows_for(db, run.id) == 1


async def test_create_run_from_stored_documents(stub: Stub, owner: str) -> None:
    resume_id = await create_resume(stub, owner)
    job_id = await create_job(stub, owner)
    reply = await start_run(stub, owner, resume_id=resume_id, job_posting_id=job_id)
    assert (reply.run.resume_id, reply.run.job_posting_id) == (resume_id, job_id)


async def test_create_run_with_another_owners_documents_is_not_found(
    stub: Stub, owner: str, other_owner: str, db: AsyncEngine
) -> None:
    resume_id = await create_resume(stub, other_owner)
    job_id = await create_job(stub, other_owner)
    mine_resume = await create_resume(stub, owner)
    before = await count_rows(db, "SELECT count(*) FROM job_postings WHERE owner_id = :o", o=owner)
    await expect(
        grpc.StatusCode.NOT_FOUND,
        start_run(stub, owner, resume_id=resume_id, job_text=JOB_TEXT),
    )
    await expect(
        grpc.StatusCode.NOT_FOUND,
        start_run(stub, owner, resume_id=mine_resume, job_posting_id=job_id),
    )
    await expect(
        grpc.StatusCode.NOT_FOUND,
        start_run(stub, owner, resume_id="nope", job_text=JOB_TEXT),
    )
    # Nothing half-created: the failed calls stored no inline job posting.
    after = await count_rows(db, "SELECT count(*) FROM job_postings WHERE owner_id = :o", o=owner)
    assert after == before


async def test_create_run_is_idempotent_sequentially(
    stub: Stub, owner: str, other_owner: str, db: AsyncEngine
) -> None:
    first = await start_run(stub, owner, request_id="same-key")
    again = await start_run(stub, owner, request_id="same-key")
    assert first.created and not again.created
    assert again.run.id == first.run.id
    assert not again.HasField("job")
    assert await outbox_rows_for(db, first.run.id) == 1
    # The key is per owner.
    other = await start_run(stub, other_owner, request_id="same-key")
    assert other.created and other.run.id != first.run.id
    # No request id: no idempotency.
    a = await start_run(stub, owner, request_id="")
    b = await start_run(stub, owner, request_id="")
    assert a.created and b.created and a.run.id != b.run.id


async def test_a_request_id_reused_for_another_request_is_refused(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    """The same id with the same request is a replay (the first run); with another request
    it is a caller's mistake, refused, never answered with the first request's run."""
    first = await start_run(stub, owner, request_id="reused-key")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await start_run(
            stub,
            owner,
            request_id="reused-key",
            resume_document=pasted(RESUME_TEXT),
            job_text="Another job",
        )
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert caught.value.details() == "request_id: already used for a different request"
    replay = await start_run(stub, owner, request_id="reused-key")
    assert replay.run.id == first.run.id and not replay.created
    rows = "SELECT count(*) FROM tailor_runs WHERE request_id = 'reused-key'"
    assert await count_rows(db, rows) == 1


async def test_create_run_is_idempotent_under_concurrency(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    key = f"concurrent-{uuid.uuid4().hex}"
    replies = await asyncio.gather(*(start_run(stub, owner, request_id=key) for _ in range(10)))
    assert len({reply.run.id for reply in replies}) == 1
    assert sum(reply.created for reply in replies) == 1
    assert sum(reply.HasField("job") for reply in replies) == 1
    run_id = replies[0].run.id
    assert await outbox_rows_for(db, run_id) == 1
    assert (
        await count_rows(db, "SELECT count(*) FROM tailor_runs WHERE request_id = :k", k=key) == 1
    )
    # The losers' inline resumes were rolled back with their transactions.
    resumes = await count_rows(db, "SELECT count(*) FROM resumes WHERE owner_id = :o", o=owner)
    assert resumes == 1


async def test_claim_semantics(stub: Stub, owner: str) -> None:
    run_id = (await start_run(stub, owner)).run.id
    first = await claim(stub, TAILOR, run_id, worker_id="w1")
    assert first.outcome == CLAIMED and first.lease_token
    assert first.tailor.run.status == common_pb2.RUN_STATUS_RUNNING
    assert first.tailor.run.attempts == 1 and first.tailor.run.start_time.seconds > 0
    assert first.tailor.resume_format == common_pb2.DOCUMENT_FORMAT_TXT
    assert first.tailor.resume_content == RESUME_TEXT.encode()
    assert first.tailor.job_text == JOB_TEXT

    duplicate = await claim(stub, TAILOR, run_id, worker_id="w2")
    assert duplicate.outcome == HELD and not duplicate.lease_token
    assert duplicate.WhichOneof("inputs") is None

    takeover = await claim(stub, TAILOR, run_id, worker_id="w2", redelivered=True)
    assert takeover.outcome == CLAIMED
    assert takeover.lease_token and takeover.lease_token != first.lease_token
    assert takeover.tailor.run.attempts == 2
    assert takeover.tailor.run.start_time == first.tailor.run.start_time

    # The first worker lost its lease: its result is refused, the new holder's accepted.
    err = await expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        complete_run(stub, run_id, first.lease_token, make_result()),
    )
    assert err.details() == "lease lost"
    await expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        fail(stub, TAILOR, run_id, first.lease_token, "x"),
    )
    done = await complete_run(stub, run_id, takeover.lease_token, make_result())
    assert done.status == common_pb2.RUN_STATUS_SUCCEEDED

    for redelivered in (False, True):
        finished = await claim(stub, TAILOR, run_id, worker_id="w3", redelivered=redelivered)
        assert finished.outcome == FINISHED and not finished.lease_token


async def test_claim_of_missing_or_deleted_run_is_already_finished(stub: Stub, owner: str) -> None:
    for run_id in (str(uuid.uuid4()), "not-a-uuid"):
        reply = await claim(stub, TAILOR, run_id, worker_id="")
        assert reply.outcome == FINISHED
    run_id = (await start_run(stub, owner)).run.id
    await stub.DeleteTailorRun(storage_pb2.DeleteTailorRunRequest(owner_id=owner, run_id=run_id))
    reply = await claim(stub, TAILOR, run_id, worker_id="")
    assert reply.outcome == FINISHED


async def test_expired_lease_can_be_taken_over(stub: Stub, owner: str, db: AsyncEngine) -> None:
    run_id = (await start_run(stub, owner)).run.id
    first = await claim(stub, TAILOR, run_id, worker_id="w1")
    async with db.begin() as conn:
        await conn.execute(
            text(
                "UPDATE tailor_runs SET lease_expires_at = now() - interval '1 second' "
                "WHERE id = :id"
            ),
            {"id": run_id},
        )
    second = await claim(stub, TAILOR, run_id, worker_id="w2")
    assert second.outcome == CLAIMED and second.lease_token != first.lease_token


async def test_concurrent_claims_hand_out_one_lease(stub: Stub, owner: str) -> None:
    run_id = (await start_run(stub, owner)).run.id
    replies = await asyncio.gather(
        *(claim(stub, TAILOR, run_id, worker_id=f"w{i}") for i in range(8))
    )
    assert [r.outcome for r in replies].count(CLAIMED) == 1
    assert [r.outcome for r in replies].count(HELD) == 7


async def test_complete_stores_result_and_metadata(stub: Stub, owner: str, db: AsyncEngine) -> None:
    run_id = (await start_run(stub, owner)).run.id
    claimed = await claim(stub, TAILOR, run_id, worker_id="w1")
    result = make_result(before=40.0, after=80.5)
    request = storage_pb2.CompleteWorkRequest(
        lease=lease(TAILOR, run_id, claimed.lease_token),
        tailor=storage_pb2.TailorOutput(result=result),
    )
    done = (await stub.CompleteWork(request)).item.run
    assert done.status == common_pb2.RUN_STATUS_SUCCEEDED
    assert done.end_time.seconds > 0
    # A retry of the same completion (lost response) is answered, not refused.
    again = (await stub.CompleteWork(request)).item.run
    assert again.id == run_id and again.status == common_pb2.RUN_STATUS_SUCCEEDED

    got = (
        await stub.GetTailorRun(
            storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id, with_result=True)
        )
    ).run
    assert got.result == result
    assert got.metadata == result.metadata
    # A status poll (without with_result) reads no result.
    polled = await stub.GetTailorRun(storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id))
    assert not polled.run.HasField("result")
    assert polled.run.score_after == 80.5
    assert (got.score_before, got.score_after) == (40.0, 80.5)

    async with db.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT prompt_version, provider, model, parameters, prompt_tokens, "
                    "completion_tokens, cost_micro_usd, latency_ms, resume_sha256, job_sha256, "
                    "score_after, finished_at IS NOT NULL AS finished FROM tailor_runs "
                    "WHERE id = :id"
                ),
                {"id": run_id},
            )
        ).one()
    assert row.prompt_version == "tailor-v1"
    assert (row.provider, row.model) == ("offline", "extractive")
    assert row.parameters == {"seed": 7, "temperature": 0}
    assert (row.prompt_tokens, row.completion_tokens, row.cost_micro_usd, row.latency_ms) == (
        11,
        22,
        33,
        44,
    )
    assert row.resume_sha256 == "cd" * 32 and row.job_sha256 == "ef" * 32
    assert row.score_after == 80.5 and row.finished

    # Lists carry the summary (scores, metadata) but never the result.
    listed = await stub.ListTailorRuns(storage_pb2.ListTailorRunsRequest(owner_id=owner))
    (item,) = [r for r in listed.runs if r.id == run_id]
    assert not item.HasField("result")
    assert item.score_after == 80.5
    assert item.metadata.provider == "offline"
    assert item.metadata.parameters_json == '{"seed":7,"temperature":0}'


async def test_fail_records_the_reason(stub: Stub, owner: str) -> None:
    run_id = (await start_run(stub, owner)).run.id
    claimed = await claim(stub, TAILOR, run_id, worker_id="w1")
    failed = (await fail(stub, TAILOR, run_id, claimed.lease_token, "parse failed")).run
    assert failed.status == common_pb2.RUN_STATUS_FAILED and failed.error == "parse failed"
    # Completing after failing is refused: one outcome per run.
    await expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        complete_run(stub, run_id, claimed.lease_token, make_result()),
    )
    reply = await claim(stub, TAILOR, run_id, worker_id="", redelivered=True)
    assert reply.outcome == FINISHED


async def test_run_owner_scoping(stub: Stub, owner: str, other_owner: str) -> None:
    run_id = await succeeded_run(stub, owner)
    await expect(
        grpc.StatusCode.NOT_FOUND,
        stub.GetTailorRun(storage_pb2.GetTailorRunRequest(owner_id=other_owner, run_id=run_id)),
    )
    await expect(
        grpc.StatusCode.NOT_FOUND,
        stub.DeleteTailorRun(
            storage_pb2.DeleteTailorRunRequest(owner_id=other_owner, run_id=run_id)
        ),
    )
    listed = await stub.ListTailorRuns(storage_pb2.ListTailorRunsRequest(owner_id=other_owner))
    assert run_id not in [r.id for r in listed.runs]
    mine = await stub.GetTailorRun(storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id))
    assert mine.run.id


@pytest.mark.parametrize("page_size", [1, 2, 5])
async def test_run_list_paging(stub: Stub, owner: str, page_size: int) -> None:
    created = [(await start_run(stub, owner)).run.id for _ in range(5)]
    seen: list[str] = []
    token = ""
    while True:
        page = await stub.ListTailorRuns(
            storage_pb2.ListTailorRunsRequest(
                owner_id=owner,
                page=storage_pb2.PageRequest(page_size=page_size, page_token=token),
            )
        )
        seen.extend(r.id for r in page.runs)
        token = page.next_page_token
        if not token:
            break
    assert seen == list(reversed(created))


async def test_rows_with_only_the_json_result_still_read(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    """Runs completed before the binary copy existed (migration 0003) read from the JSONB."""
    run_id = (await start_run(stub, owner)).run.id
    claimed = await claim(stub, TAILOR, run_id, worker_id="w1")
    result = make_result(before=12.5, after=60.0)
    await complete_run(stub, run_id, claimed.lease_token, result)
    async with db.begin() as conn:
        stored = await conn.execute(
            text("UPDATE tailor_runs SET result_pb = NULL WHERE id = :id AND result IS NOT NULL"),
            {"id": run_id},
        )
        assert stored.rowcount == 1
    got = (
        await stub.GetTailorRun(
            storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id, with_result=True)
        )
    ).run
    assert got.result == result

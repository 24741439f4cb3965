"""Leased work through the one set of RPCs every kind of job uses: the lease's expiry, its
renewal (the worker's heartbeat), and the kind checks."""

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
    fail,
    lease,
    make_result,
    pasted,
    start_run,
)


async def _expect(code: grpc.StatusCode, call: object) -> grpc.aio.AioRpcError:
    try:
        await call  # type: ignore[misc]
    except grpc.aio.AioRpcError as exc:
        assert exc.code() == code, exc.details()
        return exc
    raise AssertionError(f"expected {code.name}")


async def test_claim_states_when_the_lease_runs_out_and_renewal_moves_it(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    run_id = (await start_run(stub, owner)).run.id
    claimed = await claim(stub, TAILOR, run_id)
    first = claimed.lease_expire_time.ToDatetime()
    async with db.connect() as conn:
        stored = await conn.scalar(
            text("SELECT lease_expires_at FROM tailor_runs WHERE id = :id"), {"id": run_id}
        )
    assert abs((stored.replace(tzinfo=None) - first).total_seconds()) < 1
    # Age the lease, then renew it: the expiry moves a full lease length ahead of now.
    async with db.begin() as conn:
        await conn.execute(
            text(
                "UPDATE tailor_runs SET lease_expires_at = now() + interval '5 seconds' "
                "WHERE id = :id"
            ),
            {"id": run_id},
        )
    renewed = await stub.RenewLease(
        storage_pb2.RenewLeaseRequest(lease=lease(TAILOR, run_id, claimed.lease_token))
    )
    async with db.connect() as conn:
        now, stored = (
            await conn.execute(
                text("SELECT now(), lease_expires_at FROM tailor_runs WHERE id = :id"),
                {"id": run_id},
            )
        ).one()
    # The storage server under test leases runs for 600 s (conftest).
    assert (stored - now).total_seconds() > 590
    assert (
        abs((stored.replace(tzinfo=None) - renewed.lease_expire_time.ToDatetime()).total_seconds())
        < 1
    )


async def test_renewal_is_refused_once_the_lease_is_gone(stub: Stub, owner: str) -> None:
    run_id = (await start_run(stub, owner)).run.id
    claimed = await claim(stub, TAILOR, run_id)
    stranger = lease(TAILOR, run_id, "00000000-0000-0000-0000-000000000000")
    await _expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        stub.RenewLease(storage_pb2.RenewLeaseRequest(lease=stranger)),
    )
    await fail(stub, TAILOR, run_id, claimed.lease_token, "no")
    held = lease(TAILOR, run_id, claimed.lease_token)
    err = await _expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        stub.RenewLease(storage_pb2.RenewLeaseRequest(lease=held)),
    )
    assert err.details() == "lease lost"


async def test_a_kind_must_be_named_and_outputs_match_it(stub: Stub, owner: str) -> None:
    run_id = (await start_run(stub, owner)).run.id
    await _expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        stub.ClaimWork(storage_pb2.ClaimWorkRequest(item_id=run_id, worker_id="w")),
    )
    claimed = await claim(stub, TAILOR, run_id)
    wrong = storage_pb2.CompleteWorkRequest(
        lease=lease(TAILOR, run_id, claimed.lease_token),
        export=storage_pb2.ExportOutput(content=b"x", content_type="text/plain"),
    )
    await _expect(grpc.StatusCode.INVALID_ARGUMENT, stub.CompleteWork(wrong))
    # The run's id claimed as an export names no artifact: nothing to do, ack and skip.
    other = await claim(stub, EXPORT, run_id)
    assert other.outcome == storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED
    right = storage_pb2.CompleteWorkRequest(
        lease=lease(TAILOR, run_id, claimed.lease_token),
        tailor=storage_pb2.TailorOutput(result=make_result()),
    )
    done = await stub.CompleteWork(right)
    assert done.item.WhichOneof("item") == "run" and done.item.run.score_after == 77.25


async def test_a_failed_call_commits_nothing(stub: Stub, owner: str, db: AsyncEngine) -> None:
    """One transaction per call: the inline resume is written first; the empty job text
    sent with it is refused after, and the resume goes with the refusal (no run, no outbox
    job either)."""
    count = text("SELECT count(*) FROM resumes WHERE owner_id = :o")
    async with db.connect() as conn:
        before = await conn.scalar(count, {"o": owner})
    bad = storage_pb2.CreateTailorRunRequest(
        owner_id=owner,
        request_id="one-transaction",
        resume_document=pasted("Jane Roe\nEngineer at Acme, 2020 - 2024\n- Built things"),
        job_text="",
    )
    await _expect(grpc.StatusCode.INVALID_ARGUMENT, stub.CreateTailorRun(bad))
    async with db.connect() as conn:
        after = await conn.scalar(count, {"o": owner})
        runs = await conn.scalar(
            text("SELECT count(*) FROM tailor_runs WHERE owner_id = :o"), {"o": owner}
        )
    assert (after, runs) == (before, 0)

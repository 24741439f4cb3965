"""What an operator does to one item (storage_service.operations): fail a queued one, retry
a failed one (with a new outbox job in the same transaction), and refusals otherwise."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select, text

from kit.jobs import TAILOR as TAILOR_JOB
from storage_service import operations
from storage_service.cli import in_transaction
from storage_service.db.models import OutboxJob
from storage_service.errors import FailedPrecondition, NotFound
from tests.integration.storage.helpers import Stub, start_run

RUNS = operations.KINDS["run"]


async def _jobs(database_url: str, run_id: str) -> int:
    async def count(session):  # type: ignore[no-untyped-def]
        return await session.scalar(
            select(func.count()).where(OutboxJob.payload == TAILOR_JOB.payload(run_id))
        )

    return int(await in_transaction(database_url, count))


async def test_fail_then_retry(database_url: str, stub: Stub, owner: str) -> None:
    run_id = (await start_run(stub, owner)).run.id

    async def fail(session):  # type: ignore[no-untyped-def]
        await operations.fail(session, RUNS, run_id, "stuck behind a bad deploy")

    await in_transaction(database_url, fail)
    shown = await in_transaction(database_url, lambda s: operations.show(s, RUNS, run_id))
    assert shown.status == "failed"
    assert shown.error == "failed by an operator: stuck behind a bad deploy"
    with pytest.raises(FailedPrecondition, match="only queued or running"):
        await in_transaction(database_url, fail)

    jobs_before = await _jobs(database_url, run_id)
    await in_transaction(database_url, lambda s: operations.retry(s, RUNS, run_id))
    shown = await in_transaction(database_url, lambda s: operations.show(s, RUNS, run_id))
    assert shown.status == "queued" and shown.error == ""
    assert await _jobs(database_url, run_id) == jobs_before + 1
    with pytest.raises(FailedPrecondition, match="queued, not failed"):
        await in_transaction(database_url, lambda s: operations.retry(s, RUNS, run_id))


async def test_a_deleted_item_is_not_retried(database_url: str, stub: Stub, owner: str) -> None:
    run_id = (await start_run(stub, owner)).run.id

    async def failed_and_deleted(session):  # type: ignore[no-untyped-def]
        await session.execute(
            text("UPDATE tailor_runs SET status = 5, deleted_at = now() WHERE id = :id"),
            {"id": uuid.UUID(run_id)},
        )

    await in_transaction(database_url, failed_and_deleted)
    with pytest.raises(FailedPrecondition, match="deleted"):
        await in_transaction(database_url, lambda s: operations.retry(s, RUNS, run_id))


@pytest.mark.parametrize("item_id", [str(uuid.uuid4()), "not-an-id"])
async def test_unknown_items_are_not_found(database_url: str, item_id: str) -> None:
    with pytest.raises(NotFound):
        await in_transaction(database_url, lambda s: operations.show(s, RUNS, item_id))

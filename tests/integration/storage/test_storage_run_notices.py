"""Run notices: derived when a run completes, shown by Get and List (never before success),
and backfilled by migration 0005 for runs that succeeded before it."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from resumeai.storage.v1 import records_pb2, storage_pb2
from resumeai.v1 import common_pb2, result_pb2
from storage_service.migrate import alembic_config
from storage_service.records import result_to_json
from tests.conftest import fresh_database
from tests.integration.storage.helpers import (
    TAILOR,
    Stub,
    claim,
    completed_run,
    fail,
    make_result,
    start_run,
)
from tests.run_notice_cases import CASES, NO_BULLETS, NO_ROLES, NOTHING, keyword, result

pytestmark = pytest.mark.integration


async def listed(stub: Stub, owner: str) -> dict[str, records_pb2.TailorRunRecord]:
    page = await stub.ListTailorRuns(
        storage_pb2.ListTailorRunsRequest(
            owner_id=owner, page=storage_pb2.PageRequest(page_size=100)
        )
    )
    return {run.id: run for run in page.runs}


def with_metadata(outcome: result_pb2.TailoringResult) -> result_pb2.TailoringResult:
    outcome.metadata.CopyFrom(make_result().metadata)
    return outcome


async def test_an_empty_result_says_so_in_get_and_list(
    stub: Stub, owner: str, db: AsyncEngine
) -> None:
    # A resume with skills only: no role, so no bullet; the job's keyword is not in it.
    empty = with_metadata(result(work=[], bullets=0, before=[keyword("Kafka")]))
    done = await completed_run(stub, owner, empty)
    expected = [NO_ROLES, NO_BULLETS, NOTHING]
    assert done.status == common_pb2.RUN_STATUS_SUCCEEDED  # a notice is not a failure
    assert list(done.notices) == expected

    got = (
        await stub.GetTailorRun(
            storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=done.id, with_result=True)
        )
    ).run
    assert got.status == common_pb2.RUN_STATUS_SUCCEEDED
    assert list(got.notices) == expected
    assert got.result == empty

    item = (await listed(stub, owner))[done.id]
    assert list(item.notices) == expected
    assert not item.HasField("result")

    async with db.connect() as conn:
        stored = await conn.scalar(
            text("SELECT notices FROM tailor_runs WHERE id = :id"), {"id": done.id}
        )
    assert stored == [int(n) for n in expected]


async def test_a_useful_result_has_no_notices(stub: Stub, owner: str, db: AsyncEngine) -> None:
    done = await completed_run(stub, owner, with_metadata(result()))
    got = (
        await stub.GetTailorRun(storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=done.id))
    ).run
    item = (await listed(stub, owner))[done.id]
    for run in (done, got, item):
        assert run.status == common_pb2.RUN_STATUS_SUCCEEDED
        assert not run.notices
    async with db.connect() as conn:
        stored = await conn.scalar(
            text("SELECT notices FROM tailor_runs WHERE id = :id"), {"id": done.id}
        )
    assert stored == []  # derived and empty, not NULL (not derived)


async def test_no_notices_before_success_or_after_failure(stub: Stub, owner: str) -> None:
    queued = (await start_run(stub, owner)).run.id
    failed = (await start_run(stub, owner)).run.id
    claimed = await claim(stub, TAILOR, failed, worker_id="w1")
    await fail(stub, TAILOR, failed, claimed.lease_token, "boom")
    runs = await listed(stub, owner)
    for run_id in (queued, failed):
        assert not runs[run_id].notices
        got = await stub.GetTailorRun(
            storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id)
        )
        assert not got.run.notices


# --- migration 0005 on rows written before it ---------------------------------------------


@pytest.fixture
async def database_at_0004() -> AsyncIterator[str]:
    """A database of its own, brought down to the revision before the notices column."""
    with fresh_database("_notices") as url:
        await asyncio.to_thread(command.downgrade, alembic_config(url), "0004")
        yield url


async def _insert_runs(
    engine: AsyncEngine,
) -> dict[str, tuple[uuid.UUID, result_pb2.TailoringResult | None]]:
    """One SUCCEEDED run per case (with its result as 0001..0004 stored it: JSON), and a
    QUEUED and a FAILED run without a result."""
    owner, resume, job = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    runs: dict[str, tuple[int, result_pb2.TailoringResult | None]] = {
        name: (common_pb2.RUN_STATUS_SUCCEEDED, outcome) for name, outcome, _ in CASES
    }
    runs["queued"] = (common_pb2.RUN_STATUS_QUEUED, None)
    runs["failed"] = (common_pb2.RUN_STATUS_FAILED, None)
    ids = {name: uuid.uuid4() for name in runs}
    async with engine.begin() as conn:
        await conn.execute(
            text("INSERT INTO owners (id, name) VALUES (:id, 'notices-migration')"), {"id": owner}
        )
        await conn.execute(
            text(
                "INSERT INTO resumes (id, owner_id, format, content, size_bytes, sha256) "
                "VALUES (:id, :owner, 1, 'x', 1, 'x')"
            ),
            {"id": resume, "owner": owner},
        )
        await conn.execute(
            text(
                "INSERT INTO job_postings (id, owner_id, text, size_bytes, sha256) "
                "VALUES (:id, :owner, 'x', 1, 'x')"
            ),
            {"id": job, "owner": owner},
        )
        for name, (status, outcome) in runs.items():
            await conn.execute(
                text(
                    "INSERT INTO tailor_runs (id, owner_id, resume_id, job_posting_id, status, "
                    "result) VALUES (:id, :owner, :resume, :job, :status, CAST(:result AS jsonb))"
                ),
                {
                    "id": ids[name],
                    "owner": owner,
                    "resume": resume,
                    "job": job,
                    "status": status,
                    "result": None if outcome is None else json.dumps(result_to_json(outcome)),
                },
            )
    return {name: (ids[name], outcome) for name, (_, outcome) in runs.items()}


async def _notices(engine: AsyncEngine) -> dict[uuid.UUID, list[int] | None]:
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT id, notices FROM tailor_runs"))
        return {row.id: row.notices for row in rows}


async def _columns(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'tailor_runs'"
            )
        )
        return {row.column_name for row in rows}


async def test_migration_backfills_notices_by_the_same_rules(database_at_0004: str) -> None:
    engine = create_async_engine(database_at_0004)
    try:
        runs = await _insert_runs(engine)
        await asyncio.to_thread(command.upgrade, alembic_config(database_at_0004), "head")
        stored = await _notices(engine)
        expected = {name: notices for name, _, notices in CASES}
        for name, (run_id, _outcome) in runs.items():
            if name in ("queued", "failed"):
                assert stored[run_id] is None, name  # not derived: no result
            else:
                assert stored[run_id] == [int(n) for n in expected[name]], name

        # Down and up again: the column goes, then comes back filled the same way.
        await asyncio.to_thread(command.downgrade, alembic_config(database_at_0004), "0004")
        assert "notices" not in await _columns(engine)
        await asyncio.to_thread(command.upgrade, alembic_config(database_at_0004), "head")
        assert await _notices(engine) == stored
    finally:
        await engine.dispose()

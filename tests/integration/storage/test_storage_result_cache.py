"""FindCachedResult: reuse of an earlier run's result is scoped to the owner and to finished,
live runs with the same key."""

from __future__ import annotations

import uuid

from resumeai.storage.v1 import storage_pb2
from tests.integration.storage.helpers import (
    TAILOR,
    Stub,
    claim,
    complete_run,
    fail,
    make_result,
    start_run,
)


async def _finish_with_key(stub: Stub, owner: str, key: str, before: float = 41.5) -> str:
    run = (await start_run(stub, owner)).run
    claimed = await claim(stub, TAILOR, run.id, worker_id="t")
    await complete_run(stub, run.id, claimed.lease_token, make_result(before), cache_key=key)
    return run.id


async def _lookup(stub: Stub, run_id: str, key: str) -> storage_pb2.FindCachedResultResponse:
    return await stub.FindCachedResult(
        storage_pb2.FindCachedResultRequest(run_id=run_id, cache_key=key)
    )


async def test_same_owner_same_key_reuses_the_newest_result(stub: Stub, owner: str) -> None:
    key = uuid.uuid4().hex
    await _finish_with_key(stub, owner, key, before=10.0)
    newest = await _finish_with_key(stub, owner, key, before=20.0)
    pending = (await start_run(stub, owner)).run
    found = await _lookup(stub, pending.id, key)
    assert found.found and found.source_run_id == newest
    assert found.result.coverage_before.score.overall == 20.0


async def test_other_owner_or_other_key_finds_nothing(
    stub: Stub, owner: str, other_owner: str
) -> None:
    key = uuid.uuid4().hex
    await _finish_with_key(stub, owner, key)
    theirs = (await start_run(stub, other_owner)).run
    assert not (await _lookup(stub, theirs.id, key)).found
    mine = (await start_run(stub, owner)).run
    assert not (await _lookup(stub, mine.id, uuid.uuid4().hex)).found
    assert not (await _lookup(stub, mine.id, "")).found


async def test_deleted_or_failed_runs_are_not_reused(stub: Stub, owner: str) -> None:
    key = uuid.uuid4().hex
    done = await _finish_with_key(stub, owner, key)
    await stub.DeleteTailorRun(storage_pb2.DeleteTailorRunRequest(owner_id=owner, run_id=done))
    failed = (await start_run(stub, owner)).run
    claimed = await claim(stub, TAILOR, failed.id, worker_id="t")
    await fail(stub, TAILOR, failed.id, claimed.lease_token, "no")
    pending = (await start_run(stub, owner)).run
    assert not (await _lookup(stub, pending.id, key)).found

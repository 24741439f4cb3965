"""WatchRunChanges: every change of a run's state reaches the watching gateways as it
commits (a trigger, whichever path wrote it), after a first "anything may have changed".
Creation is not a change (nobody can watch a run before it exists)."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from resumeai.storage.v1 import storage_pb2
from tests.integration.storage.helpers import TAILOR, Stub, claim, fail, start_run


async def _next_for(feed: object, run_id: str) -> None:
    """Waits until the feed names `run_id` (other tests' runs may change meanwhile)."""
    async with asyncio.timeout(5):
        while (await feed.read()).run_id != run_id:  # type: ignore[attr-defined]
            pass


async def test_each_change_of_a_run_is_pushed(stub: Stub, owner: str, db: AsyncEngine) -> None:
    feed = stub.WatchRunChanges(storage_pb2.WatchRunChangesRequest())
    try:
        first = await asyncio.wait_for(feed.read(), 5)
        assert first.run_id == ""  # resync first
        run_id = (await start_run(stub, owner)).run.id
        claimed = await claim(stub, TAILOR, run_id)
        await _next_for(feed, run_id)  # RUNNING
        await fail(stub, TAILOR, run_id, claimed.lease_token, "no")
        await _next_for(feed, run_id)  # FAILED
        # A write that no RPC made (an operator's SQL) is pushed all the same.
        async with db.begin() as conn:
            await conn.execute(
                text("UPDATE tailor_runs SET deleted_at = now() WHERE id = :id"), {"id": run_id}
            )
        await _next_for(feed, run_id)
        # A change that moves none of status, update time or deletion is not news.
        async with db.begin() as conn:
            await conn.execute(
                text("UPDATE tailor_runs SET error = 'x' WHERE id = :id"), {"id": run_id}
            )
        try:
            await asyncio.wait_for(_next_for(feed, run_id), 0.5)
        except TimeoutError:
            pass
        else:
            raise AssertionError("a change of the error text alone was pushed")
    finally:
        feed.cancel()

"""WatchHub: one poll per watched run, however many watch it; each watcher sees the changes
and the final state; a failure reaches every watcher; the last one out stops the poll."""

from __future__ import annotations

import asyncio

import pytest

from gateway.watch_hub import WatchHub
from resumeai.v1 import common_pb2, resources_pb2

QUEUED = common_pb2.RUN_STATUS_QUEUED
RUNNING = common_pb2.RUN_STATUS_RUNNING
SUCCEEDED = common_pb2.RUN_STATUS_SUCCEEDED


class Storage:
    """A run whose status a test moves on; counts the reads."""

    def __init__(self) -> None:
        self.reads = 0
        self.status = QUEUED
        self.second = 0
        self.failure: Exception | None = None

    async def fetch(self) -> resources_pb2.TailorRun:
        self.reads += 1
        if self.failure is not None:
            raise self.failure
        run = resources_pb2.TailorRun(id="r1", status=self.status)
        run.update_time.seconds = self.second
        return run

    def move(self, status: int) -> None:
        self.status, self.second = status, self.second + 1


def _hub() -> WatchHub:
    return WatchHub(0.01, lambda run: run.status == SUCCEEDED)


async def _statuses(hub: WatchHub, storage: Storage) -> list[int]:
    return [run.status async for run in hub.watch(("owner", "r1"), storage.fetch)]


async def test_a_hundred_watchers_cost_one_poll_and_all_see_the_end() -> None:
    hub, storage = _hub(), Storage()
    watchers = [asyncio.ensure_future(_statuses(hub, storage)) for _ in range(100)]
    await asyncio.sleep(0.05)
    assert hub.polled == 1
    polls_so_far = storage.reads
    assert polls_so_far < 20  # about one per 10 ms tick, not one per watcher
    storage.move(RUNNING)
    await asyncio.sleep(0.05)
    storage.move(SUCCEEDED)
    seen = await asyncio.wait_for(asyncio.gather(*watchers), 5)
    assert all(s[0] == QUEUED and s[-1] == SUCCEEDED for s in seen)
    assert all(RUNNING in s for s in seen)
    assert hub.polled == 0


async def test_the_last_watcher_to_leave_stops_the_poll() -> None:
    hub, storage = _hub(), Storage()
    watchers = [asyncio.ensure_future(_statuses(hub, storage)) for _ in range(3)]
    await asyncio.sleep(0.05)
    for w in watchers:
        w.cancel()
    await asyncio.gather(*watchers, return_exceptions=True)
    assert hub.polled == 0
    reads = storage.reads
    await asyncio.sleep(0.05)
    assert storage.reads == reads


async def test_a_storage_failure_reaches_every_watcher() -> None:
    hub, storage = _hub(), Storage()
    storage.failure = RuntimeError("storage down")
    watchers = [asyncio.ensure_future(_statuses(hub, storage)) for _ in range(3)]
    for outcome in await asyncio.gather(*watchers, return_exceptions=True):
        assert isinstance(outcome, RuntimeError)
    assert hub.polled == 0


async def test_a_late_watcher_gets_the_current_state_at_once() -> None:
    hub, storage = _hub(), Storage()
    early = asyncio.ensure_future(_statuses(hub, storage))
    await asyncio.sleep(0.03)
    storage.move(RUNNING)
    await asyncio.sleep(0.03)
    late = hub.watch(("owner", "r1"), storage.fetch)
    first = await asyncio.wait_for(anext(late), 1)
    assert first.status == RUNNING
    await late.aclose()
    storage.move(SUCCEEDED)
    assert (await early)[-1] == SUCCEEDED


@pytest.mark.parametrize("owners", [("a", "b")])
async def test_each_owner_has_its_own_feed(owners: tuple[str, str]) -> None:
    hub, storage = _hub(), Storage()
    watchers = [
        asyncio.ensure_future(_collect(hub.watch((owner, "r1"), storage.fetch))) for owner in owners
    ]
    await asyncio.sleep(0.03)
    assert hub.polled == 2
    storage.move(SUCCEEDED)
    await asyncio.gather(*watchers)


async def _collect(updates: object) -> list[int]:
    return [run.status async for run in updates]  # type: ignore[attr-defined]

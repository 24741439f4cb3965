"""WatchHub: one read per change of a watched run, however many watch it (pushed by storage,
or polled while the push is down); each watcher sees the changes and the final state; a
failure reaches every watcher; the last one out stops the reads."""

from __future__ import annotations

import asyncio

import pytest

from gateway.watch_hub import WatchHub
from resumeai.storage.v1 import records_pb2
from resumeai.v1 import common_pb2

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

    async def fetch(self) -> records_pb2.TailorRunRecord:
        self.reads += 1
        if self.failure is not None:
            raise self.failure
        run = records_pb2.TailorRunRecord(id="r1", status=self.status)
        run.update_time.seconds = self.second
        return run

    def move(self, status: int) -> None:
        self.status, self.second = status, self.second + 1


def _hub(resync_s: float = 30.0) -> WatchHub:
    return WatchHub(0.01, lambda run: run.status == SUCCEEDED, resync_s=resync_s)


async def _statuses(hub: WatchHub, storage: Storage) -> list[int]:
    return [run.status async for run in hub.watch(("owner", "r1"), "r1", storage.fetch)]


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
    late = hub.watch(("owner", "r1"), "r1", storage.fetch)
    first = await asyncio.wait_for(anext(late), 1)
    assert first.status == RUNNING
    await late.aclose()
    storage.move(SUCCEEDED)
    assert (await early)[-1] == SUCCEEDED


@pytest.mark.parametrize("owners", [("a", "b")])
async def test_each_owner_has_its_own_feed(owners: tuple[str, str]) -> None:
    hub, storage = _hub(), Storage()
    watchers = [
        asyncio.ensure_future(_collect(hub.watch((owner, "r1"), "r1", storage.fetch)))
        for owner in owners
    ]
    await asyncio.sleep(0.03)
    assert hub.polled == 2
    storage.move(SUCCEEDED)
    await asyncio.gather(*watchers)


async def _collect(updates: object) -> list[int]:
    return [run.status async for run in updates]  # type: ignore[attr-defined]


async def test_pushed_changes_are_read_once_each_whoever_watches() -> None:
    """While storage pushes changes, a thousand watchers of a run cost one read per change
    (plus the first), and nothing between changes."""
    hub, storage = _hub(), Storage()
    hub.resync(pushed=True)
    watchers = [asyncio.ensure_future(_statuses(hub, storage)) for _ in range(1000)]
    await asyncio.sleep(0.1)
    assert storage.reads == 1  # the first read; no polling while pushed
    storage.move(RUNNING)
    hub.changed("r1")
    await asyncio.sleep(0.05)
    assert storage.reads == 2
    hub.changed("another-run")  # not watched here: no read
    await asyncio.sleep(0.05)
    assert storage.reads == 2
    storage.move(SUCCEEDED)
    hub.changed("r1")
    seen = await asyncio.wait_for(asyncio.gather(*watchers), 5)
    assert storage.reads == 3
    assert all(s == [QUEUED, RUNNING, SUCCEEDED] for s in seen)
    assert hub.polled == 0


async def test_a_change_during_a_read_is_not_lost() -> None:
    hub, storage = _hub(), Storage()
    hub.resync(pushed=True)
    gate = asyncio.Event()
    plain = storage.fetch

    async def slow_fetch() -> records_pb2.TailorRunRecord:
        run = await plain()
        if storage.reads == 1:
            await gate.wait()  # the run changes while this read is in flight
        return run

    watcher = asyncio.ensure_future(_collect(hub.watch(("owner", "r1"), "r1", slow_fetch)))
    await asyncio.sleep(0.02)
    storage.move(SUCCEEDED)
    hub.changed("r1")
    gate.set()
    assert (await asyncio.wait_for(watcher, 2))[-1] == SUCCEEDED


async def test_without_the_push_it_polls_and_a_resync_reads_again() -> None:
    hub, storage = _hub(), Storage()
    watcher = asyncio.ensure_future(_statuses(hub, storage))
    await asyncio.sleep(0.05)
    assert storage.reads >= 3  # polling every 10 ms
    hub.resync(pushed=True)
    await asyncio.sleep(0.02)
    reads = storage.reads
    await asyncio.sleep(0.05)
    assert storage.reads == reads  # pushed: no more polling
    storage.move(SUCCEEDED)
    hub.resync(pushed=False)  # the feed went away: read again, then poll
    assert (await asyncio.wait_for(watcher, 2))[-1] == SUCCEEDED


async def test_pushed_watches_still_resync_now_and_then() -> None:
    hub, storage = _hub(resync_s=0.05), Storage()
    hub.resync(pushed=True)
    watcher = asyncio.ensure_future(_statuses(hub, storage))
    await asyncio.sleep(0.02)
    storage.move(SUCCEEDED)  # a change whose push was lost
    assert (await asyncio.wait_for(watcher, 2))[-1] == SUCCEEDED

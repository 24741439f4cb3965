"""The gateway follows storage's changed-run feed: a resync switches its watches to pushes
and its finished-run cache on, each change wakes that run's readers and forgets the run, and
a lost feed sends them back to polling with the cache off."""

from __future__ import annotations

import asyncio
from typing import Any

import grpc

from gateway.finished_runs import FinishedRuns
from gateway.run_changes import follow_run_changes
from resumeai.storage.v1 import storage_pb2
from resumeai.v1 import common_pb2, resources_pb2


class Lost(grpc.aio.AioRpcError):
    def __init__(self) -> None:
        super().__init__(
            grpc.StatusCode.UNAVAILABLE, grpc.aio.Metadata(), grpc.aio.Metadata(), details="gone"
        )


class Hub:
    def __init__(self) -> None:
        self.told: list[str] = []

    def changed(self, run_id: str) -> None:
        self.told.append(run_id)

    def resync(self, *, pushed: bool) -> None:
        self.told.append(f"resync pushed={pushed}")


async def test_changes_reach_the_hub_and_a_lost_feed_means_polling() -> None:
    asked: list[float] = []
    finished = FinishedRuns(1 << 20)
    done = resources_pb2.TailorRun(id="run-1", status=common_pb2.RUN_STATUS_SUCCEEDED)
    cached: list[bool] = []

    class Storage:
        def WatchRunChanges(self, _request: Any, *, timeout: float) -> Any:
            asked.append(timeout)

            async def pushed() -> Any:
                yield storage_pb2.WatchRunChangesResponse(run_id="")
                finished.keep("owner", done, finished.ticket())  # live: kept
                cached.append(finished.get("owner", "run-1") is not None)
                yield storage_pb2.WatchRunChangesResponse(run_id="run-1")
                cached.append(finished.get("owner", "run-1") is not None)  # changed: gone
                raise Lost()

            return pushed()

    hub = Hub()
    task = asyncio.ensure_future(follow_run_changes(Storage(), hub, finished, retry_s=10))  # type: ignore[arg-type]
    await asyncio.sleep(0.05)
    task.cancel()
    assert hub.told == ["resync pushed=True", "run-1", "resync pushed=False"]
    assert cached == [True, False]
    assert not finished.live  # the feed is lost: nothing kept or served
    assert asked and asked[0] >= 3600  # one long call, not the internal unary deadline

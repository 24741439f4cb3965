"""Follows storage's feed of changed runs (`WatchRunChanges`) and tells the watch hub, so a
watched run is read again when it changed rather than polled, and the finished-run cache,
which forgets a run that changed. While the feed is down the hub polls and the cache keeps
nothing; when it comes back, every watched run is read again and the cache starts afresh
(anything may have changed)."""

from __future__ import annotations

from gateway.feeds import RETRY_S, follow
from gateway.finished_runs import FinishedRuns
from gateway.watch_hub import WatchHub
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc


async def follow_run_changes(
    storage: storage_pb2_grpc.StorageServiceAsyncStub,
    hub: WatchHub,
    finished: FinishedRuns,
    retry_s: float = RETRY_S,
) -> None:
    def changed(message: storage_pb2.WatchRunChangesResponse) -> None:
        if message.run_id:
            hub.changed(message.run_id)
            finished.changed(message.run_id)
        else:
            hub.resync(pushed=True)
            finished.forget_all(live=True)

    def down() -> None:
        hub.resync(pushed=False)  # poll until the feed is back
        finished.forget_all(live=False)

    await follow(
        "run_changes",
        lambda deadline: storage.WatchRunChanges(
            storage_pb2.WatchRunChangesRequest(), timeout=deadline
        ),
        changed,
        down,
        retry_s,
    )

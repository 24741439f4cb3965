"""Follows storage's feed of changed runs (`WatchRunChanges`) and tells the watch hub, so a
watched run is read again when it changed rather than polled. While the feed is down the hub
polls; when it comes back, every watched run is read again (anything may have changed)."""

from __future__ import annotations

from gateway.feeds import RETRY_S, follow
from gateway.watch_hub import WatchHub
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc


async def follow_run_changes(
    storage: storage_pb2_grpc.StorageServiceAsyncStub, hub: WatchHub, retry_s: float = RETRY_S
) -> None:
    def changed(message: storage_pb2.WatchRunChangesResponse) -> None:
        if message.run_id:
            hub.changed(message.run_id)
        else:
            hub.resync(pushed=True)

    await follow(
        "run_changes",
        lambda deadline: storage.WatchRunChanges(
            storage_pb2.WatchRunChangesRequest(), timeout=deadline
        ),
        changed,
        lambda: hub.resync(pushed=False),  # poll until the feed is back
        retry_s,
    )

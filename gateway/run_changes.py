"""Follows storage's feed of changed runs (`WatchRunChanges`) and tells the watch hub, so a
watched run is read again when it changed rather than polled. While the feed is down the hub
polls; when it comes back, every watched run is read again (anything may have changed)."""

from __future__ import annotations

import asyncio

import grpc

from gateway.watch_hub import WatchHub
from kit.logging import get_logger
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc

log = get_logger(__name__)

RETRY_S = 1.0
FEED_DEADLINE_S = 24 * 3600.0  # one long call, renewed daily (see gateway/revocations.py)


async def follow_run_changes(
    storage: storage_pb2_grpc.StorageServiceAsyncStub, hub: WatchHub, retry_s: float = RETRY_S
) -> None:
    while True:
        try:
            feed = storage.WatchRunChanges(
                storage_pb2.WatchRunChangesRequest(), timeout=FEED_DEADLINE_S
            )
            async for change in feed:
                if change.run_id:
                    hub.changed(change.run_id)
                else:
                    hub.resync(pushed=True)
        except asyncio.CancelledError:
            raise
        except grpc.aio.AioRpcError as exc:
            log.warning("run_changes.feed_lost", code=exc.code().name)
        hub.resync(pushed=False)  # poll until the feed is back
        await asyncio.sleep(retry_s)

"""Follows storage's feed of revoked keys and drops each from the key caches at once, so a
revoked key fails on the gateway's next call with it, on every replica. When the feed starts
(or comes back after a gap) storage first sends "forget all": nothing revoked meanwhile is
served from a cache. While the feed is down, the cache's TTL bounds what could go unseen."""

from __future__ import annotations

import asyncio

import grpc

from gateway.auth import KeyResolver
from kit.logging import get_logger
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc

log = get_logger(__name__)

RETRY_S = 1.0
# The feed is one long call: past the internal channel's default deadline (for unary calls)
# it would end, and every cached key be forgotten, every few seconds. Renewed daily instead.
FEED_DEADLINE_S = 24 * 3600.0


async def follow_revocations(
    storage: storage_pb2_grpc.StorageServiceAsyncStub, keys: KeyResolver, retry_s: float = RETRY_S
) -> None:
    while True:
        try:
            feed = storage.WatchRevokedKeys(
                storage_pb2.WatchRevokedKeysRequest(), timeout=FEED_DEADLINE_S
            )
            async for revoked in feed:
                if revoked.key_sha256:
                    keys.forget(revoked.key_sha256)
                else:
                    keys.forget_all()
        except asyncio.CancelledError:
            raise
        except grpc.aio.AioRpcError as exc:
            log.warning("revocations.feed_lost", code=exc.code().name)
        keys.forget_all()  # between feeds nothing is known: look every key up again
        await asyncio.sleep(retry_s)

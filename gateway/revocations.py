"""Follows storage's feed of revoked keys and drops each from the key caches at once, so a
revoked key fails on the gateway's next call with it, on every replica. When the feed starts
(or comes back after a gap) storage first sends "forget all": nothing revoked meanwhile is
served from a cache. While the feed is down, the cache's TTL bounds what could go unseen."""

from __future__ import annotations

from gateway.auth import KeyResolver
from gateway.feeds import RETRY_S, follow
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc


async def follow_revocations(
    storage: storage_pb2_grpc.StorageServiceAsyncStub, keys: KeyResolver, retry_s: float = RETRY_S
) -> None:
    def revoked(message: storage_pb2.WatchRevokedKeysResponse) -> None:
        if message.key_sha256:
            keys.forget(message.key_sha256)
        else:
            keys.forget_all()

    await follow(
        "revocations",
        lambda deadline: storage.WatchRevokedKeys(
            storage_pb2.WatchRevokedKeysRequest(), timeout=deadline
        ),
        revoked,
        keys.forget_all,  # between feeds nothing is known: look every key up again
        retry_s,
    )

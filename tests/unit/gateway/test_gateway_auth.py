"""API key header parsing, hashing, the positive-lookup cache and storage status mapping."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

import grpc
import pytest

from gateway import auth
from gateway.auth import AuthFailure, KeyCache, KeyResolver, parse_bearer
from resumeai.v1 import storage_pb2


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ([("authorization", "Bearer abc123")], "abc123"),
        ([("authorization", "bearer abc123")], "abc123"),
        ([("authorization", "BEARER   abc123  ")], "abc123"),
        ([("x-other", "1"), ("authorization", b"Bearer k-_.~!")], "k-_.~!"),
        ([("authorization", "Bearer " + "k" * 256)], "k" * 256),
    ],
)
def test_parse_bearer_ok(metadata: list[tuple[str, Any]], expected: str) -> None:
    assert parse_bearer(metadata) == expected


@pytest.mark.parametrize(
    "metadata",
    [
        None,
        [],
        [("x-api-key", "abc")],
        [("authorization", "")],
        [("authorization", "Bearer")],
        [("authorization", "Bearer ")],
        [("authorization", "Basic abc")],
        [("authorization", "abc")],
        [("authorization", "Bearer a b")],
        [("authorization", "Bearer ключ")],
        [("authorization", b"Bearer \xff\xfe")],
        [("authorization", "Bearer " + "k" * 257)],
        [("authorization", "Bearer one"), ("authorization", "Bearer two")],
    ],
)
def test_parse_bearer_rejects(metadata: list[tuple[str, Any]] | None) -> None:
    assert parse_bearer(metadata) is None


def test_key_hash_is_sha256_hex() -> None:
    assert auth.key_sha256("secret") == hashlib.sha256(b"secret").hexdigest()


def test_cache_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(auth.time, "monotonic", lambda: now[0])
    cache = KeyCache(ttl_s=30)
    cache.put("h", "owner")
    assert cache.get("h") == "owner"
    now[0] += 29.9
    assert cache.get("h") == "owner"
    now[0] += 0.2
    assert cache.get("h") is None


def test_cache_bounded_and_disabled() -> None:
    cache = KeyCache(ttl_s=30, max_entries=2)
    for i in range(3):
        cache.put(str(i), f"o{i}")
    assert cache.get("0") is None
    assert cache.get("2") == "o2"
    off = KeyCache(ttl_s=0)
    off.put("h", "owner")
    assert off.get("h") is None


class FakeError(grpc.aio.AioRpcError):
    def __init__(self, code: grpc.StatusCode) -> None:
        super().__init__(code, grpc.aio.Metadata(), grpc.aio.Metadata(), details="storage says")


class FakeStorage:
    def __init__(self, outcome: str | grpc.StatusCode) -> None:
        self.outcome = outcome
        self.calls: list[str] = []

    async def AuthenticateApiKey(
        self, request: storage_pb2.AuthenticateApiKeyRequest, **_: Any
    ) -> storage_pb2.AuthenticateApiKeyResponse:
        self.calls.append(request.key_sha256)
        if isinstance(self.outcome, grpc.StatusCode):
            raise FakeError(self.outcome)
        return storage_pb2.AuthenticateApiKeyResponse(owner_id=self.outcome)


async def test_resolve_sends_only_the_hash_and_caches() -> None:
    storage = FakeStorage("owner-1")
    interceptor = KeyResolver(storage, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
    assert await interceptor.resolve("raw-key") == "owner-1"
    assert await interceptor.resolve("raw-key") == "owner-1"
    assert storage.calls == [hashlib.sha256(b"raw-key").hexdigest()]


@pytest.mark.parametrize(
    ("outcome", "code"),
    [
        (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.UNAUTHENTICATED),
        (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.UNAVAILABLE),
        (grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.UNAVAILABLE),
        (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.INTERNAL),
        ("", grpc.StatusCode.UNAUTHENTICATED),
    ],
)
async def test_resolve_maps_storage_outcomes(
    outcome: str | grpc.StatusCode, code: grpc.StatusCode
) -> None:
    storage = FakeStorage(outcome)
    interceptor = KeyResolver(storage, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
    with pytest.raises(AuthFailure) as failure:
        await interceptor.resolve("raw-key")
    assert failure.value.code == code
    # Negative answers are never cached: a retry asks storage again.
    with pytest.raises(AuthFailure):
        await interceptor.resolve("raw-key")
    assert len(storage.calls) == 2


async def test_missing_key_never_reaches_storage() -> None:
    storage = FakeStorage("owner-1")
    interceptor = KeyResolver(storage, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
    with pytest.raises(AuthFailure) as failure:
        await interceptor.resolve(None)
    assert failure.value.code == grpc.StatusCode.UNAUTHENTICATED
    assert failure.value.message == auth.UNAUTHENTICATED_MESSAGE
    assert storage.calls == []


class SlowStorage:
    """Knows one key; answers every lookup after `delay_s`; counts lookups in flight."""

    def __init__(self, known_digest: str, delay_s: float) -> None:
        self.known = known_digest
        self.delay_s = delay_s
        self.in_flight = self.most_in_flight = 0

    async def AuthenticateApiKey(
        self, request: storage_pb2.AuthenticateApiKeyRequest, **_: Any
    ) -> storage_pb2.AuthenticateApiKeyResponse:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay_s)
        finally:
            self.in_flight -= 1
        if request.key_sha256 != self.known:
            raise FakeError(grpc.StatusCode.NOT_FOUND)
        return storage_pb2.AuthenticateApiKeyResponse(owner_id="owner-1")


async def test_made_up_keys_wait_for_few_lanes_and_never_delay_a_known_key() -> None:
    storage = SlowStorage(auth.key_sha256("good"), delay_s=0.2)
    # cache_ttl_s=0: every call asks storage, as after the cache entry expired.
    resolver = KeyResolver(
        storage,  # type: ignore[arg-type]
        cache_ttl_s=0,
        deadline_s=1,
        unknown_lookups=2,
        lane_wait_s=0.05,
    )
    assert await resolver.resolve("good") == "owner-1"  # now known
    flood = [asyncio.ensure_future(resolver.resolve(f"made-up-{n}")) for n in range(50)]
    await asyncio.sleep(0.01)
    started = asyncio.get_running_loop().time()
    assert await resolver.resolve("good") == "owner-1"
    assert asyncio.get_running_loop().time() - started < 0.35  # one lookup, no queue
    outcomes = await asyncio.gather(*flood, return_exceptions=True)
    codes = {o.code for o in outcomes if isinstance(o, AuthFailure)}
    assert codes == {grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.UNAVAILABLE}
    assert storage.most_in_flight <= 3  # two lanes for the flood, one for the known key


async def test_a_refused_key_is_refused_again_without_asking_for_a_while(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [1000.0]
    monkeypatch.setattr(auth.time, "monotonic", lambda: now[0])
    storage = FakeStorage(grpc.StatusCode.NOT_FOUND)
    resolver = KeyResolver(storage, cache_ttl_s=30, deadline_s=1, refused_ttl_s=5)  # type: ignore[arg-type]
    for _ in range(3):
        with pytest.raises(AuthFailure) as failure:
            await resolver.resolve("made-up")
        assert failure.value.code == grpc.StatusCode.UNAUTHENTICATED
    assert len(storage.calls) == 1
    now[0] += 6  # the key may have been created since: storage is asked again
    storage.outcome = "owner-1"
    assert await resolver.resolve("made-up") == "owner-1"

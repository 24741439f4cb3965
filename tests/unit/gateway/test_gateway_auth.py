"""API key header parsing, hashing, the positive-lookup cache and storage status mapping."""

from __future__ import annotations

import hashlib
from typing import Any

import grpc
import pytest

from gateway import auth
from gateway.auth import ApiKeyInterceptor, AuthFailure, KeyCache, parse_bearer
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
    interceptor = ApiKeyInterceptor(storage, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
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
    interceptor = ApiKeyInterceptor(storage, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
    with pytest.raises(AuthFailure) as failure:
        await interceptor.resolve("raw-key")
    assert failure.value.code == code
    # Negative answers are never cached: a retry asks storage again.
    with pytest.raises(AuthFailure):
        await interceptor.resolve("raw-key")
    assert len(storage.calls) == 2


async def test_missing_key_never_reaches_storage() -> None:
    storage = FakeStorage("owner-1")
    interceptor = ApiKeyInterceptor(storage, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
    with pytest.raises(AuthFailure) as failure:
        await interceptor.resolve(None)
    assert failure.value.code == grpc.StatusCode.UNAUTHENTICATED
    assert failure.value.message == auth.UNAUTHENTICATED_MESSAGE
    assert storage.calls == []

"""API key header parsing, hashing, the positive-lookup cache and storage status mapping."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

import grpc
import pytest

from gateway import auth
from gateway.auth import AuthFailure, KeyCache, KeyResolver, parse_bearer
from resumeai.storage.v1 import storage_pb2


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


def key(tag: str) -> str:
    """A well-formed key (the gateway refuses any other shape without asking storage)."""
    return "rba_" + tag.replace("-", "_").ljust(43, "x")[:43]


def test_a_key_of_another_shape_never_reaches_storage() -> None:
    import asyncio

    storage = FakeStorage("owner-1")
    resolver = KeyResolver(storage, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
    for shape in ("raw-key", "rba_short", key("ok") + "x", key("ok")[:-1] + "!"):
        with pytest.raises(AuthFailure) as failure:
            asyncio.run(resolver.resolve(shape))
        assert failure.value.code == grpc.StatusCode.UNAUTHENTICATED
    assert storage.calls == []
    assert asyncio.run(resolver.resolve(key("ok"))) == "owner-1"


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
    assert await interceptor.resolve(key("raw-key")) == "owner-1"
    assert await interceptor.resolve(key("raw-key")) == "owner-1"
    assert storage.calls == [hashlib.sha256(key("raw-key").encode()).hexdigest()]


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
        await interceptor.resolve(key("raw-key"))
    assert failure.value.code == code
    # Negative answers are never cached: a retry asks storage again.
    with pytest.raises(AuthFailure):
        await interceptor.resolve(key("raw-key"))
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
    storage = SlowStorage(auth.key_sha256(key("good")), delay_s=0.2)
    # cache_ttl_s=0: every call asks storage, as after the cache entry expired.
    resolver = KeyResolver(
        storage,  # type: ignore[arg-type]
        cache_ttl_s=0,
        deadline_s=1,
        unknown_lookups=2,
        lane_wait_s=0.05,
    )
    assert await resolver.resolve(key("good")) == "owner-1"  # now known
    flood = [asyncio.ensure_future(resolver.resolve(key(f"made-up-{n}"))) for n in range(50)]
    await asyncio.sleep(0.01)
    started = asyncio.get_running_loop().time()
    assert await resolver.resolve(key("good")) == "owner-1"
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
            await resolver.resolve(key("made-up"))
        assert failure.value.code == grpc.StatusCode.UNAUTHENTICATED
    assert len(storage.calls) == 1
    now[0] += 6  # the key may have been created since: storage is asked again
    storage.outcome = "owner-1"
    assert await resolver.resolve(key("made-up")) == "owner-1"


def test_every_public_method_needs_a_named_scope() -> None:
    from gateway.scopes import METHOD_SCOPES, missing_scope
    from resumeai.v1 import resume_builder_pb2

    service = resume_builder_pb2.DESCRIPTOR.services_by_name["ResumeBuilder"]
    methods = {f"/{service.full_name}/{m.name}" for m in service.methods}
    assert set(METHOD_SCOPES) == methods
    assert set(METHOD_SCOPES.values()) <= {"read", "write", "export"}
    # A method missing from the table is refused whatever the key may do.
    assert missing_scope("/resumeai.v1.ResumeBuilder/Unlisted", frozenset({"read"})) == "admin"


async def test_a_forgotten_key_is_looked_up_again_and_a_lookup_across_a_forget_is_not_cached() -> (
    None
):
    storage = FakeStorage("owner-1")
    resolver = KeyResolver(storage, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
    await resolver.resolve(key("k"))
    await resolver.resolve(key("k"))
    assert len(storage.calls) == 1  # cached
    resolver.forget(auth.key_sha256(key("k")))
    await resolver.resolve(key("k"))
    assert len(storage.calls) == 2

    class Racing(FakeStorage):
        async def AuthenticateApiKey(self, request: Any, **kw: Any) -> Any:
            resolver_racing.forget_all()  # a revocation lands while the lookup is in flight
            return await super().AuthenticateApiKey(request, **kw)

    racing = Racing("owner-1")
    resolver_racing = KeyResolver(racing, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
    await resolver_racing.resolve(key("k"))
    await resolver_racing.resolve(key("k"))
    assert len(racing.calls) == 2  # the first answer was not cached


async def test_scopes_come_from_storage_and_an_old_storage_means_the_old_scopes() -> None:
    storage = FakeStorage("owner-1")
    resolver = KeyResolver(storage, cache_ttl_s=30, deadline_s=1)  # type: ignore[arg-type]
    grant = await resolver.grant(key("k"))
    assert grant.scopes == auth.LEGACY_SCOPES


async def test_made_up_keys_are_looked_up_at_a_bounded_rate() -> None:
    storage = SlowStorage(auth.key_sha256(key("good")), delay_s=0.0)
    resolver = KeyResolver(
        storage,  # type: ignore[arg-type]
        cache_ttl_s=0,
        deadline_s=1,
        unknown_lookups_per_s=5,
    )
    assert await resolver.resolve(key("good")) == "owner-1"  # known from now on
    outcomes = await asyncio.gather(
        *(resolver.resolve(key(f"made-up-{n}")) for n in range(20)), return_exceptions=True
    )
    codes = [o.code for o in outcomes if isinstance(o, AuthFailure)]
    assert codes.count(grpc.StatusCode.UNAVAILABLE) >= 15  # the bucket had 4 left of 5
    for _ in range(10):  # a known key is never rate-limited
        assert await resolver.resolve(key("good")) == "owner-1"


async def test_the_revocation_feed_forgets_what_it_is_told_and_lives_long() -> None:
    from gateway.revocations import follow_revocations

    forgotten: list[str] = []
    asked: list[float] = []

    class Keys:
        def forget(self, digest: str) -> None:
            forgotten.append(digest)

        def forget_all(self) -> None:
            forgotten.append("*")

    class Feed:
        def WatchRevokedKeys(self, _request: Any, *, timeout: float) -> Any:
            asked.append(timeout)

            async def pushed() -> Any:
                yield storage_pb2.WatchRevokedKeysResponse(key_sha256="")
                yield storage_pb2.WatchRevokedKeysResponse(key_sha256="ab" * 32)
                raise FakeError(grpc.StatusCode.UNAVAILABLE)

            return pushed()

    task = asyncio.ensure_future(follow_revocations(Feed(), Keys(), retry_s=10))  # type: ignore[arg-type]
    await asyncio.sleep(0.05)
    task.cancel()
    assert forgotten == ["*", "ab" * 32, "*"]  # and again when the feed is lost
    assert asked and asked[0] >= 3600  # not the internal default deadline of seconds

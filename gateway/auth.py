"""API key authentication: resolves `authorization: Bearer <key>` to an owner id through
storage (the front door calls it on each call's headers) and exposes the owner to the
servicer through a contextvar.

The raw key never leaves this module: storage only sees its sha256, and logs see neither.
Every rejection carries the same message, so a caller cannot tell a malformed key from an
unknown or revoked one.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

import grpc
import structlog

from kit.api_keys import key_sha256, well_formed
from kit.logging import get_logger
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc

log = get_logger(__name__)

AUTH_HEADER = "authorization"
UNAUTHENTICATED_MESSAGE = "missing or invalid API key"
MAX_KEY_CHARS = 256

_owner_id: contextvars.ContextVar[str] = contextvars.ContextVar("owner_id")
V = TypeVar("V")


def current_owner() -> str:
    """The authenticated owner of the RPC being served (set by the front door)."""
    return _owner_id.get()


@contextlib.contextmanager
def bound_owner(owner: str) -> Iterator[None]:
    """`current_owner()` is `owner` inside, and the logs carry it."""
    token = _owner_id.set(owner)
    try:
        with structlog.contextvars.bound_contextvars(owner_id=owner):
            yield
    finally:
        _owner_id.reset(token)


def parse_bearer(metadata: Sequence[tuple[str, str | bytes]] | None) -> str | None:
    """The key from exactly one well-formed `authorization: Bearer <key>` header, else None."""
    values = [v for k, v in metadata or () if k.lower() == AUTH_HEADER]
    if len(values) != 1:
        return None
    value = values[0]
    if isinstance(value, bytes):
        try:
            value = value.decode("ascii")
        except UnicodeDecodeError:
            return None
    scheme, _, key = value.strip().partition(" ")
    key = key.strip()
    # The scheme is case-insensitive (RFC 7235); keys are printable ASCII without spaces.
    if scheme.lower() != "bearer" or not key or len(key) > MAX_KEY_CHARS:
        return None
    if not all("!" <= ch <= "~" for ch in key):
        return None
    return key


class AuthFailure(Exception):
    """Authentication ended in `code` with a message safe to return."""

    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# Scopes of a key whose storage predates scopes (every key could do all of these then).
LEGACY_SCOPES = frozenset({"read", "write", "export"})


@dataclass(frozen=True)
class Grant:
    """What a verified key gives the call: its owner and its scopes."""

    owner_id: str
    scopes: frozenset[str]
    key_id: str = ""


class KeyCache(Generic[V]):
    """Values keyed by a key's hash, each for `ttl_s` (or less); bounded LRU.

    Revocations are pushed (`forget`, `clear`; gateway/revocations.py), so the TTL only
    bounds how long a revocation the push missed can go unseen.
    """

    def __init__(self, ttl_s: float, max_entries: int = 10_000) -> None:
        self._ttl = ttl_s
        self._max = max_entries
        self._items: OrderedDict[str, tuple[V, float]] = OrderedDict()

    def get(self, digest: str) -> V | None:
        item = self._items.get(digest)
        if item is None:
            return None
        value, expires = item
        if time.monotonic() >= expires:
            del self._items[digest]
            return None
        self._items.move_to_end(digest)
        return value

    def put(self, digest: str, value: V, ttl_s: float | None = None) -> None:
        ttl = self._ttl if ttl_s is None else min(self._ttl, ttl_s)
        if ttl <= 0:
            return
        self._items[digest] = (value, time.monotonic() + ttl)
        self._items.move_to_end(digest)
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def forget(self, digest: str) -> None:
        self._items.pop(digest, None)

    def clear(self) -> None:
        self._items.clear()


class TokenBucket:
    """`rate` takes a second on average, `burst` at once."""

    def __init__(self, rate: float, burst: float) -> None:
        self._rate = rate
        self._burst = burst
        self._tokens = burst
        self._at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self._tokens = min(self._burst, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True


class KeyResolver:
    """Resolves a key to its owner through storage, behind the positive cache.

    Keys seen valid within `known_ttl_s` are looked up at once; any other key is looked up at
    most `unknown_lookups_per_s` a second and waits for one of `unknown_lookups` lanes, at most
    `lane_wait_s` (past either: UNAVAILABLE, retry), so a flood of made-up keys costs storage a
    bounded load and never delays a key that has worked before. A key storage
    refused is refused again without asking for `refused_ttl_s` (so a key created moments after
    a failed attempt with it works after at most that long).
    """

    def __init__(
        self,
        storage: storage_pb2_grpc.StorageServiceAsyncStub,
        cache_ttl_s: float,
        deadline_s: float,
        *,
        unknown_lookups: int = 16,
        unknown_lookups_per_s: float = 50.0,
        lane_wait_s: float = 1.0,
        known_ttl_s: float = 3600.0,
        refused_ttl_s: float = 0.0,
    ) -> None:
        self._storage = storage
        self._cache: KeyCache[Grant] = KeyCache(cache_ttl_s)
        self._known: KeyCache[bool] = KeyCache(known_ttl_s)
        self._refused: KeyCache[bool] = KeyCache(refused_ttl_s)
        # Bumped by every forget: a lookup that was in flight across one is not cached (its
        # answer may predate the revocation).
        self._forgets = 0
        self._deadline_s = deadline_s
        self._unknown_lanes = asyncio.Semaphore(unknown_lookups)
        self._unknown_rate = TokenBucket(unknown_lookups_per_s, burst=unknown_lookups_per_s)
        self._lane_wait_s = lane_wait_s

    async def grant_of(self, metadata: Sequence[tuple[str, str | bytes]] | None) -> Grant:
        """What the call's `authorization` key gives, or AuthFailure."""
        return await self.grant(parse_bearer(metadata))

    async def resolve(self, key: str | None) -> str:
        """Owner id of `key`, or AuthFailure with the status to answer."""
        return (await self.grant(key)).owner_id

    def forget(self, digest: str) -> None:
        """The key `digest` was revoked: never serve it from a cache again."""
        self._forgets += 1
        self._cache.forget(digest)
        self._known.forget(digest)

    def forget_all(self) -> None:
        """Revocations may have been missed: every key is looked up again."""
        self._forgets += 1
        self._cache.clear()

    async def grant(self, key: str | None) -> Grant:
        """The grant of `key`, or AuthFailure with the status to answer."""
        if key is None or not well_formed(key):
            # No key of ours has any other shape: refused without asking storage.
            raise AuthFailure(grpc.StatusCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE)
        digest = key_sha256(key)
        cached = self._cache.get(digest)
        if cached is not None:
            return cached
        if self._refused.get(digest):
            raise AuthFailure(grpc.StatusCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE)
        if self._known.get(digest) is not None:
            return await self._look_up(digest)
        if not self._unknown_rate.take():
            log.warning("auth.lookups_busy")
            raise AuthFailure(grpc.StatusCode.UNAVAILABLE, "authentication is busy; retry later")
        try:
            await asyncio.wait_for(self._unknown_lanes.acquire(), self._lane_wait_s)
        except TimeoutError:
            log.warning("auth.lookups_busy")
            raise AuthFailure(
                grpc.StatusCode.UNAVAILABLE, "authentication is busy; retry later"
            ) from None
        try:
            return await self._look_up(digest)
        finally:
            self._unknown_lanes.release()

    async def _look_up(self, digest: str) -> Grant:
        forgets = self._forgets
        try:
            response = await self._storage.AuthenticateApiKey(
                storage_pb2.AuthenticateApiKeyRequest(key_sha256=digest),
                timeout=self._deadline_s,
            )
        except grpc.aio.AioRpcError as exc:
            code = exc.code()
            if code == grpc.StatusCode.NOT_FOUND:
                self._refused.put(digest, True)
                raise AuthFailure(
                    grpc.StatusCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE
                ) from None
            if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
                log.warning("auth.storage_unavailable", code=code.name)
                raise AuthFailure(
                    grpc.StatusCode.UNAVAILABLE, "authentication is unavailable; retry later"
                ) from None
            # E.g. storage refusing our service token: a deployment error, not the caller's.
            log.error("auth.storage_error", code=code.name)
            raise AuthFailure(grpc.StatusCode.INTERNAL, "internal error") from None
        if not response.owner_id:
            self._refused.put(digest, True)
            raise AuthFailure(grpc.StatusCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE)
        grant = Grant(
            response.owner_id, frozenset(response.scopes) or LEGACY_SCOPES, response.key_id
        )
        # Cached no longer than the key lives (an expiry is not pushed).
        lives_s = (
            (response.expire_time.ToDatetime(tzinfo=UTC) - datetime.now(UTC)).total_seconds()
            if response.HasField("expire_time")
            else None
        )
        if forgets == self._forgets:
            self._cache.put(digest, grant, lives_s)
            self._known.put(digest, True)
        return grant

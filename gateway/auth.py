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
import hashlib
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence

import grpc
import structlog

from kit.logging import get_logger
from resumeai.v1 import storage_pb2, storage_pb2_grpc

log = get_logger(__name__)

AUTH_HEADER = "authorization"
UNAUTHENTICATED_MESSAGE = "missing or invalid API key"
MAX_KEY_CHARS = 256

_owner_id: contextvars.ContextVar[str] = contextvars.ContextVar("owner_id")


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


def key_sha256(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class AuthFailure(Exception):
    """Authentication ended in `code` with a message safe to return."""

    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class KeyCache:
    """Positive lookups only, keyed by the key's hash, for `ttl_s`; bounded LRU.

    A revoked key therefore keeps working for at most `ttl_s`; unknown keys are never cached
    so a newly created key works at once.
    """

    def __init__(self, ttl_s: float, max_entries: int = 10_000) -> None:
        self._ttl = ttl_s
        self._max = max_entries
        self._items: OrderedDict[str, tuple[str, float]] = OrderedDict()

    def get(self, digest: str) -> str | None:
        item = self._items.get(digest)
        if item is None:
            return None
        owner, expires = item
        if time.monotonic() >= expires:
            del self._items[digest]
            return None
        self._items.move_to_end(digest)
        return owner

    def put(self, digest: str, owner: str) -> None:
        if self._ttl <= 0:
            return
        self._items[digest] = (owner, time.monotonic() + self._ttl)
        self._items.move_to_end(digest)
        while len(self._items) > self._max:
            self._items.popitem(last=False)


class KeyResolver:
    """Resolves a key to its owner through storage, behind the positive cache.

    Keys seen valid within `known_ttl_s` are looked up at once; any other key waits for one
    of `unknown_lookups` lanes, at most `lane_wait_s`, so a flood of made-up keys costs storage
    a bounded number of lookups and never delays a key that has worked before. A key storage
    refused is refused again without asking for `refused_ttl_s` (so a key created moments after
    a failed attempt with it works after at most that long).
    """

    def __init__(
        self,
        storage: storage_pb2_grpc.StorageAsyncStub,
        cache_ttl_s: float,
        deadline_s: float,
        *,
        unknown_lookups: int = 16,
        lane_wait_s: float = 1.0,
        known_ttl_s: float = 3600.0,
        refused_ttl_s: float = 0.0,
    ) -> None:
        self._storage = storage
        self._cache = KeyCache(cache_ttl_s)
        self._known = KeyCache(known_ttl_s)
        self._refused = KeyCache(refused_ttl_s)
        self._deadline_s = deadline_s
        self._unknown_lanes = asyncio.Semaphore(unknown_lookups)
        self._lane_wait_s = lane_wait_s

    async def owner_of(self, metadata: Sequence[tuple[str, str | bytes]] | None) -> str:
        """The owner of the call's `authorization` key, or AuthFailure."""
        return await self.resolve(parse_bearer(metadata))

    async def resolve(self, key: str | None) -> str:
        """Owner id of `key`, or AuthFailure with the status to answer."""
        if key is None:
            raise AuthFailure(grpc.StatusCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE)
        digest = key_sha256(key)
        cached = self._cache.get(digest)
        if cached is not None:
            return cached
        if self._refused.get(digest) is not None:
            raise AuthFailure(grpc.StatusCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE)
        if self._known.get(digest) is not None:
            return await self._look_up(digest)
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

    async def _look_up(self, digest: str) -> str:
        try:
            response = await self._storage.AuthenticateApiKey(
                storage_pb2.AuthenticateApiKeyRequest(key_sha256=digest),
                timeout=self._deadline_s,
            )
        except grpc.aio.AioRpcError as exc:
            code = exc.code()
            if code == grpc.StatusCode.NOT_FOUND:
                self._refused.put(digest, "")
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
            self._refused.put(digest, "")
            raise AuthFailure(grpc.StatusCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE)
        self._cache.put(digest, response.owner_id)
        self._known.put(digest, response.owner_id)
        return response.owner_id

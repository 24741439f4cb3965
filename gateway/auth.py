"""API key authentication: a server interceptor that resolves `authorization: Bearer <key>`
to an owner id through storage and exposes it to the servicer through a contextvar.

The raw key never leaves this module: storage only sees its sha256, and logs see neither.
Every rejection carries the same message, so a caller cannot tell a malformed key from an
unknown or revoked one.
"""

from __future__ import annotations

import contextvars
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import grpc
import structlog

from kit.grpc_server import UNAUTHENTICATED_PREFIXES
from kit.logging import get_logger
from resumeai.v1 import storage_pb2, storage_pb2_grpc

log = get_logger(__name__)

AUTH_HEADER = "authorization"
UNAUTHENTICATED_MESSAGE = "missing or invalid API key"
MAX_KEY_CHARS = 256

_owner_id: contextvars.ContextVar[str] = contextvars.ContextVar("owner_id")


def current_owner() -> str:
    """The authenticated owner of the RPC being served (set by `ApiKeyInterceptor`)."""
    return _owner_id.get()


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


class ApiKeyInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]  # generic only in the stubs
    """Authenticates every call except health and reflection.

    Authentication runs inside the wrapped handler (not in `intercept_service`) so it can
    abort with a proper status and set the owner contextvar in the task that serves the call.
    """

    def __init__(
        self, storage: storage_pb2_grpc.StorageAsyncStub, cache_ttl_s: float, deadline_s: float
    ) -> None:
        self._storage = storage
        self._cache = KeyCache(cache_ttl_s)
        self._deadline_s = deadline_s

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any]]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any]:
        handler = await continuation(handler_call_details)
        if handler is None or handler_call_details.method.startswith(UNAUTHENTICATED_PREFIXES):
            return handler
        metadata = handler_call_details.invocation_metadata
        authenticate = self._authenticate

        if handler.unary_unary:
            inner = handler.unary_unary

            async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                owner = await authenticate(metadata, context)
                token = _owner_id.set(owner)
                try:
                    with structlog.contextvars.bound_contextvars(owner_id=owner):
                        return await inner(request, context)  # type: ignore[arg-type]
                finally:
                    _owner_id.reset(token)

            return grpc.unary_unary_rpc_method_handler(
                unary,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream:
            inner_stream = handler.unary_stream

            async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                owner = await authenticate(metadata, context)
                token = _owner_id.set(owner)
                try:
                    with structlog.contextvars.bound_contextvars(owner_id=owner):
                        async for item in inner_stream(request, context):  # type: ignore[arg-type,attr-defined]
                            yield item
                finally:
                    _owner_id.reset(token)

            return grpc.unary_stream_rpc_method_handler(
                stream,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        # The public API has no client-streaming RPCs; refuse rather than serve unauthenticated.
        raise RuntimeError(f"unsupported handler type for {handler_call_details.method}")

    async def _authenticate(
        self,
        metadata: Sequence[tuple[str, str | bytes]] | None,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> str:
        try:
            return await self.resolve(parse_bearer(metadata))
        except AuthFailure as failure:
            await context.abort(failure.code, failure.message)
            raise  # abort raises; this keeps type checkers and readers honest

    async def resolve(self, key: str | None) -> str:
        """Owner id of `key`, or AuthFailure with the status to answer."""
        if key is None:
            raise AuthFailure(grpc.StatusCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE)
        digest = key_sha256(key)
        cached = self._cache.get(digest)
        if cached is not None:
            return cached
        try:
            response = await self._storage.AuthenticateApiKey(
                storage_pb2.AuthenticateApiKeyRequest(key_sha256=digest),
                timeout=self._deadline_s,
            )
        except grpc.aio.AioRpcError as exc:
            code = exc.code()
            if code == grpc.StatusCode.NOT_FOUND:
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
            raise AuthFailure(grpc.StatusCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE)
        self._cache.put(digest, response.owner_id)
        return response.owner_id

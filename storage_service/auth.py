"""Service credential check: every Storage call needs `x-service-token` equal to the configured
token. Health checks and reflection stay open so probes and grpcurl discovery work."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Any

import grpc

from kit.grpc_client import SERVICE_TOKEN_HEADER
from kit.grpc_server import UNAUTHENTICATED_PREFIXES
from kit.tls import peer_identity

MESSAGE = "missing or invalid service credential"


def _presented(metadata: Any) -> bytes:
    for key, value in metadata or ():
        if key == SERVICE_TOKEN_HEADER:
            return value.encode() if isinstance(value, str) else bytes(value)
    return b""


class IdentityInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]
    """With mutual TLS: only the allowed service identities (certificate common names) are
    served. The TLS handshake has already refused a caller without a certificate of the
    internal CA; this refuses one of ours that is not meant to call storage."""

    def __init__(self, allowed: list[str]) -> None:
        self._allowed = frozenset(allowed)

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
        allowed = self._allowed

        async def check(context: grpc.aio.ServicerContext[Any, Any]) -> None:
            identity = peer_identity(context)
            if identity not in allowed:
                await context.abort(
                    grpc.StatusCode.PERMISSION_DENIED, "this service identity may not call storage"
                )

        if handler.unary_stream:
            inner_stream = handler.unary_stream

            async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                await check(context)
                async for item in inner_stream(request, context):  # type: ignore[arg-type,attr-defined]
                    yield item

            return grpc.unary_stream_rpc_method_handler(
                stream,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        inner = handler.unary_unary

        async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            await check(context)
            return await inner(request, context)  # type: ignore[arg-type,misc]

        return grpc.unary_unary_rpc_method_handler(
            unary,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )


class ServiceTokenInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]
    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("service token must not be empty")
        self._token = token.encode()

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any]]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any]:
        method = handler_call_details.method
        if method.startswith(UNAUTHENTICATED_PREFIXES):
            return await continuation(handler_call_details)
        presented = _presented(handler_call_details.invocation_metadata)
        # Constant-time comparison: the token must not leak through response timing.
        if presented and hmac.compare_digest(presented, self._token):
            return await continuation(handler_call_details)
        handler = await continuation(handler_call_details)
        return _rejecting(handler)


async def _deny(_request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
    await context.abort(grpc.StatusCode.UNAUTHENTICATED, MESSAGE)


async def _deny_stream(_request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
    await context.abort(grpc.StatusCode.UNAUTHENTICATED, MESSAGE)
    yield  # pragma: no cover - makes this an async generator like the real handler


def _rejecting(handler: grpc.RpcMethodHandler[Any, Any] | None) -> grpc.RpcMethodHandler[Any, Any]:
    """A handler of the same shape as the real one (so the request still deserializes) that
    only answers UNAUTHENTICATED."""
    if handler is not None and handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(
            _deny_stream,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    return grpc.unary_unary_rpc_method_handler(
        _deny,
        request_deserializer=handler.request_deserializer if handler else None,
        response_serializer=handler.response_serializer if handler else None,
    )

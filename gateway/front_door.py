"""The gateway's front door: each public call is authenticated, then admitted, and only then
is its request read.

gRPC reads a unary request whole before a handler runs, and grpc.aio's own concurrency limit
counts a call from its headers: a caller without a key could hold every slot with streams that
never send a body, or the gateway's memory with large bodies. So each public method is served
here as a request-streaming handler. On the headers alone the key is resolved (`KeyResolver`)
and the caller's slots are taken (`Admission`); a refused caller's body is never read. Then the
one request message must arrive within `receive_timeout_s`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc

from gateway.admission import Admission, Refused
from gateway.audit import audit_refused
from gateway.auth import AuthFailure, KeyResolver, bound_owner
from gateway.scopes import missing_scope
from kit.grpc_server import (
    UNAUTHENTICATED_PREFIXES,
    Malformed,
    refuse_malformed,
    tolerant_deserializer,
)

Context = grpc.aio.ServicerContext[Any, Any]


class FrontDoor(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]  # generic only in the stubs
    def __init__(self, keys: KeyResolver, admission: Admission, receive_timeout_s: float) -> None:
        self.keys = keys
        self._admission = admission
        self._receive_timeout_s = receive_timeout_s

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
        method = handler_call_details.method
        leave = self._admission.release

        async def enter(
            requests: AsyncIterator[Any], context: Context, *, stream: bool
        ) -> tuple[str, Any]:
            return await self._enter(method, metadata, requests, context, stream=stream)

        if handler.unary_unary:
            inner = handler.unary_unary

            async def unary(requests: AsyncIterator[Any], context: Context) -> Any:
                owner, request = await enter(requests, context, stream=False)
                try:
                    with bound_owner(owner):
                        return await inner(request, context)  # type: ignore[arg-type]
                finally:
                    leave(owner, stream=False)

            return grpc.stream_unary_rpc_method_handler(
                unary,
                request_deserializer=tolerant_deserializer(handler.request_deserializer),
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream:
            inner_stream = handler.unary_stream

            async def stream(requests: AsyncIterator[Any], context: Context) -> Any:
                owner, request = await enter(requests, context, stream=True)
                try:
                    with bound_owner(owner):
                        async for item in inner_stream(request, context):  # type: ignore[arg-type,attr-defined]
                            yield item
                finally:
                    leave(owner, stream=True)

            return grpc.stream_stream_rpc_method_handler(
                stream,
                request_deserializer=tolerant_deserializer(handler.request_deserializer),
                response_serializer=handler.response_serializer,
            )
        # The public API has no client-streaming RPCs; refuse rather than serve unauthenticated.
        raise RuntimeError(f"unsupported handler type for {handler_call_details.method}")

    async def _enter(
        self,
        method: str,
        metadata: Any,
        requests: AsyncIterator[Any],
        context: Context,
        *,
        stream: bool,
    ) -> tuple[str, Any]:
        """The caller's owner id and request, with a slot taken for the owner; or an abort."""
        try:
            grant = await self.keys.grant_of(metadata)
        except AuthFailure as failure:
            audit_refused(method, context, failure.code.name)
            await context.abort(failure.code, failure.message)
        needed = missing_scope(method, grant.scopes)
        if needed:
            audit_refused(method, context, "PERMISSION_DENIED", key_id=grant.key_id)
            await context.abort(
                grpc.StatusCode.PERMISSION_DENIED, f"this API key lacks the {needed!r} scope"
            )
        owner = grant.owner_id
        try:
            self._admission.admit(owner, stream=stream)
        except Refused as refused:
            await context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, str(refused))
        try:
            return owner, await self._one_request(requests, context)
        except BaseException:
            self._admission.release(owner, stream=stream)
            raise

    async def _one_request(self, requests: AsyncIterator[Any], context: Context) -> Any:
        problem = ""
        request = extra = None
        try:
            async with asyncio.timeout(self._receive_timeout_s):
                request = await anext(requests, None)
                extra = None if request is None else await anext(requests, None)
        except TimeoutError:
            await context.abort(
                grpc.StatusCode.DEADLINE_EXCEEDED,
                f"the request message did not arrive within {self._receive_timeout_s:g} s",
            )
        if request is None:
            problem = "no request message was sent"
        elif extra is not None:
            problem = "this method takes exactly one request message"
        if problem:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, problem)
        if isinstance(request, Malformed):
            await refuse_malformed(context, request)
        return request

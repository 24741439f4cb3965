"""gRPC server bootstrap: health, reflection, request-id logging, graceful SIGTERM.

Every server is started through `serve`, so each one answers grpc.health.v1 and server
reflection (grpcurl works without .proto files) and drains in-flight calls on SIGTERM after
turning its health NOT_SERVING.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import logging
import re
import signal
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
import structlog
from google.protobuf import descriptor, descriptor_pb2, descriptor_pool
from google.protobuf.message import DecodeError
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from kit import tracing
from kit.logging import get_logger
from kit.metrics import RPC_HANDLED, RPC_SECONDS, RPC_STARTED, serve_metrics, split_method

log = get_logger(__name__)

REQUEST_ID_HEADER = "x-request-id"
# Services probes and grpcurl must reach without credentials (they expose no user data).
UNAUTHENTICATED_PREFIXES = (
    "/grpc.health.v1.Health/",
    "/grpc.reflection.v1alpha.ServerReflection/",
    "/grpc.reflection.v1.ServerReflection/",
)


def _metadata_value(metadata: Sequence[tuple[str, str | bytes]] | None, key: str) -> str:
    for k, v in metadata or ():
        if k == key:
            return v.decode() if isinstance(v, bytes) else v
    return ""


# Calls made on a timer: their successes are logged at DEBUG, so an idle service's log is
# not made of them (failures are logged as any call's). Every server is probed; a service
# adds its own polled methods (ServerSpec.polled_methods, e.g. storage's outbox poll).
PROBES = frozenset({"/grpc.health.v1.Health/Check"})


def done_level(method: str, code_name: str, polled: frozenset[str] = PROBES) -> int:
    """The level of a call's "rpc.done" line: DEBUG for a polled call that succeeded."""
    return logging.DEBUG if code_name == "OK" and method in polled else logging.INFO


class RequestLoggingInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]  # generic only in the stubs
    """Binds a request id (from `x-request-id` or a new one) and logs each call's outcome."""

    def __init__(self, polled: frozenset[str] = PROBES) -> None:
        self._polled = polled

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any]]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any]:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        method = handler_call_details.method
        incoming = _metadata_value(handler_call_details.invocation_metadata, REQUEST_ID_HEADER)
        # A caller's id is logged only when it looks like one: anything else (a name, an
        # e-mail, a script) is replaced, so no caller-chosen text reaches the logs.
        request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        kind = grpc_type(method)
        polled = self._polled

        def wrap_unary(fn: Any) -> Any:
            async def wrapped(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                with _call_scope(method, request_id, context, kind, polled):
                    if isinstance(request, Malformed):
                        await refuse_malformed(context, request)
                    return await fn(request, context)

            return wrapped

        def wrap_stream(fn: Any) -> Any:
            if inspect.isasyncgenfunction(fn):

                async def wrapped_gen(
                    request: Any, context: grpc.aio.ServicerContext[Any, Any]
                ) -> Any:
                    with _call_scope(method, request_id, context, kind, polled):
                        if isinstance(request, Malformed):
                            await refuse_malformed(context, request)
                        async for item in fn(request, context):
                            yield item

                return wrapped_gen

            # Handlers that write with context.write() (e.g. grpc.health.v1 Watch).
            async def wrapped_writer(
                request: Any, context: grpc.aio.ServicerContext[Any, Any]
            ) -> Any:
                with _call_scope(method, request_id, context, kind, polled):
                    if isinstance(request, Malformed):
                        await refuse_malformed(context, request)
                    return await fn(request, context)

            return wrapped_writer

        def wrap_scope(fn: Any) -> Any:
            async def wrapped(requests: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                with _call_scope(method, request_id, context, kind, polled):
                    return await fn(requests, context)

            return wrapped

        def wrap_scope_gen(fn: Any) -> Any:
            async def wrapped(requests: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                with _call_scope(method, request_id, context, kind, polled):
                    async for item in fn(requests, context):
                        yield item

            return wrapped

        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                wrap_unary(handler.unary_unary),
                request_deserializer=tolerant_deserializer(handler.request_deserializer),
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                wrap_stream(handler.unary_stream),
                request_deserializer=tolerant_deserializer(handler.request_deserializer),
                response_serializer=handler.response_serializer,
            )
        # Request-streaming handlers (the gateway's front door serves its unary methods so,
        # to check the key before reading the body) read and check their messages themselves.
        if handler.stream_unary:
            return grpc.stream_unary_rpc_method_handler(
                wrap_scope(handler.stream_unary),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.stream_stream:
            return grpc.stream_stream_rpc_method_handler(
                wrap_scope_gen(handler.stream_stream),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler


# What a request id may be (anything else from a caller is replaced, never logged).
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


@functools.cache
def code_label(code_name: str) -> str:
    """A status code as gRPC's own metrics spell it ("OK", "DeadlineExceeded")."""
    if code_name == "OK":
        return code_name
    return "".join(part.capitalize() for part in code_name.split("_"))


@functools.lru_cache(maxsize=256)
def grpc_type(method: str) -> str:
    """The call type the contract declares for "/pkg.Service/Method" (unary,
    server_stream, client_stream, bidi_stream): the metrics label. Read from the descriptor,
    not the handler, since the gateway's front door serves unary methods as streams."""
    service, name = split_method(method)
    try:
        found = descriptor_pool.Default().FindMethodByName(f"{service}.{name}")
    except KeyError:
        return "unknown"
    if found.client_streaming:
        return "bidi_stream" if found.server_streaming else "client_stream"
    return "server_stream" if found.server_streaming else "unary"


@dataclass(frozen=True)
class Malformed:
    """What a request that is not a valid message deserialises to: the handler's wrapper
    answers INVALID_ARGUMENT, where gRPC itself would answer UNKNOWN and log a traceback per
    call (and before any key is checked)."""

    message_type: str


def tolerant_deserializer(deserialize: Any) -> Any:
    """`deserialize`, answering `Malformed` instead of raising on bytes that are no message."""
    if deserialize is None:
        return None

    def tolerant(raw: bytes) -> Any:
        try:
            return deserialize(raw)
        except DecodeError:
            owner = getattr(deserialize, "__self__", None)
            return Malformed(getattr(owner, "__name__", "request"))

    return tolerant


async def refuse_malformed(context: grpc.aio.ServicerContext[Any, Any], request: Malformed) -> None:
    await context.abort(
        grpc.StatusCode.INVALID_ARGUMENT, f"the request is not a valid {request.message_type}"
    )


@contextlib.contextmanager
def _call_scope(
    method: str,
    request_id: str,
    context: grpc.aio.ServicerContext[Any, Any],
    kind: str,
    polled: frozenset[str],
) -> Any:
    """One call's request id, span (kit.tracing), metrics and "rpc.done" line."""
    started = time.perf_counter()
    service, name = split_method(method)
    RPC_STARTED.labels(kind, service, name).inc()
    tokens = structlog.contextvars.bind_contextvars(request_id=request_id, rpc=method)
    carrier = dict(context.invocation_metadata() or ()) if tracing.enabled() else None
    attributes = {"rpc.system": "grpc", "rpc.service": service, "rpc.method": name}
    with tracing.span(method.lstrip("/"), tracing.SpanKind.SERVER, carrier, attributes) as span:
        try:
            yield
        except asyncio.CancelledError:
            log.info("rpc.cancelled")
            raise
        except Exception:
            # Aborts raise too; only log as an error what was not a deliberate status.
            if context.code() in (None, grpc.StatusCode.OK):
                log.exception("rpc.crashed")
            raise
        finally:
            code = context.code()
            code_name = code.name if isinstance(code, grpc.StatusCode) else "OK"
            took = time.perf_counter() - started
            RPC_HANDLED.labels(kind, service, name, code_label(code_name)).inc()
            RPC_SECONDS.labels(kind, service, name).observe(took)
            tracing.ended_with(span, code_name)
            log.log(
                done_level(method, code_name, polled),
                "rpc.done",
                code=code_name,
                ms=round(took * 1000, 2),
            )
            structlog.contextvars.reset_contextvars(**tokens)


@dataclass
class ServerSpec:
    """What a service contributes to the shared bootstrap."""

    name: str
    port: int
    host: str = "127.0.0.1"
    # Adds the servicers to the server; returns the full names of the services added.
    register: Callable[[grpc.aio.Server], list[str]] = lambda _s: []
    interceptors: list[grpc.aio.ServerInterceptor[Any, Any]] = field(default_factory=list)
    # Methods called on a timer besides health checks: their successes log at DEBUG.
    polled_methods: frozenset[str] = frozenset()
    max_message_bytes: int = 32 * 1024 * 1024
    # Largest request accepted (defaults to max_message_bytes). A public server keeps it near
    # its largest legal request: messages are read whole before any interceptor runs.
    max_receive_bytes: int | None = None
    # Calls served at once; beyond it callers get RESOURCE_EXHAUSTED instead of queueing.
    # gRPC counts a call from its headers, before any key is checked: a public server admits
    # after authentication instead (the gateway's front door) and leaves this unset.
    maximum_concurrent_rpcs: int | None = None
    # HTTP/2 streams one connection may hold open at once (SETTINGS_MAX_CONCURRENT_STREAMS):
    # a client past it waits for its own streams, not the server's other callers.
    max_streams_per_connection: int = 100
    # Bytes a stream may receive before the handler reads (the HTTP/2 window; None: gRPC's
    # default, which grows with the measured bandwidth). A public server keeps it small, so a
    # body it never reads (a caller refused on its headers) costs no more than this.
    stream_window_bytes: int | None = None
    # A client connection is closed (gracefully, GOAWAY) after this long, so clients that
    # balance over a DNS name re-resolve it and spread onto replicas added since (None: kept
    # open). Calls in flight get max_connection_age_grace_s to finish.
    max_connection_age_s: float | None = None
    max_connection_age_grace_s: float = 30.0
    # TLS on the port (kit/tls.py); None: plaintext.
    credentials: grpc.ServerCredentials | None = None
    shutdown_grace_s: float = 15.0
    # On SIGTERM, health says NOT_SERVING this long while calls are still accepted, so a
    # balancer acting on the health check stops sending before the port refuses.
    drain_delay_s: float = 0.0
    # Awaited after the server stopped accepting and drained (close pools, channels...).
    on_shutdown: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    # Background tasks started with the server and cancelled on shutdown (e.g. outbox relay).
    background: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    # Prometheus scrape endpoint (kit/metrics.py); None: not served.
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"


class RunningServer:
    """A started server with its health servicer, for tests and for `serve`."""

    def __init__(
        self,
        server: grpc.aio.Server,
        health_servicer: Any,  # grpc_health.v1.health.aio.HealthServicer (untyped)
        services: list[str],
        port: int,
    ) -> None:
        self.server = server
        self.health = health_servicer
        self.services = services
        self.port = port

    async def set_serving(self, serving: bool) -> None:
        status = (
            health_pb2.HealthCheckResponse.SERVING
            if serving
            else health_pb2.HealthCheckResponse.NOT_SERVING
        )
        for name in ["", *self.services]:
            await self.health.set(name, status)


def served_files(service_names: Sequence[str]) -> descriptor_pool.DescriptorPool:
    """A descriptor pool of the files that define these services and what they import, and
    nothing else: reflection then describes only what this server serves, though the process
    has loaded other protos too (the gateway holds the internal Storage API's client)."""
    pool = descriptor_pool.DescriptorPool()
    default = descriptor_pool.Default()
    added: set[str] = set()

    def add(file: descriptor.FileDescriptor) -> None:
        if file.name in added:
            return
        for dependency in file.dependencies:
            add(dependency)
        proto = descriptor_pb2.FileDescriptorProto()
        file.CopyToProto(proto)
        pool.Add(proto)
        added.add(file.name)

    for name in service_names:
        add(default.FindServiceByName(name).file)
    return pool


async def start_server(spec: ServerSpec) -> RunningServer:
    options = [
        ("grpc.max_send_message_length", spec.max_message_bytes),
        ("grpc.max_receive_message_length", spec.max_receive_bytes or spec.max_message_bytes),
        ("grpc.so_reuseport", 0),
        ("grpc.max_concurrent_streams", spec.max_streams_per_connection),
    ]
    if spec.max_connection_age_s is not None:
        options += [
            ("grpc.max_connection_age_ms", int(spec.max_connection_age_s * 1000)),
            ("grpc.max_connection_age_grace_ms", int(spec.max_connection_age_grace_s * 1000)),
        ]
    if spec.stream_window_bytes is not None:
        options += [
            ("grpc.http2.bdp_probe", 0),
            ("grpc.http2.lookahead_bytes", spec.stream_window_bytes),
        ]
    server = grpc.aio.server(
        interceptors=[RequestLoggingInterceptor(PROBES | spec.polled_methods), *spec.interceptors],
        options=options,
        maximum_concurrent_rpcs=spec.maximum_concurrent_rpcs,
    )
    services = spec.register(server)
    health_servicer = health.aio.HealthServicer()  # type: ignore[attr-defined]
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    served = [*services, health.SERVICE_NAME, reflection.SERVICE_NAME]
    reflection.enable_server_reflection(served, server, pool=served_files(served))
    address = f"{spec.host}:{spec.port}"
    if spec.credentials is not None:
        port = server.add_secure_port(address, spec.credentials)
    else:
        port = server.add_insecure_port(address)
    if port == 0:
        raise RuntimeError(f"cannot bind {spec.host}:{spec.port}")
    await server.start()
    running = RunningServer(server, health_servicer, services, port)
    await running.set_serving(True)
    return running


async def serve(spec: ServerSpec) -> None:
    """Runs a server until SIGTERM / SIGINT, then drains gracefully."""
    running = await start_server(spec)
    metrics = serve_metrics(spec.metrics_port, spec.metrics_host)
    log.info(
        "server.started",
        server=spec.name,
        port=running.port,
        metrics_port=metrics.port if metrics else None,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    tasks: list[asyncio.Future[None]] = [asyncio.ensure_future(job()) for job in spec.background]
    await stop.wait()
    log.info("server.stopping", grace_s=spec.shutdown_grace_s, drain_delay_s=spec.drain_delay_s)
    # Load balancers and compose health checks see NOT_SERVING before the port closes.
    await running.set_serving(False)
    await asyncio.sleep(spec.drain_delay_s)
    await running.server.stop(spec.shutdown_grace_s)
    # Background tasks (e.g. the outbox relay) run until in-flight calls have drained.
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for hook in spec.on_shutdown:
        await hook()
    if metrics is not None:
        metrics.close()
    log.info("server.stopped")

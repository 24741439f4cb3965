"""Internal gRPC channels: service credential, request-id propagation, default deadline,
balancing over replicas, and retries on UNAVAILABLE only (gRPC's built-in retry policy, so
nothing is hand-rolled)."""

from __future__ import annotations

import json
from typing import Any

import grpc
import structlog

from kit import tracing
from kit.grpc_server import REQUEST_ID_HEADER

SERVICE_TOKEN_HEADER = "x-service-token"
STORAGE_SERVICE = "resumeai.storage.v1.StorageService"


# Storage calls that must not be repeated blindly: a retry after a commit whose answer was
# lost would create a second row, or report NOT_FOUND for a delete that succeeded. Every
# other Storage call is idempotent (claims and completions are, per worker and lease).
STORAGE_NOT_RETRIED = [
    f"{STORAGE_SERVICE}/{method}"
    for method in (
        "CreateResume",
        "CreateJobPosting",
        "DeleteResume",
        "DeleteJobPosting",
        "DeleteTailorRun",
        "DeleteArtifact",
    )
]


def retry_service_config(service_names: list[str], not_retried: list[str] | None = None) -> str:
    """Retries on UNAVAILABLE only, for whole services except the `service/method`s listed
    (a method-level entry is more specific, so it overrides the service-level one)."""
    exceptions = [
        {"name": [{"service": name.split("/")[0], "method": name.split("/")[1]}]}
        for name in not_retried or []
    ]
    return json.dumps(
        {
            "methodConfig": [
                {
                    "name": [{"service": name} for name in service_names],
                    "retryPolicy": {
                        "maxAttempts": 5,
                        "initialBackoff": "0.1s",
                        "maxBackoff": "2s",
                        "backoffMultiplier": 2,
                        "retryableStatusCodes": ["UNAVAILABLE"],
                    },
                },
                *exceptions,
            ]
        }
    )


class _CallDefaults:
    """The credential, the bound request id and a default deadline of every call."""

    __slots__ = ("_deadline_s", "_token")

    def __init__(self, token: str, deadline_s: float) -> None:
        self._token = token
        self._deadline_s = deadline_s

    def metadata(self, given: Any) -> list[tuple[str, str | bytes]]:
        metadata: list[tuple[str, str | bytes]] = list(given or ())
        if self._token:
            metadata.append((SERVICE_TOKEN_HEADER, self._token))
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        if request_id and all(key != REQUEST_ID_HEADER for key, _ in metadata):
            metadata.append((REQUEST_ID_HEADER, str(request_id)))
        if tracing.enabled():  # the current span's context, for the callee's span
            context: dict[str, str] = {}
            tracing.inject(context)
            metadata.extend(context.items())
        return metadata

    def timeout(self, given: float | None) -> float:
        return given if given is not None else self._deadline_s


class _WithDefaults:
    """A unary-request multicallable whose calls carry the `_CallDefaults`."""

    __slots__ = ("_call", "_defaults")

    def __init__(self, call: Any, defaults: _CallDefaults) -> None:
        self._call = call
        self._defaults = defaults

    def __call__(
        self,
        request: Any,
        *,
        timeout: float | None = None,
        metadata: Any = None,
        credentials: grpc.CallCredentials | None = None,
        wait_for_ready: bool | None = None,
        compression: grpc.Compression | None = None,
    ) -> Any:
        return self._call(
            request,
            timeout=self._defaults.timeout(timeout),
            metadata=self._defaults.metadata(metadata),
            credentials=credentials,
            wait_for_ready=wait_for_ready,
            compression=compression,
        )


class InternalChannel(grpc.aio.Channel):
    """A channel whose unary-request calls carry the service credential, the caller's
    request id and a default deadline.

    A wrapper rather than client interceptors: grpc.aio runs every intercepted call as a
    task of its own and rebuilds its call details, which cost the hot internal calls more
    CPU than the rest of the client's work (measured with bench/bench_system.py). Internal
    calls are all unary-request; the streaming-request kinds pass through unchanged."""

    def __init__(self, channel: grpc.aio.Channel, token: str, deadline_s: float) -> None:
        self._channel = channel
        self._defaults = _CallDefaults(token, deadline_s)

    def unary_unary(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return _WithDefaults(self._channel.unary_unary(method, *args, **kwargs), self._defaults)

    def unary_stream(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return _WithDefaults(self._channel.unary_stream(method, *args, **kwargs), self._defaults)

    def stream_unary(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self._channel.stream_unary(method, *args, **kwargs)

    def stream_stream(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self._channel.stream_stream(method, *args, **kwargs)

    async def __aenter__(self) -> InternalChannel:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._channel.close(None)

    async def close(self, grace: float | None = None) -> None:
        await self._channel.close(grace)

    def get_state(self, try_to_connect: bool = False) -> grpc.ChannelConnectivity:
        return self._channel.get_state(try_to_connect)

    async def wait_for_state_change(self, last_observed_state: grpc.ChannelConnectivity) -> None:
        await self._channel.wait_for_state_change(last_observed_state)

    async def channel_ready(self) -> None:
        await self._channel.channel_ready()


def internal_channel(
    target: str,
    *,
    service_names: list[str],
    not_retried: list[str] | None = None,
    token: str = "",
    deadline_s: float = 10.0,
    max_message_bytes: int = 32 * 1024 * 1024,
    credentials: grpc.ChannelCredentials | None = None,
) -> grpc.aio.Channel:
    """A channel for calls inside the deployment: mutual TLS with `credentials` (this
    service's identity, kit/tls.py), else plaintext for a trusted network.

    Calls are balanced round-robin over every address `target` resolves to, so a DNS name
    with several replicas behind it ("dns:///storage:50052" under compose --scale or a
    headless Kubernetes service) spreads the load; replicas added later are picked up when
    a connection ages out (the server's max_connection_age) and the name is resolved again.
    Keepalive pings notice a dead replica within about 40 s on an idle channel."""
    options = [
        ("grpc.service_config", retry_service_config(service_names, not_retried or [])),
        ("grpc.enable_retries", 1),
        ("grpc.max_send_message_length", max_message_bytes),
        ("grpc.max_receive_message_length", max_message_bytes),
        ("grpc.lb_policy_name", "round_robin"),
        ("grpc.keepalive_time_ms", 30_000),
        ("grpc.keepalive_timeout_ms", 10_000),
        ("grpc.keepalive_permit_without_calls", 1),
    ]
    if credentials is not None:
        channel = grpc.aio.secure_channel(target, credentials, options=options)
    else:
        channel = grpc.aio.insecure_channel(target, options=options)
    return InternalChannel(channel, token, deadline_s)


def storage_channel(settings: Any) -> grpc.aio.Channel:
    """Channel to storage_service from CommonSettings."""
    return internal_channel(
        settings.storage_target,
        service_names=[STORAGE_SERVICE],
        not_retried=STORAGE_NOT_RETRIED,
        token=settings.service_token.get_secret_value(),
        deadline_s=settings.internal_deadline_s,
        max_message_bytes=settings.max_message_bytes,
        credentials=tls.channel_credentials() if (tls := settings.internal_tls()) else None,
    )

"""Internal gRPC channels: service credential, request-id propagation, default deadline,
and retries on UNAVAILABLE only (gRPC's built-in retry policy, so nothing is hand-rolled)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import grpc
import structlog

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
    """Adds the credential, the bound request id and a default deadline to every call."""

    def __init__(self, token: str, deadline_s: float) -> None:
        self._token = token
        self._deadline_s = deadline_s

    def _details(self, details: grpc.aio.ClientCallDetails) -> grpc.aio.ClientCallDetails:
        metadata = grpc.aio.Metadata(*(details.metadata or ()))
        if self._token:
            metadata.add(SERVICE_TOKEN_HEADER, self._token)
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        if request_id and REQUEST_ID_HEADER not in metadata:
            metadata.add(REQUEST_ID_HEADER, str(request_id))
        return grpc.aio.ClientCallDetails(
            method=details.method,
            timeout=details.timeout if details.timeout is not None else self._deadline_s,
            metadata=metadata,
            credentials=details.credentials,
            wait_for_ready=details.wait_for_ready,
        )


class _UnaryUnary(_CallDefaults, grpc.aio.UnaryUnaryClientInterceptor):  # type: ignore[type-arg]  # generic only in the stubs
    async def intercept_unary_unary(
        self, continuation: Callable[..., Any], client_call_details: Any, request: Any
    ) -> Any:
        return await continuation(self._details(client_call_details), request)


class _UnaryStream(_CallDefaults, grpc.aio.UnaryStreamClientInterceptor):  # type: ignore[type-arg]  # generic only in the stubs
    async def intercept_unary_stream(
        self, continuation: Callable[..., Any], client_call_details: Any, request: Any
    ) -> Any:
        return await continuation(self._details(client_call_details), request)


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
    # grpc-stubs types this list for sync interceptors only.
    interceptors: list[Any] = [_UnaryUnary(token, deadline_s), _UnaryStream(token, deadline_s)]
    if credentials is not None:
        return grpc.aio.secure_channel(
            target, credentials, options=options, interceptors=interceptors
        )
    return grpc.aio.insecure_channel(target, options=options, interceptors=interceptors)


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

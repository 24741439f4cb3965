"""Process shell shared by the queue workers: settings, storage channel, a gRPC health port
(compose and Kubernetes probe it like any service), SIGTERM drain, and the consumer loop."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from collections.abc import Callable

import grpc
import structlog
from aio_pika.abc import AbstractIncomingMessage
from grpc_health.v1 import health_pb2, health_pb2_grpc
from pydantic import Field

from kit import tracing
from kit.broker import Handler, TransientJobError, consume, delivery_count
from kit.grpc_client import storage_channel
from kit.grpc_server import REQUEST_ID, ServerSpec, start_server
from kit.jobflow import Delivery, current_delivery
from kit.jobs import REQUEST_ID_HEADER
from kit.logging import get_logger
from kit.metrics import serve_metrics
from kit.settings import BrokerSettings
from resumeai.storage.v1 import storage_pb2_grpc

log = get_logger(__name__)

# Status codes after which a retry can succeed: the job is requeued instead of failed.
TRANSIENT_CODES = frozenset(
    {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.StatusCode.ABORTED,
        grpc.StatusCode.CANCELLED,
    }
)


class WorkerSettings(BrokerSettings):
    # Unacked messages held at once; also how many jobs run concurrently.
    prefetch: int = Field(2, ge=1, le=64)
    # gRPC health port (0 picks a free one; compose sets a fixed container port).
    health_port: int = Field(0, ge=0, le=65535)
    health_host: str = "127.0.0.1"  # the container image sets 0.0.0.0 for probes
    worker_id: str = Field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")
    # How long a job whose storage call failed UNAVAILABLE waits for storage to come back
    # before its message is requeued: an outage then costs each message one delivery, not
    # all of them (which would dead-letter healthy jobs during a storage restart).
    storage_wait_s: float = Field(30.0, ge=0, le=600)
    # Fault injection for the fault suite (tests/faults); keep both 0. Seconds to sleep
    # after claiming a job (to kill a worker mid-job), and how many first deliveries of
    # every job fail with a retryable error (>= delivery limit + 1: a poison job).
    fault_job_delay_s: float = Field(0.0, ge=0, le=600)
    fault_fail_deliveries: int = Field(0, ge=0, le=1000)


def job_request_id(message: AbstractIncomingMessage) -> str | None:
    """The request id a job message carries, when it looks like one (else none is bound)."""
    found = (message.headers or {}).get(REQUEST_ID_HEADER)
    if isinstance(found, bytes):
        found = found.decode("utf-8", "replace")
    return found if isinstance(found, str) and REQUEST_ID.fullmatch(found) else None


def _text_headers(message: AbstractIncomingMessage) -> dict[str, str]:
    return {
        key: value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        for key, value in (message.headers or {}).items()
        if isinstance(value, str | bytes)
    }


def is_transient(error: BaseException) -> bool:
    return isinstance(error, grpc.aio.AioRpcError) and error.code() in TRANSIENT_CODES


async def wait_until_serving(
    channel: grpc.aio.Channel, timeout_s: float, stop: asyncio.Event
) -> bool:
    """Polls the health service behind `channel` until SERVING, `timeout_s` or `stop`."""
    health = health_pb2_grpc.HealthStub(channel)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    pause = 0.2
    while not stop.is_set():
        try:
            reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1.0)
            if reply.status == health_pb2.HealthCheckResponse.SERVING:
                return True
        except grpc.aio.AioRpcError:
            pass
        if loop.time() + pause > deadline:
            return False
        await asyncio.sleep(pause)
        pause = min(pause * 2, 2.0)
    return False


async def run_worker(
    name: str,
    queue: str,
    settings: WorkerSettings,
    make_handler: Callable[[storage_pb2_grpc.StorageServiceAsyncStub], Handler],
) -> None:
    channel = storage_channel(settings)
    storage = storage_pb2_grpc.StorageServiceStub(channel)
    handler = make_handler(storage)

    stop = asyncio.Event()

    async def guarded(message: AbstractIncomingMessage) -> None:
        count = delivery_count(message)
        current_delivery.set(
            Delivery(
                attempt=count + 1,
                final=count >= settings.delivery_limit,
                fault_delay_s=settings.fault_job_delay_s,
                fault_fail_deliveries=settings.fault_fail_deliveries,
                queue=queue,
            )
        )
        try:
            # The creating call's request id (kit.jobs.correlation_headers): on this job's log
            # lines, and passed on to storage with its calls (kit.grpc_client).
            request_id = job_request_id(message)
            with (
                structlog.contextvars.bound_contextvars(
                    **({"request_id": request_id} if request_id else {})
                ),
                tracing.span(
                    f"{queue} process",
                    tracing.SpanKind.CONSUMER,
                    carrier=_text_headers(message),
                    attributes={
                        "messaging.system": "rabbitmq",
                        "messaging.destination.name": queue,
                        "messaging.message.id": message.message_id or "",
                    },
                ),
            ):
                await handler(message)
        except grpc.aio.AioRpcError as exc:
            if is_transient(exc):
                # Storage is down or restarting: hold the message until it is back, so the
                # redelivery has a chance and the outage does not eat the delivery limit.
                if await wait_until_serving(channel, settings.storage_wait_s, stop):
                    log.info("job.storage_back", code=exc.code().name)
                raise TransientJobError(exc.code().name) from exc
            raise

    health = await start_server(
        ServerSpec(name=name, port=settings.health_port, host=settings.health_host)
    )
    metrics = serve_metrics(settings.metrics_port, settings.metrics_host)
    log.info(
        "worker.started",
        worker=name,
        health_port=health.port,
        metrics_port=metrics.port if metrics else None,
        worker_id=settings.worker_id,
    )
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    async def drain_on_stop() -> None:
        await stop.wait()
        await health.set_serving(False)

    drain = asyncio.create_task(drain_on_stop())
    try:
        await consume(
            settings.amqp_url.get_secret_value(),
            queue,
            guarded,
            prefetch=settings.prefetch,
            delivery_limit=settings.delivery_limit,
            stop=stop,
            grace_s=settings.shutdown_grace_s,
        )
    finally:
        drain.cancel()
        await health.server.stop(1)
        await channel.close(None)
        if metrics is not None:
            metrics.close()
        log.info("worker.stopped", worker=name)

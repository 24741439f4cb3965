"""Process shell shared by the queue workers: settings, storage channel, a gRPC health port
(compose and Kubernetes probe it like any service), SIGTERM drain, and the consumer loop."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from collections.abc import Callable

import grpc
from aio_pika.abc import AbstractIncomingMessage
from pydantic import Field

from kit.broker import Handler, TransientJobError, consume
from kit.grpc_client import storage_channel
from kit.grpc_server import ServerSpec, start_server
from kit.logging import get_logger
from kit.settings import BrokerSettings
from resumeai.v1 import storage_pb2_grpc

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
    worker_id: str = Field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")


def is_transient(error: BaseException) -> bool:
    return isinstance(error, grpc.aio.AioRpcError) and error.code() in TRANSIENT_CODES


async def run_worker(
    name: str,
    queue: str,
    settings: WorkerSettings,
    make_handler: Callable[[storage_pb2_grpc.StorageStub], Handler],
) -> None:
    channel = storage_channel(settings)
    storage = storage_pb2_grpc.StorageStub(channel)
    handler = make_handler(storage)

    async def guarded(message: AbstractIncomingMessage) -> None:
        try:
            await handler(message)
        except grpc.aio.AioRpcError as exc:
            if is_transient(exc):
                raise TransientJobError(exc.code().name) from exc
            raise

    health = await start_server(ServerSpec(name=name, port=settings.health_port))
    log.info("worker.started", worker=name, health_port=health.port, worker_id=settings.worker_id)
    stop = asyncio.Event()
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
        )
    finally:
        drain.cancel()
        await health.server.stop(1)
        await channel.close()
        log.info("worker.stopped", worker=name)

"""RabbitMQ topology, confirmed publishing and the consumer loop shared by the workers.

Topology (declared idempotently by every service at start):
  exchange `resumeai.jobs` (direct, durable) --tailor--> quorum queue `tailor`
                                             --export--> quorum queue `export`
  each queue dead-letters (after `delivery_limit` redeliveries) into exchange `resumeai.dead`,
  which routes to `tailor.dead` / `export.dead`.
Messages are persistent protobuf bodies carrying ids only; message_id is the outbox job id.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aio_pika
import pamqp.exceptions
from aio_pika.abc import (
    AbstractChannel,
    AbstractExchange,
    AbstractIncomingMessage,
    AbstractQueue,
    AbstractRobustConnection,
)

from kit.logging import get_logger

log = get_logger(__name__)

JOBS_EXCHANGE = "resumeai.jobs"
DEAD_EXCHANGE = "resumeai.dead"
TAILOR_QUEUE = "tailor"
EXPORT_QUEUE = "export"
JOB_QUEUES = (TAILOR_QUEUE, EXPORT_QUEUE)
CONTENT_TYPE = "application/x-protobuf"


class PublishFailed(Exception):
    """The broker did not confirm a message (nack, return, timeout or lost connection)."""


class TransientJobError(Exception):
    """Raised by a handler when the job should be redelivered (e.g. storage unavailable)."""


@dataclass(frozen=True)
class Topology:
    jobs: AbstractExchange
    queues: dict[str, AbstractQueue]


async def connect(url: str) -> AbstractRobustConnection:
    """A robust connection: reconnects and restores channels, queues and consumers."""
    return await aio_pika.connect_robust(url, client_properties={"connection_name": "resumeai"})


async def declare_topology(channel: AbstractChannel, delivery_limit: int) -> Topology:
    jobs = await channel.declare_exchange(JOBS_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True)
    dead = await channel.declare_exchange(DEAD_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True)
    queues: dict[str, AbstractQueue] = {}
    for name in JOB_QUEUES:
        dead_queue = await channel.declare_queue(
            f"{name}.dead", durable=True, arguments={"x-queue-type": "quorum"}
        )
        await dead_queue.bind(dead, routing_key=name)
        queue = await channel.declare_queue(
            name,
            durable=True,
            arguments={
                "x-queue-type": "quorum",
                "x-delivery-limit": delivery_limit,
                "x-dead-letter-exchange": DEAD_EXCHANGE,
                "x-dead-letter-routing-key": name,
                # At-least-once dead-lettering so a poison message is never silently dropped.
                "x-dead-letter-strategy": "at-least-once",
                "x-overflow": "reject-publish",
            },
        )
        await queue.bind(jobs, routing_key=name)
        queues[name] = queue
    return Topology(jobs=jobs, queues=queues)


class Publisher:
    """Publishes persistent job messages and waits for the broker's confirm."""

    def __init__(self, url: str, delivery_limit: int, confirm_timeout_s: float = 5.0) -> None:
        self._url = url
        self._delivery_limit = delivery_limit
        self._timeout = confirm_timeout_s
        self._connection: AbstractRobustConnection | None = None
        self._exchange: AbstractExchange | None = None
        self._lock = asyncio.Lock()

    async def _ensure(self) -> AbstractExchange:
        async with self._lock:
            if self._exchange is None or self._connection is None or self._connection.is_closed:
                self._connection = await asyncio.wait_for(connect(self._url), self._timeout)
                # on_return_raises: an unroutable (mandatory) message is a failure, not a no-op.
                channel = await self._connection.channel(
                    publisher_confirms=True, on_return_raises=True
                )
                topology = await declare_topology(channel, self._delivery_limit)
                self._exchange = topology.jobs
            return self._exchange

    async def publish(self, routing_key: str, payload: bytes, message_id: str, kind: str) -> None:
        message = aio_pika.Message(
            payload,
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            message_id=message_id,
            content_type=CONTENT_TYPE,
            type=kind,
        )
        try:
            exchange = await self._ensure()
            await exchange.publish(
                message, routing_key=routing_key, mandatory=True, timeout=self._timeout
            )
        except (
            aio_pika.exceptions.AMQPError,
            pamqp.exceptions.PAMQPException,
            OSError,
            TimeoutError,
            ConnectionError,
        ) as exc:
            raise PublishFailed(type(exc).__name__) from exc

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()


Handler = Callable[[AbstractIncomingMessage], Awaitable[None]]


async def consume(
    url: str,
    queue_name: str,
    handler: Handler,
    *,
    prefetch: int,
    delivery_limit: int,
    stop: asyncio.Event,
) -> None:
    """Consumes until `stop` is set, then lets in-flight handlers finish.

    The handler acks by returning normally; `TransientJobError` or any crash nacks with
    requeue after a short pause (the quorum queue's delivery limit then dead-letters a
    poison message instead of looping hot).
    """
    connection = await connect(url)
    try:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=prefetch)
        topology = await declare_topology(channel, delivery_limit)
        queue = topology.queues[queue_name]
        in_flight: set[asyncio.Task[None]] = set()
        slots = asyncio.Semaphore(prefetch)

        async def on_message(message: AbstractIncomingMessage) -> None:
            await slots.acquire()
            task = asyncio.create_task(_handle(message, handler))
            in_flight.add(task)
            task.add_done_callback(_finished)

        def _finished(task: asyncio.Task[None]) -> None:
            in_flight.discard(task)
            slots.release()

        tag = await queue.consume(on_message)
        log.info("consumer.started", queue=queue_name, prefetch=prefetch)
        await stop.wait()
        # Stop taking new messages; unacked prefetched ones return to the queue on close.
        await queue.cancel(tag)
        if in_flight:
            await asyncio.gather(*in_flight, return_exceptions=True)
    finally:
        await connection.close()
        log.info("consumer.stopped", queue=queue_name)


async def _handle(message: AbstractIncomingMessage, handler: Handler) -> None:
    try:
        await handler(message)
    except Exception as exc:
        count = (message.headers or {}).get("x-delivery-count", 0)
        attempts = count if isinstance(count, int) else 0
        log.warning(
            "job.requeued",
            message_id=message.message_id,
            error=type(exc).__name__,
            delivery_count=attempts,
        )
        await asyncio.sleep(min(0.5 * (attempts + 1), 5.0))
        await message.nack(requeue=True)
    else:
        await message.ack()

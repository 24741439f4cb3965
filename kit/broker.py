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
import contextlib
import random
import time
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

from kit.jobs import EXPORT, TAILOR
from kit.logging import get_logger
from kit.metrics import (
    JOB_MESSAGES,
    JOB_SECONDS,
    QUEUE_CONSUMERS,
    QUEUE_MESSAGES,
    REDELIVERIES,
)

log = get_logger(__name__)

JOBS_EXCHANGE = "resumeai.jobs"
DEAD_EXCHANGE = "resumeai.dead"
TAILOR_QUEUE = TAILOR.routing_key
EXPORT_QUEUE = EXPORT.routing_key
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


async def connect_until(url: str, stop: asyncio.Event) -> AbstractRobustConnection | None:
    """`connect`, retried with backoff while the broker is down (a worker started during an
    outage waits for it instead of exiting); None when `stop` is set first."""
    pause = 0.5
    while not stop.is_set():
        try:
            return await connect(url)
        except (aio_pika.exceptions.AMQPError, OSError, ConnectionError) as exc:
            log.warning("broker.connect_failed", error=type(exc).__name__, retry_in_s=pause)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), pause)
        pause = min(pause * 2, 10.0)
    return None


def delivery_count(message: AbstractIncomingMessage) -> int:
    """How many times the quorum queue has delivered this message before (0 the first time)."""
    count = (message.headers or {}).get("x-delivery-count", 0)
    return count if isinstance(count, int) else 0


def requeue_delay_s(previous_deliveries: int) -> float:
    """Pause before a failed message is nacked back: exponential (0.25 s, 0.5 s, 1 s...,
    at most 5 s) with jitter, so a failing job neither loops hot nor makes a fleet retry in
    lock-step."""
    delay: float = min(0.25 * 2.0**previous_deliveries, 5.0)
    return delay * random.uniform(0.8, 1.0)


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
        # After a failed connect, publishes fail at once until this time (monotonic) instead
        # of each waiting for its own connect timeout: during a broker outage StartTailoring
        # answers in milliseconds and the outbox relay catches up afterwards.
        self._retry_at = 0.0

    async def _ensure(self) -> AbstractExchange:
        connection = self._connection
        if connection is not None and not connection.is_closed and not _connected(connection):
            # A robust connection that is reconnecting: do not queue up behind it.
            raise PublishFailed("broker connection is down; reconnecting")
        if time.monotonic() < self._retry_at:
            raise PublishFailed("broker unreachable; retrying shortly")
        async with self._lock:
            if self._exchange is None or self._connection is None or self._connection.is_closed:
                self._exchange = None
                fresh: AbstractRobustConnection | None = None
                try:
                    fresh = await asyncio.wait_for(connect(self._url), self._timeout)
                    # on_return_raises: an unroutable (mandatory) message is a failure.
                    channel = await fresh.channel(publisher_confirms=True, on_return_raises=True)
                    topology = await declare_topology(channel, self._delivery_limit)
                except BaseException:
                    # Never leak a half-set-up connection (e.g. a declare refused with
                    # PRECONDITION_FAILED); back off before the next attempt.
                    self._retry_at = time.monotonic() + 1.0
                    if fresh is not None:
                        await fresh.close()
                    raise
                self._connection, self._exchange = fresh, topology.jobs
            return self._exchange

    async def warm_up(self) -> None:
        """Connects ahead of the first publish (which would otherwise pay for the connection
        and the topology declaration); a broker that is down is only logged."""
        try:
            await self._ensure()
        except Exception as exc:
            log.warning("broker.warm_up_failed", error=type(exc).__name__)

    async def publish(
        self,
        routing_key: str,
        payload: bytes,
        message_id: str,
        kind: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        message = aio_pika.Message(
            payload,
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            message_id=message_id,
            content_type=CONTENT_TYPE,
            type=kind,
            headers=dict(headers or {}),
        )
        try:
            exchange = await self._ensure()
            # asyncio.timeout rather than publish(timeout=...), which runs each publish as a
            # task of its own (aiormq wraps it in wait_for): the inline path publishes per run.
            async with asyncio.timeout(self._timeout):
                await exchange.publish(message, routing_key=routing_key, mandatory=True)
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


def _connected(connection: AbstractRobustConnection) -> bool:
    event = getattr(connection, "connected", None)
    return event.is_set() if isinstance(event, asyncio.Event) else True


Handler = Callable[[AbstractIncomingMessage], Awaitable[None]]


async def consume(
    url: str,
    queue_name: str,
    handler: Handler,
    *,
    prefetch: int,
    delivery_limit: int,
    stop: asyncio.Event,
    grace_s: float = 15.0,
) -> None:
    """Consumes until `stop` is set, then lets in-flight handlers finish (for `grace_s`).

    The handler acks by returning normally; `TransientJobError` or any crash nacks with
    requeue after an exponential pause (the quorum queue's delivery limit then dead-letters
    a poison message instead of looping hot).
    """
    connection = await connect_until(url, stop)
    if connection is None:
        return
    depth: asyncio.Task[None] | None = None
    try:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=prefetch)
        topology = await declare_topology(channel, delivery_limit)
        queue = topology.queues[queue_name]
        # set_qos bounds how many messages are in flight; no second limit needed here.
        in_flight: set[asyncio.Task[None]] = set()

        async def on_message(message: AbstractIncomingMessage) -> None:
            task = asyncio.create_task(_handle(message, handler, delivery_limit, queue_name))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)

        tag = await queue.consume(on_message)
        log.info("consumer.started", queue=queue_name, prefetch=prefetch)
        depth = asyncio.create_task(watch_depth(connection, queue_name, stop))
        await stop.wait()
        # Stop taking new messages; unacked prefetched ones return to the queue on close.
        await queue.cancel(tag)
        if in_flight:
            _done, late = await asyncio.wait(in_flight, timeout=grace_s)
            for task in late:
                # Past the grace period: give up; the unacked message returns to the queue
                # when the connection closes, and the lease lets another worker take over.
                task.cancel()
            if late:
                log.warning("consumer.grace_exceeded", cancelled=len(late))
                await asyncio.gather(*late, return_exceptions=True)
    finally:
        if depth is not None:
            depth.cancel()
        await connection.close()
        log.info("consumer.stopped", queue=queue_name)


async def _handle(
    message: AbstractIncomingMessage, handler: Handler, delivery_limit: int, queue: str
) -> None:
    started = time.perf_counter()
    if message.redelivered or delivery_count(message):
        REDELIVERIES.labels(queue).inc()
    try:
        await handler(message)
    except Exception as exc:
        previous = delivery_count(message)
        if previous >= delivery_limit:
            # The broker dead-letters it on this nack: no point holding the slot.
            log.error(
                "job.dead_lettered",
                message_id=message.message_id,
                error=type(exc).__name__,
                delivery_count=previous,
            )
            outcome = "dead_lettered"
        else:
            log.warning(
                "job.requeued",
                message_id=message.message_id,
                error=type(exc).__name__,
                delivery_count=previous,
            )
            outcome = "requeued"
            await asyncio.sleep(requeue_delay_s(previous))
        await _settle(message, ack=False)
    else:
        outcome = "acked"
        await _settle(message, ack=True)
    JOB_MESSAGES.labels(queue, outcome).inc()
    JOB_SECONDS.labels(queue).observe(time.perf_counter() - started)


DEPTH_INTERVAL_S = 15.0


async def watch_depth(
    connection: AbstractRobustConnection, queue_name: str, stop: asyncio.Event
) -> None:
    """Reads the message and consumer counts of the queue and its dead-letter queue every
    `DEPTH_INTERVAL_S` (a passive declare: it changes nothing) into the metrics, so each
    worker reports the backlog it is draining and the dead letters waiting for an operator.
    On a channel of its own: a failed passive declare closes its channel, and that must not
    be the one the worker consumes on."""
    channel = await connection.channel()
    while not stop.is_set():
        for name in (queue_name, f"{queue_name}.dead"):
            try:
                if channel.is_closed:  # a failed declare closed it: read on a new one
                    channel = await connection.channel()
                declared = await channel.declare_queue(name, passive=True)
            except Exception as exc:  # no such queue, or the broker is away: try next time
                log.debug("broker.depth_unread", queue=name, error=type(exc).__name__)
                continue
            result = declared.declaration_result
            QUEUE_MESSAGES.labels(name).set(result.message_count or 0)
            QUEUE_CONSUMERS.labels(name).set(result.consumer_count or 0)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), DEPTH_INTERVAL_S)


async def _settle(message: AbstractIncomingMessage, *, ack: bool) -> None:
    """Acks or nacks (requeue). When the channel died meanwhile (broker restart, cut link)
    the broker has already requeued the message; its redelivery is harmless (the claim says
    ALREADY_FINISHED), so a failure here is logged, not raised into a task nobody awaits."""
    try:
        if ack:
            await message.ack()
        else:
            await message.nack(requeue=True)
    except Exception as exc:
        log.warning(
            "job.settle_failed", message_id=message.message_id, ack=ack, error=type(exc).__name__
        )

"""Publishing outbox jobs: shared by the inline path (StartTailoring / StartExport) and the
relay. A job is marked published in storage only after the broker confirmed it."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import time

import grpc

from kit.broker import Publisher, PublishFailed
from kit.jobs import KINDS
from kit.logging import get_logger
from kit.metrics import PUBLISHES_DEFERRED
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc

log = get_logger(__name__)

_LOG_EVERY_S = 1.0


def kind_for(routing_key: str) -> str:
    """The AMQP `type` property of a routing key's jobs: the protobuf message the body holds."""
    kind = KINDS.get(routing_key)
    return kind.type_name if kind is not None else ""


async def publish_job(publisher: Publisher, job: storage_pb2.OutboxJob) -> None:
    """Publishes one job and waits for the confirm; raises PublishFailed."""
    await publisher.publish(
        job.routing_key, job.payload, job.id, kind_for(job.routing_key), dict(job.headers)
    )


async def mark_published(
    storage: storage_pb2_grpc.StorageServiceAsyncStub, ids: list[str], deadline_s: float
) -> bool:
    """Records confirmed jobs. A failure only means the relay may publish them again, which
    the workers tolerate (claims are idempotent), so it is logged, not raised."""
    if not ids:
        return True
    try:
        await storage.MarkOutboxPublished(
            storage_pb2.MarkOutboxPublishedRequest(ids=ids), timeout=deadline_s
        )
    except grpc.aio.AioRpcError as exc:
        log.warning("outbox.mark_failed", code=exc.code().name, job_ids=ids)
        return False
    return True


class InlinePublisher:
    """Publishes accepted jobs off the request path and marks confirmed ones in batches.

    The run and its job are durable in the outbox before StartTailoring answers, so waiting
    for the broker's confirm (a quorum-queue fsync) and for MarkOutboxPublished (another
    storage transaction) only added latency to every call: they now happen after the
    answer. A job that is not confirmed -- broker down, gateway killed mid-publish -- is
    still pending in the outbox and the relay publishes it. Confirmed ids are marked
    together every `mark_delay_s`, one storage call for many runs under load.
    """

    def __init__(
        self,
        publisher: Publisher,
        storage: storage_pb2_grpc.StorageServiceAsyncStub,
        deadline_s: float,
        *,
        mark_delay_s: float = 0.02,
        max_in_flight: int = 512,
    ) -> None:
        self._publisher = publisher
        self._storage = storage
        self._deadline_s = deadline_s
        self._mark_delay_s = mark_delay_s
        self._max_in_flight = max_in_flight
        self._tasks: set[asyncio.Task[None]] = set()
        self._unlogged: collections.Counter[str] = collections.Counter()
        self._logged_at: dict[str, float] = {}
        self._confirmed: list[str] = []
        self._flush: asyncio.Task[None] | None = None
        # Built inside the server's loop: connect to the broker now, not on the first call.
        # (No running loop -- constructed in a unit test: the first publish connects.)
        with contextlib.suppress(RuntimeError):
            self._track(asyncio.get_running_loop().create_task(publisher.warm_up()))

    def submit(self, job: storage_pb2.OutboxJob) -> None:
        if len(self._tasks) >= self._max_in_flight:
            # Broker slower than the callers: leave this one to the relay rather than pile
            # up unbounded tasks (and memory) in the gateway.
            self._deferred("backlog", job.id)
            return
        self._track(asyncio.create_task(self._publish(job)))

    def _deferred(self, reason: str, job_id: str, error: str = "") -> None:
        """Counts a job left to the relay; logs at most once a second per reason, with how
        many went that way since (under load or with the broker down, one line per job
        would flood the log)."""
        PUBLISHES_DEFERRED.labels(reason).inc()
        self._unlogged[reason] += 1
        now = time.monotonic()
        if now - self._logged_at.get(reason, -_LOG_EVERY_S) < _LOG_EVERY_S:
            return
        log.warning(
            "outbox.publish_deferred",
            reason=reason,
            error=error or reason,
            jobs=self._unlogged.pop(reason),
            job_id=job_id,
        )
        self._logged_at[reason] = now

    def _track(self, task: asyncio.Task[None]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _publish(self, job: storage_pb2.OutboxJob) -> None:
        try:
            await publish_job(self._publisher, job)
        except PublishFailed as exc:
            self._deferred("broker", job.id, str(exc))
            return
        except Exception as exc:
            self._deferred("broker", job.id, type(exc).__name__)
            return
        self._confirmed.append(job.id)
        if self._flush is None:
            self._flush = asyncio.create_task(self._mark_soon())
            self._track(self._flush)

    async def _mark_soon(self) -> None:
        await asyncio.sleep(self._mark_delay_s)
        # Swap before awaiting: ids confirmed meanwhile start the next batch.
        ids, self._confirmed, self._flush = self._confirmed, [], None
        await mark_published(self._storage, ids, self._deadline_s)

    async def drain(self, timeout_s: float) -> None:
        """Waits (bounded) for in-flight publishes and marks; on SIGTERM, before the broker
        connection closes. Whatever is left is still pending in the outbox."""
        deadline = asyncio.get_running_loop().time() + timeout_s
        while self._tasks:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                log.warning("outbox.drain_timeout", pending=len(self._tasks))
                return
            await asyncio.wait(set(self._tasks), timeout=remaining)

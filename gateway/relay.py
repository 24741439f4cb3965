"""The outbox relay: publishes jobs whose inline publish did not confirm.

Every tick it leases pending jobs older than `min_age_ms` (so it rarely races the inline
publish), publishes them with confirms and marks the confirmed ones. Several gateways may run
it at once: the storage lease keeps them from taking the same jobs. Storage or broker
outages are logged and retried on the next tick; the loop itself never dies.
"""

from __future__ import annotations

import asyncio

import grpc

from gateway.outbox import mark_published, publish_job
from kit.broker import Publisher, PublishFailed
from kit.logging import get_logger
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc

log = get_logger(__name__)

BATCH_LIMIT = 100
LEASE_MS = 30_000


class OutboxRelay:
    def __init__(
        self,
        storage: storage_pb2_grpc.StorageServiceAsyncStub,
        publisher: Publisher,
        *,
        interval_s: float,
        min_age_ms: int,
        deadline_s: float = 10.0,
        lease_ms: int = LEASE_MS,
        limit: int = BATCH_LIMIT,
    ) -> None:
        self._storage = storage
        self._publisher = publisher
        self._interval_s = interval_s
        self._min_age_ms = min_age_ms
        self._deadline_s = deadline_s
        self._lease_ms = lease_ms
        self._limit = limit

    async def run_once(self) -> int:
        """One tick; returns how many jobs were published. Raises on storage errors."""
        claimed = await self._storage.ClaimOutboxJobs(
            storage_pb2.ClaimOutboxJobsRequest(
                limit=self._limit, min_age_ms=self._min_age_ms, lease_ms=self._lease_ms
            ),
            timeout=self._deadline_s,
        )
        confirmed: list[str] = []
        for job in claimed.jobs:
            try:
                await publish_job(self._publisher, job)
            except Exception as exc:
                # PublishFailed, or a broker error the publisher did not wrap: the broker is
                # likely down, so stop here instead of timing out on every job. The rest stay
                # leased until lease_ms passes, then come back.
                error = str(exc) if isinstance(exc, PublishFailed) else type(exc).__name__
                log.warning("relay.publish_failed", job_id=job.id, error=error)
                break
            confirmed.append(job.id)
        await mark_published(self._storage, confirmed, self._deadline_s)
        if confirmed:
            log.info("relay.published", count=len(confirmed))
        return len(confirmed)

    async def run_forever(self) -> None:
        """The background task: tick until cancelled."""
        log.info("relay.started", interval_s=self._interval_s)
        while True:
            published = 0
            try:
                published = await self.run_once()
            except grpc.aio.AioRpcError as exc:
                log.warning("relay.storage_error", code=exc.code().name)
            except Exception:
                # Anything else is a bug, but the relay must outlive it: log and keep going.
                log.exception("relay.tick_crashed")
            # A full batch means more may be waiting: go again without sleeping.
            if published < self._limit:
                await asyncio.sleep(self._interval_s)

"""Publishing outbox jobs: shared by the inline path (StartTailoring / StartExport) and the
relay. A job is marked published in storage only after the broker confirmed it."""

from __future__ import annotations

import grpc

from kit.broker import Publisher, PublishFailed
from kit.logging import get_logger
from resumeai.v1 import jobs_pb2, storage_pb2, storage_pb2_grpc

log = get_logger(__name__)

# AMQP `type` property of each routing key: the protobuf message the body holds.
KINDS = {
    "tailor": jobs_pb2.TailorJob.DESCRIPTOR.full_name,
    "export": jobs_pb2.ExportJob.DESCRIPTOR.full_name,
}


def kind_for(routing_key: str) -> str:
    return KINDS.get(routing_key, "")


async def publish_job(publisher: Publisher, job: storage_pb2.OutboxJob) -> None:
    """Publishes one job and waits for the confirm; raises PublishFailed."""
    await publisher.publish(job.routing_key, job.payload, job.id, kind_for(job.routing_key))


async def mark_published(
    storage: storage_pb2_grpc.StorageStub, ids: list[str], deadline_s: float
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


async def publish_now(
    publisher: Publisher,
    storage: storage_pb2_grpc.StorageStub,
    job: storage_pb2.OutboxJob,
    deadline_s: float,
) -> bool:
    """The inline publish after a run / artifact was accepted. Never raises: the job is
    durable in the outbox, so a broker outage only delays it until the relay's next tick."""
    try:
        await publish_job(publisher, job)
    except PublishFailed as exc:
        log.warning("outbox.publish_deferred", job_id=job.id, error=str(exc))
        return False
    except Exception as exc:
        # Whatever went wrong, the run is already accepted and its job durable: the caller
        # gets the run, the relay gets the job.
        log.warning("outbox.publish_deferred", job_id=job.id, error=type(exc).__name__)
        return False
    return await mark_published(storage, [job.id], deadline_s)

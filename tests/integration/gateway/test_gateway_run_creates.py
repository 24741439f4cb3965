"""StartTailoring's storage writes coalesced under load (gateway/run_creates.py), against the
real storage service: creates past the in-flight limit go together in one
Storage.CreateTailorRuns, and each caller gets what a call of its own would have got."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import grpc
import pytest
from aio_pika.abc import AbstractQueue
from prometheus_client import REGISTRY

from gateway.run_creates import RunCreates
from kit.broker import TAILOR_QUEUE
from kit.grpc_client import STORAGE_SERVICE
from resumeai.storage.v1 import jobs_pb2, records_pb2, storage_pb2, storage_pb2_grpc
from resumeai.v1 import common_pb2, resume_builder_pb2
from tests.integration.gateway.helpers import (
    JOB_TEXT,
    RESUME_TEXT,
    Gateway,
    Owner,
    drain,
    gateway_settings,
    start_gateway,
)

Stub = storage_pb2_grpc.StorageServiceStub


def storage_calls(method: str) -> float:
    """Calls the in-process storage server has started of `method` so far."""
    labels = {"grpc_type": "unary", "grpc_service": STORAGE_SERVICE, "grpc_method": method}
    return REGISTRY.get_sample_value("grpc_server_started_total", labels) or 0.0


async def stored_documents(storage: Stub, owner: str) -> tuple[str, str]:
    resume = await storage.CreateResume(
        storage_pb2.CreateResumeRequest(
            owner_id=owner,
            document=records_pb2.Document(
                format=common_pb2.DOCUMENT_FORMAT_TXT, content=RESUME_TEXT.encode()
            ),
            display_name="cv",
        )
    )
    posting = await storage.CreateJobPosting(
        storage_pb2.CreateJobPostingRequest(owner_id=owner, title="Engineer", text=JOB_TEXT)
    )
    return resume.resume.id, posting.job_posting.id


def by_id(owner: str, resume: str, job: str, rid: str = "") -> storage_pb2.CreateTailorRunRequest:
    return storage_pb2.CreateTailorRunRequest(
        owner_id=owner,
        request_id=rid or uuid.uuid4().hex,
        resume_id=resume,
        job_posting_id=job,
        options=common_pb2.TailorOptions(provider="offline"),
    )


async def outcome(call: object) -> storage_pb2.CreateTailorRunResponse | grpc.aio.AioRpcError:
    try:
        return await call  # type: ignore[no-any-return, misc]
    except grpc.aio.AioRpcError as error:
        return error


async def test_creates_past_the_limit_go_together_and_each_gets_its_own_answer(
    storage: Stub, owner_a: Owner, owner_b: Owner
) -> None:
    creates = RunCreates(storage, 5.0, max_batch=64, in_flight=1)
    resume, job = await stored_documents(storage, owner_a.owner_id)
    foreign_resume, _ = await stored_documents(storage, owner_b.owner_id)
    earlier = await storage.CreateTailorRun(by_id(owner_a.owner_id, resume, job, "rc-earlier"))
    singles, batches = storage_calls("CreateTailorRun"), storage_calls("CreateTailorRuns")
    coalesced = REGISTRY.get_sample_value("resumeai_run_create_batch_size_sum") or 0.0

    asked = [
        by_id(owner_a.owner_id, resume, job),  # goes alone: nothing is in flight
        by_id(owner_a.owner_id, resume, job),
        by_id(owner_a.owner_id, resume, job, "rc-earlier"),  # a replay
        by_id(owner_a.owner_id, foreign_resume, job),  # another owner's resume
        by_id(owner_a.owner_id, job, resume, "rc-earlier"),  # its id, for another request
        by_id(owner_a.owner_id, "not-a-uuid", job),
        by_id(owner_a.owner_id, resume, job),
    ]
    # Each create runs until it waits: the first takes the one slot, the rest queue.
    answers = await asyncio.gather(*(outcome(creates.create(r, 5.0)) for r in asked))

    assert storage_calls("CreateTailorRun") == singles + 1
    assert storage_calls("CreateTailorRuns") == batches + 1
    # The gateway's own count of what it coalesced: the six that queued, in one batch.
    assert REGISTRY.get_sample_value("resumeai_run_create_batch_size_sum") == coalesced + 6
    new = [answers[i] for i in (0, 1, 6)]
    assert all(isinstance(a, storage_pb2.CreateTailorRunResponse) and a.created for a in new)
    assert len({a.run.id for a in new}) == 3  # type: ignore[union-attr]
    replay = answers[2]
    assert isinstance(replay, storage_pb2.CreateTailorRunResponse)
    assert replay.run.id == earlier.run.id and not replay.created
    for index, code, details in (
        (3, grpc.StatusCode.NOT_FOUND, "resume not found"),
        (4, grpc.StatusCode.ALREADY_EXISTS, "request_id: already used for a different request"),
        (5, grpc.StatusCode.NOT_FOUND, "resume not found"),
    ):
        error = answers[index]
        assert isinstance(error, grpc.aio.AioRpcError), (index, error)
        assert (error.code(), error.details()) == (code, details)


async def test_a_caller_gone_before_its_batch_left_is_not_created(
    storage: Stub, owner_a: Owner
) -> None:
    creates = RunCreates(storage, 5.0, max_batch=64, in_flight=1)
    resume, job = await stored_documents(storage, owner_a.owner_id)
    late = by_id(owner_a.owner_id, resume, job)
    first, gone = await asyncio.gather(
        outcome(creates.create(by_id(owner_a.owner_id, resume, job), 5.0)),
        outcome(creates.create(late, 0.0001)),
    )
    assert isinstance(first, storage_pb2.CreateTailorRunResponse)
    assert isinstance(gone, grpc.aio.AioRpcError)
    assert gone.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    await asyncio.sleep(0.2)  # a batch would have left once the first create finished
    retried = await storage.CreateTailorRun(late)
    assert retried.created  # nothing was created under its request id


@pytest.fixture
async def busy_gateway(
    service_token: str, storage_target: str, amqp_url: str
) -> AsyncIterator[Gateway]:
    """A gateway that lets one create go alone and coalesces the rest."""
    gateway = await start_gateway(
        gateway_settings(service_token, storage_target, amqp_url, run_creates_in_flight=1)
    )
    yield gateway
    await gateway.stop()


async def test_concurrent_starts_through_the_api_publish_one_job_each_with_the_callers_id(
    busy_gateway: Gateway,
    owner_a: Owner,
    storage: Stub,
    job_queues: dict[str, AbstractQueue],
) -> None:
    queue = job_queues[TAILOR_QUEUE]
    await queue.purge()
    resume, job = await stored_documents(storage, owner_a.owner_id)
    batches = storage_calls("CreateTailorRuns")

    async def start(n: int) -> str:
        run = await busy_gateway.client.StartTailoring(
            resume_builder_pb2.StartTailoringRequest(
                request_id=f"api-{n}-{uuid.uuid4().hex}", resume_id=resume, job_posting_id=job
            ),
            metadata=(*owner_a.metadata, ("x-request-id", f"caller-{n}")),
        )
        return str(run.id)

    runs = await asyncio.gather(*(start(n) for n in range(24)))
    assert len(set(runs)) == 24
    assert storage_calls("CreateTailorRuns") > batches  # some went together
    messages = await drain(queue)
    published = {
        jobs_pb2.TailorJob.FromString(m.body).run_id: (m.headers or {}).get("x-request-id")
        for m in messages
    }
    assert published == {run: f"caller-{n}" for n, run in enumerate(runs)}

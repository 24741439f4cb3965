"""The tailor handler against the real storage: identical work reuses the stored result
without calling the provider; any change of inputs or parameters computes afresh."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kit.jobs import TAILOR
from resumeai.storage.v1 import records_pb2, storage_pb2, storage_pb2_grpc
from resumeai.v1 import common_pb2
from storage_service.keys import create_api_key
from tailor_worker.consumer import TailorHandler
from tailor_worker.engine.proposals import ProposalRequest, ProposalResponse
from tailor_worker.providers.base import Provider
from tailor_worker.runner import TailorRunner
from tailor_worker.settings import TailorWorkerSettings
from tests.integration.storage.helpers import storage_server

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@dataclass
class FakeMessage:
    """The parts of an aio-pika message the handler reads."""

    body: bytes
    message_id: str
    redelivered: bool = False


class CountingProvider:
    def __init__(self, inner: Provider) -> None:
        self.inner = inner
        self.calls = 0

    @property
    def name(self) -> str:
        return self.inner.name

    async def propose(self, request: ProposalRequest) -> ProposalResponse:
        self.calls += 1
        return await self.inner.propose(request)


class CountingRunner(TailorRunner):
    def __init__(self, settings: TailorWorkerSettings) -> None:
        super().__init__(settings)
        self.counting = CountingProvider(super().provider_for(common_pb2.TailorOptions()))

    def provider_for(self, options: common_pb2.TailorOptions) -> Provider:
        return self.counting


@pytest.fixture
async def storage(
    database_url: str, service_token: str
) -> AsyncIterator[storage_pb2_grpc.StorageServiceStub]:
    async with storage_server(database_url, service_token) as stub:
        yield stub


async def _run_once(
    storage: storage_pb2_grpc.StorageServiceStub,
    handler: TailorHandler,
    owner: str,
    resume_text: str,
    max_bullets: int = 8,
) -> records_pb2.TailorRunRecord:
    created = await storage.CreateTailorRun(
        storage_pb2.CreateTailorRunRequest(
            owner_id=owner,
            request_id=uuid.uuid4().hex,
            resume_document=records_pb2.Document(
                format=common_pb2.DOCUMENT_FORMAT_TXT, content=resume_text.encode()
            ),
            job_text=(EXAMPLES / "job.txt").read_text(),
            options=common_pb2.TailorOptions(max_bullets=max_bullets),
        )
    )
    body = TAILOR.payload(created.run.id)
    await handler(FakeMessage(body=body, message_id=created.job.id))  # type: ignore[arg-type]
    got = await storage.GetTailorRun(
        storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=created.run.id, with_result=True)
    )
    run: records_pb2.TailorRunRecord = got.run
    return run


async def test_identical_work_reuses_the_result_without_the_provider(
    storage: storage_pb2_grpc.StorageServiceStub, database_url: str, service_token: str
) -> None:
    owner, _key = await create_api_key(database_url, f"reuse-{uuid.uuid4().hex}")
    runner = CountingRunner(TailorWorkerSettings(service_token=service_token))  # type: ignore[arg-type]
    handler = TailorHandler(storage, runner, "test-worker")
    resume = (EXAMPLES / "resume.txt").read_text()

    first = await _run_once(storage, handler, owner, resume)
    assert first.status == common_pb2.RUN_STATUS_SUCCEEDED and runner.counting.calls == 1
    assert not first.result.metadata.cached_from_run_id

    second = await _run_once(storage, handler, owner, resume)
    assert second.status == common_pb2.RUN_STATUS_SUCCEEDED
    assert runner.counting.calls == 1  # not called again
    assert second.result.metadata.cached_from_run_id == first.id
    assert [b.text for b in second.result.bullets] == [b.text for b in first.result.bullets]

    changed_params = await _run_once(storage, handler, owner, resume, max_bullets=6)
    assert runner.counting.calls == 2 and not changed_params.result.metadata.cached_from_run_id
    changed_input = await _run_once(storage, handler, owner, resume + "\nExtra line.\n")
    assert runner.counting.calls == 3 and not changed_input.result.metadata.cached_from_run_id

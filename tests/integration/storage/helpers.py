"""Builders shared by the storage integration tests."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

from kit.grpc_client import STORAGE_SERVICE
from resumeai.storage.v1 import records_pb2, storage_pb2, storage_pb2_grpc
from resumeai.v1 import common_pb2, result_pb2

Stub = storage_pb2_grpc.StorageServiceStub
TAILOR = storage_pb2.WORK_KIND_TAILOR
EXPORT = storage_pb2.WORK_KIND_EXPORT

RESUME_TEXT = "Jane Roe\nSenior engineer at Acme\n- Built Kubernetes platform\n"
JOB_TEXT = "We need a platform engineer with Kubernetes and Terraform."


def make_result(before: float = 41.5, after: float = 77.25) -> result_pb2.TailoringResult:
    return result_pb2.TailoringResult(
        schema_version="1",
        coverage_before=result_pb2.CoverageReport(score=result_pb2.MatchScore(overall=before)),
        coverage_after=result_pb2.CoverageReport(score=result_pb2.MatchScore(overall=after)),
        bullets=[result_pb2.TailoredBullet()],
        metadata=common_pb2.RunMetadata(
            prompt_version="tailor-v1",
            prompt_sha256="ab" * 32,
            engine_version="0.1.0",
            provider="offline",
            model="extractive",
            parameters_json='{"seed": 7, "temperature": 0}',
            prompt_tokens=11,
            completion_tokens=22,
            cost_micro_usd=33,
            latency_ms=44,
            resume_sha256="cd" * 32,
            job_sha256="ef" * 32,
        ),
    )


def pasted(text: str) -> records_pb2.Document:
    return records_pb2.Document(format=common_pb2.DOCUMENT_FORMAT_TXT, content=text.encode())


async def start_run(
    stub: Stub,
    owner: str,
    request_id: str | None = None,
    **source: object,
) -> storage_pb2.CreateTailorRunResponse:
    """CreateTailorRun; `source` as CreateTailorRunRequest fields (resume_id, resume_document,
    job_posting_id, job_text), pasted RESUME_TEXT and JOB_TEXT by default."""
    if not source:
        source = {"resume_document": pasted(RESUME_TEXT), "job_text": JOB_TEXT}
    return await stub.CreateTailorRun(
        storage_pb2.CreateTailorRunRequest(
            owner_id=owner,
            request_id=uuid.uuid4().hex if request_id is None else request_id,
            options=common_pb2.TailorOptions(provider="offline", max_bullets=8),
            **source,  # type: ignore[arg-type]
        )
    )


def lease(kind: int, item_id: str, lease_token: str) -> storage_pb2.LeaseRef:
    return storage_pb2.LeaseRef(kind=kind, item_id=item_id, lease_token=lease_token)  # type: ignore[arg-type]


async def claim(
    stub: Stub, kind: int, item_id: str, worker_id: str = "w1", redelivered: bool = False
) -> storage_pb2.ClaimWorkResponse:
    return await stub.ClaimWork(
        storage_pb2.ClaimWorkRequest(
            kind=kind,  # type: ignore[arg-type]
            item_id=item_id,
            worker_id=worker_id,
            redelivered=redelivered,
        )
    )


async def complete_run(
    stub: Stub,
    run_id: str,
    lease_token: str,
    result: result_pb2.TailoringResult,
    cache_key: str = "",
) -> records_pb2.TailorRunRecord:
    done = await stub.CompleteWork(
        storage_pb2.CompleteWorkRequest(
            lease=lease(TAILOR, run_id, lease_token),
            tailor=storage_pb2.TailorOutput(result=result, cache_key=cache_key),
        )
    )
    return done.item.run


async def fail(
    stub: Stub, kind: int, item_id: str, lease_token: str, error: str
) -> storage_pb2.WorkItem:
    failed = await stub.FailWork(
        storage_pb2.FailWorkRequest(lease=lease(kind, item_id, lease_token), error=error)
    )
    return failed.item


async def completed_run(
    stub: Stub,
    owner: str,
    result: result_pb2.TailoringResult | None = None,
) -> records_pb2.TailorRunRecord:
    """A run taken through claim and complete (with `result`, make_result() by default)."""
    if result is None:
        result = make_result()
    run_id = (await start_run(stub, owner)).run.id
    claimed = await claim(stub, TAILOR, run_id)
    return await complete_run(stub, run_id, claimed.lease_token, result)


async def succeeded_run(stub: Stub, owner: str) -> str:
    """A run taken through claim and complete; returns its id."""
    return (await completed_run(stub, owner)).id


@contextlib.asynccontextmanager
async def storage_server(
    database_url: str, service_token: str, **settings: object
) -> AsyncIterator[Stub]:
    """A storage server of its own, with these settings (quotas, master keys...), in process."""
    from kit.grpc_client import internal_channel
    from kit.grpc_server import start_server
    from storage_service.app import build_spec
    from storage_service.settings import StorageSettings
    from tests.conftest import free_port

    spec = build_spec(
        StorageSettings(
            database_url=database_url,  # type: ignore[arg-type]
            service_token=service_token,  # type: ignore[arg-type]
            storage_host="127.0.0.1",
            storage_port=free_port(),
            **settings,  # type: ignore[arg-type]
        )
    )
    running = await start_server(spec)
    channel = internal_channel(
        f"127.0.0.1:{running.port}", service_names=[STORAGE_SERVICE], token=service_token
    )
    try:
        yield Stub(channel)
    finally:
        await channel.close()
        await running.server.stop(0)
        for hook in spec.on_shutdown:
            await hook()

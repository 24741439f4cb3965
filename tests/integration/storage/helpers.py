"""Builders shared by the storage integration tests."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

from resumeai.v1 import (
    common_pb2,
    resources_pb2,
    result_pb2,
    resume_builder_pb2,
    storage_pb2,
    storage_pb2_grpc,
)

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


async def start_run(
    stub: storage_pb2_grpc.StorageStub,
    owner: str,
    request_id: str | None = None,
    **source: object,
) -> storage_pb2.CreateTailorRunResponse:
    if not source:
        source = {"resume_text": RESUME_TEXT, "job_text": JOB_TEXT}
    request = resume_builder_pb2.StartTailoringRequest(
        request_id=uuid.uuid4().hex if request_id is None else request_id,
        options=common_pb2.TailorOptions(provider="offline", max_bullets=8),
        **source,  # type: ignore[arg-type]
    )
    return await stub.CreateTailorRun(
        storage_pb2.StorageStartTailoringRequest(owner_id=owner, request=request)
    )


async def completed_run(
    stub: storage_pb2_grpc.StorageStub,
    owner: str,
    result: result_pb2.TailoringResult | None = None,
) -> resources_pb2.TailorRun:
    """A run taken through claim and complete (with `result`, make_result() by default)."""
    if result is None:
        result = make_result()
    run_id = (await start_run(stub, owner)).run.id
    claim = await stub.ClaimTailorRun(storage_pb2.ClaimRequest(id=run_id, worker_id="w1"))
    done: resources_pb2.TailorRun = await stub.CompleteTailorRun(
        storage_pb2.CompleteTailorRunRequest(
            id=run_id, lease_token=claim.lease_token, result=result
        )
    )
    return done


async def succeeded_run(stub: storage_pb2_grpc.StorageStub, owner: str) -> str:
    """A run taken through claim and complete; returns its id."""
    return (await completed_run(stub, owner)).id


@contextlib.asynccontextmanager
async def storage_server(
    database_url: str, service_token: str, **settings: object
) -> AsyncIterator[storage_pb2_grpc.StorageStub]:
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
        f"127.0.0.1:{running.port}", service_names=["resumeai.v1.Storage"], token=service_token
    )
    try:
        yield storage_pb2_grpc.StorageStub(channel)
    finally:
        await channel.close()
        await running.server.stop(0)
        for hook in spec.on_shutdown:
            await hook()

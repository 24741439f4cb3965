"""Helpers for the gateway integration tests: starting gateways and runs, playing the
worker, reading the session vhost's queues."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

import grpc
from aio_pika.abc import AbstractIncomingMessage, AbstractQueue

from gateway.app import build_spec
from gateway.settings import GatewaySettings
from kit.grpc_server import RunningServer, ServerSpec, start_server
from resumeai.storage.v1 import records_pb2, storage_pb2, storage_pb2_grpc
from resumeai.v1 import (
    common_pb2,
    resources_pb2,
    result_pb2,
    resume_builder_pb2,
    resume_builder_pb2_grpc,
)
from tests.conftest import free_port

DELIVERY_LIMIT: int = GatewaySettings.model_fields["delivery_limit"].default
RESUME_TEXT = (
    "Jane Q. Example\nSenior Engineer, Acme Corp, 2019-2024\n"
    "- Built Python services on Kubernetes handling 2M requests a day\n"
)
JOB_TEXT = "We want a backend engineer with Python, Kubernetes and PostgreSQL experience."


@dataclass
class Owner:
    owner_id: str
    key: str

    @property
    def metadata(self) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.key}"),)


@dataclass
class Gateway:
    spec: ServerSpec
    server: RunningServer
    channel: grpc.aio.Channel
    client: resume_builder_pb2_grpc.ResumeBuilderStub

    async def stop(self) -> None:
        await self.channel.close()
        await self.server.server.stop(0)
        for hook in self.spec.on_shutdown:
            await hook()


def gateway_settings(
    service_token: str, storage_target: str, amqp_url: str, **overrides: object
) -> GatewaySettings:
    values: dict[str, object] = {
        "service_token": service_token,
        "storage_target": storage_target,
        "amqp_url": amqp_url,
        "gateway_host": "127.0.0.1",
        "gateway_port": free_port(),
        "watch_poll_s": 0.05,
        "relay_interval_s": 0.1,
        "relay_min_age_ms": 0,
        "internal_deadline_s": 5.0,
    }
    values.update(overrides)
    return GatewaySettings(**values)  # type: ignore[arg-type]


async def start_gateway(settings: GatewaySettings) -> Gateway:
    spec = build_spec(settings)
    running = await start_server(spec)
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{running.port}")
    return Gateway(spec, running, channel, resume_builder_pb2_grpc.ResumeBuilderStub(channel))


def request_id() -> str:
    return f"test-{uuid.uuid4().hex}"


async def start_run(
    client: resume_builder_pb2_grpc.ResumeBuilderStub,
    metadata: tuple[tuple[str, str], ...],
    *,
    rid: str | None = None,
    resume_text: str = RESUME_TEXT,
) -> resources_pb2.TailorRun:
    run: resources_pb2.TailorRun = await client.StartTailoring(
        resume_builder_pb2.StartTailoringRequest(
            request_id=rid or request_id(),
            resume_text=resume_text,
            job_text=JOB_TEXT,
            options=common_pb2.TailorOptions(provider="offline"),
        ),
        metadata=metadata,
    )
    return run


def sample_result() -> result_pb2.TailoringResult:
    return result_pb2.TailoringResult(
        schema_version="1",
        metadata=common_pb2.RunMetadata(
            prompt_version="tailor-v1",
            engine_version="test",
            provider="offline",
            model="extractive",
            parameters_json="{}",
        ),
    )


async def complete_run(
    storage: storage_pb2_grpc.StorageServiceStub, run_id: str
) -> records_pb2.TailorRunRecord:
    """What tailor_worker does, without the engine."""
    claim = await storage.ClaimWork(
        storage_pb2.ClaimWorkRequest(
            kind=storage_pb2.WORK_KIND_TAILOR, item_id=run_id, worker_id="gateway-test"
        )
    )
    assert claim.outcome == storage_pb2.CLAIM_OUTCOME_CLAIMED
    done = await storage.CompleteWork(
        storage_pb2.CompleteWorkRequest(
            lease=storage_pb2.LeaseRef(
                kind=storage_pb2.WORK_KIND_TAILOR,
                item_id=run_id,
                lease_token=claim.lease_token,
            ),
            tailor=storage_pb2.TailorOutput(result=sample_result()),
        )
    )
    run: records_pb2.TailorRunRecord = done.item.run
    return run


async def drain(queue: AbstractQueue, settle_s: float = 0.5) -> list[AbstractIncomingMessage]:
    """Every message in the queue, waiting `settle_s` after the last one for stragglers."""
    messages: list[AbstractIncomingMessage] = []
    loop = asyncio.get_running_loop()
    quiet_until = loop.time() + settle_s
    while True:
        message = await queue.get(no_ack=True, fail=False)
        if message is not None:
            messages.append(message)
            quiet_until = loop.time() + settle_s
        elif loop.time() >= quiet_until:
            return messages
        else:
            await asyncio.sleep(0.05)

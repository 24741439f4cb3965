"""The transactional outbox: a run accepted while the broker is unreachable is published
later by the relay, and the relay survives outages."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from aio_pika.abc import AbstractQueue

from gateway.app import build_spec
from gateway.relay import OutboxRelay
from kit.broker import TAILOR_QUEUE, Publisher
from kit.grpc_client import storage_channel
from resumeai.storage.v1 import jobs_pb2, storage_pb2_grpc
from resumeai.v1 import common_pb2
from tests.conftest import free_port
from tests.integration.gateway.helpers import (
    DELIVERY_LIMIT,
    Owner,
    drain,
    gateway_settings,
    start_gateway,
    start_run,
)

pytestmark = pytest.mark.integration


async def test_run_accepted_while_broker_down_is_published_by_the_relay(
    service_token: str,
    storage_target: str,
    amqp_url: str,
    owner_a: Owner,
    job_queues: dict[str, AbstractQueue],
    storage: storage_pb2_grpc.StorageServiceStub,
) -> None:
    queue = job_queues[TAILOR_QUEUE]
    await queue.purge()
    # Nothing listens on this port: every publish fails at once.
    dead_broker = f"amqp://guest:guest@127.0.0.1:{free_port()}/"
    broken = await start_gateway(gateway_settings(service_token, storage_target, dead_broker))
    try:
        run = await start_run(broken.client, owner_a.metadata)
    finally:
        await broken.stop()
    assert run.status == common_pb2.RUN_STATUS_QUEUED
    assert await drain(queue, settle_s=0.3) == []

    # A relay tick while the broker is still down publishes nothing and marks nothing (a
    # 1 ms lease so the job is claimable again right away).
    down = Publisher(dead_broker, DELIVERY_LIMIT)
    try:
        stalled = OutboxRelay(storage, down, interval_s=0.1, min_age_ms=0, lease_ms=1)
        assert await stalled.run_once() == 0
    finally:
        await down.close()

    # A healthy gateway's background relay (exactly as `serve` would run it) publishes it.
    spec = build_spec(gateway_settings(service_token, storage_target, amqp_url))
    relay_loop = spec.background[0]  # [1] follows key revocations
    task = asyncio.create_task(relay_loop())
    try:
        found: list[str] = []
        async with asyncio.timeout(20):
            while run.id not in found:
                found += [
                    jobs_pb2.TailorJob.FromString(m.body).run_id
                    for m in await drain(queue, settle_s=0.1)
                ]
        assert found.count(run.id) == 1
        # Marked published: later ticks do not send it again.
        await asyncio.sleep(0.5)
        again = [jobs_pb2.TailorJob.FromString(m.body).run_id for m in await drain(queue)]
        assert run.id not in again
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        for hook in spec.on_shutdown:
            await hook()


async def test_relay_loop_survives_a_storage_outage(service_token: str, amqp_url: str) -> None:
    settings = gateway_settings(service_token, f"127.0.0.1:{free_port()}", amqp_url)
    channel = storage_channel(settings)
    publisher = Publisher(f"amqp://guest:guest@127.0.0.1:{free_port()}/", DELIVERY_LIMIT)
    relay = OutboxRelay(
        storage_pb2_grpc.StorageServiceStub(channel),
        publisher,
        interval_s=0.05,
        min_age_ms=0,
        deadline_s=0.5,
    )
    task = asyncio.create_task(relay.run_forever())
    try:
        await asyncio.sleep(1.5)
        assert not task.done(), "the relay loop died on an outage"
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await channel.close()
        await publisher.close()

"""The real storage service (in-process, on the session's database) and a gateway in front
of it, publishing into the session's RabbitMQ vhost."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aio_pika
import pytest
from aio_pika.abc import AbstractQueue, AbstractRobustConnection

from kit.broker import EXPORT_QUEUE, TAILOR_QUEUE, declare_topology
from kit.grpc_client import storage_channel
from kit.grpc_server import start_server
from resumeai.storage.v1 import storage_pb2_grpc
from resumeai.v1 import resume_builder_pb2_grpc
from tests.conftest import free_port
from tests.integration.gateway.helpers import (
    DELIVERY_LIMIT,
    Gateway,
    Owner,
    gateway_settings,
    start_gateway,
)


@pytest.fixture(scope="session")
async def storage_target(database_url: str, service_token: str) -> AsyncIterator[str]:
    from storage_service.app import build_spec as build_storage_spec
    from storage_service.settings import StorageSettings

    settings = StorageSettings(
        database_url=database_url,  # type: ignore[arg-type]
        service_token=service_token,  # type: ignore[arg-type]
        storage_host="127.0.0.1",
        storage_port=free_port(),
    )
    spec = build_storage_spec(settings)
    running = await start_server(spec)
    yield f"127.0.0.1:{running.port}"
    await running.server.stop(0)
    for hook in spec.on_shutdown:
        await hook()


@pytest.fixture(scope="session")
async def gateway(service_token: str, storage_target: str, amqp_url: str) -> AsyncIterator[Gateway]:
    """The gateway under test. Its relay is NOT running (start_server does not start
    background tasks), so every message in the queues came from an inline publish unless a
    test starts a relay itself."""
    gw = await start_gateway(gateway_settings(service_token, storage_target, amqp_url))
    yield gw
    await gw.stop()


@pytest.fixture(scope="session")
def client(gateway: Gateway) -> resume_builder_pb2_grpc.ResumeBuilderStub:
    return gateway.client


@pytest.fixture(scope="session")
async def storage(
    service_token: str, storage_target: str, amqp_url: str
) -> AsyncIterator[storage_pb2_grpc.StorageServiceStub]:
    """Storage as a worker sees it (service token), for claiming and completing runs."""
    channel = storage_channel(gateway_settings(service_token, storage_target, amqp_url))
    yield storage_pb2_grpc.StorageServiceStub(channel)
    await channel.close()


@pytest.fixture(scope="session")
async def owner_a(database_url: str, storage_target: str) -> Owner:
    from storage_service.keys import create_api_key

    owner_id, key = await create_api_key(database_url, "owner-a")
    return Owner(str(owner_id), key)


@pytest.fixture(scope="session")
async def owner_b(database_url: str, storage_target: str) -> Owner:
    from storage_service.keys import create_api_key

    owner_id, key = await create_api_key(database_url, "owner-b")
    return Owner(str(owner_id), key)


@pytest.fixture(scope="session")
async def broker(amqp_url: str) -> AsyncIterator[AbstractRobustConnection]:
    connection = await aio_pika.connect_robust(amqp_url)
    yield connection
    await connection.close()


@pytest.fixture(scope="session")
async def job_queues(broker: AbstractRobustConnection) -> dict[str, AbstractQueue]:
    """The job queues of the session vhost, declared with the gateway's arguments (which
    must match exactly, or RabbitMQ refuses the redeclaration)."""
    channel = await broker.channel()
    topology = await declare_topology(channel, DELIVERY_LIMIT)
    return {name: topology.queues[name] for name in (TAILOR_QUEUE, EXPORT_QUEUE)}

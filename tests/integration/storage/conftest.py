"""storage_service in-process on the session's database, and clients for it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from kit.grpc_client import STORAGE_SERVICE, internal_channel
from kit.grpc_server import start_server
from resumeai.storage.v1 import storage_pb2_grpc
from storage_service.app import build_spec
from storage_service.keys import create_api_key
from storage_service.settings import StorageSettings
from tests.conftest import free_port

SERVICE = STORAGE_SERVICE


@pytest.fixture(scope="session")
async def storage_server(database_url: str, service_token: str) -> AsyncIterator[str]:
    settings = StorageSettings(
        database_url=database_url,  # type: ignore[arg-type]
        service_token=service_token,  # type: ignore[arg-type]
        storage_host="127.0.0.1",
        storage_port=free_port(),
        run_lease_s=600,
    )
    spec = build_spec(settings)
    running = await start_server(spec)
    yield f"127.0.0.1:{running.port}"
    await running.server.stop(0)
    for hook in spec.on_shutdown:
        await hook()


@pytest.fixture(scope="session")
async def stub(
    storage_server: str, service_token: str
) -> AsyncIterator[storage_pb2_grpc.StorageServiceStub]:
    channel = internal_channel(storage_server, service_names=[SERVICE], token=service_token)
    yield storage_pb2_grpc.StorageServiceStub(channel)
    await channel.close()


@pytest.fixture(scope="session")
async def db(database_url: str) -> AsyncIterator[AsyncEngine]:
    """Direct SQL access, to inspect rows and to age leases / deletions."""
    engine = create_async_engine(database_url)
    yield engine
    await engine.dispose()


async def new_owner(database_url: str) -> str:
    owner_id, _key = await create_api_key(database_url, f"storage-test-{uuid.uuid4().hex}")
    return owner_id


@pytest.fixture
async def owner(database_url: str) -> str:
    return await new_owner(database_url)


@pytest.fixture
async def other_owner(database_url: str) -> str:
    return await new_owner(database_url)

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import grpc
import pytest

from resumeai.v1 import resume_builder_pb2_grpc
from tests.conftest import free_port, own_infrastructure
from tests.e2e.harness import Stack, base_env

pytestmark = pytest.mark.e2e


# The running stack's relay and workers would take other suites' jobs: it gets its own
# database and vhost (these override the session-wide fixtures for tests/e2e only).
database_url, amqp_url = own_infrastructure("_e2e")


@pytest.fixture(scope="session")
def stack(
    database_url: str, amqp_url: str, service_token: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("stack")
    storage_port, gateway_port = free_port(), free_port()
    stack = Stack(
        workdir=workdir,
        env=base_env(database_url, amqp_url, service_token, storage_port, gateway_port),
        storage_port=storage_port,
        gateway_port=gateway_port,
    )
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()


async def _key(database_url: str, owner: str) -> str:
    from storage_service.keys import create_api_key

    _owner_id, key = await create_api_key(database_url, owner)
    return key


@pytest.fixture(scope="session")
async def api_key(database_url: str) -> str:
    return await _key(database_url, "e2e-owner")


@pytest.fixture(scope="session")
async def other_api_key(database_url: str) -> str:
    return await _key(database_url, "e2e-other-owner")


@pytest.fixture
async def client(stack: Stack) -> AsyncIterator[resume_builder_pb2_grpc.ResumeBuilderStub]:
    async with grpc.aio.insecure_channel(stack.gateway_target) as channel:
        yield resume_builder_pb2_grpc.ResumeBuilderStub(channel)


def auth(key: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {key}"),)


async def wait_for(predicate, timeout_s: float = 30.0, interval_s: float = 0.2):  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        value = await predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(interval_s)

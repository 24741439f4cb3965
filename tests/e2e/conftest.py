from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import grpc
import pytest

from resumeai.v1 import common_pb2, resume_builder_pb2, resume_builder_pb2_grpc
from tests.conftest import own_infrastructure
from tests.e2e.harness import Stack, new_api_key, running_stack
from tests.e2e.otlp_receiver import Receiver, serve

pytestmark = pytest.mark.e2e


# The running stack's relay and workers would take other suites' jobs: it gets its own
# database and vhost (these override the session-wide fixtures for tests/e2e only).
database_url, amqp_url = own_infrastructure("_e2e")


@pytest.fixture(scope="session")
def otlp() -> Iterator[Receiver]:
    """Where the stack's processes export their spans (tests/e2e/test_traces.py)."""
    receiver = Receiver()
    server = serve(receiver)
    yield receiver
    server.shutdown()


@pytest.fixture(scope="session")
def stack(
    database_url: str,
    amqp_url: str,
    service_token: str,
    tmp_path_factory: pytest.TempPathFactory,
    otlp: Receiver,
) -> Iterator[Stack]:
    # Traced, as an operator with a collector would run it; spans leave within 0.1 s.
    tracing = {"RESUMEAI_OTLP_ENDPOINT": f"http://127.0.0.1:{otlp.port}"}
    with running_stack(
        tmp_path_factory.mktemp("stack"),
        database_url,
        amqp_url,
        service_token,
        OTEL_BSP_SCHEDULE_DELAY="100",
        **tracing,
    ) as stack:
        yield stack


@pytest.fixture(scope="session")
async def api_key(database_url: str) -> str:
    return await new_api_key(database_url, "e2e-owner")


@pytest.fixture(scope="session")
async def other_api_key(database_url: str) -> str:
    return await new_api_key(database_url, "e2e-other-owner")


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


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


async def fresh_succeeded_run(
    client: resume_builder_pb2_grpc.ResumeBuilderStub,
    key: str,
    *extra_metadata: tuple[str, str],
) -> str:
    """The examples tailored with a line of their own (so no stored result answers it),
    followed to SUCCEEDED; the run id."""
    run = await client.StartTailoring(
        resume_builder_pb2.StartTailoringRequest(
            resume_text=(EXAMPLES / "resume.txt").read_text() + f"\nINTERESTS\n{uuid.uuid4()}\n",
            job_text=(EXAMPLES / "job.txt").read_text(),
        ),
        metadata=(*auth(key), *extra_metadata),
    )
    statuses = [
        update.status
        async for update in client.WatchTailorRun(
            resume_builder_pb2.WatchTailorRunRequest(id=run.id), metadata=auth(key), timeout=60
        )
    ]
    assert statuses[-1] == common_pb2.RUN_STATUS_SUCCEEDED, statuses
    return str(run.id)

"""The internal channel retries idempotent Storage calls on UNAVAILABLE, and never the ones
that would duplicate work (a real grpc.aio server that always answers UNAVAILABLE)."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator

import grpc
import pytest

from kit.grpc_client import STORAGE_NOT_RETRIED, STORAGE_SERVICE, internal_channel
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc


class Unavailable(storage_pb2_grpc.StorageServiceServicer):
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    async def GetResume(self, request, context):  # type: ignore[no-untyped-def]
        self.calls["GetResume"] += 1
        await context.abort(grpc.StatusCode.UNAVAILABLE, "down")

    async def CreateResume(self, request, context):  # type: ignore[no-untyped-def]
        self.calls["CreateResume"] += 1
        await context.abort(grpc.StatusCode.UNAVAILABLE, "down")


@pytest.fixture
async def flaky() -> AsyncIterator[tuple[Unavailable, storage_pb2_grpc.StorageServiceStub]]:
    servicer = Unavailable()
    server = grpc.aio.server()
    storage_pb2_grpc.add_StorageServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    channel = internal_channel(
        f"127.0.0.1:{port}",
        service_names=[STORAGE_SERVICE],
        not_retried=STORAGE_NOT_RETRIED,
    )
    yield servicer, storage_pb2_grpc.StorageServiceStub(channel)
    await channel.close()
    await server.stop(0)


async def test_idempotent_calls_are_retried_and_creates_are_not(
    flaky: tuple[Unavailable, storage_pb2_grpc.StorageServiceStub],
) -> None:
    servicer, stub = flaky
    with pytest.raises(grpc.aio.AioRpcError):
        await stub.GetResume(storage_pb2.GetResumeRequest(owner_id="o", resume_id="r"))
    with pytest.raises(grpc.aio.AioRpcError):
        await stub.CreateResume(storage_pb2.CreateResumeRequest(owner_id="o"))
    assert servicer.calls["GetResume"] == 5  # maxAttempts
    assert servicer.calls["CreateResume"] == 1

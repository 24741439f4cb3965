"""The internal channel adds the service credential, the caller's request id and a default
deadline to every unary-request call, through the generated stubs (a real grpc.aio server
that reports what it received)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
import structlog

from kit.grpc_client import SERVICE_TOKEN_HEADER, STORAGE_SERVICE, internal_channel
from kit.grpc_server import REQUEST_ID_HEADER
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc

TOKEN = "t" * 32


class Recorder(storage_pb2_grpc.StorageServiceServicer):
    """Remembers each call's metadata and the deadline it arrived with."""

    def __init__(self) -> None:
        self.metadata: list[dict[str, str]] = []
        self.time_remaining: list[float | None] = []

    def _record(self, context: Any) -> None:
        self.metadata.append({k: v for k, v in context.invocation_metadata()})
        self.time_remaining.append(context.time_remaining())

    async def GetResume(self, request, context):  # type: ignore[no-untyped-def]
        self._record(context)
        return storage_pb2.GetResumeResponse()

    async def WatchRevokedKeys(self, request, context):  # type: ignore[no-untyped-def]
        self._record(context)
        yield storage_pb2.WatchRevokedKeysResponse()


@pytest.fixture
async def recorded() -> AsyncIterator[tuple[Recorder, storage_pb2_grpc.StorageServiceStub]]:
    servicer = Recorder()
    server = grpc.aio.server()
    storage_pb2_grpc.add_StorageServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with internal_channel(
        f"127.0.0.1:{port}", service_names=[STORAGE_SERVICE], token=TOKEN, deadline_s=7.0
    ) as channel:
        yield servicer, storage_pb2_grpc.StorageServiceStub(channel)
    await server.stop(0)


async def test_calls_carry_the_credential_the_request_id_and_a_default_deadline(
    recorded: tuple[Recorder, storage_pb2_grpc.StorageServiceStub],
) -> None:
    servicer, stub = recorded
    with structlog.contextvars.bound_contextvars(request_id="req-123"):
        await stub.GetResume(storage_pb2.GetResumeRequest(owner_id="o", resume_id="r"))
        stream = stub.WatchRevokedKeys(storage_pb2.WatchRevokedKeysRequest())
        assert [item async for item in stream] == [storage_pb2.WatchRevokedKeysResponse()]
    for metadata in servicer.metadata:
        assert metadata[SERVICE_TOKEN_HEADER] == TOKEN
        assert metadata[REQUEST_ID_HEADER] == "req-123"
    for remaining in servicer.time_remaining:
        assert remaining is not None and 5.0 < remaining < 7.5  # gRPC rounds up a little


async def test_what_the_caller_gives_wins(
    recorded: tuple[Recorder, storage_pb2_grpc.StorageServiceStub],
) -> None:
    servicer, stub = recorded
    with structlog.contextvars.bound_contextvars(request_id="bound"):
        await stub.GetResume(
            storage_pb2.GetResumeRequest(owner_id="o", resume_id="r"),
            timeout=60.0,
            metadata=((REQUEST_ID_HEADER, "given"), ("x-other", "kept")),
        )
    [metadata] = servicer.metadata
    assert metadata[REQUEST_ID_HEADER] == "given"
    assert metadata["x-other"] == "kept"
    [remaining] = servicer.time_remaining
    assert remaining is not None and remaining > 30.0


async def test_without_a_bound_request_id_none_is_sent(
    recorded: tuple[Recorder, storage_pb2_grpc.StorageServiceStub],
) -> None:
    servicer, stub = recorded
    await stub.GetResume(storage_pb2.GetResumeRequest(owner_id="o", resume_id="r"))
    [metadata] = servicer.metadata
    assert REQUEST_ID_HEADER not in metadata
    assert metadata[SERVICE_TOKEN_HEADER] == TOKEN

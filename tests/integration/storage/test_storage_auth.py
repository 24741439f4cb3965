"""The service credential: required for Storage, not for health checks."""

from __future__ import annotations

import asyncio
import json
import sys
from asyncio.subprocess import PIPE, STDOUT
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from kit.grpc_client import STORAGE_SERVICE, internal_channel
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc

SERVICE = STORAGE_SERVICE


@pytest.mark.parametrize("token", ["", "wrong-token-wrong-token"])
async def test_calls_without_the_right_token_are_unauthenticated(
    storage_server: str, token: str
) -> None:
    async with internal_channel(storage_server, service_names=[SERVICE], token=token) as channel:
        stub = storage_pb2_grpc.StorageServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as unary:
            await stub.ListResumes(storage_pb2.ListResumesRequest(owner_id="x"))
        assert unary.value.code() == grpc.StatusCode.UNAUTHENTICATED
        assert unary.value.details() == "missing or invalid service credential"

        with pytest.raises(grpc.aio.AioRpcError) as streaming:
            async for _ in stub.ReadArtifact(
                storage_pb2.ReadArtifactRequest(owner_id="x", artifact_id="y")
            ):
                pass
        assert streaming.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_right_token_is_accepted(
    stub: storage_pb2_grpc.StorageServiceStub, owner: str
) -> None:
    response = await stub.ListResumes(storage_pb2.ListResumesRequest(owner_id=owner))
    assert list(response.resumes) == []


async def test_health_check_needs_no_token(storage_server: str) -> None:
    async with grpc.aio.insecure_channel(storage_server) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        for service in ("", SERVICE):
            reply = await health.Check(health_pb2.HealthCheckRequest(service=service))
            assert reply.status == health_pb2.HealthCheckResponse.SERVING


async def test_unknown_api_key_is_not_found(stub: storage_pb2_grpc.StorageServiceStub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.AuthenticateApiKey(storage_pb2.AuthenticateApiKeyRequest(key_sha256="0" * 64))
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


async def test_created_key_authenticates_to_its_owner(
    stub: storage_pb2_grpc.StorageServiceStub, database_url: str
) -> None:
    from kit.api_keys import KEY_PREFIX, key_sha256
    from storage_service.keys import create_api_key

    owner_id, key = await create_api_key(database_url, "auth-test-owner")
    again_owner, again_key = await create_api_key(database_url, "auth-test-owner")
    assert key.startswith(KEY_PREFIX) and again_key != key and again_owner == owner_id
    for raw in (key, again_key):
        reply = await stub.AuthenticateApiKey(
            storage_pb2.AuthenticateApiKeyRequest(key_sha256=key_sha256(raw))
        )
        assert reply.owner_id == owner_id


async def test_reflection_needs_no_token_but_calls_do(storage_server: str, owner: str) -> None:
    """grpcurl discovers the API without .proto files; calling it still needs the token."""
    grpcurl = Path(sys.executable).with_name("grpcurl")
    if not grpcurl.exists():
        pytest.skip("grpcurl not installed")

    async def run(*args: str) -> tuple[int, str]:
        proc = await asyncio.create_subprocess_exec(
            str(grpcurl), "-plaintext", *args, stdout=PIPE, stderr=STDOUT
        )
        out, _ = await proc.communicate()
        return proc.returncode or 0, out.decode()

    code, out = await run(storage_server, "list")
    assert code == 0 and SERVICE in out
    request = json.dumps({"owner_id": owner})
    code, out = await run("-d", request, storage_server, f"{SERVICE}/ListResumes")
    assert code != 0 and "Unauthenticated" in out

"""Keys at the gateway: each method needs its scope (PERMISSION_DENIED naming it), a revoked
key is refused at once though it was cached (the revocation is pushed), and every refusal is
an audit line without the key."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import grpc
import pytest
import structlog

from resumeai.v1 import common_pb2, resume_builder_pb2
from storage_service.keys import create_api_key, list_api_keys, revoke_api_key
from tests.integration.gateway.helpers import Gateway, gateway_settings, start_gateway

NOBODY = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
async def following(
    service_token: str, storage_target: str, amqp_url: str
) -> AsyncIterator[Gateway]:
    """A gateway that follows revocations, as `serve` runs it (a long cache TTL, so only the
    push can make a revoked key fail)."""
    gateway = await start_gateway(
        gateway_settings(service_token, storage_target, amqp_url, auth_cache_ttl_s=600)
    )
    follow = asyncio.create_task(gateway.spec.background[1]())
    yield gateway
    follow.cancel()
    await asyncio.gather(follow, return_exceptions=True)
    await gateway.stop()


def _bearer(raw: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {raw}"),)


async def _code(call: object) -> grpc.StatusCode:
    try:
        await call  # type: ignore[misc]
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


async def test_each_method_needs_its_scope(following: Gateway, database_url: str) -> None:
    _, read_only = await create_api_key(
        database_url, f"scopes-{uuid.uuid4().hex[:8]}", scopes=("read",)
    )
    client = following.client
    get = client.GetResume(
        resume_builder_pb2.GetResumeRequest(id=NOBODY), metadata=_bearer(read_only)
    )
    assert await _code(get) == grpc.StatusCode.NOT_FOUND  # authenticated and allowed
    with pytest.raises(grpc.aio.AioRpcError) as denied:
        await client.CreateResume(
            resume_builder_pb2.CreateResumeRequest(display_name="cv", text="Jane Doe"),
            metadata=_bearer(read_only),
        )
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert denied.value.details() == "this API key lacks the 'write' scope"
    with pytest.raises(grpc.aio.AioRpcError) as no_export:
        await client.StartExport(
            resume_builder_pb2.StartExportRequest(
                run_id=NOBODY, format=common_pb2.EXPORT_FORMAT_PDF
            ),
            metadata=_bearer(read_only),
        )
    assert no_export.value.details() == "this API key lacks the 'export' scope"


async def test_a_revoked_key_is_refused_at_once_though_cached(
    following: Gateway, database_url: str
) -> None:
    owner = f"revoke-{uuid.uuid4().hex[:8]}"
    _, raw = await create_api_key(database_url, owner)
    request = resume_builder_pb2.GetResumeRequest(id=NOBODY)
    assert await _code(following.client.GetResume(request, metadata=_bearer(raw))) == (
        grpc.StatusCode.NOT_FOUND
    )  # now cached for 600 s
    (info,) = await list_api_keys(database_url, owner)
    await revoke_api_key(database_url, info.id)
    revoked_at = time.monotonic()
    while True:
        code = await _code(following.client.GetResume(request, metadata=_bearer(raw)))
        if code == grpc.StatusCode.UNAUTHENTICATED:
            break
        assert time.monotonic() - revoked_at < 0.5, "the revocation did not reach the gateway"
        await asyncio.sleep(0.005)


async def test_every_refusal_is_an_audit_line_without_the_key(
    following: Gateway, database_url: str
) -> None:
    _, read_only = await create_api_key(
        database_url, f"audit-{uuid.uuid4().hex[:8]}", scopes=("read",)
    )
    with structlog.testing.capture_logs() as logs:
        await _code(
            following.client.GetResume(
                resume_builder_pb2.GetResumeRequest(id=NOBODY), metadata=_bearer("made-up-key")
            )
        )
        await _code(
            following.client.DeleteResume(
                resume_builder_pb2.DeleteResumeRequest(id=NOBODY), metadata=_bearer(read_only)
            )
        )
    audited = [e for e in logs if e["event"] == "audit.call_refused"]
    assert [(e["method"].rsplit("/", 1)[1], e["outcome"]) for e in audited] == [
        ("GetResume", "UNAUTHENTICATED"),
        ("DeleteResume", "PERMISSION_DENIED"),
    ]
    assert audited[1]["key_id"]
    assert "made-up-key" not in str(logs) and read_only not in str(logs)

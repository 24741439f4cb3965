"""Authentication through the real storage: who gets in, and what stays open without a key."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from gateway.auth import UNAUTHENTICATED_MESSAGE
from kit.api_keys import generate_key
from resumeai.v1 import resume_builder_pb2, resume_builder_pb2_grpc
from tests.conftest import free_port
from tests.integration.gateway.helpers import Gateway, Owner, gateway_settings, start_gateway

pytestmark = pytest.mark.integration

LIST = resume_builder_pb2.ListResumesRequest()


async def test_no_key_is_unauthenticated(
    client: resume_builder_pb2_grpc.ResumeBuilderStub,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.ListResumes(LIST)
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert error.value.details() == UNAUTHENTICATED_MESSAGE


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-real-key-0123456789", "Basic dXNlcjpwYXNz", "Bearer", "Bearer two words"],
)
async def test_bad_key_is_unauthenticated_with_the_same_message(
    client: resume_builder_pb2_grpc.ResumeBuilderStub, header: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.ListResumes(LIST, metadata=(("authorization", header),))
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert error.value.details() == UNAUTHENTICATED_MESSAGE


async def test_streaming_rpc_needs_a_key_too(
    client: resume_builder_pb2_grpc.ResumeBuilderStub,
) -> None:
    stream = client.WatchTailorRun(
        resume_builder_pb2.WatchTailorRunRequest(id="00000000-0000-0000-0000-000000000000")
    )
    with pytest.raises(grpc.aio.AioRpcError) as error:
        async for _ in stream:
            pass
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_valid_key_gets_in(
    client: resume_builder_pb2_grpc.ResumeBuilderStub, owner_a: Owner
) -> None:
    response = await client.ListResumes(LIST, metadata=owner_a.metadata)
    assert isinstance(response, resume_builder_pb2.ListResumesResponse)


async def test_health_check_needs_no_key(gateway: Gateway) -> None:
    health = health_pb2_grpc.HealthStub(gateway.channel)
    for service in ("", "resumeai.v1.ResumeBuilder"):
        reply = await health.Check(health_pb2.HealthCheckRequest(service=service))
        assert reply.status == health_pb2.HealthCheckResponse.SERVING


async def test_reflection_needs_no_key(gateway: Gateway) -> None:
    reflection = reflection_pb2_grpc.ServerReflectionStub(gateway.channel)
    call = reflection.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")])
    )
    names = [
        service.name
        async for reply in call
        for service in reply.list_services_response.service
    ]
    assert "resumeai.v1.ResumeBuilder" in names


async def test_storage_down_is_unavailable(service_token: str, amqp_url: str) -> None:
    # Nothing listens on this port: every auth lookup fails to connect.
    settings = gateway_settings(service_token, f"127.0.0.1:{free_port()}", amqp_url)
    gw = await start_gateway(settings)
    try:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            # A key of the right shape: one of any other shape is refused without a lookup.
            await gw.client.ListResumes(
                LIST, metadata=(("authorization", f"Bearer {generate_key()}"),), timeout=20
            )
        assert error.value.code() == grpc.StatusCode.UNAVAILABLE
    finally:
        await gw.stop()

"""The front door: a caller is authenticated before its request is read, admitted within its
own share, and must send its request in time; watches share one storage poll per run."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import grpc
import pytest

from resumeai.v1 import resume_builder_pb2
from tests.integration.gateway.helpers import (
    Gateway,
    Owner,
    gateway_settings,
    start_gateway,
    start_run,
)

GET_RESUME = "/resumeai.v1.ResumeBuilder/GetResume"
A_REQUEST = resume_builder_pb2.GetResumeRequest(id="00000000-0000-0000-0000-000000000000")


@pytest.fixture
async def tight(service_token: str, storage_target: str, amqp_url: str) -> AsyncIterator[Gateway]:
    """A gateway with small limits, so a test can reach each one."""
    settings = gateway_settings(
        service_token,
        storage_target,
        amqp_url,
        max_calls_per_owner=2,
        max_streams_per_owner=1,
        max_concurrent_rpcs=3,
        receive_timeout_s=0.5,
        max_watch_s=0.6,
    )
    gateway = await start_gateway(settings)
    yield gateway
    await gateway.stop()


async def _silent() -> AsyncIterator[bytes]:
    """A request stream that sends headers and never a message."""
    await asyncio.sleep(3600)
    yield b""


def _silent_call(gateway: Gateway, metadata: tuple[tuple[str, str], ...]) -> asyncio.Task[object]:
    call = gateway.channel.stream_unary(
        GET_RESUME, request_serializer=lambda raw: raw, response_deserializer=lambda raw: raw
    )
    return asyncio.ensure_future(call(_silent(), metadata=metadata))


async def _code(awaitable: object) -> grpc.StatusCode:
    try:
        await awaitable  # type: ignore[misc]
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


async def test_streams_without_a_key_are_refused_on_their_headers(
    tight: Gateway, owner_a: Owner
) -> None:
    silent = [_silent_call(tight, (("authorization", "Bearer made-up"),)) for _ in range(50)]
    codes = await asyncio.wait_for(asyncio.gather(*(_code(s) for s in silent)), 10)
    assert set(codes) == {grpc.StatusCode.UNAUTHENTICATED}
    # None of them took a slot: a keyed caller is served.
    assert await _code(tight.client.GetResume(A_REQUEST, metadata=owner_a.metadata)) == (
        grpc.StatusCode.NOT_FOUND
    )


async def test_a_keyed_call_whose_request_never_comes_is_cut_and_frees_its_slot(
    tight: Gateway, owner_a: Owner
) -> None:
    silent = [_silent_call(tight, owner_a.metadata) for _ in range(2)]
    await asyncio.sleep(0.2)
    # Both of the owner's slots are held while the requests are awaited...
    refused = tight.client.GetResume(A_REQUEST, metadata=owner_a.metadata)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await refused
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert "concurrent calls for this API key" in (caught.value.details() or "")
    # ...until the receive timeout cuts them.
    codes = await asyncio.gather(*(_code(s) for s in silent))
    assert set(codes) == {grpc.StatusCode.DEADLINE_EXCEEDED}
    assert await _code(tight.client.GetResume(A_REQUEST, metadata=owner_a.metadata)) == (
        grpc.StatusCode.NOT_FOUND
    )


async def test_one_owner_at_its_share_does_not_stop_another(
    tight: Gateway, owner_a: Owner, owner_b: Owner
) -> None:
    silent = [_silent_call(tight, owner_a.metadata) for _ in range(2)]
    await asyncio.sleep(0.2)
    assert await _code(tight.client.GetResume(A_REQUEST, metadata=owner_b.metadata)) == (
        grpc.StatusCode.NOT_FOUND
    )
    await asyncio.gather(*(_code(s) for s in silent))


async def test_the_gateway_total_is_counted_after_authentication(
    tight: Gateway, owner_a: Owner, owner_b: Owner
) -> None:
    held = [_silent_call(tight, owner_a.metadata) for _ in range(2)]
    held.append(_silent_call(tight, owner_b.metadata))
    await asyncio.sleep(0.2)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await tight.client.GetResume(A_REQUEST, metadata=owner_b.metadata)
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert "at capacity" in (caught.value.details() or "")
    await asyncio.gather(*(_code(s) for s in held))


async def test_a_second_request_message_is_refused(tight: Gateway, owner_a: Owner) -> None:
    async def two() -> AsyncIterator[bytes]:
        yield A_REQUEST.SerializeToString()
        yield A_REQUEST.SerializeToString()

    call = tight.channel.stream_unary(
        GET_RESUME, request_serializer=lambda raw: raw, response_deserializer=lambda raw: raw
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call(two(), metadata=owner_a.metadata)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert caught.value.details() == "this method takes exactly one request message"


async def test_watches_per_owner_are_capped_and_a_watch_ends_after_its_longest(
    tight: Gateway, owner_a: Owner
) -> None:
    run = await start_run(tight.client, owner_a.metadata)
    request = resume_builder_pb2.WatchTailorRunRequest(id=run.id)
    first = tight.client.WatchTailorRun(request, metadata=owner_a.metadata)
    assert (await first.read()).id == run.id
    second = tight.client.WatchTailorRun(request, metadata=owner_a.metadata)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await second.read()
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert "open streams" in (caught.value.details() or "")
    # The run stays queued (no worker here): the watch ends OK after max_watch_s.
    assert await first.read() is grpc.aio.EOF
    assert await first.code() == grpc.StatusCode.OK

"""A malformed message is refused quietly: INVALID_ARGUMENT naming the message type, never
UNKNOWN with a traceback; and a caller without a valid key never has its body read at all."""

from __future__ import annotations

import grpc
import pytest
import structlog

from resumeai.v1 import resume_builder_pb2
from tests.integration.gateway.conftest import Gateway
from tests.integration.gateway.helpers import Owner

MALFORMED = [b"\xff\xff\xff\xff", b"\x0a\xff\xff\xff\xff\x0f"]


def _raw_get_resume(gateway: Gateway) -> grpc.aio.UnaryUnaryMultiCallable:  # type: ignore[type-arg]
    return gateway.channel.unary_unary(
        "/resumeai.v1.ResumeBuilder/GetResume",
        request_serializer=lambda raw: raw,
        response_deserializer=lambda raw: raw,
    )


@pytest.mark.parametrize("body", MALFORMED)
async def test_malformed_request_bytes(
    gateway: Gateway, owner_a: Owner, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _raw_get_resume(gateway)(body, metadata=owner_a.metadata, timeout=5)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert caught.value.details() == "the request is not a valid GetResumeRequest"
    assert not [r for r in caplog.records if r.levelname == "ERROR"]  # no traceback logged


@pytest.mark.parametrize("body", MALFORMED)
async def test_without_a_valid_key_the_body_is_never_read(gateway: Gateway, body: bytes) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _raw_get_resume(gateway)(body, metadata=(("authorization", "Bearer nope"),))
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.parametrize(
    ("sent", "logged"),
    [("req-42.retry:1", True), ("jane.doe@example.com <script>", False), ("x" * 129, False)],
)
async def test_a_request_id_reaches_the_log_only_when_it_looks_like_one(
    gateway: Gateway, sent: str, logged: bool
) -> None:
    merge = [structlog.contextvars.merge_contextvars]  # the request id is a bound var
    with (
        structlog.testing.capture_logs(processors=merge) as logs,
        pytest.raises(grpc.aio.AioRpcError),
    ):
        await gateway.client.GetResume(
            resume_builder_pb2.GetResumeRequest(id="nope"),
            metadata=(("authorization", "Bearer nope"), ("x-request-id", sent)),
        )
    ids = {entry.get("request_id") for entry in logs if entry.get("request_id")}
    assert ids and (sent in ids) == logged
    assert all(sent not in str(entry) for entry in logs) or logged

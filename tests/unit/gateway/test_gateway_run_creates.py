"""A run's status inside a CreateTailorRuns answer becomes the error a call of its own raises,
details included (gateway/run_creates.py)."""

from __future__ import annotations

import grpc
from google.rpc import code_pb2, status_pb2

from gateway.run_creates import _answer
from kit.grpc_errors import bad_request_violations, invalid_argument
from resumeai.storage.v1 import storage_pb2


def test_a_status_with_details_becomes_the_same_error() -> None:
    status = invalid_argument([("resume", "a batched run names a stored resume")])
    error = _answer(storage_pb2.CreateTailorRunOutcome(error_status=status.SerializeToString()))
    assert isinstance(error, grpc.aio.AioRpcError)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error.details() == "resume: a batched run names a stored resume"
    assert bad_request_violations(error) == [("resume", "a batched run names a stored resume")]


def test_a_plain_status_and_an_answer() -> None:
    plain = status_pb2.Status(code=code_pb2.RESOURCE_EXHAUSTED, message="quota exceeded")
    error = _answer(storage_pb2.CreateTailorRunOutcome(error_status=plain.SerializeToString()))
    assert isinstance(error, grpc.aio.AioRpcError)
    assert (error.code(), error.details()) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "quota exceeded")
    assert bad_request_violations(error) == []
    created = storage_pb2.CreateTailorRunResponse(created=True)
    assert _answer(storage_pb2.CreateTailorRunOutcome(result=created)) == created

"""Standard gRPC errors with google.rpc details (grpcio-status)."""

from __future__ import annotations

from typing import Any, NoReturn

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status


async def abort_invalid_argument(
    context: grpc.aio.ServicerContext[Any, Any], violations: list[tuple[str, str]]
) -> NoReturn:
    await abort_with(context, invalid_argument(violations))


def invalid_argument(violations: list[tuple[str, str]]) -> status_pb2.Status:
    """INVALID_ARGUMENT with a google.rpc.BadRequest naming each field and what is wrong."""
    detail = any_pb2.Any()
    detail.Pack(
        error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=f, description=d)
                for f, d in violations
            ]
        )
    )
    message = "; ".join(f"{f}: {d}" for f, d in violations)
    return status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message=message, details=[detail])


async def abort_with(
    context: grpc.aio.ServicerContext[Any, Any], status: status_pb2.Status
) -> NoReturn:
    """Ends the call with `status`: its details, when it has any, in the
    grpc-status-details-bin trailer."""
    if status.details:
        await context.abort_with_status(rpc_status.to_status(status))  # type: ignore[attr-defined]
    await context.abort(status_code(status.code), status.message)
    raise AssertionError("unreachable")  # abort raises


_STATUS_CODES = {code.value[0]: code for code in grpc.StatusCode}


def status_code(code: int) -> grpc.StatusCode:
    """The grpc.StatusCode of a google.rpc.Code number (UNKNOWN for one gRPC has not)."""
    return _STATUS_CODES.get(code, grpc.StatusCode.UNKNOWN)


def bad_request_violations(error: grpc.aio.AioRpcError) -> list[tuple[str, str]]:
    """Reads BadRequest field violations back from an error (for clients and tests)."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    found: list[tuple[str, str]] = []
    if status is None:
        return found
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found.extend((v.field, v.description) for v in bad.field_violations)
    return found

"""The status each domain error (storage_service.errors) answers, as a google.rpc.Status: the
servicer ends a call with it, and CreateTailorRuns returns it for one run of many."""

from __future__ import annotations

from google.rpc import code_pb2, status_pb2

from kit.grpc_errors import invalid_argument
from storage_service.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    QuotaExceeded,
    StorageError,
)

_CODES: dict[type[StorageError], int] = {
    NotFound: code_pb2.NOT_FOUND,
    FailedPrecondition: code_pb2.FAILED_PRECONDITION,
    QuotaExceeded: code_pb2.RESOURCE_EXHAUSTED,
    Aborted: code_pb2.ABORTED,
    AlreadyExists: code_pb2.ALREADY_EXISTS,
}


def status_of(error: StorageError) -> status_pb2.Status | None:
    """The status `error` answers; None for an error no status is defined for (a bug)."""
    if isinstance(error, InvalidArgument):
        return invalid_argument([(error.field, error.description)])
    for kind, code in _CODES.items():
        if isinstance(error, kind):
            return status_pb2.Status(code=code, message=str(error))
    return None

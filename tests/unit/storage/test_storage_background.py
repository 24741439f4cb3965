"""Storage background tasks are wired from settings; ReadArtifact maps errors like unary calls."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
from sqlalchemy.exc import OperationalError

from resumeai.storage.v1 import storage_pb2
from storage_service.app import build_spec
from storage_service.db.pg import Pg
from storage_service.errors import FailedPrecondition, NotFound
from storage_service.servicer import StorageServicer
from storage_service.settings import StorageSettings


def settings(**overrides: Any) -> StorageSettings:
    return StorageSettings(
        database_url="postgresql+asyncpg://nobody@127.0.0.1:1/none",  # type: ignore[arg-type]
        service_token="x" * 32,  # type: ignore[arg-type]
        **overrides,
    )


def test_defaults() -> None:
    s = settings()
    assert (s.sweep_interval_s, s.stale_queued_s, s.max_attempts) == (30, 300, 6)
    assert (s.purge_interval_s, s.purge_after_s) == (3600, 7 * 86_400)


def test_background_tasks_follow_settings() -> None:
    assert len(build_spec(settings()).background) == 2
    assert len(build_spec(settings(purge_interval_s=0)).background) == 1
    assert len(build_spec(settings(sweep_interval_s=0, purge_interval_s=0)).background) == 0


class Aborted(Exception):
    pass


class FakeContext:
    def __init__(self) -> None:
        self.code: grpc.StatusCode | None = None

    async def abort(self, code: grpc.StatusCode, details: str = "") -> None:
        self.code = code
        raise Aborted(details)


class FailingSessions:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def __call__(self) -> FailingSessions:
        return self

    async def __aenter__(self) -> None:
        raise self.error

    async def __aexit__(self, *_: object) -> None:
        return None


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (OperationalError("select", None, Exception("refused")), grpc.StatusCode.UNAVAILABLE),
        (ConnectionRefusedError(), grpc.StatusCode.UNAVAILABLE),
        (NotFound("artifact"), grpc.StatusCode.NOT_FOUND),
        (FailedPrecondition("artifact is not ready"), grpc.StatusCode.FAILED_PRECONDITION),
    ],
)
async def test_read_artifact_maps_errors(error: Exception, code: grpc.StatusCode) -> None:
    servicer = StorageServicer(
        FailingSessions(error),  # type: ignore[arg-type]
        run_lease_s=60,
        artifact_lease_s=60,
        pg=Pg("postgresql://unused", 1),  # never connects: not called here
    )
    context = FakeContext()
    stream: AsyncIterator[Any] = servicer.ReadArtifact(
        storage_pb2.ReadArtifactRequest(owner_id="o", artifact_id="a"),
        context,  # type: ignore[arg-type]
    )
    with pytest.raises(Aborted):
        async for _ in stream:
            pass
    assert context.code == code


async def test_read_artifact_answers_a_bug_with_internal_and_no_details() -> None:
    """A bug is INTERNAL, not UNAVAILABLE (a retry would not help); its text stays in the
    log."""
    servicer = StorageServicer(
        FailingSessions(ValueError("bug: SELECT text FROM resumes")),  # type: ignore[arg-type]
        run_lease_s=60,
        artifact_lease_s=60,
        pg=Pg("postgresql://unused", 1),  # never connects: not called here
    )
    context = FakeContext()
    with pytest.raises(Aborted):
        async for _ in servicer.ReadArtifact(
            storage_pb2.ReadArtifactRequest(owner_id="o", artifact_id="a"),
            context,  # type: ignore[arg-type]
        ):
            pass
    assert context.code == grpc.StatusCode.INTERNAL

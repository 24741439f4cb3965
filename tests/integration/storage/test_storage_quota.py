"""Per-owner hourly quotas on new runs and exports: RESOURCE_EXHAUSTED past the limit,
replays of an existing request id never count, other owners are unaffected."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import grpc
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from resumeai.storage.v1 import storage_pb2
from tests.integration.storage.conftest import new_owner
from tests.integration.storage.helpers import (
    TAILOR,
    Stub,
    claim,
    complete_run,
    make_result,
    pasted,
    start_run,
    storage_server,
)

STORE_BYTES, STORE_DOCUMENTS = 10_000, 3


@pytest.fixture
async def limited(database_url: str, service_token: str) -> AsyncIterator[Stub]:
    async with storage_server(
        database_url, service_token, runs_per_hour=2, exports_per_hour=1
    ) as stub:
        yield stub


@pytest.fixture
async def store_limited(database_url: str, service_token: str) -> AsyncIterator[Stub]:
    async with storage_server(
        database_url,
        service_token,
        stored_bytes_per_owner=STORE_BYTES,
        documents_per_owner=STORE_DOCUMENTS,
    ) as stub:
        yield stub


async def test_runs_past_the_hourly_quota_are_refused(limited: Stub, database_url: str) -> None:
    owner, other = await new_owner(database_url), await new_owner(database_url)
    first = await start_run(limited, owner, request_id="q-1")
    await start_run(limited, owner, request_id="q-2")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await start_run(limited, owner, request_id="q-3")
    assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert "quota" in (refused.value.details() or "")
    replay = await start_run(limited, owner, request_id="q-1")  # a replay is not new work
    assert replay.run.id == first.run.id and not replay.created
    assert (await start_run(limited, other, request_id="q-1")).created


async def test_exports_past_the_hourly_quota_are_refused(limited: Stub, database_url: str) -> None:
    owner = await new_owner(database_url)
    run = (await start_run(limited, owner)).run
    claimed = await claim(limited, TAILOR, run.id, worker_id="w")
    await complete_run(limited, run.id, claimed.lease_token, make_result())

    def export(request_id: str) -> storage_pb2.CreateArtifactRequest:
        return storage_pb2.CreateArtifactRequest(
            owner_id=owner, request_id=request_id, run_id=run.id, format=1
        )

    await limited.CreateArtifact(export(uuid.uuid4().hex))
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await limited.CreateArtifact(export(uuid.uuid4().hex))
    assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_the_quota_is_exact_under_concurrency(limited: Stub, database_url: str) -> None:
    """40 starts at once against a quota of 2: exactly 2 runs, never one more."""
    owner = await new_owner(database_url)

    async def attempt(n: int) -> bool:
        try:
            await start_run(limited, owner, request_id=f"burst-{n}")
        except grpc.aio.AioRpcError as error:
            assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            return False
        return True

    created = await asyncio.gather(*(attempt(n) for n in range(40)))
    assert sum(created) == 2


def _resume(owner: str, text: str) -> storage_pb2.CreateResumeRequest:
    return storage_pb2.CreateResumeRequest(owner_id=owner, document=pasted(text), display_name="cv")


async def test_stored_documents_and_bytes_are_capped_per_owner_and_deleting_frees_them(
    store_limited: Stub, database_url: str
) -> None:
    owner, other = await new_owner(database_url), await new_owner(database_url)
    big = "x" * (STORE_BYTES // 2)
    first = await store_limited.CreateResume(_resume(owner, big))
    with pytest.raises(grpc.aio.AioRpcError) as too_big:
        await store_limited.CreateResume(_resume(owner, big + "y"))  # one byte past the cap
    assert too_big.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert "bytes of documents" in (too_big.value.details() or "")
    assert await store_limited.CreateResume(_resume(other, big))  # another owner is unaffected
    # Deleting a resume wipes its content at once, and frees its bytes and its place.
    await store_limited.DeleteResume(
        storage_pb2.DeleteResumeRequest(owner_id=owner, resume_id=first.resume.id)
    )
    for _ in range(STORE_DOCUMENTS):
        await store_limited.CreateResume(_resume(owner, "Jane Doe"))
    with pytest.raises(grpc.aio.AioRpcError) as too_many:
        await store_limited.CreateResume(_resume(owner, "Jane Doe"))
    assert f"at most {STORE_DOCUMENTS} documents" in (too_many.value.details() or "")


async def test_the_stored_quota_is_exact_under_concurrency(
    store_limited: Stub, database_url: str, db: AsyncEngine
) -> None:
    """20 uploads at once against a cap of 3 documents: exactly 3 stored."""
    owner = await new_owner(database_url)

    async def upload(n: int) -> bool:
        try:
            await store_limited.CreateResume(_resume(owner, f"Jane Doe {n}"))
        except grpc.aio.AioRpcError as error:
            assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            return False
        return True

    created = await asyncio.gather(*(upload(n) for n in range(20)))
    assert sum(created) == STORE_DOCUMENTS
    async with db.connect() as connection:
        stored = await connection.scalar(
            text("SELECT count(*) FROM resumes WHERE owner_id = :o"), {"o": owner}
        )
    assert stored == STORE_DOCUMENTS

"""Artifacts: creation only for succeeded runs, claim with the run's result, completion with
server-computed hash, chunked download."""

from __future__ import annotations

import hashlib
import os
import uuid

import grpc
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from resumeai.storage.v1 import jobs_pb2, storage_pb2
from resumeai.v1 import common_pb2
from tests.integration.storage.helpers import (
    EXPORT,
    Stub,
    claim,
    fail,
    lease,
    make_result,
    start_run,
    succeeded_run,
)
from tests.integration.storage.test_storage_documents import expect

CHUNK = 64 * 1024


def export_request(
    owner: str,
    run_id: str,
    request_id: str | None = None,
    format: int = common_pb2.EXPORT_FORMAT_PDF,
) -> storage_pb2.CreateArtifactRequest:
    return storage_pb2.CreateArtifactRequest(
        owner_id=owner,
        request_id=uuid.uuid4().hex if request_id is None else request_id,
        run_id=run_id,
        format=format,  # type: ignore[arg-type]
    )


async def read_all(
    stub: Stub, owner: str, artifact_id: str
) -> list[storage_pb2.ReadArtifactResponse]:
    return [
        c
        async for c in stub.ReadArtifact(
            storage_pb2.ReadArtifactRequest(owner_id=owner, artifact_id=artifact_id)
        )
    ]


async def test_artifact_needs_a_succeeded_run(stub: Stub, owner: str, other_owner: str) -> None:
    queued = (await start_run(stub, owner)).run.id
    err = await expect(
        grpc.StatusCode.FAILED_PRECONDITION, stub.CreateArtifact(export_request(owner, queued))
    )
    assert err.details() == "run is not finished"
    done = await succeeded_run(stub, owner)
    await expect(grpc.StatusCode.NOT_FOUND, stub.CreateArtifact(export_request(other_owner, done)))
    unspecified = export_request(owner, done)
    unspecified.format = common_pb2.EXPORT_FORMAT_UNSPECIFIED
    await expect(grpc.StatusCode.INVALID_ARGUMENT, stub.CreateArtifact(unspecified))


async def test_artifact_flow_and_chunked_download(
    stub: Stub, owner: str, other_owner: str, db: AsyncEngine
) -> None:
    run_id = await succeeded_run(stub, owner)
    created = await stub.CreateArtifact(export_request(owner, run_id, request_id="export-1"))
    assert created.created
    artifact = created.artifact
    assert artifact.status == common_pb2.ARTIFACT_STATUS_QUEUED
    # Unspecified template and kind are stored as their documented defaults.
    assert artifact.template == common_pb2.RESUME_TEMPLATE_ONE_PAGE
    assert artifact.kind == common_pb2.ARTIFACT_KIND_TAILORED_RESUME
    assert created.job.routing_key == "export"
    assert jobs_pb2.ExportJob.FromString(created.job.payload).artifact_id == artifact.id
    again = await stub.CreateArtifact(export_request(owner, run_id, request_id="export-1"))
    assert not again.created and again.artifact.id == artifact.id and not again.HasField("job")
    # The same id for another export (DOCX, not PDF) is refused, not answered with the PDF.
    other = export_request(owner, run_id, request_id="export-1")
    other.format = common_pb2.EXPORT_FORMAT_DOCX
    err = await expect(grpc.StatusCode.ALREADY_EXISTS, stub.CreateArtifact(other))
    assert err.details() == "request_id: already used for a different request"

    # Not downloadable before it is rendered.
    await expect(grpc.StatusCode.FAILED_PRECONDITION, read_all(stub, owner, artifact.id))

    claimed = await claim(stub, EXPORT, artifact.id, worker_id="x1")
    assert claimed.outcome == storage_pb2.CLAIM_OUTCOME_CLAIMED
    assert claimed.WhichOneof("inputs") == "export"
    assert claimed.export.result == make_result()
    assert claimed.export.artifact.status == common_pb2.ARTIFACT_STATUS_RUNNING
    duplicate = await claim(stub, EXPORT, artifact.id, worker_id="")
    assert duplicate.outcome == storage_pb2.CLAIM_OUTCOME_HELD_ELSEWHERE

    content = os.urandom(200 * 1024 + 123)
    done = (
        await stub.CompleteWork(
            storage_pb2.CompleteWorkRequest(
                lease=lease(EXPORT, artifact.id, claimed.lease_token),
                export=storage_pb2.ExportOutput(
                    content=content, content_type="application/pdf", filename="tailored.pdf"
                ),
            )
        )
    ).item.artifact
    digest = hashlib.sha256(content).hexdigest()
    assert done.status == common_pb2.ARTIFACT_STATUS_SUCCEEDED
    assert (done.size_bytes, done.sha256) == (len(content), digest)

    chunks = await read_all(stub, owner, artifact.id)
    assert len(chunks) == 4
    assert b"".join(c.data for c in chunks) == content
    offset = 0
    for index, chunk in enumerate(chunks):
        assert chunk.offset == offset and chunk.total_size == len(content)
        assert len(chunk.data) <= CHUNK
        offset += len(chunk.data)
        first = index == 0
        assert bool(chunk.sha256) is first
    assert (chunks[0].content_type, chunks[0].filename, chunks[0].sha256) == (
        "application/pdf",
        "tailored.pdf",
        digest,
    )

    await expect(grpc.StatusCode.NOT_FOUND, read_all(stub, other_owner, artifact.id))
    await expect(
        grpc.StatusCode.NOT_FOUND,
        stub.GetArtifact(
            storage_pb2.GetArtifactRequest(owner_id=other_owner, artifact_id=artifact.id)
        ),
    )
    finished = await claim(stub, EXPORT, artifact.id, worker_id="", redelivered=True)
    assert finished.outcome == storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED

    listed = await stub.ListArtifacts(
        storage_pb2.ListArtifactsRequest(owner_id=owner, run_id=run_id)
    )
    assert [a.id for a in listed.artifacts] == [artifact.id]
    assert listed.artifacts[0].sha256 == digest
    await expect(
        grpc.StatusCode.NOT_FOUND,
        stub.ListArtifacts(storage_pb2.ListArtifactsRequest(owner_id=other_owner, run_id=run_id)),
    )


async def test_artifact_stale_lease_and_fail(stub: Stub, owner: str) -> None:
    run_id = await succeeded_run(stub, owner)
    artifact_id = (await stub.CreateArtifact(export_request(owner, run_id))).artifact.id
    first = await claim(stub, EXPORT, artifact_id, worker_id="a")
    second = await claim(stub, EXPORT, artifact_id, worker_id="b", redelivered=True)
    assert second.outcome == storage_pb2.CLAIM_OUTCOME_CLAIMED
    assert second.export.artifact.attempts == 2
    await expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        stub.CompleteWork(
            storage_pb2.CompleteWorkRequest(
                lease=lease(EXPORT, artifact_id, first.lease_token),
                export=storage_pb2.ExportOutput(content=b"x"),
            )
        ),
    )
    failed = (await fail(stub, EXPORT, artifact_id, second.lease_token, "render")).artifact
    assert failed.status == common_pb2.ARTIFACT_STATUS_FAILED and failed.error == "render"
    await expect(grpc.StatusCode.FAILED_PRECONDITION, read_all(stub, owner, artifact_id))


async def test_artifact_list_paging(stub: Stub, owner: str, db: AsyncEngine) -> None:
    run_id = await succeeded_run(stub, owner)
    created = [
        (await stub.CreateArtifact(export_request(owner, run_id))).artifact.id for _ in range(5)
    ]
    seen: list[str] = []
    token = ""
    while True:
        page = await stub.ListArtifacts(
            storage_pb2.ListArtifactsRequest(
                owner_id=owner, page=storage_pb2.PageRequest(page_size=2, page_token=token)
            )
        )
        seen.extend(a.id for a in page.artifacts)
        token = page.next_page_token
        if not token:
            break
    assert seen == list(reversed(created))
    async with db.connect() as conn:
        pending = await conn.scalar(
            text("SELECT count(*) FROM artifacts WHERE run_id = :r AND status = 1"),
            {"r": run_id},
        )
    assert pending == 5

"""Artifacts: creation only for succeeded runs, claim with the run's result, completion with
server-computed hash, chunked download."""

from __future__ import annotations

import hashlib
import os
import uuid

import grpc
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from resumeai.v1 import common_pb2, jobs_pb2, resume_builder_pb2, storage_pb2, storage_pb2_grpc
from tests.integration.storage.helpers import make_result, start_run, succeeded_run
from tests.integration.storage.test_storage_documents import expect

CHUNK = 64 * 1024


def export_request(
    owner: str, run_id: str, request_id: str | None = None
) -> storage_pb2.StorageStartExportRequest:
    return storage_pb2.StorageStartExportRequest(
        owner_id=owner,
        request=resume_builder_pb2.StartExportRequest(
            request_id=uuid.uuid4().hex if request_id is None else request_id,
            run_id=run_id,
            format=common_pb2.EXPORT_FORMAT_PDF,
        ),
    )


async def read_all(
    stub: storage_pb2_grpc.StorageStub, owner: str, artifact_id: str
) -> list[object]:
    return [c async for c in stub.ReadArtifact(storage_pb2.OwnedId(owner_id=owner, id=artifact_id))]


async def test_artifact_needs_a_succeeded_run(
    stub: storage_pb2_grpc.StorageStub, owner: str, other_owner: str
) -> None:
    queued = (await start_run(stub, owner)).run.id
    err = await expect(
        grpc.StatusCode.FAILED_PRECONDITION, stub.CreateArtifact(export_request(owner, queued))
    )
    assert err.details() == "run is not finished"
    done = await succeeded_run(stub, owner)
    await expect(grpc.StatusCode.NOT_FOUND, stub.CreateArtifact(export_request(other_owner, done)))
    unspecified = export_request(owner, done)
    unspecified.request.format = common_pb2.EXPORT_FORMAT_UNSPECIFIED
    await expect(grpc.StatusCode.INVALID_ARGUMENT, stub.CreateArtifact(unspecified))


async def test_artifact_flow_and_chunked_download(
    stub: storage_pb2_grpc.StorageStub, owner: str, other_owner: str, db: AsyncEngine
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
    other.request.format = common_pb2.EXPORT_FORMAT_DOCX
    err = await expect(grpc.StatusCode.ALREADY_EXISTS, stub.CreateArtifact(other))
    assert err.details() == "request_id: already used for a different request"

    # Not downloadable before it is rendered.
    await expect(grpc.StatusCode.FAILED_PRECONDITION, read_all(stub, owner, artifact.id))

    claim = await stub.ClaimArtifact(storage_pb2.ClaimRequest(id=artifact.id, worker_id="x1"))
    assert claim.outcome == storage_pb2.CLAIM_OUTCOME_CLAIMED
    assert claim.result == make_result()
    assert claim.artifact.status == common_pb2.ARTIFACT_STATUS_RUNNING
    duplicate = await stub.ClaimArtifact(storage_pb2.ClaimRequest(id=artifact.id))
    assert duplicate.outcome == storage_pb2.CLAIM_OUTCOME_HELD_ELSEWHERE

    content = os.urandom(200 * 1024 + 123)
    done = await stub.CompleteArtifact(
        storage_pb2.CompleteArtifactRequest(
            id=artifact.id,
            lease_token=claim.lease_token,
            content=content,
            content_type="application/pdf",
            filename="tailored.pdf",
        )
    )
    digest = hashlib.sha256(content).hexdigest()
    assert done.status == common_pb2.ARTIFACT_STATUS_SUCCEEDED
    assert (done.size_bytes, done.sha256) == (len(content), digest)

    chunks = await read_all(stub, owner, artifact.id)
    assert len(chunks) == 4
    assert b"".join(c.data for c in chunks) == content  # type: ignore[attr-defined]
    offset = 0
    for index, chunk in enumerate(chunks):
        assert chunk.offset == offset and chunk.total_size == len(content)  # type: ignore[attr-defined]
        assert len(chunk.data) <= CHUNK  # type: ignore[attr-defined]
        offset += len(chunk.data)  # type: ignore[attr-defined]
        first = index == 0
        assert bool(chunk.sha256) is first  # type: ignore[attr-defined]
    assert (chunks[0].content_type, chunks[0].filename, chunks[0].sha256) == (  # type: ignore[attr-defined]
        "application/pdf",
        "tailored.pdf",
        digest,
    )

    await expect(grpc.StatusCode.NOT_FOUND, read_all(stub, other_owner, artifact.id))
    await expect(
        grpc.StatusCode.NOT_FOUND,
        stub.GetArtifact(storage_pb2.OwnedId(owner_id=other_owner, id=artifact.id)),
    )
    finished = await stub.ClaimArtifact(storage_pb2.ClaimRequest(id=artifact.id, redelivered=True))
    assert finished.outcome == storage_pb2.CLAIM_OUTCOME_ALREADY_FINISHED

    listed = await stub.ListArtifacts(storage_pb2.OwnedPage(owner_id=owner, run_id=run_id))
    assert [a.id for a in listed.artifacts] == [artifact.id]
    assert listed.artifacts[0].sha256 == digest
    await expect(
        grpc.StatusCode.NOT_FOUND,
        stub.ListArtifacts(storage_pb2.OwnedPage(owner_id=other_owner, run_id=run_id)),
    )


async def test_artifact_stale_lease_and_fail(
    stub: storage_pb2_grpc.StorageStub, owner: str
) -> None:
    run_id = await succeeded_run(stub, owner)
    artifact_id = (await stub.CreateArtifact(export_request(owner, run_id))).artifact.id
    first = await stub.ClaimArtifact(storage_pb2.ClaimRequest(id=artifact_id, worker_id="a"))
    second = await stub.ClaimArtifact(
        storage_pb2.ClaimRequest(id=artifact_id, worker_id="b", redelivered=True)
    )
    assert second.outcome == storage_pb2.CLAIM_OUTCOME_CLAIMED
    assert second.artifact.attempts == 2
    await expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        stub.CompleteArtifact(
            storage_pb2.CompleteArtifactRequest(
                id=artifact_id, lease_token=first.lease_token, content=b"x"
            )
        ),
    )
    failed = await stub.FailArtifact(
        storage_pb2.FailRequest(id=artifact_id, lease_token=second.lease_token, error="render")
    )
    assert failed.status == common_pb2.ARTIFACT_STATUS_FAILED and failed.error == "render"
    await expect(grpc.StatusCode.FAILED_PRECONDITION, read_all(stub, owner, artifact_id))


async def test_artifact_list_paging(
    stub: storage_pb2_grpc.StorageStub, owner: str, db: AsyncEngine
) -> None:
    run_id = await succeeded_run(stub, owner)
    created = [
        (await stub.CreateArtifact(export_request(owner, run_id))).artifact.id for _ in range(5)
    ]
    seen: list[str] = []
    token = ""
    while True:
        page = await stub.ListArtifacts(
            storage_pb2.OwnedPage(owner_id=owner, page_size=2, page_token=token)
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

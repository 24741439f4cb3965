"""The public API through the real storage and broker: validation, ownership, idempotent
starts and their single job message, watching a run, downloading an artifact."""

from __future__ import annotations

import asyncio
import hashlib
import os
import uuid

import grpc
import pytest
from aio_pika.abc import AbstractQueue

from kit.broker import EXPORT_QUEUE, TAILOR_QUEUE
from kit.grpc_errors import bad_request_violations
from resumeai.storage.v1 import jobs_pb2, storage_pb2, storage_pb2_grpc
from resumeai.v1 import (
    common_pb2,
    resources_pb2,
    resume_builder_pb2,
    resume_builder_pb2_grpc,
)
from tests.integration.gateway.helpers import (
    JOB_TEXT,
    RESUME_TEXT,
    Owner,
    complete_run,
    drain,
    request_id,
    start_run,
)

pytestmark = pytest.mark.integration

Client = resume_builder_pb2_grpc.ResumeBuilderStub
MISSING_ID = "00000000-0000-4000-8000-000000000000"


async def invalid(call: object) -> list[tuple[str, str]]:
    """Awaits a call expected to fail INVALID_ARGUMENT; returns its field violations."""
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call  # type: ignore[misc]
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    return bad_request_violations(error.value)


def fields(violations: list[tuple[str, str]]) -> list[str]:
    return [f for f, _ in violations]


# --- resources and ownership -------------------------------------------------------------


async def test_resume_round_trip(client: Client, owner_a: Owner) -> None:
    created = await client.CreateResume(
        resume_builder_pb2.CreateResumeRequest(display_name="mine", text=RESUME_TEXT),
        metadata=owner_a.metadata,
    )
    uuid.UUID(created.id)
    got = await client.GetResume(
        resume_builder_pb2.GetResumeRequest(id=created.id), metadata=owner_a.metadata
    )
    assert got.text == RESUME_TEXT
    listed = await client.ListResumes(
        resume_builder_pb2.ListResumesRequest(page_size=100), metadata=owner_a.metadata
    )
    assert created.id in [r.id for r in listed.resumes]
    assert all(r.text == "" for r in listed.resumes)


async def test_other_owners_resume_is_not_found(
    client: Client, owner_a: Owner, owner_b: Owner
) -> None:
    created = await client.CreateResume(
        resume_builder_pb2.CreateResumeRequest(text=RESUME_TEXT), metadata=owner_a.metadata
    )
    for call in (
        client.GetResume(
            resume_builder_pb2.GetResumeRequest(id=created.id), metadata=owner_b.metadata
        ),
        client.DeleteResume(
            resume_builder_pb2.DeleteResumeRequest(id=created.id), metadata=owner_b.metadata
        ),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await call
        assert error.value.code() == grpc.StatusCode.NOT_FOUND
    # Owner B's failed delete did not touch it.
    await client.GetResume(
        resume_builder_pb2.GetResumeRequest(id=created.id), metadata=owner_a.metadata
    )


async def test_other_owners_run_is_not_found(
    client: Client, owner_a: Owner, owner_b: Owner
) -> None:
    run = await start_run(client, owner_a.metadata)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.GetTailorRun(
            resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=owner_b.metadata
        )
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as error:
        async for _ in client.WatchTailorRun(
            resume_builder_pb2.WatchTailorRunRequest(id=run.id), metadata=owner_b.metadata
        ):
            pytest.fail("another owner's run was streamed")
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    # Owner B cannot tailor owner A's resume either.
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.StartTailoring(
            resume_builder_pb2.StartTailoringRequest(
                request_id=request_id(), resume_id=run.resume_id, job_text=JOB_TEXT
            ),
            metadata=owner_b.metadata,
        )
    assert error.value.code() == grpc.StatusCode.NOT_FOUND


# --- validation --------------------------------------------------------------------------


async def test_validation_names_the_fields(client: Client, owner_a: Owner) -> None:
    violations = await invalid(
        client.StartTailoring(
            resume_builder_pb2.StartTailoringRequest(
                request_id="has spaces",
                resume_id="not-a-uuid",
                job_text=JOB_TEXT,
                options=common_pb2.TailorOptions(provider="gpt", max_bullets=3),
            ),
            metadata=owner_a.metadata,
        )
    )
    assert fields(violations) == [
        "request_id",
        "resume_id",
        "options.provider",
        "options.max_bullets",
    ]
    violations = await invalid(
        client.GetTailorRun(
            resume_builder_pb2.GetTailorRunRequest(id="nope"), metadata=owner_a.metadata
        )
    )
    assert fields(violations) == ["id"]
    violations = await invalid(
        client.ListTailorRuns(
            resume_builder_pb2.ListTailorRunsRequest(page_size=101), metadata=owner_a.metadata
        )
    )
    assert fields(violations) == ["page_size"]
    violations = await invalid(
        client.StartExport(
            resume_builder_pb2.StartExportRequest(run_id=MISSING_ID),
            metadata=owner_a.metadata,
        )
    )
    assert fields(violations) == ["format"]


async def test_oversize_text_is_invalid(client: Client, owner_a: Owner) -> None:
    violations = await invalid(
        client.CreateResume(
            resume_builder_pb2.CreateResumeRequest(text="x" * 200_001),
            metadata=owner_a.metadata,
        )
    )
    assert fields(violations) == ["text"]
    violations = await invalid(
        client.StartTailoring(
            resume_builder_pb2.StartTailoringRequest(
                resume_text=RESUME_TEXT, job_text="y" * 100_001
            ),
            metadata=owner_a.metadata,
        )
    )
    assert fields(violations) == ["job_text"]


async def test_oversize_file_is_invalid(client: Client, owner_a: Owner) -> None:
    content = b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024)
    violations = await invalid(
        client.StartTailoring(
            resume_builder_pb2.StartTailoringRequest(
                resume_file=common_pb2.DocumentFile(
                    filename="cv.pdf", format=common_pb2.DOCUMENT_FORMAT_PDF, content=content
                ),
                job_text=JOB_TEXT,
            ),
            metadata=owner_a.metadata,
        )
    )
    assert fields(violations) == ["resume_file.content"]


@pytest.mark.parametrize(
    ("fmt", "content"),
    [
        (common_pb2.DOCUMENT_FORMAT_PDF, b"PK\x03\x04 a zip, not a pdf"),
        (common_pb2.DOCUMENT_FORMAT_DOCX, b"%PDF-1.4 a pdf, not a docx"),
        (common_pb2.DOCUMENT_FORMAT_TXT, b"\x89PNG\r\n\x1a\n\x00\x00binary"),
    ],
)
async def test_file_signature_mismatch_is_invalid(
    client: Client, owner_a: Owner, fmt: int, content: bytes
) -> None:
    violations = await invalid(
        client.CreateResume(
            resume_builder_pb2.CreateResumeRequest(
                file=common_pb2.DocumentFile(filename="cv", format=fmt, content=content)  # type: ignore[arg-type]
            ),
            metadata=owner_a.metadata,
        )
    )
    assert fields(violations) == ["file.content"]


async def test_matching_file_is_accepted(client: Client, owner_a: Owner) -> None:
    created = await client.CreateResume(
        resume_builder_pb2.CreateResumeRequest(
            file=common_pb2.DocumentFile(
                filename="cv.txt",
                format=common_pb2.DOCUMENT_FORMAT_TXT,
                content=RESUME_TEXT.encode(),
            )
        ),
        metadata=owner_a.metadata,
    )
    assert created.format == common_pb2.DOCUMENT_FORMAT_TXT
    assert created.sha256 == hashlib.sha256(RESUME_TEXT.encode()).hexdigest()


# --- StartTailoring: idempotency and the job message -------------------------------------


async def test_same_request_id_gives_one_run_and_one_message(
    client: Client,
    owner_a: Owner,
    job_queues: dict[str, AbstractQueue],
    storage: storage_pb2_grpc.StorageServiceStub,
) -> None:
    queue = job_queues[TAILOR_QUEUE]
    await queue.purge()
    marker = f"UNIQUE-RESUME-MARKER-{uuid.uuid4().hex}"
    rid = request_id()
    first = await start_run(client, owner_a.metadata, rid=rid, resume_text=RESUME_TEXT + marker)
    second = await start_run(client, owner_a.metadata, rid=rid, resume_text=RESUME_TEXT + marker)
    assert first.status == common_pb2.RUN_STATUS_QUEUED
    assert second.id == first.id
    assert first.request_id == rid

    messages = await drain(queue)
    assert len(messages) == 1
    message = messages[0]
    job = jobs_pb2.TailorJob.FromString(message.body)
    assert job.run_id == first.id
    assert marker.encode() not in message.body
    assert b"Kubernetes" not in message.body
    assert message.message_id
    uuid.UUID(message.message_id)
    assert message.type == "resumeai.storage.v1.TailorJob"
    assert message.delivery_mode == 2  # persistent

    # Confirmed, so marked published: the relay will not send it again. (A 1 ms lease keeps
    # this probe from holding back any other pending job.)
    pending = await storage.ClaimOutboxJobs(
        storage_pb2.ClaimOutboxJobsRequest(limit=500, min_age_ms=0, lease_ms=1)
    )
    assert message.message_id not in [j.id for j in pending.jobs]


async def test_generated_request_id_is_not_idempotent(client: Client, owner_a: Owner) -> None:
    request = resume_builder_pb2.StartTailoringRequest(resume_text=RESUME_TEXT, job_text=JOB_TEXT)
    first = await client.StartTailoring(request, metadata=owner_a.metadata)
    second = await client.StartTailoring(request, metadata=owner_a.metadata)
    assert first.id != second.id
    assert first.request_id and second.request_id


# --- WatchTailorRun ----------------------------------------------------------------------


async def test_watch_streams_queued_then_succeeded(
    client: Client, owner_a: Owner, storage: storage_pb2_grpc.StorageServiceStub
) -> None:
    run = await start_run(client, owner_a.metadata)
    stream = client.WatchTailorRun(
        resume_builder_pb2.WatchTailorRunRequest(id=run.id),
        metadata=owner_a.metadata,
        timeout=30,
    )
    first = await stream.read()
    assert first.id == run.id
    assert first.status == common_pb2.RUN_STATUS_QUEUED

    await complete_run(storage, run.id)

    seen: list[resources_pb2.TailorRun] = [first]
    async with asyncio.timeout(15):
        # read() until EOF: grpc.aio forbids mixing read() with `async for` on one call.
        while (update := await stream.read()) is not grpc.aio.EOF:
            seen.append(update)
    statuses = [r.status for r in seen]
    assert statuses[0] == common_pb2.RUN_STATUS_QUEUED
    assert statuses[-1] == common_pb2.RUN_STATUS_SUCCEEDED
    assert set(statuses) <= {
        common_pb2.RUN_STATUS_QUEUED,
        common_pb2.RUN_STATUS_RUNNING,
        common_pb2.RUN_STATUS_SUCCEEDED,
    }
    assert len(statuses) == len(set(statuses))  # one message per change, no repeats
    assert seen[-1].result.schema_version == "1"


async def test_watch_of_finished_run_sends_one_message(
    client: Client, owner_a: Owner, storage: storage_pb2_grpc.StorageServiceStub
) -> None:
    run = await start_run(client, owner_a.metadata)
    await complete_run(storage, run.id)
    updates = [
        u
        async for u in client.WatchTailorRun(
            resume_builder_pb2.WatchTailorRunRequest(id=run.id),
            metadata=owner_a.metadata,
            timeout=10,
        )
    ]
    assert [u.status for u in updates] == [common_pb2.RUN_STATUS_SUCCEEDED]


async def test_notices_reach_callers_of_get_watch_and_list(
    client: Client, owner_a: Owner, storage: storage_pb2_grpc.StorageServiceStub
) -> None:
    # sample_result() is empty: no role, no bullet, no job keyword.
    run = await start_run(client, owner_a.metadata)
    assert not run.notices  # QUEUED: nothing derived yet
    await complete_run(storage, run.id)
    expected = [
        common_pb2.RUN_NOTICE_NO_ROLES_FOUND,
        common_pb2.RUN_NOTICE_NO_TAILORED_BULLETS,
        common_pb2.RUN_NOTICE_NO_JOB_KEYWORDS,
    ]
    got = await client.GetTailorRun(
        resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=owner_a.metadata
    )
    (watched,) = [
        u
        async for u in client.WatchTailorRun(
            resume_builder_pb2.WatchTailorRunRequest(id=run.id),
            metadata=owner_a.metadata,
            timeout=10,
        )
    ]
    page = await client.ListTailorRuns(
        resume_builder_pb2.ListTailorRunsRequest(page_size=100), metadata=owner_a.metadata
    )
    (listed,) = [r for r in page.runs if r.id == run.id]
    assert not listed.HasField("result")
    for seen in (got, watched, listed):
        assert seen.status == common_pb2.RUN_STATUS_SUCCEEDED
        assert list(seen.notices) == expected


async def test_watch_client_cancel_is_clean(client: Client, owner_a: Owner) -> None:
    run = await start_run(client, owner_a.metadata)
    stream = client.WatchTailorRun(
        resume_builder_pb2.WatchTailorRunRequest(id=run.id), metadata=owner_a.metadata
    )
    assert (await stream.read()).status == common_pb2.RUN_STATUS_QUEUED
    stream.cancel()
    # The gateway keeps serving afterwards.
    got = await client.GetTailorRun(
        resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=owner_a.metadata
    )
    assert got.id == run.id


# --- exports and downloads ---------------------------------------------------------------


async def test_export_of_unfinished_run_is_failed_precondition(
    client: Client, owner_a: Owner
) -> None:
    run = await start_run(client, owner_a.metadata)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.StartExport(
            resume_builder_pb2.StartExportRequest(
                request_id=request_id(), run_id=run.id, format=common_pb2.EXPORT_FORMAT_PDF
            ),
            metadata=owner_a.metadata,
        )
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_download_reassembles_stored_bytes(
    client: Client,
    owner_a: Owner,
    owner_b: Owner,
    storage: storage_pb2_grpc.StorageServiceStub,
    job_queues: dict[str, AbstractQueue],
) -> None:
    run = await start_run(client, owner_a.metadata)
    await complete_run(storage, run.id)
    export_queue = job_queues[EXPORT_QUEUE]
    await export_queue.purge()
    artifact = await client.StartExport(
        resume_builder_pb2.StartExportRequest(
            request_id=request_id(), run_id=run.id, format=common_pb2.EXPORT_FORMAT_PDF
        ),
        metadata=owner_a.metadata,
    )
    assert artifact.status == common_pb2.ARTIFACT_STATUS_QUEUED
    messages = await drain(export_queue)
    assert [jobs_pb2.ExportJob.FromString(m.body).artifact_id for m in messages] == [artifact.id]

    download = resume_builder_pb2.DownloadArtifactRequest(id=artifact.id)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        async for _ in client.DownloadArtifact(download, metadata=owner_a.metadata):
            pass
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    # Play the export worker: more than two 64 KiB chunks of incompressible bytes.
    content = b"%PDF-1.7\n" + os.urandom(200_000)
    claim = await storage.ClaimWork(
        storage_pb2.ClaimWorkRequest(
            kind=storage_pb2.WORK_KIND_EXPORT, item_id=artifact.id, worker_id="gateway-test"
        )
    )
    assert claim.outcome == storage_pb2.CLAIM_OUTCOME_CLAIMED
    await storage.CompleteWork(
        storage_pb2.CompleteWorkRequest(
            lease=storage_pb2.LeaseRef(
                kind=storage_pb2.WORK_KIND_EXPORT,
                item_id=artifact.id,
                lease_token=claim.lease_token,
            ),
            export=storage_pb2.ExportOutput(
                content=content,
                content_type="application/pdf",
                filename="tailored.pdf",
            ),
        )
    )

    chunks = [c async for c in client.DownloadArtifact(download, metadata=owner_a.metadata)]
    assert len(chunks) >= 3
    assert b"".join(c.data for c in chunks) == content
    assert [c.offset for c in chunks] == [
        sum(len(c.data) for c in chunks[:i]) for i in range(len(chunks))
    ]
    assert chunks[0].sha256 == hashlib.sha256(content).hexdigest()
    assert chunks[0].content_type == "application/pdf"
    assert all(c.total_size == len(content) for c in chunks)

    with pytest.raises(grpc.aio.AioRpcError) as error:
        async for _ in client.DownloadArtifact(download, metadata=owner_b.metadata):
            pytest.fail("another owner's artifact was streamed")
    assert error.value.code() == grpc.StatusCode.NOT_FOUND

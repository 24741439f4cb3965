"""The whole system as processes: tailor a resume through the gateway, export, download."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import aio_pika
import docx
import grpc
import pytest
from pypdf import PdfReader

from kit.broker import JOBS_EXCHANGE
from kit.grpc_client import STORAGE_SERVICE, internal_channel
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc
from resumeai.v1 import (
    common_pb2,
    resume_builder_pb2,
    resume_builder_pb2_grpc,
)
from tests.e2e.conftest import auth, wait_for
from tests.e2e.harness import Stack

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Made-up personal data that must never leave Postgres (logs, broker bodies).
MARKER_NAME = "Quillon Vexmarra-Thistlewood"
MARKER_EMAIL = "quillon.vexmarra.7731@example.org"
MARKER_PHONE = "+1 555 013 7731"


def marked_resume() -> str:
    text = (EXAMPLES / "resume.txt").read_text()
    lines = text.splitlines()
    lines[0] = MARKER_NAME
    lines[2] = f"{MARKER_EMAIL} | {MARKER_PHONE} | Portland, OR"
    return "\n".join(lines) + "\n"


async def finish_run(client: resume_builder_pb2_grpc.ResumeBuilderStub, key: str, run_id: str):  # type: ignore[no-untyped-def]
    seen = []
    async for update in client.WatchTailorRun(
        resume_builder_pb2.WatchTailorRunRequest(id=run_id), metadata=auth(key), timeout=60
    ):
        seen.append(update.status)
    return seen


async def download(
    client: resume_builder_pb2_grpc.ResumeBuilderStub, key: str, artifact_id: str
) -> bytes:
    data = b""
    async for chunk in client.DownloadArtifact(
        resume_builder_pb2.DownloadArtifactRequest(id=artifact_id), metadata=auth(key), timeout=30
    ):
        assert chunk.offset == len(data)
        data += chunk.data
    return data


async def export(client, key: str, run_id: str, fmt: int, kind: int = 0) -> bytes:  # type: ignore[no-untyped-def]
    artifact = await client.StartExport(
        resume_builder_pb2.StartExportRequest(
            request_id=f"export-{uuid.uuid4()}", run_id=run_id, format=fmt, kind=kind
        ),
        metadata=auth(key),
    )

    async def done():  # type: ignore[no-untyped-def]
        current = await client.GetArtifact(
            resume_builder_pb2.GetArtifactRequest(id=artifact.id), metadata=auth(key)
        )
        return (
            current
            if current.status
            in (common_pb2.ARTIFACT_STATUS_SUCCEEDED, common_pb2.ARTIFACT_STATUS_FAILED)
            else None
        )

    final = await wait_for(done, timeout_s=60)
    assert final.status == common_pb2.ARTIFACT_STATUS_SUCCEEDED, final.error
    return await download(client, key, artifact.id)


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


async def test_tailor_export_download_without_leaking_pii(
    stack: Stack, client: resume_builder_pb2_grpc.ResumeBuilderStub, api_key: str, amqp_url: str
) -> None:
    # A tap queue sees every job message the gateway publishes during this test.
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel()
    tap = await channel.declare_queue("", exclusive=True)
    exchange = await channel.get_exchange(JOBS_EXCHANGE)
    for key in ("tailor", "export"):
        await tap.bind(exchange, routing_key=key)

    resume = await client.CreateResume(
        resume_builder_pb2.CreateResumeRequest(display_name="e2e", text=marked_resume()),
        metadata=auth(api_key),
    )
    job = await client.CreateJobPosting(
        resume_builder_pb2.CreateJobPostingRequest(
            title="Staff Backend Engineer", text=(EXAMPLES / "job.txt").read_text()
        ),
        metadata=auth(api_key),
    )
    run = await client.StartTailoring(
        resume_builder_pb2.StartTailoringRequest(
            request_id=f"e2e-{uuid.uuid4()}", resume_id=resume.id, job_posting_id=job.id
        ),
        metadata=auth(api_key),
    )
    assert run.status == common_pb2.RUN_STATUS_QUEUED
    statuses = await finish_run(client, api_key, run.id)
    assert statuses[-1] == common_pb2.RUN_STATUS_SUCCEEDED, statuses

    final = await client.GetTailorRun(
        resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=auth(api_key)
    )
    result = final.result
    assert 6 <= len(result.bullets) <= 12
    evidence = {line.id: line.text for line in result.resume.evidence}
    for bullet in result.bullets:
        assert bullet.evidence_ids and all(e in evidence for e in bullet.evidence_ids)
    found = {k.keyword for k in result.coverage_before.keywords if k.found}
    missing = {k.keyword for k in result.coverage_before.keywords if not k.found}
    assert "Kubernetes" in found and "PostgreSQL" in found
    assert "Kafka" in missing
    assert result.gaps and result.questions
    assert final.metadata.resume_sha256 and final.metadata.engine_version
    assert not final.notices  # a useful success: nothing missing

    pdf = await export(client, api_key, run.id, common_pb2.EXPORT_FORMAT_PDF)
    pages = PdfReader(io.BytesIO(pdf)).pages
    pdf_text = _normalise(" ".join(page.extract_text() for page in pages))
    for bullet in result.bullets:
        assert _normalise(bullet.text) in pdf_text
    docx_bytes = await export(client, api_key, run.id, common_pb2.EXPORT_FORMAT_DOCX)
    paragraphs = docx.Document(io.BytesIO(docx_bytes)).paragraphs
    docx_text = _normalise(" ".join(p.text for p in paragraphs))
    for bullet in result.bullets:
        assert _normalise(bullet.text) in docx_text
    letter = await export(
        client, api_key, run.id, common_pb2.EXPORT_FORMAT_PDF, common_pb2.ARTIFACT_KIND_COVER_LETTER
    )
    letter_text = _normalise(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(letter)).pages)
    )
    assert result.cover_letter.paragraphs
    for paragraph in result.cover_letter.paragraphs:
        assert _normalise(paragraph.text) in letter_text

    bodies = []
    while (message := await tap.get(fail=False, timeout=5)) is not None:
        bodies.append(message.body)
        await message.ack()
    await connection.close()
    assert len(bodies) >= 4  # one tailor job, three export jobs (a relay retry may add one)
    logs = stack.all_logs()
    assert run.id in logs  # the logs are really being read
    # Parts too (a log may hold a fragment), but long enough never to match an id or a time.
    for marker in (MARKER_NAME, MARKER_EMAIL, MARKER_PHONE, "Quillon", "013 7731", "vexmarra"):
        assert marker not in logs, f"{marker!r} leaked into a log"
        assert all(marker.encode() not in body for body in bodies), f"{marker!r} in a message"


async def test_a_resume_without_roles_succeeds_with_notices(
    client: resume_builder_pb2_grpc.ResumeBuilderStub, api_key: str
) -> None:
    """No role found, no bullet tailored: SUCCEEDED with the warnings in the result, and
    the run's notices say so where no result is (lists)."""
    run = await client.StartTailoring(
        resume_builder_pb2.StartTailoringRequest(
            request_id=f"no-roles-{uuid.uuid4()}",
            resume_text="Jane Doe\nSkills\nPython, SQL, Docker\n",
            job_text=(EXAMPLES / "job.txt").read_text(),
        ),
        metadata=auth(api_key),
    )
    statuses = await finish_run(client, api_key, run.id)
    assert statuses[-1] == common_pb2.RUN_STATUS_SUCCEEDED, statuses

    final = await client.GetTailorRun(
        resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=auth(api_key)
    )
    expected = {common_pb2.RUN_NOTICE_NO_ROLES_FOUND, common_pb2.RUN_NOTICE_NO_TAILORED_BULLETS}
    assert expected <= set(final.notices)
    assert not final.result.resume.work and not final.result.bullets
    warnings = " ".join(final.result.resume.warnings)
    assert "no work experience could be read" in warnings
    assert "no tailored bullets" in warnings

    listed = await client.ListTailorRuns(
        resume_builder_pb2.ListTailorRunsRequest(page_size=100), metadata=auth(api_key)
    )
    (item,) = [r for r in listed.runs if r.id == run.id]
    assert not item.HasField("result")
    assert list(item.notices) == list(final.notices)


async def test_same_request_id_yields_one_run(
    client: resume_builder_pb2_grpc.ResumeBuilderStub, api_key: str
) -> None:
    request = resume_builder_pb2.StartTailoringRequest(
        request_id=f"dup-{uuid.uuid4()}",
        resume_text=(EXAMPLES / "resume.txt").read_text(),
        job_text=(EXAMPLES / "job.txt").read_text(),
    )
    first = await client.StartTailoring(request, metadata=auth(api_key))
    second = await client.StartTailoring(request, metadata=auth(api_key))
    assert first.id == second.id
    statuses = await finish_run(client, api_key, first.id)
    assert statuses[-1] == common_pb2.RUN_STATUS_SUCCEEDED


async def test_authentication_and_ownership(
    stack: Stack,
    client: resume_builder_pb2_grpc.ResumeBuilderStub,
    api_key: str,
    other_api_key: str,
) -> None:
    request = resume_builder_pb2.ListTailorRunsRequest()
    with pytest.raises(grpc.aio.AioRpcError) as no_key:
        await client.ListTailorRuns(request)
    assert no_key.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError) as bad_key:
        await client.ListTailorRuns(request, metadata=auth("rba_not-a-real-key"))
    assert bad_key.value.code() == grpc.StatusCode.UNAUTHENTICATED

    run = await client.StartTailoring(
        resume_builder_pb2.StartTailoringRequest(
            request_id=f"own-{uuid.uuid4()}",
            resume_text=(EXAMPLES / "resume.txt").read_text(),
            job_text=(EXAMPLES / "job.txt").read_text(),
        ),
        metadata=auth(api_key),
    )
    with pytest.raises(grpc.aio.AioRpcError) as foreign:
        await client.GetTailorRun(
            resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=auth(other_api_key)
        )
    assert foreign.value.code() == grpc.StatusCode.NOT_FOUND
    mine = await client.ListTailorRuns(request, metadata=auth(api_key))
    assert any(r.id == run.id for r in mine.runs)
    assert all(not r.HasField("result") for r in mine.runs)
    theirs = await client.ListTailorRuns(request, metadata=auth(other_api_key))
    assert all(r.id != run.id for r in theirs.runs)


@pytest.mark.parametrize("token", [None, "wrong-token-0123456789"])
async def test_storage_port_refuses_callers_without_the_service_credential(
    stack: Stack, token: str | None
) -> None:
    channel = internal_channel(
        stack.storage_target, service_names=[STORAGE_SERVICE], token=token or ""
    )
    async with channel:
        stub = storage_pb2_grpc.StorageServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.ListResumes(storage_pb2.ListResumesRequest(owner_id=str(uuid.uuid4())))
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_a_deleted_finished_run_is_not_answered_again(
    client: resume_builder_pb2_grpc.ResumeBuilderStub, api_key: str, database_url: str
) -> None:
    """The gateway answers a finished run it has read from memory (gateway/finished_runs.py):
    a deletion through the API, or a write nobody made through it (an operator's SQL), ends
    that at once or as soon as storage's push arrives."""
    import asyncpg

    async def finished() -> str:
        run = await client.StartTailoring(
            resume_builder_pb2.StartTailoringRequest(
                request_id=f"cache-{uuid.uuid4()}",
                resume_text=(EXAMPLES / "resume.txt").read_text(),
                job_text=(EXAMPLES / "job.txt").read_text(),
            ),
            metadata=auth(api_key),
        )
        assert (await finish_run(client, api_key, run.id))[-1] == common_pb2.RUN_STATUS_SUCCEEDED
        for _ in range(2):  # the second read is the gateway's memory
            got = await client.GetTailorRun(
                resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=auth(api_key)
            )
            assert got.id == run.id and got.result.bullets
        return str(run.id)

    async def gone(run_id: str) -> bool:
        try:
            await client.GetTailorRun(
                resume_builder_pb2.GetTailorRunRequest(id=run_id), metadata=auth(api_key)
            )
        except grpc.aio.AioRpcError as error:
            assert error.code() == grpc.StatusCode.NOT_FOUND
            return True
        return False

    deleted = await finished()
    await client.DeleteTailorRun(
        resume_builder_pb2.DeleteTailorRunRequest(id=deleted), metadata=auth(api_key)
    )
    assert await gone(deleted)  # at once, from the gateway that deleted it

    by_hand = await finished()
    conn = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute(
            "UPDATE tailor_runs SET deleted_at = now() WHERE id = $1", uuid.UUID(by_hand)
        )
    finally:
        await conn.close()
    await wait_for(lambda: gone(by_hand), timeout_s=5)

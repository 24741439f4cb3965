"""Artifacts: idempotent creation with the outbox job, reads, chunked content, soft delete, and
what leased work (`work.py`) hands an export worker and stores when it completes. Writes never
commit: the call's one transaction does."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from kit.jobs import EXPORT, correlation_headers
from resumeai.storage.v1 import storage_pb2
from resumeai.v1 import common_pb2
from storage_service import sealing
from storage_service.db.models import Artifact, OutboxJob, TailorRun
from storage_service.errors import Aborted, FailedPrecondition, InvalidArgument, NotFound
from storage_service.repositories import common, leases, outbox, quota, tailor_runs
from storage_service.repositories.common import (
    SessionSql,
    page_request,
    paged,
    parse_id,
    request_fingerprint,
    same_request,
    split_page,
)

KIND = "artifacts"
# What an artifact record shows (records.artifact_record): no content, no lease.
ARTIFACT_COLUMNS = """
id, owner_id, run_id, kind, format, template, status, request_id, size_bytes, sha256,
content_type, filename, attempts, error, created_at, updated_at
"""
CHUNK_BYTES = 64 * 1024
NO_RESULT = "the run has no result to render"
_IDEMPOTENCY_WHERE = and_(Artifact.request_id.is_not(None), Artifact.deleted_at.is_(None))


@dataclass
class Created:
    artifact: Artifact
    created: bool
    job: OutboxJob | None


def _owned(owner: str, artifact_id: str) -> list[Any]:
    return [
        Artifact.id == parse_id(artifact_id, "artifact"),
        Artifact.owner_id == parse_id(owner, "artifact"),
        Artifact.deleted_at.is_(None),
    ]


async def _by_request_id(session: AsyncSession, owner_id: uuid.UUID, request_id: str) -> Any:
    return await session.scalar(
        select(Artifact).where(
            Artifact.owner_id == owner_id,
            Artifact.request_id == request_id,
            Artifact.deleted_at.is_(None),
        )
    )


async def create(
    session: AsyncSession,
    owner: str,
    request: storage_pb2.CreateArtifactRequest,
    *,
    hourly_limit: int = 0,
) -> Created:
    """QUEUED artifact of a SUCCEEDED run of the owner plus its outbox job, idempotent on
    (owner_id, request_id) the same way as tailor runs."""
    owner_id = parse_id(owner, "owner")
    request_id = request.request_id or None
    fingerprint = request_fingerprint(request)
    if request_id is not None:
        existing = await _by_request_id(session, owner_id, request_id)
        if existing is not None:
            same_request(existing, fingerprint)
            return Created(existing, False, None)
    if request.format not in (common_pb2.EXPORT_FORMAT_DOCX, common_pb2.EXPORT_FORMAT_PDF):
        raise InvalidArgument("format", "must be DOCX or PDF")
    await quota.check_hourly(SessionSql(session), "artifacts", owner_id, hourly_limit, "exports")

    # Share lock: DeleteTailorRun waits, so no artifact is born on a run being deleted.
    run = await session.scalar(
        select(TailorRun)
        .where(
            TailorRun.id == parse_id(request.run_id, "tailor run"),
            TailorRun.owner_id == owner_id,
            TailorRun.deleted_at.is_(None),
        )
        .with_for_update(read=True)
    )
    if run is None:
        raise NotFound("tailor run")
    if run.status != leases.SUCCEEDED:
        raise FailedPrecondition("run is not finished")

    stmt = insert(Artifact).values(
        id=uuid.uuid4(),
        owner_id=owner_id,
        run_id=run.id,
        kind=request.kind or common_pb2.ARTIFACT_KIND_TAILORED_RESUME,
        format=request.format,
        template=request.template or common_pb2.RESUME_TEMPLATE_ONE_PAGE,
        status=leases.QUEUED,
        request_id=request_id,
        request_sha256=fingerprint,
        attempts=0,
    )
    if request_id is not None:
        stmt = stmt.on_conflict_do_nothing(
            index_elements=[Artifact.owner_id, Artifact.request_id],
            index_where=_IDEMPOTENCY_WHERE,
        )
    artifact = await session.scalar(stmt.returning(Artifact))
    if artifact is None:
        assert request_id is not None
        existing = await _by_request_id(session, owner_id, request_id)
        if existing is None:
            raise Aborted("concurrent request; retry")
        same_request(existing, fingerprint)
        return Created(existing, False, None)
    job = outbox.new_job(EXPORT.routing_key, EXPORT.payload(artifact.id), correlation_headers())
    session.add(job)
    await session.flush()
    return Created(artifact, True, job)


async def get(session: AsyncSession, owner: str, artifact_id: str) -> Artifact:
    row = await session.scalar(select(Artifact).where(*_owned(owner, artifact_id)))
    if row is None:
        raise NotFound("artifact")
    return row


async def list_page(
    session: AsyncSession, owner: str, page_size: int, page_token: str, run_id: str = ""
) -> tuple[list[Artifact], str]:
    page = page_request(page_size, page_token, KIND)
    owner_id = parse_id(owner, "owner")
    stmt = select(Artifact).where(Artifact.owner_id == owner_id, Artifact.deleted_at.is_(None))
    if run_id:
        # Filtering by a run that is not the owner's is NOT_FOUND, like any other use of it.
        run = await session.scalar(
            select(TailorRun.id).where(
                TailorRun.id == parse_id(run_id, "tailor run"),
                TailorRun.owner_id == owner_id,
                TailorRun.deleted_at.is_(None),
            )
        )
        if run is None:
            raise NotFound("tailor run")
        stmt = stmt.where(Artifact.run_id == run)
    rows = list((await session.execute(paged(stmt, Artifact, page))).scalars())
    return split_page(rows, page, KIND)


async def readable(session: AsyncSession, owner: str, artifact_id: str) -> Artifact:
    row = await get(session, owner, artifact_id)
    if row.status != leases.SUCCEEDED:
        raise FailedPrecondition("artifact is not ready")
    return row


async def read_chunk(
    session: AsyncSession, owner: str, artifact_id: str, offset: int
) -> bytes | None:
    """Bytes [offset, offset + 64 KiB) read in the database (substr on bytea), so the whole
    blob is never held in memory; None when the artifact went away in the meantime."""
    if sealing.sealer_of(session) is not None:
        # A sealed file opens whole (AES-GCM authenticates it as one); then the chunk.
        row = (
            await session.execute(
                select(Artifact.owner_id, Artifact.content).where(
                    *_owned(owner, artifact_id), Artifact.status == leases.SUCCEEDED
                )
            )
        ).first()
        if row is None or row.content is None:
            return None
        whole = await sealing.opened(session, row.owner_id, sealing.ARTIFACT, row.content)
        return whole[offset : offset + CHUNK_BYTES]
    data = await session.scalar(
        select(func.substr(Artifact.content, offset + 1, CHUNK_BYTES)).where(
            *_owned(owner, artifact_id), Artifact.status == leases.SUCCEEDED
        )
    )
    return data


async def delete(session: AsyncSession, owner: str, artifact_id: str) -> None:
    deleted = await session.scalar(
        update(Artifact)
        .where(*_owned(owner, artifact_id))
        .values(deleted_at=func.now(), updated_at=func.now(), **common.WIPED_ARTIFACT)
        .returning(Artifact.id)
    )
    if deleted is None:
        raise NotFound("artifact")


_OWNER = "SELECT owner_id FROM artifacts WHERE id = $1"


async def claim_inputs(
    connection: asyncpg.Connection, sealer: sealing.Sealer | None, artifact: Any
) -> tuple[storage_pb2.ExportInputs | None, str]:
    """What a claim hands the export worker: the run's result (the claim adds the artifact's
    record); none when the run has no result to render (the claim then fails the artifact)."""
    result = await tailor_runs.result_of(connection, sealer, artifact.run_id)
    if result is None:
        return None, NO_RESULT
    return storage_pb2.ExportInputs(result=result), ""


async def completed_values(
    connection: asyncpg.Connection,
    sealer: sealing.Sealer | None,
    artifact_id: uuid.UUID | None,
    output: storage_pb2.ExportOutput,
) -> dict[str, Any]:
    """The columns a SUCCEEDED artifact stores: its file (sealed when sealing is on)."""
    content = output.content
    stored = content
    owner = await connection.fetchval(_OWNER, artifact_id) if sealer is not None else None
    if owner is not None:
        stored = await sealing.seal_with(sealer, connection, owner, sealing.ARTIFACT, content)
    return {
        "content": stored,
        "size_bytes": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "content_type": output.content_type,
        "filename": output.filename,
        "error": "",
    }

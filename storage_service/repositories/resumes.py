"""Resumes: create, get (with content), list (summaries), soft delete with erasure cascade.
Writes never commit: the call's one transaction does (storage_service/servicer.py)."""

from __future__ import annotations

import hashlib
import uuid

import asyncpg
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from resumeai.storage.v1 import records_pb2
from resumeai.v1 import common_pb2
from storage_service import sealing
from storage_service.db.models import Artifact, Resume, TailorRun
from storage_service.errors import InvalidArgument, NotFound
from storage_service.repositories import quota
from storage_service.repositories.common import (
    WIPED_ARTIFACT,
    WIPED_RESUME,
    WIPED_RUN,
    insert_row,
    page_request,
    paged,
    parse_id,
    split_page,
)

KIND = "resumes"


def new_resume(
    owner_id: uuid.UUID, *, content: bytes, fmt: int, display_name: str = "", filename: str = ""
) -> Resume:
    if fmt not in (
        common_pb2.DOCUMENT_FORMAT_TXT,
        common_pb2.DOCUMENT_FORMAT_DOCX,
        common_pb2.DOCUMENT_FORMAT_PDF,
    ):
        raise InvalidArgument("document.format", "must be TXT, DOCX or PDF")
    return Resume(
        id=uuid.uuid4(),
        owner_id=owner_id,
        display_name=display_name,
        format=fmt,
        filename=filename,
        content=content,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        inline=False,
    )


def resume_from_document(
    owner_id: uuid.UUID, document: records_pb2.Document, display_name: str = ""
) -> Resume:
    if not document.content:
        raise InvalidArgument("document.content", "the resume is empty")
    return new_resume(
        owner_id,
        content=document.content,
        fmt=document.format,
        # No default from the filename: it usually holds the person's name, and the display
        # name shows up in list summaries.
        display_name=display_name,
        filename=document.filename,
    )


async def create(
    connection: asyncpg.Connection,
    sealer: sealing.Sealer | None,
    owner: str,
    document: records_pb2.Document,
    display_name: str = "",
    store: quota.StoreLimits = quota.NO_STORE_LIMITS,
) -> Resume:
    """A stored resume, on the hot path's connection (in a transaction when the stored
    quota is checked)."""
    owner_id = parse_id(owner, "owner")
    row = resume_from_document(owner_id, document, display_name)
    await quota.check_stored(
        connection, owner_id, store, adding_bytes=row.size_bytes, adding_documents=1
    )
    row.content = await sealing.seal_with(sealer, connection, owner_id, sealing.RESUME, row.content)
    await insert_row(connection, row)
    return row


async def get(session: AsyncSession, owner: str, resume_id: str, *, lock: bool = False) -> Resume:
    """The owner's live resume with its content. `lock` takes a share lock so a concurrent
    DeleteResume waits for the caller's transaction (no run created on a deleted resume)."""
    stmt = (
        select(Resume)
        .where(
            Resume.id == parse_id(resume_id, "resume"),
            Resume.owner_id == parse_id(owner, "resume"),
            Resume.deleted_at.is_(None),
        )
        .options(undefer(Resume.content))
    )
    if lock:
        stmt = stmt.with_for_update(read=True)
    row = (await session.execute(stmt)).scalar_one_or_none()
    if row is None:
        raise NotFound("resume")
    return row


async def list_page(
    session: AsyncSession, owner: str, page_size: int, page_token: str
) -> tuple[list[Resume], str]:
    page = page_request(page_size, page_token, KIND)
    stmt = select(Resume).where(
        Resume.owner_id == parse_id(owner, "owner"), Resume.deleted_at.is_(None)
    )
    rows = list((await session.execute(paged(stmt, Resume, page))).scalars())
    return split_page(rows, page, KIND)


async def delete(session: AsyncSession, owner: str, resume_id: str) -> None:
    """Soft-deletes the resume and, because erasure follows the personal data, every run made
    from it and their artifacts (which render its content)."""
    owner_id = parse_id(owner, "resume")
    deleted = await session.scalar(
        update(Resume)
        .where(
            Resume.id == parse_id(resume_id, "resume"),
            Resume.owner_id == owner_id,
            Resume.deleted_at.is_(None),
        )
        .values(deleted_at=func.now(), **WIPED_RESUME)
        .returning(Resume.id)
    )
    if deleted is None:
        raise NotFound("resume")
    runs = select(TailorRun.id).where(TailorRun.resume_id == deleted)
    await session.execute(
        update(TailorRun)
        .where(TailorRun.resume_id == deleted, TailorRun.deleted_at.is_(None))
        .values(deleted_at=func.now(), updated_at=func.now(), **WIPED_RUN)
    )
    await session.execute(
        update(Artifact)
        .where(Artifact.run_id.in_(runs), Artifact.deleted_at.is_(None))
        .values(deleted_at=func.now(), updated_at=func.now(), **WIPED_ARTIFACT)
    )

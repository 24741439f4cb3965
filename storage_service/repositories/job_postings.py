"""Job postings: create (on asyncpg, the hot path), get (with text), list (summaries), soft
delete. Writes never commit: the call's one transaction does."""

from __future__ import annotations

import hashlib
import uuid

import asyncpg
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from storage_service import sealing
from storage_service.db.models import JobPosting
from storage_service.errors import InvalidArgument, NotFound
from storage_service.repositories import quota
from storage_service.repositories.common import (
    insert_row,
    page_request,
    paged,
    parse_id,
    split_page,
)

KIND = "job_postings"


def new_job_posting(
    owner_id: uuid.UUID, text: str, title: str = "", company: str = ""
) -> JobPosting:
    if not text:
        raise InvalidArgument("text", "the job description is required")
    data = text.encode("utf-8")
    return JobPosting(
        id=uuid.uuid4(),
        owner_id=owner_id,
        title=title,
        company=company,
        text=text,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        inline=False,
    )


async def create(
    connection: asyncpg.Connection,
    sealer: sealing.Sealer | None,
    owner: str,
    text: str,
    *,
    title: str = "",
    company: str = "",
    store: quota.StoreLimits = quota.NO_STORE_LIMITS,
) -> JobPosting:
    """A stored posting, on the hot path's connection (in a transaction when the stored
    quota is checked: `quota.check_stored` locks until it ends)."""
    owner_id = parse_id(owner, "owner")
    row = new_job_posting(owner_id, text, title, company)
    await quota.check_stored(
        connection, owner_id, store, adding_bytes=row.size_bytes, adding_documents=1
    )
    row.text = await sealing.seal_text_with(sealer, connection, owner_id, sealing.JOB, row.text)
    await insert_row(connection, row)
    return row


async def get(session: AsyncSession, owner: str, job_id: str, *, lock: bool = False) -> JobPosting:
    stmt = (
        select(JobPosting)
        .where(
            JobPosting.id == parse_id(job_id, "job posting"),
            JobPosting.owner_id == parse_id(owner, "job posting"),
            JobPosting.deleted_at.is_(None),
        )
        .options(undefer(JobPosting.text))
    )
    if lock:
        stmt = stmt.with_for_update(read=True)
    row = (await session.execute(stmt)).scalar_one_or_none()
    if row is None:
        raise NotFound("job posting")
    return row


async def list_page(
    session: AsyncSession, owner: str, page_size: int, page_token: str
) -> tuple[list[JobPosting], str]:
    page = page_request(page_size, page_token, KIND)
    stmt = select(JobPosting).where(
        JobPosting.owner_id == parse_id(owner, "owner"), JobPosting.deleted_at.is_(None)
    )
    rows = list((await session.execute(paged(stmt, JobPosting, page))).scalars())
    return split_page(rows, page, KIND)


async def delete(session: AsyncSession, owner: str, job_id: str) -> None:
    """Soft-deletes only the posting: runs made from it keep their (non-personal) input until
    they are deleted themselves; PurgeDeleted keeps a posting while a run still refers to it."""
    deleted = await session.scalar(
        update(JobPosting)
        .where(
            JobPosting.id == parse_id(job_id, "job posting"),
            JobPosting.owner_id == parse_id(owner, "job posting"),
            JobPosting.deleted_at.is_(None),
        )
        .values(deleted_at=func.now())
        .returning(JobPosting.id)
    )
    if deleted is None:
        raise NotFound("job posting")

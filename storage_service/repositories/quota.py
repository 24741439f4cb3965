"""Per-owner quotas: runs and exports started in the last hour, and what an owner keeps
stored (bytes of resumes and job postings, and live documents).

Counted in the database, so the limit holds across gateway and storage replicas. A replay
of an existing request id is answered before the check and never counts. Exact under
concurrency: a transaction-scoped advisory lock per owner and kind serialises the count
and the insert that follows it (the lock goes with the commit).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import Artifact, JobPosting, Resume, TailorRun
from storage_service.errors import QuotaExceeded

WINDOW = text("now() - interval '1 hour'")


async def check_hourly(
    session: AsyncSession,
    model: type[TailorRun] | type[Artifact],
    owner_id: uuid.UUID,
    limit: int,
    what: str,
) -> None:
    """Raises QuotaExceeded when the owner started `limit` items in the last hour (0: off)."""
    if limit <= 0:
        return
    # One start per owner and kind at a time, until its transaction ends: the count below
    # then sees every start committed before it, so concurrent starts never overshoot.
    key = f"quota:{model.__tablename__}:{owner_id}"
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))
    started = await session.scalar(
        select(func.count())
        .select_from(model)
        .where(model.owner_id == owner_id, model.created_at > WINDOW)
    )
    if (started or 0) >= limit:
        raise QuotaExceeded(f"quota exceeded: at most {limit} {what} per hour; retry later")


@dataclass(frozen=True)
class StoreLimits:
    """What one owner may keep stored (0: unlimited)."""

    bytes_per_owner: int = 0
    documents_per_owner: int = 0


NO_STORE_LIMITS = StoreLimits()


async def check_stored(
    session: AsyncSession,
    owner_id: uuid.UUID,
    limits: StoreLimits,
    *,
    adding_bytes: int,
    adding_documents: int,
) -> None:
    """Raises QuotaExceeded when storing `adding_documents` documents of `adding_bytes` more
    would pass the owner's limits. Counted: the bytes every resume and job posting not yet
    purged still holds (a deleted resume's content is wiped at once, so it holds none), and
    the live documents. Exact under concurrency, as `check_hourly`."""
    if not (limits.bytes_per_owner or limits.documents_per_owner):
        return
    key = f"quota:store:{owner_id}"
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))
    resumes = select(
        func.coalesce(func.sum(func.octet_length(Resume.content)), 0),
        func.count().filter(Resume.deleted_at.is_(None)),
    ).where(Resume.owner_id == owner_id)
    postings = select(
        func.coalesce(func.sum(func.octet_length(JobPosting.text)), 0),
        func.count().filter(JobPosting.deleted_at.is_(None)),
    ).where(JobPosting.owner_id == owner_id)
    resume_bytes, resume_docs = (await session.execute(resumes)).one()
    posting_bytes, posting_docs = (await session.execute(postings)).one()
    stored = int(resume_bytes) + int(posting_bytes)
    documents = int(resume_docs) + int(posting_docs)
    if limits.bytes_per_owner and stored + adding_bytes > limits.bytes_per_owner:
        raise QuotaExceeded(
            f"storage quota exceeded: at most {limits.bytes_per_owner} bytes of documents "
            f"per owner ({stored} stored); delete documents you no longer need"
        )
    if limits.documents_per_owner and documents + adding_documents > limits.documents_per_owner:
        raise QuotaExceeded(
            f"storage quota exceeded: at most {limits.documents_per_owner} documents per "
            "owner; delete documents you no longer need"
        )

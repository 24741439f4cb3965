"""Hard deletion of rows soft-deleted long enough ago (children first, FK-safe)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import Artifact, JobPosting, OutboxJob, Resume, TailorRun


async def purge_deleted(session: AsyncSession, older_than_seconds: int) -> dict[str, int]:
    """Removes soft-deleted rows older than the cutoff, children before parents. A parent a
    live child still refers to stays (e.g. a deleted job posting used by a live run) until that
    child goes too. Published outbox jobs older than the cutoff go as well (ids only)."""
    cutoff = func.now() - timedelta(seconds=max(older_than_seconds, 0))
    removed: dict[str, int] = {}

    async def run(table: str, stmt: object) -> None:
        result = await session.execute(stmt.returning(1))  # type: ignore[attr-defined]
        removed[table] = len(result.all())

    await run(
        "artifacts",
        delete(Artifact).where(Artifact.deleted_at.is_not(None), Artifact.deleted_at <= cutoff),
    )
    await run(
        "tailor_runs",
        delete(TailorRun).where(
            TailorRun.deleted_at.is_not(None),
            TailorRun.deleted_at <= cutoff,
            ~exists(select(Artifact.id).where(Artifact.run_id == TailorRun.id)),
        ),
    )
    await run(
        "resumes",
        delete(Resume).where(
            Resume.deleted_at.is_not(None),
            Resume.deleted_at <= cutoff,
            ~exists(select(TailorRun.id).where(TailorRun.resume_id == Resume.id)),
        ),
    )
    await run(
        "job_postings",
        delete(JobPosting).where(
            JobPosting.deleted_at.is_not(None),
            JobPosting.deleted_at <= cutoff,
            ~exists(select(TailorRun.id).where(TailorRun.job_posting_id == JobPosting.id)),
        ),
    )
    await run(
        "outbox",
        delete(OutboxJob).where(
            OutboxJob.published_at.is_not(None), OutboxJob.published_at <= cutoff
        ),
    )
    return removed

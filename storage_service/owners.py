"""Erasing an owner: every document, run and file deleted with its payload wiped, every key
revoked (gateways refuse them at once), and the owner's data key destroyed, so whatever sealed
bytes of the owner remain, in this database until the purge or in any backup of it, can never
be opened again (crypto-shredding). Audited like the key commands."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage_service.db.models import (
    ApiKey,
    Artifact,
    JobPosting,
    Owner,
    OwnerKey,
    Resume,
    TailorRun,
)
from storage_service.errors import NotFound
from storage_service.repositories import api_keys
from storage_service.repositories.common import WIPED_ARTIFACT, WIPED_RESUME, WIPED_RUN


async def erase_owner(session: AsyncSession, name: str, actor: str) -> uuid.UUID:
    """Erases the owner called `name` in the caller's transaction; NotFound if none."""
    owner_id = await session.scalar(select(Owner.id).where(Owner.name == name))
    if owner_id is None:
        raise NotFound("owner")
    now = func.now()
    mine = (Artifact.owner_id == owner_id, Artifact.deleted_at.is_(None))
    await session.execute(update(Artifact).where(*mine).values(deleted_at=now, **WIPED_ARTIFACT))
    await session.execute(
        update(TailorRun)
        .where(TailorRun.owner_id == owner_id, TailorRun.deleted_at.is_(None))
        .values(deleted_at=now, **WIPED_RUN)
    )
    await session.execute(
        update(Resume)
        .where(Resume.owner_id == owner_id, Resume.deleted_at.is_(None))
        .values(deleted_at=now, **WIPED_RESUME)
    )
    await session.execute(
        update(JobPosting)
        .where(JobPosting.owner_id == owner_id, JobPosting.deleted_at.is_(None))
        .values(deleted_at=now, text="")
    )
    revoked = await session.execute(
        update(ApiKey)
        .where(ApiKey.owner_id == owner_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=now)
        .returning(ApiKey.key_sha256)
    )
    for digest in revoked.scalars():
        await api_keys.announce_revoked(session, digest)
    shredded = await session.execute(
        delete(OwnerKey).where(OwnerKey.owner_id == owner_id).returning(OwnerKey.owner_id)
    )
    await api_keys.audit(
        session,
        actor,
        "owner.erased",
        owner_id=owner_id,
        detail={"data_key_destroyed": shredded.first() is not None},
    )
    return owner_id

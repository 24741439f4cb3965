"""Encryption at rest: with master keys configured, no resume text, job text, result or file
is readable in the raw tables, every API call still sees the plaintext, erasing an owner
destroys its data key so a copy of its rows taken before (a backup) never opens again, and a
master key rotates by re-wrapping the data keys."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from resumeai.storage.v1 import storage_pb2
from storage_service.db.engine import make_engine, make_sessions
from storage_service.db.pg import Pg
from storage_service.owners import erase_owner
from storage_service.repositories.tailor_runs import result_of
from storage_service.sealing import RESUME, Sealer, Unreadable
from tests.integration.storage.conftest import new_owner
from tests.integration.storage.helpers import (
    EXPORT,
    TAILOR,
    Stub,
    claim,
    complete_run,
    lease,
    make_result,
    pasted,
    start_run,
    storage_server,
)

OLD, NEW = os.urandom(32), os.urandom(32)
MARK = "Zanzibar-4417"  # in every payload; must appear in no raw column


def _b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


@pytest.fixture
async def sealed(database_url: str, service_token: str) -> AsyncIterator[Stub]:
    keys = {"old": _b64(OLD)}
    async with storage_server(database_url, service_token, master_keys=keys) as stub:
        yield stub


async def _owner_name(db: AsyncEngine, owner: str) -> str:
    async with db.connect() as conn:
        name = await conn.scalar(text("SELECT name FROM owners WHERE id = :o"), {"o": owner})
    assert isinstance(name, str)
    return name


async def _raw(db: AsyncEngine, owner: str) -> str:
    """Every payload column of the owner's rows, as text."""
    async with db.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT encode(content, 'escape') FROM resumes WHERE owner_id = :o "
                    "UNION ALL SELECT text FROM job_postings WHERE owner_id = :o "
                    "UNION ALL SELECT coalesce(encode(result_pb, 'escape'), '') || "
                    "coalesce(result::text, '') FROM tailor_runs WHERE owner_id = :o "
                    "UNION ALL SELECT coalesce(encode(content, 'escape'), '') FROM artifacts "
                    "WHERE owner_id = :o"
                ),
                {"o": owner},
            )
        ).all()
    return " ".join(str(r[0]) for r in rows)


async def _sealed_world(stub: Stub, owner: str) -> tuple[str, str]:
    resume_text = f"Jane Doe\nEngineer at {MARK}\n- Built services"
    started = await start_run(
        stub, owner, resume_document=pasted(resume_text), job_text=f"Python at {MARK}"
    )
    claimed = await claim(stub, TAILOR, started.run.id, worker_id="w")
    inputs = claimed.tailor
    assert MARK in inputs.resume_content.decode() and MARK in inputs.job_text
    result = make_result()
    result.resume.basics.name = MARK
    await complete_run(stub, started.run.id, claimed.lease_token, result)
    artifact = await stub.CreateArtifact(
        storage_pb2.CreateArtifactRequest(
            owner_id=owner, request_id=uuid.uuid4().hex, run_id=started.run.id, format=2
        )
    )
    taken = await claim(stub, EXPORT, artifact.artifact.id, worker_id="")
    assert taken.export.result.resume.basics.name == MARK
    await stub.CompleteWork(
        storage_pb2.CompleteWorkRequest(
            lease=lease(EXPORT, artifact.artifact.id, taken.lease_token),
            export=storage_pb2.ExportOutput(
                content=f"%PDF-1.7 {MARK}".encode() * 5000,
                content_type="application/pdf",
                filename="cv.pdf",
            ),
        )
    )
    return started.run.id, artifact.artifact.id


async def test_nothing_personal_is_readable_at_rest_and_every_call_sees_plaintext(
    sealed: Stub, database_url: str, db: AsyncEngine
) -> None:
    owner = await new_owner(database_url)
    run_id, artifact_id = await _sealed_world(sealed, owner)
    assert MARK not in await _raw(db, owner)
    run = (
        await sealed.GetTailorRun(
            storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id, with_result=True)
        )
    ).run
    assert run.result.resume.basics.name == MARK
    resume = (
        await sealed.GetResume(
            storage_pb2.GetResumeRequest(owner_id=owner, resume_id=run.resume_id)
        )
    ).resume
    assert MARK in resume.content.decode()
    job = (
        await sealed.GetJobPosting(
            storage_pb2.GetJobPostingRequest(owner_id=owner, job_posting_id=run.job_posting_id)
        )
    ).job_posting
    assert MARK in job.text
    chunks = [
        c.data
        async for c in sealed.ReadArtifact(
            storage_pb2.ReadArtifactRequest(owner_id=owner, artifact_id=artifact_id)
        )
    ]
    assert b"".join(chunks) == f"%PDF-1.7 {MARK}".encode() * 5000


async def test_erasing_an_owner_destroys_its_key_so_a_backup_never_opens(
    sealed: Stub, database_url: str, db: AsyncEngine
) -> None:
    owner = await new_owner(database_url)
    await _sealed_world(sealed, owner)
    async with db.connect() as conn:  # "a backup": the sealed resume as stored
        backup = await conn.scalar(
            text("SELECT content FROM resumes WHERE owner_id = :o"), {"o": owner}
        )
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    sealer = Sealer({"old": OLD}, "old")
    try:
        async with make_sessions(engine, sealer)() as session:  # it opens before
            assert MARK.encode() in await sealer.open(session, uuid.UUID(owner), RESUME, backup)
            await erase_owner(session, await _owner_name(db, owner), "cli:test")
            await session.commit()
        async with make_sessions(engine, Sealer({"old": OLD}, "old"))() as session:
            with pytest.raises(Unreadable):  # and never after, with every master key
                await session.info["sealer"].open(session, uuid.UUID(owner), RESUME, backup)
    finally:
        await engine.dispose()
    async with db.connect() as conn:
        keys = await conn.scalar(
            text("SELECT count(*) FROM owner_keys WHERE owner_id = :o"), {"o": owner}
        )
        live = await conn.scalar(
            text("SELECT count(*) FROM resumes WHERE owner_id = :o AND deleted_at IS NULL"),
            {"o": owner},
        )
    assert keys == 0 and live == 0
    assert MARK not in await _raw(db, owner)


async def test_a_master_key_rotates_by_rewrapping(
    sealed: Stub, database_url: str, db: AsyncEngine
) -> None:
    owner = await new_owner(database_url)
    run_id, _ = await _sealed_world(sealed, owner)
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    try:
        async with make_sessions(engine)() as session:
            rewrapped = await Sealer({"old": OLD, "new": NEW}, "new").rewrap(session)
            await session.commit()
        assert rewrapped >= 1
    finally:
        await engine.dispose()
    pg = Pg(database_url, 1)
    try:
        async with pg.connection(transaction=False) as connection:
            # Only the new master key: the old one is gone.
            result = await result_of(connection, Sealer({"new": NEW}, "new"), uuid.UUID(run_id))
        assert result is not None and result.resume.basics.name == MARK
    finally:
        await pg.close()
    async with db.connect() as conn:
        used = await conn.scalar(
            text("SELECT master_key_id FROM owner_keys WHERE owner_id = :o"), {"o": owner}
        )
    assert used == "new"

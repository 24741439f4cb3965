"""Tailor runs: idempotent creation with the outbox job (on asyncpg, the hot path), reads,
soft delete, and what leased work (`work.py`) hands a worker and stores when it completes.
Writes never commit: the call's one transaction does."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from google.protobuf import json_format
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from kit.jobs import TAILOR, correlation_headers
from resumeai.storage.v1 import storage_pb2
from resumeai.v1 import result_pb2
from storage_service import sealing
from storage_service.db.models import Artifact, JobPosting, Resume, TailorRun
from storage_service.db.pg import Row
from storage_service.errors import InvalidArgument, NotFound, QuotaExceeded
from storage_service.notices import run_notices
from storage_service.records import parameters_to_json, result_to_json, stored_result
from storage_service.repositories import common, job_postings, leases, quota, resumes
from storage_service.repositories.common import (
    page_request,
    paged,
    parse_id,
    request_fingerprint,
    same_request,
    split_page,
    try_parse_id,
)

KIND = "tailor_runs"
# What a run record shows (records.run_record): every column but the result and the lease.
RUN_COLUMNS = """
id, owner_id, status, resume_id, job_posting_id, options, request_id, created_at, updated_at,
started_at, finished_at, attempts, error, prompt_version, prompt_sha256, engine_version,
provider, model, parameters, prompt_tokens, completion_tokens, cost_micro_usd, latency_ms,
resume_sha256, job_sha256, score_before, score_after, notices
"""


class LostRace(Exception):
    """Another call with the same request id committed its run first."""


@dataclass
class Created:
    run: Any  # a row read by attribute (records.run_record)
    created: bool
    job: storage_pb2.OutboxJob | None


# The runs and their outbox jobs in one statement, for one call's run or a batch of them
# (run_batch.py): the inputs as arrays; each run's resume and posting must be the owner's and
# live (an inline one was inserted just before, in the same transaction). One answer row per
# input, in its order, with the run's columns NULL where nothing was inserted: a document
# missing, or a request id already used, by a committed run or an earlier row of the batch.
# No share lock on the documents: a deletion right after this statement has the same effect
# as one a moment before it (the claim finds the input gone and fails the run), and share
# locks on one popular row from many concurrent creates cost a multixact each. Rows go in in
# one global order (owner, request id), so two writers waiting on each other's uncommitted
# request ids never wait in a cycle (a deadlock Postgres would end by failing one of them).
_CREATE_RUNS = f"""
WITH input AS (
  SELECT * FROM unnest(
    $1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
    $8::uuid[], $9::bytea[], $10::text[]
  ) WITH ORDINALITY AS i (
    id, owner_id, resume_id, job_posting_id, request_id, request_sha256, options, job_id,
    payload, headers, n
  )
), checked AS (
  SELECT input.*,
         EXISTS (SELECT FROM resumes r WHERE r.id = input.resume_id
                 AND r.owner_id = input.owner_id AND r.deleted_at IS NULL) AS resume_found,
         EXISTS (SELECT FROM job_postings p WHERE p.id = input.job_posting_id
                 AND p.owner_id = input.owner_id AND p.deleted_at IS NULL) AS posting_found
  FROM input
), run AS (
  INSERT INTO tailor_runs (
    id, owner_id, resume_id, job_posting_id, request_id, request_sha256, options, status,
    attempts
  )
  SELECT id, owner_id, resume_id, job_posting_id, request_id, request_sha256, options::jsonb,
         $11, 0
  FROM checked WHERE resume_found AND posting_found ORDER BY owner_id, request_id, n
  ON CONFLICT (owner_id, request_id) WHERE request_id IS NOT NULL AND deleted_at IS NULL
  DO NOTHING
  RETURNING {RUN_COLUMNS}
), job AS (
  INSERT INTO outbox (id, routing_key, payload, attempts, headers)
  SELECT checked.job_id, $12, checked.payload, 0, checked.headers::jsonb
  FROM checked JOIN run ON run.id = checked.id
  RETURNING id
)
SELECT checked.resume_found, checked.posting_found, run.*
FROM checked LEFT JOIN run ON run.id = checked.id
ORDER BY checked.n
"""


@dataclass
class NewRun:
    """A run to insert with `insert_runs`, with the ids it and its outbox job will have."""

    owner_id: uuid.UUID
    resume_id: uuid.UUID | None  # None: a malformed id, which names no row (NOT_FOUND)
    job_posting_id: uuid.UUID | None
    request: storage_pb2.CreateTailorRunRequest
    headers: dict[str, str]  # the job's correlation headers (kit.jobs.correlation_headers)
    run_id: uuid.UUID = field(default_factory=uuid.uuid4)
    job_id: uuid.UUID = field(default_factory=uuid.uuid4)

    def job(self) -> storage_pb2.OutboxJob:
        """The pending job `insert_runs` wrote for this run, to publish."""
        return storage_pb2.OutboxJob(
            id=str(self.job_id),
            routing_key=TAILOR.routing_key,
            payload=TAILOR.payload(self.run_id),
            attempts=0,
            headers=self.headers,
        )


async def insert_runs(
    connection: asyncpg.Connection, runs: Sequence[NewRun]
) -> list[asyncpg.Record]:
    """`_CREATE_RUNS` for these runs: one answer row each, in order."""
    options = [
        json_format.MessageToDict(run.request.options, preserving_proto_field_name=True)
        for run in runs
    ]
    return list(
        await connection.fetch(
            _CREATE_RUNS,
            [run.run_id for run in runs],
            [run.owner_id for run in runs],
            [run.resume_id for run in runs],
            [run.job_posting_id for run in runs],
            [run.request.request_id or None for run in runs],
            [request_fingerprint(run.request) for run in runs],
            [json.dumps(o) for o in options],
            [run.job_id for run in runs],
            [TAILOR.payload(run.run_id) for run in runs],
            [json.dumps(run.headers) for run in runs],
            leases.QUEUED,
            TAILOR.routing_key,
        )
    )


_BY_REQUEST_ID = f"""
SELECT {RUN_COLUMNS}, request_sha256 FROM tailor_runs
WHERE owner_id = $1 AND request_id = $2 AND deleted_at IS NULL
"""


def needs_transaction(request: storage_pb2.CreateTailorRunRequest, hourly_limit: int) -> bool:
    """Whether `create` writes or locks in more than one statement: inline documents, or a
    quota check (its lock holds until the transaction ends). Otherwise its one statement is
    a transaction of its own and BEGIN / COMMIT would only add round trips."""
    return hourly_limit > 0 or bool(_inline_sizes(request))


async def create(
    connection: asyncpg.Connection,
    sealer: sealing.Sealer | None,
    owner: str,
    request: storage_pb2.CreateTailorRunRequest,
    *,
    hourly_limit: int = 0,
    store: quota.StoreLimits = quota.NO_STORE_LIMITS,
) -> Created:
    """Inline resume / job posting, the QUEUED run and its outbox job, on the hot path's
    connection (in a transaction when `needs_transaction` says so).

    Idempotency holds under concurrency: the run is inserted with ON CONFLICT DO NOTHING on
    the (owner_id, request_id) index, so of N identical calls one inserts and the others wait
    for its commit, insert nothing and raise LostRace: the caller's transaction rolls back
    their inline rows, and `replayed` answers with the winner's run.
    """
    owner_id = parse_id(owner, "owner")
    which_resume, which_job = request.WhichOneof("resume"), request.WhichOneof("job")
    if which_resume not in ("resume_id", "resume_document"):
        raise InvalidArgument("resume", "resume_id or resume_document is required")
    if which_job not in ("job_posting_id", "job_text"):
        raise InvalidArgument("job", "job_posting_id or job_text is required")
    try:
        await quota.check_hourly(connection, "tailor_runs", owner_id, hourly_limit, "tailor runs")
    except QuotaExceeded:
        # A replay is answered whatever the quota: it starts nothing.
        existing = await replayed(connection, owner, request)
        if existing is None:
            raise
        return existing
    inline = _inline_sizes(request)
    if inline:
        await quota.check_stored(
            connection, owner_id, store, adding_bytes=sum(inline), adding_documents=len(inline)
        )
    resume_id = await _resume_id(connection, sealer, owner_id, request)
    job_id = await _job_posting_id(connection, sealer, owner_id, request)
    run = NewRun(owner_id, resume_id, job_id, request, correlation_headers())
    (found,) = await insert_runs(connection, [run])
    if found["id"] is None:
        inputs_found = found["resume_found"] and found["posting_found"]
        if inputs_found or await replayed(connection, owner, request) is not None:
            # The caller rolls our inline rows back and asks `replayed`: a replay is
            # answered even when its inputs were deleted since.
            raise LostRace
        raise NotFound("resume" if not found["resume_found"] else "job posting")
    return Created(Row(found), True, run.job())


async def replayed(
    connection: asyncpg.Connection | asyncpg.Pool,
    owner: str,
    request: storage_pb2.CreateTailorRunRequest,
) -> Created | None:
    """The run an earlier call with this request id created, if any (ALREADY_EXISTS when
    that call was a different request)."""
    if not request.request_id:
        return None
    found = await connection.fetchrow(_BY_REQUEST_ID, parse_id(owner, "owner"), request.request_id)
    if found is None:
        return None
    existing = Row(found)
    same_request(existing, request_fingerprint(request))
    return Created(existing, False, None)


def _inline_sizes(request: storage_pb2.CreateTailorRunRequest) -> list[int]:
    """Bytes of each document the request stores inline (none when it names stored ones)."""
    sizes = []
    if request.WhichOneof("resume") == "resume_document":
        sizes.append(len(request.resume_document.content))
    if request.WhichOneof("job") == "job_text":
        sizes.append(len(request.job_text.encode()))
    return sizes


async def _resume_id(
    connection: asyncpg.Connection,
    sealer: sealing.Sealer | None,
    owner_id: uuid.UUID,
    request: storage_pb2.CreateTailorRunRequest,
) -> uuid.UUID | None:
    """The named resume's id (checked by the create statement), or the inline one's, stored
    now. None for a malformed id: it names no resume."""
    if request.WhichOneof("resume") == "resume_id":
        return try_parse_id(request.resume_id)
    row = resumes.resume_from_document(owner_id, request.resume_document)
    row.content = await sealing.seal_with(sealer, connection, owner_id, sealing.RESUME, row.content)
    row.inline = True
    await common.insert_row(connection, row)
    return row.id


async def _job_posting_id(
    connection: asyncpg.Connection,
    sealer: sealing.Sealer | None,
    owner_id: uuid.UUID,
    request: storage_pb2.CreateTailorRunRequest,
) -> uuid.UUID | None:
    if request.WhichOneof("job") == "job_posting_id":
        return try_parse_id(request.job_posting_id)
    row = job_postings.new_job_posting(owner_id, request.job_text)
    row.text = await sealing.seal_text_with(sealer, connection, owner_id, sealing.JOB, row.text)
    row.inline = True
    await common.insert_row(connection, row)
    return row.id


async def get(session: AsyncSession, owner: str, run_id: str) -> TailorRun:
    """The owner's run, without its result (GetTailorRun reads runs on storage_service/fast.py;
    this serves the rows whose result is only in the JSON copy)."""
    row = await session.scalar(
        select(TailorRun).where(
            TailorRun.id == parse_id(run_id, "tailor run"),
            TailorRun.owner_id == parse_id(owner, "tailor run"),
            TailorRun.deleted_at.is_(None),
        )
    )
    if row is None:
        raise NotFound("tailor run")
    return row


_RESULT = """
SELECT owner_id, result_pb, CASE WHEN result_pb IS NULL THEN result END AS result_json
FROM tailor_runs WHERE id = $1
"""


async def result_of(
    connection: asyncpg.Connection, sealer: sealing.Sealer | None, run_id: uuid.UUID
) -> result_pb2.TailoringResult | None:
    """The run's stored result; the JSON copy is read only for rows without the binary one."""
    row = await connection.fetchrow(_RESULT, run_id)
    if row is None:
        return None
    if row["result_pb"] is not None:
        data = await sealing.opened_with(
            sealer, connection, row["owner_id"], sealing.RESULT, row["result_pb"]
        )
        return result_pb2.TailoringResult.FromString(data)
    return stored_result(None, row["result_json"])


async def list_page(
    session: AsyncSession, owner: str, page_size: int, page_token: str
) -> tuple[list[TailorRun], str]:
    page = page_request(page_size, page_token, KIND)
    stmt = select(TailorRun).where(
        TailorRun.owner_id == parse_id(owner, "owner"), TailorRun.deleted_at.is_(None)
    )
    rows = list((await session.execute(paged(stmt, TailorRun, page))).scalars())
    return split_page(rows, page, KIND)


async def delete(session: AsyncSession, owner: str, run_id: str) -> None:
    """Soft-deletes the run and its artifacts (they render the run's result), and the inline
    resume / job posting StartTailoring stored for it unless another live run uses them."""
    found = (
        await session.execute(
            update(TailorRun)
            .where(
                TailorRun.id == parse_id(run_id, "tailor run"),
                TailorRun.owner_id == parse_id(owner, "tailor run"),
                TailorRun.deleted_at.is_(None),
            )
            .values(deleted_at=func.now(), updated_at=func.now(), **common.WIPED_RUN)
            .returning(
                TailorRun.id,
                TailorRun.owner_id,
                TailorRun.resume_id,
                TailorRun.job_posting_id,
                TailorRun.created_at,
            )
        )
    ).one_or_none()
    if found is None:
        raise NotFound("tailor run")
    await session.execute(
        update(Artifact)
        .where(Artifact.run_id == found.id, Artifact.deleted_at.is_(None))
        .values(deleted_at=func.now(), updated_at=func.now(), **common.WIPED_ARTIFACT)
    )
    # The run's inline documents go with it; another live run made from one (by id) keeps
    # it. A document from CreateResume / CreateJobPosting stays until deleted itself.
    await session.execute(
        update(Resume)
        .where(
            Resume.id == found.resume_id,
            Resume.owner_id == found.owner_id,
            Resume.inline.is_(True),
            Resume.deleted_at.is_(None),
            ~_used_by_live_run(TailorRun.resume_id == Resume.id),
        )
        .values(deleted_at=func.now(), **common.WIPED_RESUME)
    )
    await session.execute(
        update(JobPosting)
        .where(
            JobPosting.id == found.job_posting_id,
            JobPosting.owner_id == found.owner_id,
            JobPosting.inline.is_(True),
            JobPosting.deleted_at.is_(None),
            ~_used_by_live_run(TailorRun.job_posting_id == JobPosting.id),
        )
        .values(deleted_at=func.now())
    )


def _used_by_live_run(uses: Any) -> Any:
    return select(TailorRun.id).where(uses, TailorRun.deleted_at.is_(None)).exists()


_INPUTS = """
SELECT r.format, r.content, j.text, j.title FROM resumes r, job_postings j
WHERE r.id = $1 AND j.id = $2
"""
_OWNER = "SELECT owner_id FROM tailor_runs WHERE id = $1"
# The newest SUCCEEDED run of the same owner with this cache key (not the run itself).
_CACHED = """
SELECT id FROM tailor_runs
WHERE owner_id = (SELECT owner_id FROM tailor_runs WHERE id = $1)
  AND cache_key = $2 AND status = $3 AND deleted_at IS NULL AND id <> $1
ORDER BY finished_at DESC LIMIT 1
"""
INPUTS_GONE = "the run's resume or job posting no longer exists"


async def claim_inputs(
    connection: asyncpg.Connection, sealer: sealing.Sealer | None, run: Any
) -> tuple[storage_pb2.TailorInputs | None, str]:
    """What a claim hands the worker: the run's resume and job text (the claim adds the
    run's record)."""
    # Read regardless of deleted_at: a posting deleted after the run was started still
    # feeds the run (a deleted resume deletes its runs, so it never gets here).
    row = await connection.fetchrow(_INPUTS, run.resume_id, run.job_posting_id)
    if row is None:
        return None, INPUTS_GONE
    owner = run.owner_id
    inputs = storage_pb2.TailorInputs(
        resume_format=row["format"],
        resume_content=await sealing.opened_with(
            sealer, connection, owner, sealing.RESUME, row["content"]
        ),
        job_text=await sealing.opened_text_with(
            sealer, connection, owner, sealing.JOB, row["text"]
        ),
        job_title=row["title"],
    )
    return inputs, ""


async def completed_values(
    connection: asyncpg.Connection,
    sealer: sealing.Sealer | None,
    run_id: uuid.UUID | None,
    output: storage_pb2.TailorOutput,
) -> dict[str, Any]:
    """The columns a SUCCEEDED run stores: the result (sealed when sealing is on), its
    metadata, and the summary derived from it (scores, notices)."""
    result = output.result
    meta = result.metadata
    result_pb = result.SerializeToString()
    result_json: dict[str, Any] | None = None
    owner = await connection.fetchval(_OWNER, run_id) if sealer is not None else None
    if owner is not None:
        # Sealed: the binary result only (the JSON copy for SQL would be plaintext).
        result_pb = await sealing.seal_with(sealer, connection, owner, sealing.RESULT, result_pb)
    else:
        result_json = result_to_json(result)
    return {
        "result": result_json,
        "result_pb": result_pb,
        "cache_key": output.cache_key or None,
        "error": "",
        "prompt_version": meta.prompt_version,
        "prompt_sha256": meta.prompt_sha256,
        "engine_version": meta.engine_version,
        "provider": meta.provider,
        "model": meta.model,
        "parameters": parameters_to_json(meta.parameters_json),
        "prompt_tokens": meta.prompt_tokens,
        "completion_tokens": meta.completion_tokens,
        "cost_micro_usd": meta.cost_micro_usd,
        "latency_ms": meta.latency_ms,
        "resume_sha256": meta.resume_sha256,
        "job_sha256": meta.job_sha256,
        "score_before": result.coverage_before.score.overall,
        "score_after": result.coverage_after.score.overall,
        "notices": run_notices(result),
    }


async def find_cached(
    connection: asyncpg.Connection, sealer: sealing.Sealer | None, run_id: str, cache_key: str
) -> tuple[uuid.UUID, result_pb2.TailoringResult] | None:
    """The newest SUCCEEDED run of the same owner with this cache key (not the run itself)."""
    parsed = try_parse_id(run_id)
    if parsed is None or not cache_key:
        return None
    source = await connection.fetchval(_CACHED, parsed, cache_key, leases.SUCCEEDED)
    if source is None:
        return None
    result = await result_of(connection, sealer, source)
    return None if result is None else (source, result)

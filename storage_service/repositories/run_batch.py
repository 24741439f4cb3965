"""Many tailor runs created with one statement (Storage.CreateTailorRuns): a busy gateway
coalesces the StartTailoring calls that name stored documents into one storage call, and
each run gets what `tailor_runs.create` would have given it alone: its new run and outbox
job, the replay of an earlier request with its id, or its own error. Writes never commit:
the call's one transaction (or the statement's own, without a quota) does."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import asyncpg

from kit.grpc_server import REQUEST_ID
from kit.jobs import REQUEST_ID_HEADER
from resumeai.storage.v1 import storage_pb2
from storage_service.db.pg import Pg, Row
from storage_service.errors import Aborted, InvalidArgument, NotFound, StorageError
from storage_service.repositories import quota, tailor_runs
from storage_service.repositories.common import parse_id
from storage_service.repositories.tailor_runs import Created, NewRun, replayed

# The job headers a caller's run may carry (what kit.jobs.correlation_headers writes): its
# request id and its W3C trace context. Anything else is dropped, and so is an oversize value.
_TRACE_HEADERS = frozenset({"traceparent", "tracestate"})
_MAX_HEADER_CHARS = 512

# Which of an owner's request ids name a live run already (replays use no quota).
_USED_REQUEST_IDS = """
SELECT request_id FROM tailor_runs
WHERE owner_id = $1 AND request_id = ANY($2::text[]) AND deleted_at IS NULL
"""

Outcome = Created | StorageError


@dataclass
class _Run:
    """A run of the batch and where it stands in the call."""

    index: int
    new: NewRun


async def create_many(
    pg: Pg,
    asked: Sequence[storage_pb2.BatchedTailorRun],
    *,
    hourly_limit: int = 0,
) -> list[Outcome]:
    """One outcome per run asked, in order. Raises only what stops them all (the database)."""
    outcomes: list[Outcome | None] = [None] * len(asked)
    runs: list[_Run] = []
    for index, item in enumerate(asked):
        try:
            runs.append(_parsed(index, item))
        except StorageError as error:
            outcomes[index] = error
    rows: list[asyncpg.Record] = []
    async with pg.connection(transaction=hourly_limit > 0) as connection:
        if hourly_limit > 0:
            runs = await _within_quota(connection, runs, hourly_limit, outcomes)
        if runs:
            rows = await tailor_runs.insert_runs(connection, [run.new for run in runs])
    pool = await pg.pool()
    for run, row in zip(runs, rows, strict=True):
        outcomes[run.index] = await _answer(pool, run.new, row)
    answered = [outcome for outcome in outcomes if outcome is not None]
    if len(answered) != len(asked):
        raise RuntimeError("a batched run was left without an answer")
    return answered


def _parsed(index: int, item: storage_pb2.BatchedTailorRun) -> _Run:
    request = item.run
    if request.WhichOneof("resume") != "resume_id":
        raise InvalidArgument("resume", "a batched run names a stored resume (resume_id)")
    if request.WhichOneof("job") != "job_posting_id":
        raise InvalidArgument("job", "a batched run names a stored posting (job_posting_id)")
    new = NewRun(
        owner_id=parse_id(request.owner_id, "owner"),
        resume_id=parse_id(request.resume_id, "resume"),
        job_posting_id=parse_id(request.job_posting_id, "job posting"),
        request=request,
        headers=_job_headers(item.job_headers),
    )
    return _Run(index, new)


def _job_headers(given: Mapping[str, str]) -> dict[str, str]:
    """The correlation headers kept from what the caller sent (see _TRACE_HEADERS)."""
    kept: dict[str, str] = {}
    for key, value in given.items():
        if len(value) > _MAX_HEADER_CHARS:
            continue
        if (key == REQUEST_ID_HEADER and REQUEST_ID.fullmatch(value)) or key in _TRACE_HEADERS:
            kept[key] = value
    return kept


async def _within_quota(
    connection: asyncpg.Connection,
    runs: list[_Run],
    hourly_limit: int,
    outcomes: list[Outcome | None],
) -> list[_Run]:
    """The runs the owners' hourly quotas admit, owner by owner (in one order, so batches
    never wait on each other's locks in a cycle); the rest are refused as CreateTailorRun
    would refuse them. A replay of a request id, stored or earlier in this batch, is never
    refused: it starts nothing."""
    by_owner: dict[uuid.UUID, list[_Run]] = {}
    for run in runs:
        by_owner.setdefault(run.new.owner_id, []).append(run)
    admitted: list[_Run] = []
    for owner_id in sorted(by_owner):
        owned = by_owner[owner_id]
        room = await quota.hourly_room(connection, "tailor_runs", owner_id, hourly_limit)
        ids = [run.new.request.request_id for run in owned if run.new.request.request_id]
        used = {row[0] for row in await connection.fetch(_USED_REQUEST_IDS, owner_id, ids)}
        for run in owned:
            request_id = run.new.request.request_id
            if request_id and request_id in used:
                admitted.append(run)
            elif room > 0:
                room -= 1
                admitted.append(run)
                if request_id:
                    used.add(request_id)
            else:
                outcomes[run.index] = quota.hourly_exceeded(hourly_limit, "tailor runs")
    return sorted(admitted, key=lambda run: run.index)


async def _answer(pool: asyncpg.Pool, run: NewRun, row: asyncpg.Record) -> Outcome:
    """What CreateTailorRun would have answered this run (tailor_runs.create and the
    servicer's handling of a lost race, read after this batch committed)."""
    if row["id"] is not None:
        return Created(Row(row), True, run.job())
    try:
        replay = await replayed(pool, str(run.owner_id), run.request)
    except StorageError as error:  # the request id was used for another request
        return error
    if replay is not None:
        return replay
    if row["resume_found"] and row["posting_found"]:
        return Aborted("concurrent request; retry")  # the winner was deleted in between
    return NotFound("resume" if not row["resume_found"] else "job posting")

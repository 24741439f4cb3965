"""A stream of requests through the public API, and the checks every fault case ends with:
each accepted run / export reaches a terminal state in the database, exactly once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import grpc

from resumeai.v1 import common_pb2, resume_builder_pb2, resume_builder_pb2_grpc
from tests.faults.stack import FaultStack

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RESUME = (EXAMPLES / "resume.txt").read_text()
JOB = (EXAMPLES / "job.txt").read_text()

QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED = 1, 2, 3, 4, 5
TERMINAL = (SUCCEEDED, FAILED, CANCELLED)
# Refusals a client may get during an outage: nothing was accepted, the client retries.
REFUSED = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})


def pg_dsn(database_url: str) -> str:
    return database_url.replace("postgresql+asyncpg://", "postgresql://")


@dataclass
class Tally:
    """What the client saw, per case."""

    case: str
    accepted: dict[str, str] = field(default_factory=dict)  # request_id -> id
    refused: list[str] = field(default_factory=list)  # request ids answered UNAVAILABLE
    errors: list[str] = field(default_factory=list)  # anything else: a bug


@dataclass
class Outcome:
    case: str
    accepted: int
    completed: int
    failed: int
    refused: int
    duplicates: int
    lost: int
    extra: str = ""

    def line(self) -> str:
        return (
            f"FAULT {self.case}: accepted={self.accepted} completed={self.completed} "
            f"failed={self.failed} refused={self.refused} duplicates={self.duplicates} "
            f"lost={self.lost}" + (f" ({self.extra})" if self.extra else "")
        )


class Client:
    """The public API as one owner sees it."""

    def __init__(self, target: str, key: str) -> None:
        self._channel = grpc.aio.insecure_channel(target)
        self.stub = resume_builder_pb2_grpc.ResumeBuilderStub(self._channel)
        self.metadata = (("authorization", f"Bearer {key}"),)
        self._stored: tuple[str, str] | None = None
        self._starts = 0

    async def store_documents(self) -> None:
        """Stores the resume and the posting, so that every other run names them (the path
        the gateway coalesces under load) and the rest send them inline."""
        resume = await self.stub.CreateResume(
            resume_builder_pb2.CreateResumeRequest(display_name="faults", text=RESUME),
            metadata=self.metadata,
            timeout=10,
        )
        posting = await self.stub.CreateJobPosting(
            resume_builder_pb2.CreateJobPostingRequest(title="faults", text=JOB),
            metadata=self.metadata,
            timeout=10,
        )
        self._stored = (resume.id, posting.id)

    async def close(self) -> None:
        await self._channel.close()

    async def start_run(
        self, tally: Tally, request_id: str, options: common_pb2.TailorOptions | None = None
    ) -> str | None:
        self._starts += 1
        if self._stored is not None and self._starts % 2 == 0:
            resume_id, job_posting_id = self._stored
            request = resume_builder_pb2.StartTailoringRequest(
                request_id=request_id,
                resume_id=resume_id,
                job_posting_id=job_posting_id,
                options=options,
            )
        else:
            request = resume_builder_pb2.StartTailoringRequest(
                request_id=request_id, resume_text=RESUME, job_text=JOB, options=options
            )
        try:
            run = await self.stub.StartTailoring(request, metadata=self.metadata, timeout=10)
        except grpc.aio.AioRpcError as exc:
            (tally.refused if exc.code() in REFUSED else tally.errors).append(
                f"{request_id}:{exc.code().name}"
            )
            return None
        tally.accepted[request_id] = run.id
        return str(run.id)

    async def start_export(self, tally: Tally, request_id: str, run_id: str, fmt: int) -> None:
        request = resume_builder_pb2.StartExportRequest(
            request_id=request_id, run_id=run_id, format=fmt
        )
        try:
            artifact = await self.stub.StartExport(request, metadata=self.metadata, timeout=10)
        except grpc.aio.AioRpcError as exc:
            (tally.refused if exc.code() in REFUSED else tally.errors).append(
                f"{request_id}:{exc.code().name}"
            )
            return
        tally.accepted[request_id] = artifact.id


async def stream(count: int, interval_s: float, send: Callable[[int], Awaitable[object]]) -> None:
    """Fires `count` requests without waiting for each other, in pairs `2 * interval_s`
    apart: the second of a pair (a start by stored ids, see Client.start_run) reaches the
    gateway while the first is at storage, and goes the coalesced way."""
    tasks = []
    for i in range(count):
        tasks.append(asyncio.create_task(send(i)))
        if i % 2 == 1:
            await asyncio.sleep(2 * interval_s)
    await asyncio.gather(*tasks)


def request_ids(case: str) -> Callable[[int], str]:
    prefix = f"{case}-{uuid.uuid4().hex[:8]}"
    return lambda i: f"{prefix}-{i}"


class Db:
    """Reads the test database directly: the source of truth for "exactly once"."""

    def __init__(self, database_url: str) -> None:
        self._dsn = pg_dsn(database_url)

    async def fetch(self, sql: str, *args: object) -> list[asyncpg.Record]:
        # A fresh connection per query: the checks must survive a Postgres restart.
        conn = await asyncpg.connect(self._dsn, timeout=10)
        try:
            return list(await conn.fetch(sql, *args))
        finally:
            await conn.close()

    async def wait_terminal(self, table: str, owner_id: str, timeout_s: float = 120.0) -> int:
        """Waits until no row of the owner is QUEUED or RUNNING; returns how many still are."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        pending = -1
        while loop.time() < deadline:
            try:
                rows = await self.fetch(
                    f"SELECT count(*) AS n FROM {table} "
                    "WHERE owner_id = $1 AND status NOT IN (3, 4, 5) AND deleted_at IS NULL",
                    uuid.UUID(owner_id),
                )
                pending = int(rows[0]["n"])
                if pending == 0:
                    return 0
            except (OSError, asyncpg.PostgresError):
                pass  # Postgres restarting: ask again
            await asyncio.sleep(0.5)
        return pending


async def verify_runs(
    case: str,
    tally: Tally,
    db: Db,
    faults: FaultStack,
    owner_id: str,
    *,
    extra: str = "",
    timeout_s: float = 120.0,
) -> Outcome:
    """Every accepted run (and any run the owner has, e.g. accepted while the client saw an
    error) reaches a terminal state; SUCCEEDED ones have exactly one result."""
    await db.wait_terminal("tailor_runs", owner_id, timeout_s)
    rows = await db.fetch(
        "SELECT id::text, request_id, status, error, attempts, result_pb IS NOT NULL AS has_result "
        "FROM tailor_runs WHERE owner_id = $1 AND deleted_at IS NULL",
        uuid.UUID(owner_id),
    )
    by_id = {r["id"]: r for r in rows}
    per_request: dict[str, int] = {}
    for r in rows:
        per_request[r["request_id"]] = per_request.get(r["request_id"], 0) + 1
    lost = sum(
        1
        for run_id in tally.accepted.values()
        if run_id not in by_id or by_id[run_id]["status"] not in TERMINAL
    )
    lost += sum(
        1 for r in rows if r["status"] not in TERMINAL and r["id"] not in tally.accepted.values()
    )
    completed = sum(1 for r in rows if r["status"] == SUCCEEDED)
    failed = sum(1 for r in rows if r["status"] == FAILED)
    completions = faults.events("run.succeeded", "run_id", "tailor_worker")
    duplicates = sum(n - 1 for n in per_request.values() if n > 1)
    duplicates += sum(completions[r["id"]] - 1 for r in rows if completions[r["id"]] > 1)
    # A SUCCEEDED run without a result would be a half-written completion.
    duplicates += sum(1 for r in rows if r["status"] == SUCCEEDED and not r["has_result"])
    return Outcome(
        case, len(tally.accepted), completed, failed, len(tally.refused), duplicates, lost, extra
    )


async def verify_artifacts(
    case: str,
    tally: Tally,
    db: Db,
    faults: FaultStack,
    owner_id: str,
    *,
    extra: str = "",
    timeout_s: float = 120.0,
) -> Outcome:
    """Every accepted export reaches a terminal state; one artifact per request, with bytes."""
    await db.wait_terminal("artifacts", owner_id, timeout_s)
    rows = await db.fetch(
        "SELECT id::text, request_id, run_id::text, format, status, size_bytes, "
        "content IS NOT NULL AS has_content FROM artifacts "
        "WHERE owner_id = $1 AND deleted_at IS NULL",
        uuid.UUID(owner_id),
    )
    by_id = {r["id"]: r for r in rows}
    lost = sum(
        1
        for artifact_id in tally.accepted.values()
        if artifact_id not in by_id or by_id[artifact_id]["status"] not in TERMINAL
    )
    completed = sum(1 for r in rows if r["status"] == SUCCEEDED)
    failed = sum(1 for r in rows if r["status"] == FAILED)
    per_key: dict[tuple[str, int], int] = {}
    for r in rows:
        key = (r["run_id"], r["format"])
        per_key[key] = per_key.get(key, 0) + 1
    completions = faults.events("artifact.succeeded", "artifact_id", "export_worker")
    # The stream asks for one export per (run, format): a second row is a duplicate artifact.
    duplicates = sum(n - 1 for n in per_key.values() if n > 1)
    duplicates += sum(completions[r["id"]] - 1 for r in rows if completions[r["id"]] > 1)
    empty = [r for r in rows if not r["has_content"] or not r["size_bytes"]]
    duplicates += sum(1 for r in empty if r["status"] == SUCCEEDED)
    return Outcome(
        case, len(tally.accepted), completed, failed, len(tally.refused), duplicates, lost, extra
    )

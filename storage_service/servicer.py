"""resumeai.storage.v1.StorageService over the repositories: one transaction per call, opened
and ended here (repositories never commit), and domain errors mapped to gRPC status codes.
Single-statement reads run without a transaction. Logs carry ids only."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, NoReturn, TypeVar

import asyncpg
import grpc
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError

from kit import limits, tracing
from kit.grpc_errors import abort_with
from kit.logging import get_logger
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc
from resumeai.v1 import common_pb2
from storage_service import records, sealing
from storage_service.db.engine import SessionFactory, transaction
from storage_service.db.pg import Pg
from storage_service.errors import (
    Aborted,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    StorageError,
)
from storage_service.fast import FastReads
from storage_service.notifications import REVOKED_KEYS, RUN_CHANGED, NotificationFeed
from storage_service.repositories import (
    artifacts,
    job_postings,
    outbox,
    purge,
    quota,
    resumes,
    run_batch,
    tailor_runs,
    work,
)
from storage_service.statuses import status_of

log = get_logger(__name__)

T = TypeVar("T")
Handler = Callable[..., Awaitable[T]]
_FOREIGN_KEY_VIOLATION = "23503"


async def abort_for(context: grpc.aio.ServicerContext[Any, Any], error: Exception) -> NoReturn:
    status = status_of(error) if isinstance(error, StorageError) else None
    if status is not None:
        await abort_with(context, status)
    foreign_key = isinstance(error, asyncpg.ForeignKeyViolationError) or (
        isinstance(error, IntegrityError) and _sqlstate(error) == _FOREIGN_KEY_VIOLATION
    )
    if foreign_key:
        # Only reachable with an owner_id that has no owner row (the gateway never sends one).
        await context.abort(grpc.StatusCode.NOT_FOUND, "owner not found")
    raise error


def database_unreachable(error: BaseException) -> bool:
    """Errors that mean Postgres is down, restarting or out of connections: retryable."""
    if isinstance(
        error,
        (OperationalError, InterfaceError, SATimeoutError, OSError, asyncpg.InterfaceError),
    ):
        return True
    if isinstance(error, asyncpg.PostgresError):  # the hot path's driver, unwrapped
        return str(error.sqlstate or "").startswith(("08", "57P"))
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        state = _sqlstate(error) or ""
        # 08xxx connection exceptions, 57P0x operator intervention (shutdown, restart).
        return state.startswith(("08", "57P"))
    return False


def _sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)


async def _abort_unexpected(
    context: grpc.aio.ServicerContext[Any, Any], error: Exception
) -> NoReturn:
    """UNAVAILABLE when the database is down (a caller may retry); otherwise INTERNAL with no
    details: an exception's text (a driver's message, a query) is not the caller's to read.
    The traceback is logged, without local variables (kit.logging)."""
    if database_unreachable(error):
        log.warning("database.unavailable", error=type(error).__name__)
        await context.abort(grpc.StatusCode.UNAVAILABLE, "database unavailable")
    log.error("rpc.internal_error", error=type(error).__name__, exc_info=error)
    await context.abort(grpc.StatusCode.INTERNAL, "internal error")


def rpc(fn: Handler[T]) -> Handler[T]:
    """Maps domain errors raised by a unary handler to status codes."""

    @functools.wraps(fn)
    async def wrapper(self: Any, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> T:
        try:
            return await fn(self, request, context)
        except (StorageError, IntegrityError, asyncpg.ForeignKeyViolationError) as error:
            await abort_for(context, error)
        except grpc.aio.AbortError:
            raise  # the handler chose its status
        except Exception as error:
            await _abort_unexpected(context, error)

    return wrapper


StreamHandler = Callable[..., AsyncIterator[T]]


def rpc_stream(fn: StreamHandler[T]) -> StreamHandler[T]:
    """`rpc` for server-streaming handlers (async generators): the same status codes, also
    for errors raised between chunks."""

    @functools.wraps(fn)
    async def wrapper(
        self: Any, request: Any, context: grpc.aio.ServicerContext[Any, Any]
    ) -> AsyncIterator[T]:
        try:
            async for item in fn(self, request, context):
                yield item
        except (StorageError, IntegrityError, asyncpg.ForeignKeyViolationError) as error:
            await abort_for(context, error)
        except grpc.aio.AbortError:
            raise  # the handler chose its status
        except Exception as error:
            await _abort_unexpected(context, error)

    return wrapper


class StorageServicer(storage_pb2_grpc.StorageServiceServicer):
    def __init__(
        self,
        sessions: SessionFactory,
        *,
        reads: SessionFactory | None = None,
        run_lease_s: int,
        artifact_lease_s: int,
        run_quota: int = 0,
        export_quota: int = 0,
        notifications: NotificationFeed | None = None,
        store: quota.StoreLimits = quota.NO_STORE_LIMITS,
        pg: Pg,
        sealer: sealing.Sealer | None = None,
    ):
        # The hot calls run on asyncpg (storage_service/db/pg.py): the key check and the run
        # read (storage_service/fast.py), document and run creation, outbox marks.
        self._pg = pg
        self._sealer = sealer
        self._fast = FastReads(pg, sealer)
        self._notifications = notifications
        self._store = store
        self._run_quota = run_quota
        self._export_quota = export_quota
        self._sessions = sessions
        # Single-statement reads need no transaction: AUTOCOMMIT saves the BEGIN and COMMIT
        # round trips on the hottest calls.
        self._reads = reads or sessions
        self._work = work.registry(run_lease_s=run_lease_s, artifact_lease_s=artifact_lease_s)

    def _transaction(self) -> Any:
        return transaction(self._sessions)

    # --- API keys ---------------------------------------------------------------------------

    @rpc
    async def AuthenticateApiKey(
        self, request: storage_pb2.AuthenticateApiKeyRequest, context: Any
    ) -> storage_pb2.AuthenticateApiKeyResponse:
        grant = await self._fast.grant(request.key_sha256)
        response = storage_pb2.AuthenticateApiKeyResponse(
            owner_id=str(grant.owner_id), scopes=grant.scopes, key_id=str(grant.key_id)
        )
        if grant.expires_at is not None:
            response.expire_time.FromDatetime(grant.expires_at)
        return response

    @rpc_stream
    async def WatchRevokedKeys(
        self, request: storage_pb2.WatchRevokedKeysRequest, context: Any
    ) -> AsyncIterator[storage_pb2.WatchRevokedKeysResponse]:
        if self._notifications is None:
            raise FailedPrecondition("revocations are not followed by this server")
        async with self._notifications.watch(REVOKED_KEYS) as revoked:
            while True:
                yield storage_pb2.WatchRevokedKeysResponse(key_sha256=await revoked.get())

    # --- Resumes ----------------------------------------------------------------------------

    @rpc
    async def CreateResume(
        self, request: storage_pb2.CreateResumeRequest, context: Any
    ) -> storage_pb2.CreateResumeResponse:
        async with self._pg.connection(transaction=self._store.enabled) as connection:
            row = await resumes.create(
                connection,
                self._sealer,
                request.owner_id,
                request.document,
                request.display_name,
                self._store,
            )
        log.info("resume.created", resume_id=str(row.id), owner_id=request.owner_id)
        return storage_pb2.CreateResumeResponse(resume=records.resume_record(row))

    @rpc
    async def GetResume(
        self, request: storage_pb2.GetResumeRequest, context: Any
    ) -> storage_pb2.GetResumeResponse:
        async with self._reads() as session:
            row = await resumes.get(session, request.owner_id, request.resume_id)
            content = await sealing.opened(session, row.owner_id, sealing.RESUME, row.content)
        return storage_pb2.GetResumeResponse(resume=records.resume_record(row, content=content))

    @rpc
    async def ListResumes(
        self, request: storage_pb2.ListResumesRequest, context: Any
    ) -> storage_pb2.ListResumesResponse:
        async with self._reads() as session:
            rows, token = await resumes.list_page(
                session, request.owner_id, request.page.page_size, request.page.page_token
            )
        return storage_pb2.ListResumesResponse(
            resumes=[records.resume_record(r, summary=True) for r in rows], next_page_token=token
        )

    @rpc
    async def DeleteResume(
        self, request: storage_pb2.DeleteResumeRequest, context: Any
    ) -> storage_pb2.DeleteResumeResponse:
        async with self._transaction() as session:
            await resumes.delete(session, request.owner_id, request.resume_id)
        log.info("resume.deleted", resume_id=request.resume_id, owner_id=request.owner_id)
        return storage_pb2.DeleteResumeResponse()

    # --- Job postings -----------------------------------------------------------------------

    @rpc
    async def CreateJobPosting(
        self, request: storage_pb2.CreateJobPostingRequest, context: Any
    ) -> storage_pb2.CreateJobPostingResponse:
        async with self._pg.connection(transaction=self._store.enabled) as connection:
            row = await job_postings.create(
                connection,
                self._sealer,
                request.owner_id,
                request.text,
                title=request.title,
                company=request.company,
                store=self._store,
            )
        log.info("job_posting.created", job_posting_id=str(row.id), owner_id=request.owner_id)
        return storage_pb2.CreateJobPostingResponse(job_posting=records.job_posting_record(row))

    @rpc
    async def GetJobPosting(
        self, request: storage_pb2.GetJobPostingRequest, context: Any
    ) -> storage_pb2.GetJobPostingResponse:
        async with self._reads() as session:
            row = await job_postings.get(session, request.owner_id, request.job_posting_id)
            text = await sealing.opened_text(session, row.owner_id, sealing.JOB, row.text)
        return storage_pb2.GetJobPostingResponse(
            job_posting=records.job_posting_record(row, text=text)
        )

    @rpc
    async def ListJobPostings(
        self, request: storage_pb2.ListJobPostingsRequest, context: Any
    ) -> storage_pb2.ListJobPostingsResponse:
        async with self._reads() as session:
            rows, token = await job_postings.list_page(
                session, request.owner_id, request.page.page_size, request.page.page_token
            )
        return storage_pb2.ListJobPostingsResponse(
            job_postings=[records.job_posting_record(r) for r in rows], next_page_token=token
        )

    @rpc
    async def DeleteJobPosting(
        self, request: storage_pb2.DeleteJobPostingRequest, context: Any
    ) -> storage_pb2.DeleteJobPostingResponse:
        async with self._transaction() as session:
            await job_postings.delete(session, request.owner_id, request.job_posting_id)
        log.info(
            "job_posting.deleted", job_posting_id=request.job_posting_id, owner_id=request.owner_id
        )
        return storage_pb2.DeleteJobPostingResponse()

    # --- Tailor runs ------------------------------------------------------------------------

    @rpc
    async def CreateTailorRun(
        self, request: storage_pb2.CreateTailorRunRequest, context: Any
    ) -> storage_pb2.CreateTailorRunResponse:
        in_transaction = tailor_runs.needs_transaction(request, self._run_quota)
        try:
            async with self._pg.connection(transaction=in_transaction) as connection:
                created = await tailor_runs.create(
                    connection,
                    self._sealer,
                    request.owner_id,
                    request,
                    hourly_limit=self._run_quota,
                    store=self._store,
                )
        except tailor_runs.LostRace:
            # Another call with this request id won; its run is committed by now.
            async with self._pg.connection(transaction=False) as connection:
                replay = await tailor_runs.replayed(connection, request.owner_id, request)
            if replay is None:  # the winner was deleted in between
                raise Aborted("concurrent request; retry") from None
            created = replay
        tracing.tag("resumeai.run_id", str(created.run.id))
        log.info(
            "tailor_run.created" if created.created else "tailor_run.replayed",
            run_id=str(created.run.id),
            owner_id=request.owner_id,
        )
        return _created_response(created)

    @rpc
    async def CreateTailorRuns(
        self, request: storage_pb2.CreateTailorRunsRequest, context: Any
    ) -> storage_pb2.CreateTailorRunsResponse:
        if len(request.runs) > limits.MAX_RUNS_PER_BATCH:
            raise InvalidArgument("runs", f"at most {limits.MAX_RUNS_PER_BATCH} runs a call")
        outcomes = await run_batch.create_many(self._pg, request.runs, hourly_limit=self._run_quota)
        response = storage_pb2.CreateTailorRunsResponse()
        for outcome in outcomes:
            answer = response.outcomes.add()
            if isinstance(outcome, tailor_runs.Created):
                answer.result.CopyFrom(_created_response(outcome))
                continue
            status = status_of(outcome)
            if status is None:
                raise outcome
            answer.error_status = status.SerializeToString()
        created = sum(answer.result.created for answer in response.outcomes)
        log.info("tailor_runs.created", asked=len(request.runs), created=created)
        return response

    @rpc
    async def GetTailorRun(
        self, request: storage_pb2.GetTailorRunRequest, context: Any
    ) -> storage_pb2.GetTailorRunResponse:
        record = await self._fast.tailor_run(
            request.owner_id, request.run_id, with_result=request.with_result
        )
        if record is not None:
            return storage_pb2.GetTailorRunResponse(run=record)
        # A row from before the binary result: its result is only in the JSON copy.
        async with self._reads() as session:
            row = await tailor_runs.get(session, request.owner_id, request.run_id)
        async with self._pg.connection(transaction=False) as connection:
            result = await tailor_runs.result_of(connection, self._sealer, row.id)
        return storage_pb2.GetTailorRunResponse(run=records.run_record(row, result=result))

    @rpc
    async def ListTailorRuns(
        self, request: storage_pb2.ListTailorRunsRequest, context: Any
    ) -> storage_pb2.ListTailorRunsResponse:
        async with self._reads() as session:
            rows, token = await tailor_runs.list_page(
                session, request.owner_id, request.page.page_size, request.page.page_token
            )
        return storage_pb2.ListTailorRunsResponse(
            runs=[records.run_record(r) for r in rows], next_page_token=token
        )

    @rpc
    async def DeleteTailorRun(
        self, request: storage_pb2.DeleteTailorRunRequest, context: Any
    ) -> storage_pb2.DeleteTailorRunResponse:
        async with self._transaction() as session:
            await tailor_runs.delete(session, request.owner_id, request.run_id)
        log.info("tailor_run.deleted", run_id=request.run_id, owner_id=request.owner_id)
        return storage_pb2.DeleteTailorRunResponse()

    @rpc_stream
    async def WatchRunChanges(
        self, request: storage_pb2.WatchRunChangesRequest, context: Any
    ) -> AsyncIterator[storage_pb2.WatchRunChangesResponse]:
        if self._notifications is None:
            raise FailedPrecondition("run changes are not followed by this server")
        async with self._notifications.watch(RUN_CHANGED) as changed:
            while True:
                yield storage_pb2.WatchRunChangesResponse(run_id=await changed.get())

    @rpc
    async def FindCachedResult(
        self, request: storage_pb2.FindCachedResultRequest, context: Any
    ) -> storage_pb2.FindCachedResultResponse:
        async with self._pg.connection(transaction=False) as connection:
            found = await tailor_runs.find_cached(
                connection, self._sealer, request.run_id, request.cache_key
            )
        if found is None:
            return storage_pb2.FindCachedResultResponse(found=False)
        source_id, result = found
        return storage_pb2.FindCachedResultResponse(
            found=True, result=result, source_run_id=str(source_id)
        )

    # --- Artifacts --------------------------------------------------------------------------

    @rpc
    async def CreateArtifact(
        self, request: storage_pb2.CreateArtifactRequest, context: Any
    ) -> storage_pb2.CreateArtifactResponse:
        async with self._transaction() as session:
            created = await artifacts.create(
                session, request.owner_id, request, hourly_limit=self._export_quota
            )
        log.info(
            "artifact.created" if created.created else "artifact.replayed",
            artifact_id=str(created.artifact.id),
            owner_id=request.owner_id,
        )
        response = storage_pb2.CreateArtifactResponse(
            artifact=records.artifact_record(created.artifact), created=created.created
        )
        if created.job is not None:
            response.job.CopyFrom(records.outbox_job(created.job))
        return response

    @rpc
    async def GetArtifact(
        self, request: storage_pb2.GetArtifactRequest, context: Any
    ) -> storage_pb2.GetArtifactResponse:
        async with self._reads() as session:
            row = await artifacts.get(session, request.owner_id, request.artifact_id)
        return storage_pb2.GetArtifactResponse(artifact=records.artifact_record(row))

    @rpc
    async def ListArtifacts(
        self, request: storage_pb2.ListArtifactsRequest, context: Any
    ) -> storage_pb2.ListArtifactsResponse:
        async with self._reads() as session:
            rows, token = await artifacts.list_page(
                session,
                request.owner_id,
                request.page.page_size,
                request.page.page_token,
                request.run_id,
            )
        return storage_pb2.ListArtifactsResponse(
            artifacts=[records.artifact_record(r) for r in rows], next_page_token=token
        )

    @rpc_stream
    async def ReadArtifact(
        self, request: storage_pb2.ReadArtifactRequest, context: grpc.aio.ServicerContext[Any, Any]
    ) -> AsyncIterator[storage_pb2.ReadArtifactResponse]:
        # Each statement is its own short read (no transaction held while a slow client
        # drains the stream).
        owner, artifact_id = request.owner_id, request.artifact_id
        async with self._reads() as session:
            row = await artifacts.readable(session, owner, artifact_id)
            offset = 0
            while offset < row.size_bytes:
                data = await artifacts.read_chunk(session, owner, artifact_id, offset)
                if data is None:
                    raise NotFound("artifact")  # deleted while streaming
                chunk = storage_pb2.ReadArtifactResponse(
                    offset=offset, data=data, total_size=row.size_bytes
                )
                if offset == 0:
                    chunk.content_type = row.content_type
                    chunk.filename = row.filename
                    chunk.sha256 = row.sha256
                yield chunk
                offset += len(data)
                if not data:
                    break
            if row.size_bytes == 0:
                yield storage_pb2.ReadArtifactResponse(
                    total_size=0,
                    content_type=row.content_type,
                    filename=row.filename,
                    sha256=row.sha256,
                )

    @rpc
    async def DeleteArtifact(
        self, request: storage_pb2.DeleteArtifactRequest, context: Any
    ) -> storage_pb2.DeleteArtifactResponse:
        async with self._transaction() as session:
            await artifacts.delete(session, request.owner_id, request.artifact_id)
        log.info("artifact.deleted", artifact_id=request.artifact_id, owner_id=request.owner_id)
        return storage_pb2.DeleteArtifactResponse()

    # --- Leased work ------------------------------------------------------------------------

    @rpc
    async def ClaimWork(
        self, request: storage_pb2.ClaimWorkRequest, context: Any
    ) -> storage_pb2.ClaimWorkResponse:
        kind, lease_s = self._work.of(request.kind)
        async with self._pg.connection(transaction=True) as connection:
            claimed = await work.claim(
                connection,
                self._sealer,
                kind,
                lease_s,
                request.item_id,
                worker_id=request.worker_id,
                redelivered=request.redelivered,
            )
        log.info(
            f"{kind.name}.claim",
            item_id=request.item_id,
            outcome=storage_pb2.ClaimOutcome.Name(claimed.outcome),  # type: ignore[arg-type]
            worker_id=request.worker_id,
        )
        response = storage_pb2.ClaimWorkResponse(
            outcome=claimed.outcome,  # type: ignore[arg-type]
            lease_token=claimed.lease_token,
        )
        if claimed.lease_expires_at is not None:
            response.lease_expire_time.FromDatetime(claimed.lease_expires_at)
        if isinstance(claimed.inputs, storage_pb2.TailorInputs):
            response.tailor.CopyFrom(claimed.inputs)
        elif isinstance(claimed.inputs, storage_pb2.ExportInputs):
            response.export.CopyFrom(claimed.inputs)
        return response

    @rpc
    async def RenewLease(
        self, request: storage_pb2.RenewLeaseRequest, context: Any
    ) -> storage_pb2.RenewLeaseResponse:
        lease = request.lease
        kind, lease_s = self._work.of(lease.kind)
        async with self._pg.connection(transaction=False) as connection:
            expires = await work.renew(connection, kind, lease_s, lease.item_id, lease.lease_token)
        response = storage_pb2.RenewLeaseResponse()
        response.lease_expire_time.FromDatetime(expires)
        return response

    @rpc
    async def CompleteWork(
        self, request: storage_pb2.CompleteWorkRequest, context: Any
    ) -> storage_pb2.CompleteWorkResponse:
        lease = request.lease
        kind, _ = self._work.of(lease.kind)
        output = request.WhichOneof("output")
        if output != kind.job.routing_key:
            raise InvalidArgument("output", f"must be the {kind.job.routing_key} output")
        async with self._pg.connection(transaction=False) as connection:
            row = await work.complete(
                connection,
                self._sealer,
                kind,
                lease.item_id,
                lease.lease_token,
                getattr(request, output),
            )
        item = kind.item(row)
        log.info(f"{kind.name}.succeeded", item_id=lease.item_id, **_summary(item))
        return storage_pb2.CompleteWorkResponse(item=item)

    @rpc
    async def FailWork(
        self, request: storage_pb2.FailWorkRequest, context: Any
    ) -> storage_pb2.FailWorkResponse:
        lease = request.lease
        kind, _ = self._work.of(lease.kind)
        async with self._pg.connection(transaction=False) as connection:
            row = await work.fail(connection, kind, lease.item_id, lease.lease_token, request.error)
        log.info(f"{kind.name}.failed", item_id=lease.item_id)
        return storage_pb2.FailWorkResponse(item=kind.item(row))

    # --- Outbox and operations --------------------------------------------------------------

    @rpc
    async def ClaimOutboxJobs(
        self, request: storage_pb2.ClaimOutboxJobsRequest, context: Any
    ) -> storage_pb2.ClaimOutboxJobsResponse:
        async with self._transaction() as session:
            jobs = await outbox.claim(
                session,
                limit=request.limit,
                min_age_ms=request.min_age_ms,
                lease_ms=request.lease_ms,
            )
        if jobs:
            log.info("outbox.claimed", count=len(jobs))
        return storage_pb2.ClaimOutboxJobsResponse(jobs=[records.outbox_job(j) for j in jobs])

    @rpc
    async def MarkOutboxPublished(
        self, request: storage_pb2.MarkOutboxPublishedRequest, context: Any
    ) -> storage_pb2.MarkOutboxPublishedResponse:
        async with self._pg.connection(transaction=False) as connection:
            await outbox.mark_published(connection, list(request.ids))
        return storage_pb2.MarkOutboxPublishedResponse()

    @rpc
    async def PurgeDeleted(
        self, request: storage_pb2.PurgeDeletedRequest, context: Any
    ) -> storage_pb2.PurgeDeletedResponse:
        async with self._transaction() as session:
            removed = await purge.purge_deleted(session, request.older_than_seconds)
        log.info("purge.done", **{f"removed_{k}": v for k, v in removed.items()})
        return storage_pb2.PurgeDeletedResponse(removed=removed)


def _summary(item: storage_pb2.WorkItem) -> dict[str, Any]:
    """What a finished item's log line says: counts and names, never content."""
    if item.WhichOneof("item") == "run":
        return {"notices": [common_pb2.RunNotice.Name(n) for n in item.run.notices]}
    return {"size_bytes": item.artifact.size_bytes}


def _created_response(created: tailor_runs.Created) -> storage_pb2.CreateTailorRunResponse:
    response = storage_pb2.CreateTailorRunResponse(
        run=records.run_record(created.run), created=created.created
    )
    if created.job is not None:
        response.job.CopyFrom(created.job)
    return response

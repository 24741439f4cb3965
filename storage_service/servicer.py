"""resumeai.v1.Storage over the repositories: one AsyncSession per RPC, domain errors mapped
to gRPC status codes. Logs carry ids only."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, NoReturn, TypeVar

import grpc
from google.protobuf import empty_pb2
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError

from kit.grpc_errors import abort_invalid_argument
from kit.logging import get_logger
from resumeai.v1 import common_pb2, resources_pb2, resume_builder_pb2, storage_pb2, storage_pb2_grpc
from storage_service import mapping, sealing
from storage_service.db.engine import SessionFactory
from storage_service.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    QuotaExceeded,
    StorageError,
)
from storage_service.repositories import (
    api_keys,
    artifacts,
    job_postings,
    outbox,
    purge,
    quota,
    resumes,
    tailor_runs,
)
from storage_service.revocations import RevocationFeed

log = get_logger(__name__)

T = TypeVar("T")
Handler = Callable[..., Awaitable[T]]
_FOREIGN_KEY_VIOLATION = "23503"


async def abort_for(context: grpc.aio.ServicerContext[Any, Any], error: Exception) -> NoReturn:
    if isinstance(error, InvalidArgument):
        await abort_invalid_argument(context, [(error.field, error.description)])
    if isinstance(error, NotFound):
        await context.abort(grpc.StatusCode.NOT_FOUND, str(error))
    if isinstance(error, FailedPrecondition):
        await context.abort(grpc.StatusCode.FAILED_PRECONDITION, str(error))
    if isinstance(error, QuotaExceeded):
        await context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, str(error))
    if isinstance(error, Aborted):
        await context.abort(grpc.StatusCode.ABORTED, str(error))
    if isinstance(error, AlreadyExists):
        await context.abort(grpc.StatusCode.ALREADY_EXISTS, str(error))
    if isinstance(error, IntegrityError) and _sqlstate(error) == _FOREIGN_KEY_VIOLATION:
        # Only reachable with an owner_id that has no owner row (the gateway never sends one).
        await context.abort(grpc.StatusCode.NOT_FOUND, "owner not found")
    raise error


def database_unreachable(error: BaseException) -> bool:
    """Errors that mean Postgres is down, restarting or out of connections: retryable."""
    if isinstance(error, (OperationalError, InterfaceError, SATimeoutError, OSError)):
        return True
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
        except (StorageError, IntegrityError) as error:
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
        except (StorageError, IntegrityError) as error:
            await abort_for(context, error)
        except grpc.aio.AbortError:
            raise  # the handler chose its status
        except Exception as error:
            await _abort_unexpected(context, error)

    return wrapper


class StorageServicer(storage_pb2_grpc.StorageServicer):
    def __init__(
        self,
        sessions: SessionFactory,
        *,
        reads: SessionFactory | None = None,
        run_lease_s: int,
        artifact_lease_s: int,
        run_quota: int = 0,
        export_quota: int = 0,
        revocations: RevocationFeed | None = None,
        store: quota.StoreLimits = quota.NO_STORE_LIMITS,
    ):
        self._revocations = revocations
        self._store = store
        self._run_quota = run_quota
        self._export_quota = export_quota
        self._sessions = sessions
        # Single-statement reads (and the run + result pair, written atomically) skip the
        # transaction round trips.
        self._reads = reads or sessions
        self._run_lease_s = run_lease_s
        self._artifact_lease_s = artifact_lease_s

    # --- API keys ---------------------------------------------------------------------------

    @rpc
    async def AuthenticateApiKey(
        self, request: storage_pb2.AuthenticateApiKeyRequest, context: Any
    ) -> storage_pb2.AuthenticateApiKeyResponse:
        async with self._reads() as session:
            grant = await api_keys.grant_for_key(session, request.key_sha256)
        response = storage_pb2.AuthenticateApiKeyResponse(
            owner_id=str(grant.owner_id), scopes=grant.scopes, key_id=str(grant.key_id)
        )
        if grant.expires_at is not None:
            response.expire_time.FromDatetime(grant.expires_at)
        return response

    @rpc_stream
    async def WatchRevokedKeys(
        self, request: storage_pb2.WatchRevokedKeysRequest, context: Any
    ) -> AsyncIterator[storage_pb2.RevokedKey]:
        if self._revocations is None:
            raise FailedPrecondition("revocations are not followed by this server")
        async with self._revocations.watch() as revoked:
            while True:
                yield storage_pb2.RevokedKey(key_sha256=await revoked.get())

    # --- Resumes ----------------------------------------------------------------------------

    @rpc
    async def CreateResume(
        self, request: storage_pb2.StorageCreateResumeRequest, context: Any
    ) -> resources_pb2.Resume:
        async with self._sessions() as session:
            row = await resumes.create(session, request.owner_id, request.request, self._store)
        log.info("resume.created", resume_id=str(row.id), owner_id=request.owner_id)
        return mapping.resume_to_proto(row)

    @rpc
    async def GetResume(self, request: storage_pb2.OwnedId, context: Any) -> resources_pb2.Resume:
        async with self._reads() as session:
            row = await resumes.get(session, request.owner_id, request.id)
            content = await sealing.opened(session, row.owner_id, sealing.RESUME, row.content)
        return mapping.resume_to_proto(row, with_text=True, content=content)

    @rpc
    async def ListResumes(
        self, request: storage_pb2.OwnedPage, context: Any
    ) -> resume_builder_pb2.ListResumesResponse:
        async with self._reads() as session:
            rows, token = await resumes.list_page(
                session, request.owner_id, request.page_size, request.page_token
            )
        return resume_builder_pb2.ListResumesResponse(
            resumes=[mapping.resume_to_proto(r, summary=True) for r in rows],
            next_page_token=token,
        )

    @rpc
    async def DeleteResume(self, request: storage_pb2.OwnedId, context: Any) -> empty_pb2.Empty:
        async with self._sessions() as session:
            await resumes.delete(session, request.owner_id, request.id)
        log.info("resume.deleted", resume_id=request.id, owner_id=request.owner_id)
        return empty_pb2.Empty()

    # --- Job postings -----------------------------------------------------------------------

    @rpc
    async def CreateJobPosting(
        self, request: storage_pb2.StorageCreateJobPostingRequest, context: Any
    ) -> resources_pb2.JobPosting:
        async with self._sessions() as session:
            row = await job_postings.create(session, request.owner_id, request.request, self._store)
        log.info("job_posting.created", job_posting_id=str(row.id), owner_id=request.owner_id)
        return mapping.job_posting_to_proto(row)

    @rpc
    async def GetJobPosting(
        self, request: storage_pb2.OwnedId, context: Any
    ) -> resources_pb2.JobPosting:
        async with self._reads() as session:
            row = await job_postings.get(session, request.owner_id, request.id)
            text = await sealing.opened_text(session, row.owner_id, sealing.JOB, row.text)
        return mapping.job_posting_to_proto(row, with_text=True, text=text)

    @rpc
    async def ListJobPostings(
        self, request: storage_pb2.OwnedPage, context: Any
    ) -> resume_builder_pb2.ListJobPostingsResponse:
        async with self._reads() as session:
            rows, token = await job_postings.list_page(
                session, request.owner_id, request.page_size, request.page_token
            )
        return resume_builder_pb2.ListJobPostingsResponse(
            job_postings=[mapping.job_posting_to_proto(r) for r in rows], next_page_token=token
        )

    @rpc
    async def DeleteJobPosting(self, request: storage_pb2.OwnedId, context: Any) -> empty_pb2.Empty:
        async with self._sessions() as session:
            await job_postings.delete(session, request.owner_id, request.id)
        log.info("job_posting.deleted", job_posting_id=request.id, owner_id=request.owner_id)
        return empty_pb2.Empty()

    # --- Tailor runs ------------------------------------------------------------------------

    @rpc
    async def CreateTailorRun(
        self, request: storage_pb2.StorageStartTailoringRequest, context: Any
    ) -> storage_pb2.CreateTailorRunResponse:
        async with self._sessions() as session:
            created = await tailor_runs.create(
                session,
                request.owner_id,
                request.request,
                hourly_limit=self._run_quota,
                store=self._store,
            )
        log.info(
            "tailor_run.created" if created.created else "tailor_run.replayed",
            run_id=str(created.run.id),
            owner_id=request.owner_id,
        )
        response = storage_pb2.CreateTailorRunResponse(
            run=mapping.run_to_proto(created.run), created=created.created
        )
        if created.job is not None:
            response.job.CopyFrom(mapping.outbox_to_proto(created.job))
        return response

    @rpc
    async def GetTailorRun(
        self, request: storage_pb2.OwnedId, context: Any
    ) -> resources_pb2.TailorRun:
        async with self._reads() as session:
            row = await tailor_runs.get(session, request.owner_id, request.id)
            result_pb = row.result_pb
            if result_pb is not None:
                result_pb = await sealing.opened(session, row.owner_id, sealing.RESULT, result_pb)
            result = mapping.stored_result(result_pb, None)
            if result is None and row.status == common_pb2.RUN_STATUS_SUCCEEDED:
                result = await tailor_runs.result_of(session, row.id)  # JSON-only legacy row
        return mapping.run_to_proto(row, result=result)

    @rpc
    async def ListTailorRuns(
        self, request: storage_pb2.OwnedPage, context: Any
    ) -> resume_builder_pb2.ListTailorRunsResponse:
        async with self._reads() as session:
            rows, token = await tailor_runs.list_page(
                session, request.owner_id, request.page_size, request.page_token
            )
        return resume_builder_pb2.ListTailorRunsResponse(
            runs=[mapping.run_to_proto(r) for r in rows], next_page_token=token
        )

    @rpc
    async def DeleteTailorRun(self, request: storage_pb2.OwnedId, context: Any) -> empty_pb2.Empty:
        async with self._sessions() as session:
            await tailor_runs.delete(session, request.owner_id, request.id)
        log.info("tailor_run.deleted", run_id=request.id, owner_id=request.owner_id)
        return empty_pb2.Empty()

    @rpc
    async def ClaimTailorRun(
        self, request: storage_pb2.ClaimRequest, context: Any
    ) -> storage_pb2.ClaimTailorRunResponse:
        async with self._sessions() as session:
            claimed = await tailor_runs.claim(
                session,
                request.id,
                worker_id=request.worker_id,
                redelivered=request.redelivered,
                lease_s=self._run_lease_s,
            )
        log.info(
            "tailor_run.claim",
            run_id=request.id,
            outcome=storage_pb2.ClaimOutcome.Name(claimed.outcome),  # type: ignore[arg-type]
            worker_id=request.worker_id,
        )
        response = storage_pb2.ClaimTailorRunResponse(
            outcome=claimed.outcome,  # type: ignore[arg-type]
            lease_token=claimed.lease_token,
        )
        if claimed.run is not None:
            response.run.CopyFrom(mapping.run_to_proto(claimed.run))
        if claimed.inputs is not None:
            response.inputs.CopyFrom(claimed.inputs)
        return response

    @rpc
    async def CompleteTailorRun(
        self, request: storage_pb2.CompleteTailorRunRequest, context: Any
    ) -> resources_pb2.TailorRun:
        async with self._sessions() as session:
            row = await tailor_runs.complete(
                session, request.id, request.lease_token, request.result, request.cache_key
            )
        run = mapping.run_to_proto(row)
        notices = [common_pb2.RunNotice.Name(n) for n in run.notices]
        log.info("tailor_run.succeeded", run_id=request.id, notices=notices)
        return run

    @rpc
    async def FindCachedResult(
        self, request: storage_pb2.FindCachedResultRequest, context: Any
    ) -> storage_pb2.FindCachedResultResponse:
        async with self._sessions() as session:
            found = await tailor_runs.find_cached(session, request.run_id, request.cache_key)
        if found is None:
            return storage_pb2.FindCachedResultResponse(found=False)
        source_id, result = found
        return storage_pb2.FindCachedResultResponse(
            found=True, result=result, source_run_id=str(source_id)
        )

    @rpc
    async def FailTailorRun(
        self, request: storage_pb2.FailRequest, context: Any
    ) -> resources_pb2.TailorRun:
        async with self._sessions() as session:
            row = await tailor_runs.fail(session, request.id, request.lease_token, request.error)
        log.info("tailor_run.failed", run_id=request.id)
        return mapping.run_to_proto(row)

    # --- Artifacts --------------------------------------------------------------------------

    @rpc
    async def CreateArtifact(
        self, request: storage_pb2.StorageStartExportRequest, context: Any
    ) -> storage_pb2.CreateArtifactResponse:
        async with self._sessions() as session:
            created = await artifacts.create(
                session, request.owner_id, request.request, hourly_limit=self._export_quota
            )
        log.info(
            "artifact.created" if created.created else "artifact.replayed",
            artifact_id=str(created.artifact.id),
            owner_id=request.owner_id,
        )
        response = storage_pb2.CreateArtifactResponse(
            artifact=mapping.artifact_to_proto(created.artifact), created=created.created
        )
        if created.job is not None:
            response.job.CopyFrom(mapping.outbox_to_proto(created.job))
        return response

    @rpc
    async def GetArtifact(
        self, request: storage_pb2.OwnedId, context: Any
    ) -> resources_pb2.Artifact:
        async with self._reads() as session:
            row = await artifacts.get(session, request.owner_id, request.id)
        return mapping.artifact_to_proto(row)

    @rpc
    async def ListArtifacts(
        self, request: storage_pb2.OwnedPage, context: Any
    ) -> resume_builder_pb2.ListArtifactsResponse:
        async with self._reads() as session:
            rows, token = await artifacts.list_page(
                session, request.owner_id, request.page_size, request.page_token, request.run_id
            )
        return resume_builder_pb2.ListArtifactsResponse(
            artifacts=[mapping.artifact_to_proto(r) for r in rows], next_page_token=token
        )

    @rpc_stream
    async def ReadArtifact(
        self, request: storage_pb2.OwnedId, context: grpc.aio.ServicerContext[Any, Any]
    ) -> AsyncIterator[resources_pb2.ArtifactChunk]:
        async with self._sessions() as session:
            row = await artifacts.readable(session, request.owner_id, request.id)
            await session.commit()  # each chunk reads in its own short transaction
            offset = 0
            while offset < row.size_bytes:
                data = await artifacts.read_chunk(session, request.owner_id, request.id, offset)
                if data is None:
                    # Deleted while streaming.
                    raise NotFound("artifact")
                chunk = resources_pb2.ArtifactChunk(
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
                yield resources_pb2.ArtifactChunk(
                    total_size=0,
                    content_type=row.content_type,
                    filename=row.filename,
                    sha256=row.sha256,
                )

    @rpc
    async def DeleteArtifact(self, request: storage_pb2.OwnedId, context: Any) -> empty_pb2.Empty:
        async with self._sessions() as session:
            await artifacts.delete(session, request.owner_id, request.id)
        log.info("artifact.deleted", artifact_id=request.id, owner_id=request.owner_id)
        return empty_pb2.Empty()

    @rpc
    async def ClaimArtifact(
        self, request: storage_pb2.ClaimRequest, context: Any
    ) -> storage_pb2.ClaimArtifactResponse:
        async with self._sessions() as session:
            claimed = await artifacts.claim(
                session,
                request.id,
                worker_id=request.worker_id,
                redelivered=request.redelivered,
                lease_s=self._artifact_lease_s,
            )
        log.info(
            "artifact.claim",
            artifact_id=request.id,
            outcome=storage_pb2.ClaimOutcome.Name(claimed.outcome),  # type: ignore[arg-type]
            worker_id=request.worker_id,
        )
        response = storage_pb2.ClaimArtifactResponse(
            outcome=claimed.outcome,  # type: ignore[arg-type]
            lease_token=claimed.lease_token,
        )
        if claimed.artifact is not None:
            response.artifact.CopyFrom(mapping.artifact_to_proto(claimed.artifact))
        if claimed.result is not None:
            response.result.CopyFrom(claimed.result)
        return response

    @rpc
    async def CompleteArtifact(
        self, request: storage_pb2.CompleteArtifactRequest, context: Any
    ) -> resources_pb2.Artifact:
        async with self._sessions() as session:
            row = await artifacts.complete(
                session,
                request.id,
                request.lease_token,
                content=request.content,
                content_type=request.content_type,
                filename=request.filename,
            )
        log.info("artifact.succeeded", artifact_id=request.id, size_bytes=row.size_bytes)
        return mapping.artifact_to_proto(row)

    @rpc
    async def FailArtifact(
        self, request: storage_pb2.FailRequest, context: Any
    ) -> resources_pb2.Artifact:
        async with self._sessions() as session:
            row = await artifacts.fail(session, request.id, request.lease_token, request.error)
        log.info("artifact.failed", artifact_id=request.id)
        return mapping.artifact_to_proto(row)

    # --- Outbox and operations --------------------------------------------------------------

    @rpc
    async def ClaimOutboxJobs(
        self, request: storage_pb2.ClaimOutboxJobsRequest, context: Any
    ) -> storage_pb2.ClaimOutboxJobsResponse:
        async with self._sessions() as session:
            jobs = await outbox.claim(
                session,
                limit=request.limit,
                min_age_ms=request.min_age_ms,
                lease_ms=request.lease_ms,
            )
        if jobs:
            log.info("outbox.claimed", count=len(jobs))
        return storage_pb2.ClaimOutboxJobsResponse(jobs=[mapping.outbox_to_proto(j) for j in jobs])

    @rpc
    async def MarkOutboxPublished(
        self, request: storage_pb2.MarkOutboxPublishedRequest, context: Any
    ) -> empty_pb2.Empty:
        async with self._sessions() as session:
            await outbox.mark_published(session, list(request.ids))
        return empty_pb2.Empty()

    @rpc
    async def PurgeDeleted(
        self, request: storage_pb2.PurgeDeletedRequest, context: Any
    ) -> storage_pb2.PurgeDeletedResponse:
        async with self._sessions() as session:
            removed = await purge.purge_deleted(session, request.older_than_seconds)
        log.info("purge.done", **{f"removed_{k}": v for k, v in removed.items()})
        return storage_pb2.PurgeDeletedResponse(removed=removed)

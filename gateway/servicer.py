"""The public `resumeai.v1.ResumeBuilder` service: validate, translate (gateway/records.py),
then call storage as the owner.

Storage statuses the caller can act on (NOT_FOUND, FAILED_PRECONDITION, INVALID_ARGUMENT...)
pass through with their messages and details; an unreachable storage is UNAVAILABLE; any
other storage error is INTERNAL (it is a deployment fault, and its text is not the caller's
business). Starting a run or an export publishes its job right after answering; the relay covers
failures.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable
from typing import Any, NoReturn, TypeVar

import grpc
from google.protobuf import empty_pb2
from grpc_status import rpc_status

from gateway import records, validation
from gateway.auth import current_owner
from gateway.finished_runs import FinishedRuns
from gateway.outbox import InlinePublisher
from gateway.run_creates import RunCreates
from gateway.settings import GatewaySettings
from gateway.watch_hub import WatchHub
from kit import tracing
from kit.broker import Publisher
from kit.grpc_errors import abort_invalid_argument
from kit.logging import get_logger
from kit.metrics import EXPORTS_ACCEPTED, RUNS_ACCEPTED
from resumeai.storage.v1 import records_pb2, storage_pb2, storage_pb2_grpc
from resumeai.v1 import common_pb2, resources_pb2, resume_builder_pb2, resume_builder_pb2_grpc

log = get_logger(__name__)

T = TypeVar("T")

PASS_THROUGH = frozenset(
    {
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.FAILED_PRECONDITION,
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.ALREADY_EXISTS,
        grpc.StatusCode.OUT_OF_RANGE,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        # Storage's "concurrent request; retry": the caller can retry it as it is.
        grpc.StatusCode.ABORTED,
    }
)
RETRYABLE = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})
TERMINAL_RUN = frozenset(
    {common_pb2.RUN_STATUS_SUCCEEDED, common_pb2.RUN_STATUS_FAILED, common_pb2.RUN_STATUS_CANCELLED}
)


async def abort_from_storage(
    context: grpc.aio.ServicerContext[Any, Any], exc: grpc.aio.AioRpcError
) -> NoReturn:
    code = exc.code()
    if code in PASS_THROUGH:
        # Keep google.rpc details (e.g. BadRequest from storage) when storage sent them.
        status = rpc_status.from_call(exc)  # type: ignore[arg-type]
        if status is not None:
            await context.abort_with_status(rpc_status.to_status(status))  # type: ignore[attr-defined]
        await context.abort(code, exc.details() or code.name)
    if code in RETRYABLE:
        log.warning("storage.unavailable", code=code.name)
        await context.abort(grpc.StatusCode.UNAVAILABLE, "storage is unavailable; retry later")
    log.error("storage.error", code=code.name)
    await context.abort(grpc.StatusCode.INTERNAL, "internal error")
    raise AssertionError("unreachable")  # abort raises


class ResumeBuilderServicer(resume_builder_pb2_grpc.ResumeBuilderServicer):
    def __init__(
        self,
        settings: GatewaySettings,
        storage: storage_pb2_grpc.StorageServiceAsyncStub,
        publisher: Publisher,
    ) -> None:
        self._settings = settings
        self._storage = storage
        self._publisher = publisher
        self._limits = validation.Limits.from_settings(settings)
        self.inline = InlinePublisher(publisher, storage, settings.internal_deadline_s)
        self._run_creates = RunCreates(
            storage,
            settings.internal_deadline_s,
            max_batch=settings.run_create_batch,
            in_flight=settings.run_creates_in_flight,
        )
        self.watches = WatchHub(
            settings.watch_poll_s,
            lambda run: run.status in TERMINAL_RUN,
            resync_s=settings.watch_resync_s,
        )
        self.finished = FinishedRuns(settings.finished_run_cache_bytes)

    # --- plumbing ---------------------------------------------------------------------

    def _timeout(self, context: grpc.aio.ServicerContext[Any, Any]) -> float:
        """The internal deadline, shortened to what is left of the caller's own deadline."""
        deadline = self._settings.internal_deadline_s
        remaining = context.time_remaining()
        return deadline if remaining is None else max(0.0, min(deadline, remaining))

    async def _call(self, context: grpc.aio.ServicerContext[Any, Any], call: Awaitable[T]) -> T:
        try:
            return await call
        except grpc.aio.AioRpcError as exc:
            await abort_from_storage(context, exc)

    @staticmethod
    async def _validate(
        context: grpc.aio.ServicerContext[Any, Any], violations: validation.Violations
    ) -> None:
        if violations:
            await abort_invalid_argument(context, violations)

    # --- resumes ----------------------------------------------------------------------

    async def CreateResume(
        self,
        request: resume_builder_pb2.CreateResumeRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resources_pb2.Resume:
        await self._validate(context, validation.create_resume(request, self._limits))
        response = await self._call(
            context,
            self._storage.CreateResume(
                records.create_resume(current_owner(), request), timeout=self._timeout(context)
            ),
        )
        return records.resume(response.resume)

    async def GetResume(
        self,
        request: resume_builder_pb2.GetResumeRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resources_pb2.Resume:
        await self._validate(context, validation.owned_id(request))
        response = await self._call(
            context,
            self._storage.GetResume(
                storage_pb2.GetResumeRequest(owner_id=current_owner(), resume_id=request.id),
                timeout=self._timeout(context),
            ),
        )
        return records.resume(response.resume)

    async def ListResumes(
        self,
        request: resume_builder_pb2.ListResumesRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resume_builder_pb2.ListResumesResponse:
        await self._validate(context, validation.list_page(request))
        response = await self._call(
            context,
            self._storage.ListResumes(
                storage_pb2.ListResumesRequest(
                    owner_id=current_owner(),
                    page=records.page(request.page_size, request.page_token),
                ),
                timeout=self._timeout(context),
            ),
        )
        return resume_builder_pb2.ListResumesResponse(
            resumes=[records.resume(r) for r in response.resumes],
            next_page_token=response.next_page_token,
        )

    async def DeleteResume(
        self,
        request: resume_builder_pb2.DeleteResumeRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> empty_pb2.Empty:
        await self._validate(context, validation.owned_id(request))
        await self._call(
            context,
            self._storage.DeleteResume(
                storage_pb2.DeleteResumeRequest(owner_id=current_owner(), resume_id=request.id),
                timeout=self._timeout(context),
            ),
        )
        return empty_pb2.Empty()

    # --- job postings -----------------------------------------------------------------

    async def CreateJobPosting(
        self,
        request: resume_builder_pb2.CreateJobPostingRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resources_pb2.JobPosting:
        await self._validate(context, validation.create_job_posting(request, self._limits))
        response = await self._call(
            context,
            self._storage.CreateJobPosting(
                records.create_job_posting(current_owner(), request),
                timeout=self._timeout(context),
            ),
        )
        return records.job_posting(response.job_posting)

    async def GetJobPosting(
        self,
        request: resume_builder_pb2.GetJobPostingRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resources_pb2.JobPosting:
        await self._validate(context, validation.owned_id(request))
        response = await self._call(
            context,
            self._storage.GetJobPosting(
                storage_pb2.GetJobPostingRequest(
                    owner_id=current_owner(), job_posting_id=request.id
                ),
                timeout=self._timeout(context),
            ),
        )
        return records.job_posting(response.job_posting)

    async def ListJobPostings(
        self,
        request: resume_builder_pb2.ListJobPostingsRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resume_builder_pb2.ListJobPostingsResponse:
        await self._validate(context, validation.list_page(request))
        response = await self._call(
            context,
            self._storage.ListJobPostings(
                storage_pb2.ListJobPostingsRequest(
                    owner_id=current_owner(),
                    page=records.page(request.page_size, request.page_token),
                ),
                timeout=self._timeout(context),
            ),
        )
        return resume_builder_pb2.ListJobPostingsResponse(
            job_postings=[records.job_posting(j) for j in response.job_postings],
            next_page_token=response.next_page_token,
        )

    async def DeleteJobPosting(
        self,
        request: resume_builder_pb2.DeleteJobPostingRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> empty_pb2.Empty:
        await self._validate(context, validation.owned_id(request))
        await self._call(
            context,
            self._storage.DeleteJobPosting(
                storage_pb2.DeleteJobPostingRequest(
                    owner_id=current_owner(), job_posting_id=request.id
                ),
                timeout=self._timeout(context),
            ),
        )
        return empty_pb2.Empty()

    # --- tailor runs ------------------------------------------------------------------

    async def StartTailoring(
        self,
        request: resume_builder_pb2.StartTailoringRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resources_pb2.TailorRun:
        await self._validate(context, validation.start_tailoring(request, self._limits))
        if not request.request_id:
            request = _with_request_id(request)
        response = await self._call(
            context,
            self._run_creates.create(
                records.create_tailor_run(current_owner(), request), self._timeout(context)
            ),
        )
        if response.created:
            RUNS_ACCEPTED.inc()
            if response.HasField("job"):
                await self._publish(response.job)
        tracing.tag("resumeai.run_id", response.run.id)
        log.info("run.accepted", run_id=response.run.id, created=response.created)
        return records.tailor_run(response.run)

    async def GetTailorRun(
        self,
        request: resume_builder_pb2.GetTailorRunRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resources_pb2.TailorRun:
        await self._validate(context, validation.owned_id(request))
        owner = current_owner()
        cached = self.finished.get(owner, request.id)
        if cached is not None:
            return cached
        ticket = self.finished.ticket()
        response = await self._call(
            context,
            self._storage.GetTailorRun(_get_run(owner, request.id), timeout=self._timeout(context)),
        )
        run = records.tailor_run(response.run)
        if run.status in TERMINAL_RUN:
            self.finished.keep(owner, run, ticket)
        return run

    async def WatchTailorRun(
        self,
        request: resume_builder_pb2.WatchTailorRunRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> AsyncIterator[resources_pb2.TailorRun]:
        await self._validate(context, validation.owned_id(request))
        get = _get_run(current_owner(), request.id)
        deadline = self._settings.internal_deadline_s

        async def fetch() -> records_pb2.TailorRunRecord:
            return (await self._storage.GetTailorRun(get, timeout=deadline)).run

        # All watchers of a run share one storage read per change (`WatchHub`); a client
        # that goes away cancels this task, which leaves the feed at once. A watch lasts at most
        # max_watch_s: it then ends OK on the last status sent, and the caller watches again.
        updates = self.watches.watch((get.owner_id, get.run_id), get.run_id, fetch)
        ends = asyncio.get_running_loop().time() + self._settings.max_watch_s
        try:
            while True:
                try:
                    async with asyncio.timeout_at(ends):
                        run = await anext(updates)
                except (TimeoutError, StopAsyncIteration):
                    return
                except grpc.aio.AioRpcError as exc:
                    await abort_from_storage(context, exc)
                yield records.tailor_run(run)
        finally:
            await updates.aclose()

    async def ListTailorRuns(
        self,
        request: resume_builder_pb2.ListTailorRunsRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resume_builder_pb2.ListTailorRunsResponse:
        await self._validate(context, validation.list_page(request))
        response = await self._call(
            context,
            self._storage.ListTailorRuns(
                storage_pb2.ListTailorRunsRequest(
                    owner_id=current_owner(),
                    page=records.page(request.page_size, request.page_token),
                ),
                timeout=self._timeout(context),
            ),
        )
        return resume_builder_pb2.ListTailorRunsResponse(
            runs=[records.tailor_run(r) for r in response.runs],
            next_page_token=response.next_page_token,
        )

    async def DeleteTailorRun(
        self,
        request: resume_builder_pb2.DeleteTailorRunRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> empty_pb2.Empty:
        await self._validate(context, validation.owned_id(request))
        await self._call(
            context,
            self._storage.DeleteTailorRun(
                storage_pb2.DeleteTailorRunRequest(owner_id=current_owner(), run_id=request.id),
                timeout=self._timeout(context),
            ),
        )
        # Not answered from the cache again here, even before storage's push arrives.
        self.finished.changed(request.id)
        return empty_pb2.Empty()

    # --- exports ----------------------------------------------------------------------

    async def StartExport(
        self,
        request: resume_builder_pb2.StartExportRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resources_pb2.Artifact:
        await self._validate(context, validation.start_export(request))
        if not request.request_id:
            request = _with_request_id(request)
        response = await self._call(
            context,
            self._storage.CreateArtifact(
                records.create_artifact(current_owner(), request),
                timeout=self._timeout(context),
            ),
        )
        if response.created:
            EXPORTS_ACCEPTED.inc()
            if response.HasField("job"):
                await self._publish(response.job)
        tracing.tag("resumeai.artifact_id", response.artifact.id)
        log.info("export.accepted", artifact_id=response.artifact.id, created=response.created)
        return records.artifact(response.artifact)

    async def GetArtifact(
        self,
        request: resume_builder_pb2.GetArtifactRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resources_pb2.Artifact:
        await self._validate(context, validation.owned_id(request))
        response = await self._call(
            context,
            self._storage.GetArtifact(
                storage_pb2.GetArtifactRequest(owner_id=current_owner(), artifact_id=request.id),
                timeout=self._timeout(context),
            ),
        )
        return records.artifact(response.artifact)

    async def ListArtifacts(
        self,
        request: resume_builder_pb2.ListArtifactsRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> resume_builder_pb2.ListArtifactsResponse:
        await self._validate(context, validation.list_artifacts(request))
        response = await self._call(
            context,
            self._storage.ListArtifacts(
                storage_pb2.ListArtifactsRequest(
                    owner_id=current_owner(),
                    page=records.page(request.page_size, request.page_token),
                    run_id=request.run_id,
                ),
                timeout=self._timeout(context),
            ),
        )
        return resume_builder_pb2.ListArtifactsResponse(
            artifacts=[records.artifact(a) for a in response.artifacts],
            next_page_token=response.next_page_token,
        )

    async def DownloadArtifact(
        self,
        request: resume_builder_pb2.DownloadArtifactRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> AsyncIterator[resources_pb2.ArtifactChunk]:
        await self._validate(context, validation.owned_id(request))
        # Stream chunks through as they come (64 KiB each): nothing is buffered here.
        # The caller's deadline bounds the whole stream (the internal default would cut a
        # slow download of a large file short, or outlive a caller that gave up).
        remaining = context.time_remaining()
        stream = self._storage.ReadArtifact(
            storage_pb2.ReadArtifactRequest(owner_id=current_owner(), artifact_id=request.id),
            timeout=remaining if remaining is not None else 300.0,
        )
        try:
            async for part in stream:
                yield records.chunk(part)
        except grpc.aio.AioRpcError as exc:
            await abort_from_storage(context, exc)
        finally:
            stream.cancel()  # no-op when finished; frees the storage stream if we stopped

    async def DeleteArtifact(
        self,
        request: resume_builder_pb2.DeleteArtifactRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> empty_pb2.Empty:
        await self._validate(context, validation.owned_id(request))
        await self._call(
            context,
            self._storage.DeleteArtifact(
                storage_pb2.DeleteArtifactRequest(owner_id=current_owner(), artifact_id=request.id),
                timeout=self._timeout(context),
            ),
        )
        return empty_pb2.Empty()

    # --- publishing -------------------------------------------------------------------

    async def _publish(self, job: storage_pb2.OutboxJob) -> None:
        # Not awaited: the job is durable in the outbox already, so the caller need not wait
        # for the broker's confirm (see InlinePublisher); a caller hanging up cannot cancel it.
        self.inline.submit(job)


def _with_request_id(request: T) -> T:
    """A copy carrying a generated idempotency key (the caller gave none)."""
    copy = type(request)()
    copy.CopyFrom(request)  # type: ignore[attr-defined]
    copy.request_id = f"gw-{uuid.uuid4().hex}"  # type: ignore[attr-defined]
    return copy


def _get_run(owner: str, run_id: str) -> storage_pb2.GetTailorRunRequest:
    """A run as the caller sees it: with its result."""
    return storage_pb2.GetTailorRunRequest(owner_id=owner, run_id=run_id, with_result=True)

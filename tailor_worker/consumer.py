"""Handles one `tailor` message: claim the run, compute it with the engine, store the result;
the message is acked only after that (see kit.jobflow for the discipline)."""

from __future__ import annotations

import hashlib

import structlog
from aio_pika.abc import AbstractIncomingMessage

from kit import tracing
from kit.budget import BudgetExceeded
from kit.documents import DocumentError
from kit.isolated_extract import Limits, extract_untrusted
from kit.jobs import TAILOR, UndecodableJob
from kit.leased_work import LeasedJob, run_leased_job
from kit.logging import get_logger
from kit.metrics import RUNS_REUSED
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc
from tailor_worker.engine.errors import EngineError
from tailor_worker.runner import TailorRunner

log = get_logger(__name__)


class TailorHandler:
    def __init__(
        self,
        storage: storage_pb2_grpc.StorageServiceAsyncStub,
        runner: TailorRunner,
        worker_id: str,
        extract_limits: Limits | None = None,
    ) -> None:
        self._storage = storage
        self._runner = runner
        self._worker_id = worker_id
        self._extract_limits = extract_limits or Limits()

    async def __call__(self, message: AbstractIncomingMessage) -> None:
        try:
            run_id = TAILOR.item_id(message.body)
        except UndecodableJob:
            # A body that does not parse never will: ack it away, loudly.
            log.error("job.undecodable", message_id=message.message_id)
            return
        tracing.tag("resumeai.run_id", run_id)
        with structlog.contextvars.bound_contextvars(run_id=run_id, message_id=message.message_id):
            job = LeasedJob(
                storage_pb2.WORK_KIND_TAILOR, run_id, self._worker_id, bool(message.redelivered)
            )
            computed = await run_leased_job(
                self._storage,
                job,
                self._compute,
                permanent_errors=(DocumentError, EngineError, BudgetExceeded),
            )
            if isinstance(computed, storage_pb2.TailorOutput):
                result = computed.result
                log.info(
                    "run.succeeded",
                    bullets=len(result.bullets),
                    score_before=round(result.coverage_before.score.overall, 1),
                    score_after=round(result.coverage_after.score.overall, 1),
                    reused_from=result.metadata.cached_from_run_id or None,
                )

    async def _compute(self, claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.TailorOutput:
        inputs = claim.tailor
        run = inputs.run
        key = self._runner.cache_key(
            run.options,
            resume_format=inputs.resume_format,
            resume_content=inputs.resume_content,
            job_text=inputs.job_text,
        )
        cached = await self._storage.FindCachedResult(
            storage_pb2.FindCachedResultRequest(run_id=run.id, cache_key=key)
        )
        if cached.found:
            RUNS_REUSED.inc()
            result = cached.result
            result.metadata.cached_from_run_id = cached.source_run_id
            # Nothing was spent on this run: the provider was not called.
            result.metadata.prompt_tokens = 0
            result.metadata.completion_tokens = 0
            result.metadata.cost_micro_usd = 0
            return storage_pb2.TailorOutput(result=result, cache_key=key)
        # Untrusted bytes: parsed off the event loop, DOCX / PDF in a limited child process.
        document = await extract_untrusted(
            inputs.resume_content, inputs.resume_format, self._extract_limits
        )
        result = await self._runner.run(
            document.lines,
            inputs.job_text,
            options=run.options,
            extraction_warnings=document.warnings,
        )
        # Hash of the stored bytes, so it matches Resume.sha256 for any source format.
        result.metadata.resume_sha256 = hashlib.sha256(inputs.resume_content).hexdigest()
        return storage_pb2.TailorOutput(result=result, cache_key=key)

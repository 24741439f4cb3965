"""Handles one `tailor` message: claim the run, compute it with the engine, store the result;
the message is acked only after that (see kit.jobflow for the discipline)."""

from __future__ import annotations

import asyncio
import hashlib

import structlog
from aio_pika.abc import AbstractIncomingMessage
from google.protobuf.message import DecodeError

from kit.documents import DocumentError, extract_text
from kit.jobflow import run_claimed_job
from kit.logging import get_logger
from resumeai.v1 import jobs_pb2, result_pb2, storage_pb2, storage_pb2_grpc
from tailor_worker.engine.errors import EngineError
from tailor_worker.runner import TailorRunner

log = get_logger(__name__)


class TailorHandler:
    def __init__(
        self, storage: storage_pb2_grpc.StorageStub, runner: TailorRunner, worker_id: str
    ) -> None:
        self._storage = storage
        self._runner = runner
        self._worker_id = worker_id

    async def __call__(self, message: AbstractIncomingMessage) -> None:
        try:
            job = jobs_pb2.TailorJob.FromString(message.body)
        except DecodeError:
            # A body that does not parse never will: ack it away, loudly.
            log.error("job.undecodable", message_id=message.message_id)
            return
        with structlog.contextvars.bound_contextvars(
            run_id=job.run_id, message_id=message.message_id
        ):
            result = await run_claimed_job(
                claim=lambda: self._storage.ClaimTailorRun(
                    storage_pb2.ClaimRequest(
                        id=job.run_id,
                        worker_id=self._worker_id,
                        redelivered=bool(message.redelivered),
                    )
                ),
                compute=self._compute,
                complete=lambda claimed, value: self._storage.CompleteTailorRun(
                    storage_pb2.CompleteTailorRunRequest(
                        id=job.run_id, lease_token=claimed.lease_token, result=value
                    )
                ),
                fail=lambda claimed, reason: self._storage.FailTailorRun(
                    storage_pb2.FailRequest(
                        id=job.run_id, lease_token=claimed.lease_token, error=reason
                    )
                ),
                permanent_errors=(DocumentError, EngineError),
            )
            if result is not None:
                log.info(
                    "run.succeeded",
                    bullets=len(result.bullets),
                    score_before=round(result.coverage_before.score.overall, 1),
                    score_after=round(result.coverage_after.score.overall, 1),
                )

    async def _compute(
        self, claim: storage_pb2.ClaimTailorRunResponse
    ) -> result_pb2.TailoringResult:
        inputs = claim.inputs
        # Parsing untrusted bytes is CPU work: keep it off the event loop.
        document = await asyncio.to_thread(
            extract_text, inputs.resume_content, inputs.resume_format
        )
        result = await self._runner.run(
            document.lines,
            inputs.job_text,
            options=claim.run.options,
            extraction_warnings=document.warnings,
        )
        # Hash of the stored bytes, so it matches Resume.sha256 for any source format.
        result.metadata.resume_sha256 = hashlib.sha256(inputs.resume_content).hexdigest()
        return result

"""Handles one `export` message: claim the artifact, render it, read the file back with the
shared extractor (round-trip check), store the bytes; acked only after that."""

from __future__ import annotations

import asyncio
import time

import structlog
from aio_pika.abc import AbstractIncomingMessage

from export_worker.render import (
    NoCoverLetterError,
    RenderedFile,
    RoundTripError,
    UnsupportedFormatError,
    build_document,
    render_document,
    verify_roundtrip,
)
from kit import tracing
from kit.budget import BudgetExceeded, CpuBudget
from kit.documents import DocumentError, extract_text
from kit.jobs import EXPORT, UndecodableJob
from kit.leased_work import LeasedJob, run_leased_job
from kit.logging import get_logger
from kit.metrics import RENDER_SECONDS
from resumeai.storage.v1 import storage_pb2, storage_pb2_grpc
from resumeai.v1 import common_pb2

log = get_logger(__name__)


class ExportFailed(Exception):
    """Rendering cannot succeed for this artifact; the message is user-safe."""


# Export formats and the extractor format that reads them back.
_READ_BACK_AS = {
    common_pb2.EXPORT_FORMAT_PDF: common_pb2.DOCUMENT_FORMAT_PDF,
    common_pb2.EXPORT_FORMAT_DOCX: common_pb2.DOCUMENT_FORMAT_DOCX,
}


def render_checked(inputs: storage_pb2.ExportInputs) -> RenderedFile:
    """Render and verify that every heading and bullet reads back in order (CPU-bound)."""
    artifact = inputs.artifact
    try:
        doc = build_document(inputs.result, artifact.kind, artifact.template)
        rendered = render_document(doc, artifact.kind, artifact.format)
    except (UnsupportedFormatError, BudgetExceeded):
        raise
    except NoCoverLetterError as exc:
        raise ExportFailed(str(exc)) from exc  # says what to do; quotes no content
    except Exception as exc:
        # Rendering is deterministic: what failed once fails on every redelivery, so the
        # artifact fails now (type only: a renderer message may quote the content).
        raise ExportFailed(f"rendering failed ({type(exc).__name__})") from exc
    try:
        read_back = extract_text(
            rendered.content, _READ_BACK_AS[artifact.format], rendered_here=True
        )
        text = "\n".join(read_back.lines)
        verify_roundtrip(doc, text)
    except (DocumentError, RoundTripError) as exc:
        raise ExportFailed(f"round-trip check failed: {exc}") from exc
    return rendered


class ExportHandler:
    def __init__(
        self, storage: storage_pb2_grpc.StorageServiceAsyncStub, worker_id: str, cpu_s: float
    ) -> None:
        self._storage = storage
        self._worker_id = worker_id
        self._cpu_s = cpu_s  # each export's CPU budget: render and read back

    def _budget(self) -> CpuBudget:
        return CpuBudget(self._cpu_s, "exporting this document")

    async def __call__(self, message: AbstractIncomingMessage) -> None:
        try:
            artifact_id = EXPORT.item_id(message.body)
        except UndecodableJob:
            log.error("job.undecodable", message_id=message.message_id)
            return
        tracing.tag("resumeai.artifact_id", artifact_id)
        with structlog.contextvars.bound_contextvars(
            artifact_id=artifact_id, message_id=message.message_id
        ):
            job = LeasedJob(
                storage_pb2.WORK_KIND_EXPORT,
                artifact_id,
                self._worker_id,
                bool(message.redelivered),
            )
            rendered = await run_leased_job(
                self._storage,
                job,
                self._render,
                permanent_errors=(ExportFailed, UnsupportedFormatError, BudgetExceeded),
            )
            if isinstance(rendered, storage_pb2.ExportOutput):
                log.info("artifact.succeeded", size_bytes=len(rendered.content))

    async def _render(self, claim: storage_pb2.ClaimWorkResponse) -> storage_pb2.ExportOutput:
        started = time.perf_counter()
        rendered = await asyncio.to_thread(self._budget().run, render_checked, claim.export)
        export_format = common_pb2.ExportFormat.Name(claim.export.artifact.format)
        RENDER_SECONDS.labels(export_format.removeprefix("EXPORT_FORMAT_").lower()).observe(
            time.perf_counter() - started
        )
        return storage_pb2.ExportOutput(
            content=rendered.content,
            content_type=rendered.content_type,
            filename=rendered.filename,
        )

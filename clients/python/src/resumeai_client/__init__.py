"""An async client of the Resume Builder AI API (`resumeai.v1`), doing what a calling service
should: the API key as `authorization` metadata, a deadline on every call, a stable request id
so a retried start returns the same run or export, retries on UNAVAILABLE only (gRPC's own
retry policy), WatchTailorRun to follow a run, and downloads checked against the sha256 the
first chunk announces.

    async with Client("127.0.0.1:50051", api_key, ca=Path(".run/pki/ca.pem").read_bytes()) as c:
        run = await c.start_tailoring(resume_file("resume.pdf"), job_text)
        run = await c.wait(run.id)
        pdf = await c.export(run.id, common_pb2.EXPORT_FORMAT_PDF)
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from types import TracebackType

import grpc

from resumeai.v1 import common_pb2, resources_pb2, resume_builder_pb2, resume_builder_pb2_grpc

__all__ = ["Client", "ExportFailed", "RunFailed", "resume_file"]

SERVICE = "resumeai.v1.ResumeBuilder"
_RETRY = json.dumps(
    {
        "methodConfig": [
            {
                "name": [{"service": SERVICE}],
                "retryPolicy": {
                    "maxAttempts": 4,
                    "initialBackoff": "0.2s",
                    "maxBackoff": "2s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE"],
                },
            }
        ]
    }
)
FORMATS = {
    ".txt": common_pb2.DOCUMENT_FORMAT_TXT,
    ".docx": common_pb2.DOCUMENT_FORMAT_DOCX,
    ".pdf": common_pb2.DOCUMENT_FORMAT_PDF,
}
TERMINAL_RUN = {common_pb2.RUN_STATUS_SUCCEEDED, common_pb2.RUN_STATUS_FAILED}
TERMINAL_EXPORT = {common_pb2.ARTIFACT_STATUS_SUCCEEDED, common_pb2.ARTIFACT_STATUS_FAILED}


class RunFailed(Exception):
    """The run ended FAILED; the message is the run's error."""


class ExportFailed(Exception):
    """The export ended FAILED, or its download did not match its sha256."""


def resume_file(path: Path | str) -> common_pb2.DocumentFile:
    """A resume file to upload; its format from the extension (.txt, .docx, .pdf)."""
    path = Path(path)
    try:
        document_format = FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path.name}: a resume is a .txt, .docx or .pdf file") from None
    return common_pb2.DocumentFile(
        filename=path.name, format=document_format, content=path.read_bytes()
    )


class Client:
    """One channel to the gateway. `ca`: the PEM of the CA that signed the gateway's
    certificate (None: the system's roots); `plaintext`: no TLS (a local stack without it)."""

    def __init__(
        self,
        target: str,
        api_key: str,
        *,
        ca: bytes | None = None,
        plaintext: bool = False,
        timeout_s: float = 30.0,
    ) -> None:
        options = [("grpc.service_config", _RETRY), ("grpc.enable_retries", 1)]
        if plaintext:
            self._channel = grpc.aio.insecure_channel(target, options=options)
        else:
            credentials = grpc.ssl_channel_credentials(root_certificates=ca)
            self._channel = grpc.aio.secure_channel(target, credentials, options=options)
        self._stub = resume_builder_pb2_grpc.ResumeBuilderStub(self._channel)
        self._auth = (("authorization", f"Bearer {api_key}"),)
        self._timeout_s = timeout_s

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._channel.close(None)

    # --- runs ---------------------------------------------------------------------------

    async def start_tailoring(
        self,
        resume: common_pb2.DocumentFile,
        job_text: str,
        *,
        request_id: str = "",
        options: common_pb2.TailorOptions | None = None,
    ) -> resources_pb2.TailorRun:
        """Starts a run; the same `request_id` (default: a new one) returns the same run."""
        request = resume_builder_pb2.StartTailoringRequest(
            request_id=request_id or str(uuid.uuid4()), resume_file=resume, job_text=job_text
        )
        if options is not None:
            request.options.CopyFrom(options)
        run: resources_pb2.TailorRun = await self._stub.StartTailoring(
            request, metadata=self._auth, timeout=self._timeout_s
        )
        return run

    async def watch(
        self, run_id: str, *, timeout_s: float = 600.0
    ) -> AsyncIterator[resources_pb2.TailorRun]:
        """Each change of the run until it ends (the last one holds the result)."""
        updates = self._stub.WatchTailorRun(
            resume_builder_pb2.WatchTailorRunRequest(id=run_id),
            metadata=self._auth,
            timeout=timeout_s,
        )
        async for update in updates:
            yield update

    async def wait(
        self,
        run_id: str,
        *,
        on_change: Callable[[resources_pb2.TailorRun], None] | None = None,
        timeout_s: float = 600.0,
    ) -> resources_pb2.TailorRun:
        """The run once it ended (RunFailed if it failed), reporting each change."""
        run = None
        async for run in self.watch(run_id, timeout_s=timeout_s):
            if on_change is not None:
                on_change(run)
        if run is None or run.status not in TERMINAL_RUN:
            run = await self.get_run(run_id)
        if run.status == common_pb2.RUN_STATUS_FAILED:
            raise RunFailed(run.error or "the run failed")
        if run.status != common_pb2.RUN_STATUS_SUCCEEDED:
            raise TimeoutError(f"run {run_id} has not ended")
        return run

    async def get_run(self, run_id: str) -> resources_pb2.TailorRun:
        run: resources_pb2.TailorRun = await self._stub.GetTailorRun(
            resume_builder_pb2.GetTailorRunRequest(id=run_id),
            metadata=self._auth,
            timeout=self._timeout_s,
        )
        return run

    async def runs(self, *, limit: int = 20) -> list[resources_pb2.TailorRun]:
        """The newest runs first (without results), at most `limit`."""
        found: list[resources_pb2.TailorRun] = []
        token = ""
        while len(found) < limit:
            page = await self._stub.ListTailorRuns(
                resume_builder_pb2.ListTailorRunsRequest(
                    page_size=min(100, limit - len(found)), page_token=token
                ),
                metadata=self._auth,
                timeout=self._timeout_s,
            )
            found += page.runs
            token = page.next_page_token
            if not token:
                break
        return found

    # --- exports ------------------------------------------------------------------------

    async def export(
        self,
        run_id: str,
        export_format: common_pb2.ExportFormat.ValueType,
        kind: common_pb2.ArtifactKind.ValueType = common_pb2.ARTIFACT_KIND_TAILORED_RESUME,
        *,
        timeout_s: float = 120.0,
    ) -> tuple[str, bytes]:
        """(file name, bytes) of the run's export in this format and kind, made once per
        (run, format, kind): asking again returns the same file."""
        artifact = await self._stub.StartExport(
            resume_builder_pb2.StartExportRequest(
                request_id=f"{run_id}-{export_format}-{kind}",
                run_id=run_id,
                format=export_format,
                kind=kind,
            ),
            metadata=self._auth,
            timeout=self._timeout_s,
        )
        deadline = asyncio.get_running_loop().time() + timeout_s
        pause = 0.1
        while artifact.status not in TERMINAL_EXPORT:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"export {artifact.id} did not finish in time")
            await asyncio.sleep(pause)
            pause = min(pause * 2, 1.0)
            artifact = await self._stub.GetArtifact(
                resume_builder_pb2.GetArtifactRequest(id=artifact.id),
                metadata=self._auth,
                timeout=self._timeout_s,
            )
        if artifact.status == common_pb2.ARTIFACT_STATUS_FAILED:
            raise ExportFailed(artifact.error or "the export failed")
        return artifact.filename, await self.download(artifact.id)

    async def download(self, artifact_id: str) -> bytes:
        data, expected = bytearray(), ""
        async for chunk in self._stub.DownloadArtifact(
            resume_builder_pb2.DownloadArtifactRequest(id=artifact_id),
            metadata=self._auth,
            timeout=self._timeout_s * 4,
        ):
            expected = expected or chunk.sha256
            data += chunk.data
        if hashlib.sha256(data).hexdigest() != expected:
            raise ExportFailed("the download does not match its sha256")
        return bytes(data)

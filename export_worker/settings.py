"""export_worker configuration (RESUMEAI_* environment variables)."""

from __future__ import annotations

from pydantic import Field

from kit.worker import WorkerSettings


class ExportWorkerSettings(WorkerSettings):
    # CPU time one export may use (render, fit to a page, read back); past it the artifact
    # FAILS with a message saying so. A resume renders in well under a second.
    export_cpu_s: float = Field(60.0, gt=0, le=3600)

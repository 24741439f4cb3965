"""export_worker configuration (RESUMEAI_* environment variables)."""

from __future__ import annotations

from kit.worker import WorkerSettings


class ExportWorkerSettings(WorkerSettings):
    pass

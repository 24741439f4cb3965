"""`python -m export_worker`: consume the `export` queue."""

from __future__ import annotations

import asyncio

from export_worker.consumer import ExportHandler
from export_worker.settings import ExportWorkerSettings
from kit.broker import EXPORT_QUEUE
from kit.logging import configure_logging
from kit.tracing import configure_tracing
from kit.worker import run_worker


def main() -> None:
    settings = ExportWorkerSettings()  # type: ignore[call-arg]  # values come from the env
    configure_logging("export_worker", settings.log_level)
    configure_tracing("export_worker", settings.otlp_endpoint)
    asyncio.run(
        run_worker(
            "export_worker",
            EXPORT_QUEUE,
            settings,
            lambda storage: ExportHandler(storage, settings.worker_id, settings.export_cpu_s),
        )
    )


if __name__ == "__main__":
    main()

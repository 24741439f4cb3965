"""`python -m tailor_worker`: consume the `tailor` queue."""

from __future__ import annotations

import asyncio

from kit.broker import TAILOR_QUEUE
from kit.isolated_extract import Limits
from kit.logging import configure_logging
from kit.tracing import configure_tracing
from kit.worker import run_worker
from tailor_worker.consumer import TailorHandler
from tailor_worker.engine_process import EngineProcess
from tailor_worker.runner import TailorRunner
from tailor_worker.settings import TailorWorkerSettings


def main() -> None:
    settings = TailorWorkerSettings()  # type: ignore[call-arg]  # values come from the env
    configure_logging("tailor_worker", settings.log_level)
    configure_tracing("tailor_worker", settings.otlp_endpoint)
    engine = EngineProcess()
    runner = TailorRunner(settings, engine)
    try:
        asyncio.run(
            run_worker(
                "tailor_worker",
                TAILOR_QUEUE,
                settings,
                lambda storage: TailorHandler(
                    storage,
                    runner,
                    settings.worker_id,
                    Limits(settings.extract_timeout_s, settings.extract_memory_mb * 1024 * 1024),
                ),
            )
        )
    finally:
        engine.close()


if __name__ == "__main__":
    main()

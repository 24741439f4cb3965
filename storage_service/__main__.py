"""`python -m storage_service`: serve resumeai.storage.v1.StorageService until SIGTERM."""

from __future__ import annotations

import asyncio

from kit.grpc_server import serve
from kit.logging import configure_logging
from kit.tracing import configure_tracing
from storage_service.app import build_spec
from storage_service.settings import StorageSettings


def main() -> None:
    settings = StorageSettings()  # type: ignore[call-arg]  # from the environment
    configure_logging("storage_service", settings.log_level)
    configure_tracing("storage_service", settings.otlp_endpoint)
    asyncio.run(serve(build_spec(settings)))


if __name__ == "__main__":
    main()

"""`python -m gateway`: the public gRPC API."""

from __future__ import annotations

import asyncio

from gateway.app import build_spec
from gateway.settings import GatewaySettings
from kit.grpc_server import serve
from kit.logging import configure_logging
from kit.tracing import configure_tracing


async def main() -> None:
    settings = GatewaySettings()  # type: ignore[call-arg]  # from the environment
    configure_logging("gateway", settings.log_level)
    configure_tracing("gateway", settings.otlp_endpoint)
    await serve(build_spec(settings))


if __name__ == "__main__":
    asyncio.run(main())

"""`python -m kit.healthcheck HOST:PORT [SERVICE]`: exit 0 when the gRPC health service says
SERVING. Used by docker compose health checks and by `make run` to wait for readiness."""

from __future__ import annotations

import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def check(target: str, service: str = "", timeout_s: float = 2.0) -> bool:
    with grpc.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout_s)
        except grpc.RpcError:
            return False
    return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit("usage: python -m kit.healthcheck HOST:PORT [SERVICE]")
    sys.exit(0 if check(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "") else 1)


if __name__ == "__main__":
    main()

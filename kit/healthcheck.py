"""`python -m kit.healthcheck HOST:PORT [SERVICE] [--ca FILE [--cert FILE --key FILE]]`: exit 0
when the gRPC health service says SERVING. Used by docker compose health checks and by `make
run` to wait for readiness; --ca for a TLS port, --cert/--key for one that asks for a client
certificate (storage under mutual TLS)."""

from __future__ import annotations

import argparse
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from kit.tls import TlsFiles


def check(
    target: str,
    service: str = "",
    timeout_s: float = 2.0,
    credentials: grpc.ChannelCredentials | None = None,
) -> bool:
    channel = (
        grpc.secure_channel(target, credentials)
        if credentials is not None
        else grpc.insecure_channel(target)
    )
    with channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout_s)
        except grpc.RpcError:
            return False
    return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m kit.healthcheck")
    parser.add_argument("target")
    parser.add_argument("service", nargs="?", default="")
    parser.add_argument("--ca")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()
    credentials = None
    if args.cert and args.key:
        credentials = TlsFiles(args.cert, args.key, args.ca).channel_credentials()
    elif args.ca:
        with open(args.ca, "rb") as ca:
            credentials = grpc.ssl_channel_credentials(ca.read())
    sys.exit(0 if check(args.target, args.service, credentials=credentials) else 1)


if __name__ == "__main__":
    main()

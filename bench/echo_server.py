"""A bare grpc.aio unary echo server: the floor a Python gRPC hop costs on this machine.

    python bench/echo_server.py PORT             (echo)
    python bench/echo_server.py PORT DSN OWNER   (insert, then answer)

bench_system.py starts it as a process, like the gateway, so the two are compared on equal
terms (same client, same loopback, one server process each). With a database, each call's
request is inserted as a job posting of OWNER with one raw asyncpg INSERT before it is
answered: the floor of any storage write served over grpc.aio and asyncpg here, with none of
storage's own work (validation, sealing, quotas, records).
"""

from __future__ import annotations

import asyncio
import hashlib
import sys
import uuid
from collections.abc import Awaitable, Callable

import asyncpg
import grpc

METHOD = "/bench.Echo/Echo"
Handler = Callable[[bytes, grpc.aio.ServicerContext], Awaitable[bytes]]
INSERT = (
    "INSERT INTO job_postings (id, owner_id, title, company, text, size_bytes, sha256) "
    "VALUES ($1, $2, 'w', '', $3, $4, $5)"
)


async def _echo(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
    return request


def _inserting(pool: asyncpg.Pool, owner: uuid.UUID) -> Handler:
    async def insert(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        async with pool.acquire() as connection:
            await connection.execute(
                INSERT,
                uuid.uuid4(),
                owner,
                request.decode(),
                len(request),
                hashlib.sha256(request).hexdigest(),
            )
        return b""

    return insert


async def main(port: int, dsn: str = "", owner: str = "") -> None:
    pool = await asyncpg.create_pool(dsn, min_size=16, max_size=16) if dsn else None
    method: Handler = _inserting(pool, uuid.UUID(owner)) if pool is not None else _echo
    server = grpc.aio.server()
    handler = grpc.method_handlers_generic_handler(
        "bench.Echo", {"Echo": grpc.unary_unary_rpc_method_handler(method)}
    )
    server.add_generic_rpc_handlers((handler,))
    server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    await server.wait_for_termination()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), *sys.argv[2:4]))

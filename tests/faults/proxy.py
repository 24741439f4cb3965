"""A small TCP proxy between services, to cut or slow their connections on demand.

It runs its own asyncio loop in a daemon thread: the fault tests call blocking harness helpers
(process waits, health checks) from their own loop, and a proxy sharing that loop would stall
every proxied connection while they block. Control methods are thread-safe.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from typing import Any

from tests.conftest import free_port


class TcpProxy:
    """Listens on 127.0.0.1:<port> and forwards to (target_host, target_port)."""

    def __init__(self, target_host: str, target_port: int, port: int | None = None) -> None:
        self.target = (target_host, target_port)
        self.port = port or free_port()
        self.delay_s = 0.0  # added before each forwarded chunk (both directions)
        self.refusing = False  # new connections are closed at once (a partition)
        self.cuts = 0
        self._writers: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def start(self) -> TcpProxy:
        self._thread.start()
        self._call(self._start()).result(timeout=5)
        return self

    def close(self) -> None:
        self._call(self._close()).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def cut(self) -> int:
        """Drops every open connection (both sides see a reset); returns how many."""
        count: int = self._call(self._cut()).result(timeout=5)
        self.cuts += 1
        return count

    def set_delay(self, seconds: float) -> None:
        self.delay_s = seconds

    def refuse(self, refusing: bool) -> None:
        self.refusing = refusing

    # --- inside the proxy's loop --------------------------------------------------------

    def _call(self, coro: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def _close(self) -> None:
        if self._server is not None:
            self._server.close()
        await self._cut()

    async def _cut(self) -> int:
        writers = list(self._writers)
        for writer in writers:
            transport = writer.transport
            # abort(): RST now, no graceful FIN handshake that could let data drain.
            transport.abort()
        self._writers.clear()
        return len(writers) // 2

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.refusing:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, up_writer))
        await asyncio.gather(
            self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True
        )
        for w in (writer, up_writer):
            self._writers.discard(w)
            w.transport.abort()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                if self.delay_s:
                    await asyncio.sleep(self.delay_s)
                writer.write(data)
                await writer.drain()
        finally:
            writer.transport.abort()

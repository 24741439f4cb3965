"""The fault suite's stack: the e2e harness's real processes, with the gateway and workers
reaching storage and RabbitMQ through TCP proxies (so a test can cut those links), and
helpers to replace, kill and count worker processes."""

from __future__ import annotations

import asyncio
import json
import signal
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.conftest import free_port
from tests.e2e.harness import Stack, base_env
from tests.faults.proxy import TcpProxy

WORKER_ROLES = ("tailor_worker", "export_worker")


@dataclass
class FaultStack:
    stack: Stack
    storage_proxy: TcpProxy
    amqp_proxy: TcpProxy
    delivery_limit: int
    worker_env: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, workdir: Path, database_url: str, amqp_url: str, token: str, delivery_limit: int
    ) -> FaultStack:
        storage_port, gateway_port = free_port(), free_port()
        storage_proxy = TcpProxy("127.0.0.1", storage_port).start()
        parts = urlsplit(amqp_url)
        amqp_proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5672).start()
        proxied_amqp = urlunsplit(
            parts._replace(netloc=f"{parts.username}:{parts.password}@127.0.0.1:{amqp_proxy.port}")
        )
        env = base_env(database_url, proxied_amqp, token, storage_port, gateway_port)
        env.update(
            # Clients of storage go through the proxy; storage itself listens on storage_port.
            RESUMEAI_STORAGE_TARGET=f"127.0.0.1:{storage_proxy.port}",
            RESUMEAI_DELIVERY_LIMIT=str(delivery_limit),
            RESUMEAI_SHUTDOWN_GRACE_S="20",
            RESUMEAI_INTERNAL_DEADLINE_S="5",
            # Hold a job at most this long for storage to come back before requeueing it.
            RESUMEAI_STORAGE_WAIT_S="20",
            # A run whose holders are SIGKILLed delivery-limit times in a row is dead-lettered
            # by the broker while still RUNNING; storage's sweeper requeues it once its lease
            # expires. Short leases and a fast sweep let the cases see that within their wait.
            RESUMEAI_RUN_LEASE_S="30",
            RESUMEAI_ARTIFACT_LEASE_S="30",
            RESUMEAI_SWEEP_INTERVAL_S="2",
            RESUMEAI_STALE_QUEUED_S="30",
            # One create at a time at storage: starts that arrive meanwhile go together in
            # one CreateTailorRuns, so the cases put the coalesced path through the faults.
            RESUMEAI_RUN_CREATES_IN_FLIGHT="1",
        )
        stack = Stack(
            workdir=workdir, env=env, storage_port=storage_port, gateway_port=gateway_port
        )
        return cls(stack, storage_proxy, amqp_proxy, delivery_limit)

    # --- processes ----------------------------------------------------------------------

    def live(self, role: str) -> list[str]:
        return [
            name
            for name, proc in self.stack.procs.items()
            if name.split("-")[0] == role and name not in self.stack.stopped and proc.poll() is None
        ]

    def start_worker(self, role: str, extra_env: dict[str, str] | None = None) -> str:
        port = free_port()
        return self.stack.start(role, extra_env=extra_env or {}, health_port=port)

    async def wait_worker(self, name: str) -> None:
        port = self.stack.health_ports[name]
        await asyncio.to_thread(self.stack.wait_healthy, f"127.0.0.1:{port}", 30.0)

    async def set_workers(
        self, role: str, count: int, extra_env: dict[str, str] | None = None
    ) -> list[str]:
        """Replaces every live worker of `role` by `count` new ones with `extra_env`."""
        await self.stop_workers(role)
        names = [self.start_worker(role, extra_env) for _ in range(count)]
        for name in names:
            await self.wait_worker(name)
        return names

    async def stop_workers(self, role: str, sig: int = signal.SIGTERM) -> None:
        for name in self.live(role):
            await asyncio.to_thread(self.stack.kill, name, sig)

    async def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        await asyncio.to_thread(self.stack.kill, name, sig)

    def restart(self, name: str) -> str:
        """Starts a process of the role `name` had, with the base environment."""
        role = name.split("-")[0]
        return self.stack.start(role)

    async def ensure_core(self) -> None:
        """Storage and gateway up (a previous case may have stopped them)."""
        if not self.live("storage"):
            self.stack.start("storage")
        await asyncio.to_thread(self.stack.wait_healthy, self.stack.storage_target, 30.0)
        if not self.live("gateway"):
            self.stack.start("gateway")
        await asyncio.to_thread(self.stack.wait_healthy, self.stack.gateway_target, 30.0)

    async def baseline(self) -> None:
        """What each case starts from: all links open, storage + gateway, one plain worker
        of each kind."""
        self.storage_proxy.set_delay(0)
        self.storage_proxy.refuse(False)
        self.amqp_proxy.set_delay(0)
        self.amqp_proxy.refuse(False)
        await self.ensure_core()
        for role in WORKER_ROLES:
            await self.set_workers(role, 1)

    def close(self) -> None:
        self.stack.stop_all()
        self.storage_proxy.close()
        self.amqp_proxy.close()

    # --- logs ---------------------------------------------------------------------------

    def events(self, event: str, key: str, role: str) -> Counter[str]:
        """How often each `key` value appears with `event` in the logs of `role`'s processes
        (each worker logs its own completion once; storage logs its side separately)."""
        seen: Counter[str] = Counter()
        for path in self.stack.workdir.glob(f"{role}*.log"):
            for line in path.read_text(errors="replace").splitlines():
                if f'"{event}"' not in line:
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if record.get("event") == event and record.get(key):
                    seen[str(record[key])] += 1
        return seen

"""Starts the real services as processes for end-to-end tests and collects their logs."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kit.healthcheck import check
from tests.conftest import free_port

MODULES = {
    "storage": "storage_service",
    "gateway": "gateway",
    "tailor_worker": "tailor_worker",
    "export_worker": "export_worker",
}


@dataclass
class Stack:
    """A running set of services sharing one database, vhost and service token."""

    workdir: Path
    env: dict[str, str]
    storage_port: int
    gateway_port: int
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    health_ports: dict[str, int] = field(default_factory=dict)
    metrics_ports: dict[str, int] = field(default_factory=dict)  # every process serves /metrics
    stopped: set[str] = field(default_factory=set)  # stopped on purpose by a test
    _counter: int = 0

    @property
    def gateway_target(self) -> str:
        return f"127.0.0.1:{self.gateway_port}"

    @property
    def storage_target(self) -> str:
        return f"127.0.0.1:{self.storage_port}"

    def start(
        self, role: str, *, extra_env: dict[str, str] | None = None, health_port: int | None = None
    ) -> str:
        """Starts one process of `role`; returns its handle name (role, role-2, ...)."""
        self._counter += 1
        name = role if role not in self.procs else f"{role}-{self._counter}"
        env = {**self.env, **(extra_env or {})}
        self.metrics_ports[name] = free_port()
        env["RESUMEAI_METRICS_PORT"] = str(self.metrics_ports[name])
        if health_port is not None:
            env["RESUMEAI_HEALTH_PORT"] = str(health_port)
            self.health_ports[name] = health_port
        log = (self.workdir / f"{name}.log").open("wb")
        self.procs[name] = subprocess.Popen(
            [sys.executable, "-m", MODULES[role]],
            cwd=self.workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return name

    def start_all(self) -> None:
        """Storage first, then the gateway and one worker of each kind, all healthy."""
        self.start("storage")
        self.wait_healthy(self.storage_target)
        self.start("gateway")
        self.start("tailor_worker", health_port=free_port())
        self.start("export_worker", health_port=free_port())
        self.wait_healthy(self.gateway_target)
        for port in self.health_ports.values():
            self.wait_healthy(f"127.0.0.1:{port}")

    def wait_healthy(self, target: str, timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if check(target, timeout_s=1.0):
                return
            for name, proc in self.procs.items():
                if name not in self.stopped and proc.poll() is not None:
                    raise RuntimeError(f"{name} exited early:\n{self.log(name)[-3000:]}")
            time.sleep(0.2)
        raise TimeoutError(f"{target} not healthy within {timeout_s}s")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs[name]
        self.stopped.add(name)
        proc.send_signal(sig)
        proc.wait(timeout=30)

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text(errors="replace")

    def all_logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.workdir.glob("*.log"))

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def base_env(
    database_url: str, amqp_url: str, token: str, storage_port: int, gateway_port: int
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESUMEAI_")}
    env.update(
        RESUMEAI_SERVICE_TOKEN=token,
        RESUMEAI_DATABASE_URL=database_url,
        RESUMEAI_AMQP_URL=amqp_url,
        RESUMEAI_STORAGE_TARGET=f"127.0.0.1:{storage_port}",
        RESUMEAI_STORAGE_PORT=str(storage_port),
        RESUMEAI_GATEWAY_PORT=str(gateway_port),
        RESUMEAI_LOG_LEVEL="INFO",
        RESUMEAI_RELAY_INTERVAL_S="0.5",
        RESUMEAI_RELAY_MIN_AGE_MS="1000",
        PYTHONUNBUFFERED="1",
        # The e2e, fault and bench stacks push hundreds of runs through one owner: no quotas
        # (they are tested against storage directly).
        RESUMEAI_RUNS_PER_HOUR="0",
        RESUMEAI_EXPORTS_PER_HOUR="0",
        # Sealed at rest, as in production.
        RESUMEAI_MASTER_KEYS=json.dumps({"k1": base64.b64encode(os.urandom(32)).decode()}),
    )
    return env


@contextlib.contextmanager
def running_stack(
    workdir: Path, database_url: str, amqp_url: str, token: str, **extra_env: str
) -> Iterator[Stack]:
    """The whole stack on free ports, started and healthy, stopped on the way out."""
    storage_port, gateway_port = free_port(), free_port()
    env = base_env(database_url, amqp_url, token, storage_port, gateway_port)
    env.update(extra_env)
    stack = Stack(workdir=workdir, env=env, storage_port=storage_port, gateway_port=gateway_port)
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()


async def new_api_key(database_url: str, owner: str) -> str:
    from storage_service.keys import create_api_key

    _owner_id, key = await create_api_key(database_url, owner)
    return key

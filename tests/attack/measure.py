"""The bystander: an authenticated caller reading its own resume at a steady pace, whose
latencies and status codes are recorded while an attack runs (and while nothing does)."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import grpc

from resumeai.v1 import resume_builder_pb2, resume_builder_pb2_grpc

RESULTS: list[str] = []
PACE_S = 0.02


@dataclass
class Seen:
    latencies_ms: list[float] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0

    @property
    def errors(self) -> float:
        total = sum(self.codes.values())
        return (total - self.codes["OK"]) / total if total else 0.0


async def watch_as_bystander(target: str, key: str, resume_id: str, seconds: float) -> Seen:
    seen = Seen()
    metadata = (("authorization", f"Bearer {key}"),)
    async with grpc.aio.insecure_channel(target) as channel:
        client = resume_builder_pb2_grpc.ResumeBuilderStub(channel)
        request = resume_builder_pb2.GetResumeRequest(id=resume_id)
        ends = time.monotonic() + seconds
        while time.monotonic() < ends:
            started = time.perf_counter()
            try:
                await client.GetResume(request, metadata=metadata, timeout=10)
                seen.codes["OK"] += 1
            except grpc.aio.AioRpcError as exc:
                seen.codes[exc.code().name] += 1
            seen.latencies_ms.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(PACE_S)
    return seen


def peak_memory_mib(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """CPU time the process has used so far (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def record(name: str, quiet: Seen, during: Seen, peak_mib: float, extra: str = "") -> str:
    line = (
        f"{name:<34} quiet p50/p99 {quiet.percentile(50):6.1f}/{quiet.percentile(99):6.1f} ms"
        f"  during {during.percentile(50):6.1f}/{during.percentile(99):6.1f} ms"
        f"  ({during.percentile(99) / max(quiet.percentile(99), 1e-9):4.1f}x)"
        f"  errors {during.errors:6.1%}  codes {dict(during.codes)}"
        f"  gateway peak {peak_mib:5.0f} MiB" + (f"  {extra}" if extra else "")
    )
    return note(line)


def note(line: str) -> str:
    """Printed now and again in the session summary."""
    RESULTS.append(line)
    print("\n" + line, flush=True)
    return line


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0

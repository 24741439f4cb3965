"""Peak memory of each service under load: what the Kubernetes limits are set from.

    .venv/bin/python bench/memory_peaks.py [--runs 60]   (or: make bench-memory)

Starts the whole stack (as the e2e tests do) in a fresh database and vhost, tailors `--runs`
distinct resumes 16 at a time and exports each as PDF and DOCX, then prints each process's
peak resident memory (Linux VmHWM) and its child processes' (the tailor worker's engine
process, extractor children still alive).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

import grpc

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repo importable
    sys.path.insert(0, str(ROOT))

from resumeai.v1 import common_pb2, resume_builder_pb2, resume_builder_pb2_grpc  # noqa: E402
from tests.conftest import SERVICE_TOKEN, fresh_database, fresh_vhost  # noqa: E402
from tests.e2e.harness import new_api_key, running_stack  # noqa: E402

EXAMPLES = ROOT / "examples"
TERMINAL_RUN = (common_pb2.RUN_STATUS_SUCCEEDED, common_pb2.RUN_STATUS_FAILED)
TERMINAL_EXPORT = (common_pb2.ARTIFACT_STATUS_SUCCEEDED, common_pb2.ARTIFACT_STATUS_FAILED)


def peak_mib(pid: int) -> int:
    """VmHWM of a process in MiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found += [int(entry.name), *children(int(entry.name))]
    return found


async def load(target: str, key: str, runs: int) -> None:
    resume = (EXAMPLES / "resume.txt").read_text()
    job = (EXAMPLES / "job.txt").read_text()
    metadata = (("authorization", f"Bearer {key}"),)
    at_once = asyncio.Semaphore(16)
    async with grpc.aio.insecure_channel(target) as channel:
        api = resume_builder_pb2_grpc.ResumeBuilderStub(channel)

        async def one(i: int) -> None:
            async with at_once:
                run = await api.StartTailoring(
                    resume_builder_pb2.StartTailoringRequest(
                        resume_text=f"{resume}\nINTERESTS\nmemory {i}\n", job_text=job
                    ),
                    metadata=metadata,
                )
                while run.status not in TERMINAL_RUN:
                    await asyncio.sleep(0.2)
                    run = await api.GetTailorRun(
                        resume_builder_pb2.GetTailorRunRequest(id=run.id), metadata=metadata
                    )
                for export_format in (common_pb2.EXPORT_FORMAT_PDF, common_pb2.EXPORT_FORMAT_DOCX):
                    artifact = await api.StartExport(
                        resume_builder_pb2.StartExportRequest(
                            run_id=run.id, format=export_format, request_id=uuid.uuid4().hex
                        ),
                        metadata=metadata,
                    )
                    while artifact.status not in TERMINAL_EXPORT:
                        await asyncio.sleep(0.2)
                        artifact = await api.GetArtifact(
                            resume_builder_pb2.GetArtifactRequest(id=artifact.id),
                            metadata=metadata,
                        )

        await asyncio.gather(*(one(i) for i in range(runs)))


async def main(runs: int) -> None:
    with fresh_database("_memory") as database_url, fresh_vhost("_memory") as amqp_url:
        workdir = Path(tempfile.mkdtemp(prefix="memory-"))
        try:
            with running_stack(
                workdir, database_url, amqp_url, SERVICE_TOKEN, RESUMEAI_LOG_LEVEL="WARNING"
            ) as stack:
                key = await new_api_key(database_url, "memory")
                await load(stack.gateway_target, key, runs)
                print(f"peak resident memory after {runs} tailorings and {2 * runs} exports:")
                for name, process in stack.procs.items():
                    kids = [peak_mib(kid) for kid in children(process.pid)]
                    print(f"  {name:14} {peak_mib(process.pid):5} MiB   children: {kids} MiB")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    asyncio.run(main(parser.parse_args().runs))

"""Tailor a resume to a job through the public API with the generated Python client.

    python examples/python_client.py --target 127.0.0.1:50051 --key "$(cat .run/dev-api-key)" \
        --resume examples/resume.txt --job examples/job.txt --out examples/out

What a calling service should do, in one place: the API key as `authorization` metadata, a
deadline on every call, a stable request_id so a retried StartTailoring returns the same run,
retries on UNAVAILABLE only (gRPC's retry policy), WatchTailorRun to follow the run, and
DownloadArtifact chunks checked against the sha256 the first chunk announces.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
import uuid
from pathlib import Path

import grpc

from resumeai.v1 import common_pb2, resume_builder_pb2, resume_builder_pb2_grpc

SERVICE_CONFIG = json.dumps(
    {
        "methodConfig": [
            {
                "name": [{"service": "resumeai.v1.ResumeBuilder"}],
                "retryPolicy": {
                    "maxAttempts": 4,
                    "initialBackoff": "0.2s",
                    "maxBackoff": "2s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE"],
                },
            }
        ]
    }
)
Auth = tuple[tuple[str, str], ...]
FORMATS: dict[str, common_pb2.DocumentFormat.ValueType] = {
    ".txt": common_pb2.DOCUMENT_FORMAT_TXT,
    ".docx": common_pb2.DOCUMENT_FORMAT_DOCX,
    ".pdf": common_pb2.DOCUMENT_FORMAT_PDF,
}


async def download(
    stub: resume_builder_pb2_grpc.ResumeBuilderAsyncStub, auth: Auth, artifact_id: str
) -> bytes:
    data, expected = bytearray(), ""
    async for chunk in stub.DownloadArtifact(
        resume_builder_pb2.DownloadArtifactRequest(id=artifact_id), metadata=auth, timeout=60
    ):
        expected = expected or chunk.sha256
        data += chunk.data
    if hashlib.sha256(data).hexdigest() != expected:
        raise RuntimeError("download corrupted: sha256 mismatch")
    return bytes(data)


async def export(
    stub: resume_builder_pb2_grpc.ResumeBuilderAsyncStub,
    auth: Auth,
    run_id: str,
    fmt: common_pb2.ExportFormat.ValueType,
) -> bytes:
    artifact = await stub.StartExport(
        resume_builder_pb2.StartExportRequest(
            request_id=f"{run_id}-{fmt}", run_id=run_id, format=fmt  # stable: retries dedupe
        ),
        metadata=auth,
        timeout=10,
    )
    for _ in range(240):
        artifact = await stub.GetArtifact(
            resume_builder_pb2.GetArtifactRequest(id=artifact.id), metadata=auth, timeout=10
        )
        if artifact.status == common_pb2.ARTIFACT_STATUS_SUCCEEDED:
            return await download(stub, auth, artifact.id)
        if artifact.status == common_pb2.ARTIFACT_STATUS_FAILED:
            raise RuntimeError(f"export failed: {artifact.error}")
        await asyncio.sleep(0.25)
    raise TimeoutError("export did not finish in time")


async def tailor(args: argparse.Namespace, resume: common_pb2.DocumentFile, job_text: str) -> int:
    auth: Auth = (("authorization", f"Bearer {args.key}"),)
    out = Path(args.out)
    options = [("grpc.service_config", SERVICE_CONFIG)]
    if args.ca:  # the gateway serves TLS (make run: a local CA)
        ca = await asyncio.to_thread(Path(args.ca).read_bytes)
        channel = grpc.aio.secure_channel(
            args.target, grpc.ssl_channel_credentials(ca), options=options
        )
    else:
        channel = grpc.aio.insecure_channel(args.target, options=options)
    async with channel:
        stub: resume_builder_pb2_grpc.ResumeBuilderAsyncStub = (
            resume_builder_pb2_grpc.ResumeBuilderStub(channel)
        )
        run = await stub.StartTailoring(
            resume_builder_pb2.StartTailoringRequest(
                request_id=args.request_id or str(uuid.uuid4()),
                resume_file=resume,
                job_text=job_text,
            ),
            metadata=auth,
            timeout=10,
        )
        print(f"run {run.id} accepted")
        async for update in stub.WatchTailorRun(
            resume_builder_pb2.WatchTailorRunRequest(id=run.id), metadata=auth, timeout=300
        ):
            print("status:", common_pb2.RunStatus.Name(update.status))
            run = update
        if run.status != common_pb2.RUN_STATUS_SUCCEEDED:
            print(f"run failed: {run.error}", file=sys.stderr)
            return 1
        print(f"score {run.score_before:.1f} -> {run.score_after:.1f}")
        for notice in run.notices:  # SUCCEEDED, but the result lacks something
            print("notice:", common_pb2.RunNotice.Name(notice))
        for bullet in run.result.bullets:
            print(f"  {bullet.id} {bullet.text}  [{', '.join(bullet.evidence_ids)}]")
        for fmt, suffix in ((common_pb2.EXPORT_FORMAT_PDF, "pdf"),
                            (common_pb2.EXPORT_FORMAT_DOCX, "docx")):
            content = await export(stub, auth, run.id, fmt)
            path = out / f"tailored-resume.{suffix}"
            await asyncio.to_thread(path.write_bytes, content)
            print(f"wrote {path}")
    return 0


def main(args: argparse.Namespace) -> int:
    resume_path = Path(args.resume)
    resume = common_pb2.DocumentFile(
        filename=resume_path.name,
        format=FORMATS[resume_path.suffix.lower()],
        content=resume_path.read_bytes(),
    )
    Path(args.out).mkdir(parents=True, exist_ok=True)
    return asyncio.run(tailor(args, resume, Path(args.job).read_text()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default="127.0.0.1:50051")
    parser.add_argument(
        "--ca", default="", help="CA of the gateway's TLS certificate (make run: .run/pki/ca.pem)"
    )
    parser.add_argument("--key", required=True, help="API key (make key)")
    parser.add_argument("--resume", required=True, help="TXT, DOCX or PDF file")
    parser.add_argument("--job", required=True, help="job description text file")
    parser.add_argument("--out", default="examples/out")
    parser.add_argument("--request-id", default="", help="idempotency key (default: random)")
    sys.exit(main(parser.parse_args()))

"""grpcurl against the running gateway: server reflection only, no .proto files."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.e2e.harness import Stack

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GRPCURL = shutil.which("grpcurl", path=str(Path(sys.executable).parent)) or "grpcurl"


def grpcurl(stack: Stack, *args: str, key: str | None = None, data: object | None = None) -> str:
    cmd = [GRPCURL, "-plaintext", "-max-time", "60"]
    if key:
        cmd += ["-H", f"authorization: Bearer {key}"]
    if data is not None:
        cmd += ["-d", "@"]
    cmd += [stack.gateway_target, *args]
    done = subprocess.run(
        cmd, input=json.dumps(data) if data is not None else None, capture_output=True,
        text=True, timeout=90, cwd="/",  # no .proto file anywhere near
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def stream(text: str) -> list[dict]:  # type: ignore[type-arg]
    decoder, pos, out = json.JSONDecoder(), 0, []
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        obj, pos = decoder.raw_decode(text, pos)
        out.append(obj)
    return out


def test_list_and_describe_without_proto_files(stack: Stack) -> None:
    services = grpcurl(stack, "list").split()
    assert "resumeai.v1.ResumeBuilder" in services
    assert "grpc.health.v1.Health" in services
    described = grpcurl(stack, "describe", "resumeai.v1.ResumeBuilder")
    for rpc in ("StartTailoring", "WatchTailorRun", "DownloadArtifact", "StartExport"):
        assert rpc in described


def test_tailor_watch_export_download_with_grpcurl(stack: Stack, api_key: str) -> None:
    resume = json.loads(grpcurl(
        stack, "resumeai.v1.ResumeBuilder/CreateResume", key=api_key,
        data={"displayName": "grpcurl", "text": (EXAMPLES / "resume.txt").read_text()},
    ))
    run = json.loads(grpcurl(
        stack, "resumeai.v1.ResumeBuilder/StartTailoring", key=api_key,
        data={"requestId": f"curl-{uuid.uuid4()}", "resumeId": resume["id"],
              "jobText": (EXAMPLES / "job.txt").read_text()},
    ))
    updates = stream(grpcurl(
        stack, "resumeai.v1.ResumeBuilder/WatchTailorRun", key=api_key, data={"id": run["id"]}
    ))
    assert updates[-1]["status"] == "RUN_STATUS_SUCCEEDED"
    bullets = updates[-1]["result"]["bullets"]
    assert 6 <= len(bullets) <= 12

    artifact = json.loads(grpcurl(
        stack, "resumeai.v1.ResumeBuilder/StartExport", key=api_key,
        data={"requestId": f"curl-x-{uuid.uuid4()}", "runId": run["id"],
              "format": "EXPORT_FORMAT_PDF"},
    ))
    import time

    for _ in range(120):
        current = json.loads(grpcurl(
            stack, "resumeai.v1.ResumeBuilder/GetArtifact", key=api_key, data={"id": artifact["id"]}
        ))
        if current["status"] in ("ARTIFACT_STATUS_SUCCEEDED", "ARTIFACT_STATUS_FAILED"):
            break
        time.sleep(0.5)
    assert current["status"] == "ARTIFACT_STATUS_SUCCEEDED", current
    chunks = stream(grpcurl(
        stack, "resumeai.v1.ResumeBuilder/DownloadArtifact", key=api_key,
        data={"id": artifact["id"]},
    ))
    pdf = b"".join(base64.b64decode(c.get("data", "")) for c in chunks)
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) == int(current["size_bytes"])

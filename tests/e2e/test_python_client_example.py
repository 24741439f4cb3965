"""examples/python_client.py works against the running stack (it is what callers copy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.harness import Stack

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def test_the_python_client_example_tailors_and_downloads(
    stack: Stack, api_key: str, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "python_client.py"),
         "--target", stack.gateway_target, "--key", api_key,
         "--resume", str(ROOT / "examples" / "resume.txt"),
         "--job", str(ROOT / "examples" / "job.txt"), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "status: RUN_STATUS_SUCCEEDED" in done.stdout
    assert (tmp_path / "tailored-resume.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "tailored-resume.docx").read_bytes().startswith(b"PK")

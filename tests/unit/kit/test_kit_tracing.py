"""kit.tracing with an in-memory exporter: a context injected into a carrier (metadata, job
headers) makes the next span a child in the same trace; log lines get the ids; off, nothing
is recorded or injected."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from kit import tracing


@pytest.fixture
def exported() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.use_tracer(provider.get_tracer("test"))
    yield exporter
    tracing.use_tracer(None)


def test_a_carried_context_joins_the_next_hop(exported: InMemorySpanExporter) -> None:
    headers: dict[str, str] = {}
    with tracing.span("gateway call", tracing.SpanKind.SERVER):
        tracing.tag("resumeai.run_id", "run-1")
        tracing.inject(headers)
        event = tracing.add_trace_ids(None, "info", {"event": "x"})
    assert "traceparent" in headers
    with tracing.span("tailor process", tracing.SpanKind.CONSUMER, carrier=headers) as span:
        assert span is not None
    first, second = exported.get_finished_spans()
    assert first.attributes == {"resumeai.run_id": "run-1"}
    assert second.context.trace_id == first.context.trace_id
    assert second.parent is not None and second.parent.span_id == first.context.span_id
    assert event["trace_id"] == format(first.context.trace_id, "032x")
    assert event["span_id"] == format(first.context.span_id, "016x")


def test_a_failed_call_is_an_error_span(exported: InMemorySpanExporter) -> None:
    with tracing.span("call", tracing.SpanKind.SERVER) as span:
        tracing.ended_with(span, "NOT_FOUND")
    [finished] = exported.get_finished_spans()
    assert finished.status.is_ok is False
    assert finished.attributes["rpc.grpc.status_code"] == "NOT_FOUND"


def test_off_nothing_is_recorded_or_injected() -> None:
    assert not tracing.enabled()
    headers: dict[str, str] = {}
    with tracing.span("call", tracing.SpanKind.SERVER) as span:
        tracing.inject(headers)
        assert span is None
    assert headers == {}
    assert tracing.add_trace_ids(None, "info", {"event": "x"}) == {"event": "x"}

"""Prometheus metrics of every service, defined in one place and served on a metrics port.

Names follow Prometheus conventions (base units, `_total` counters, `_seconds`
histograms). The gRPC server metrics use the names of go-grpc-prometheus
(`grpc_server_handled_total`, `grpc_server_handling_seconds`), so existing gRPC dashboards
and alerts read them unchanged; everything else is under `resumeai_`. Labels hold method
names, statuses, queues and providers: never an id or any document text, so cardinality
stays bounded and no personal data reaches a scrape.

prometheus-client serves the scrape from a thread of its own (`start_http_server`): the
scrape never waits on a service's event loop, and a busy loop does not hide its metrics.
"""

from __future__ import annotations

import threading
from wsgiref.simple_server import WSGIServer

from prometheus_client import Counter, Gauge, Histogram, start_http_server

# Latency buckets for calls and jobs alike: 1 ms to 2 min.
_SECONDS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)

# --- gRPC servers (kit.grpc_server, every service) ----------------------------------------

RPC_STARTED = Counter(
    "grpc_server_started",
    "RPCs started on the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
)
RPC_HANDLED = Counter(
    "grpc_server_handled",
    "RPCs completed on the server, by status code.",
    ["grpc_type", "grpc_service", "grpc_method", "grpc_code"],
)
RPC_SECONDS = Histogram(
    "grpc_server_handling_seconds",
    "Time from a call's start to its status, on the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
    buckets=_SECONDS,
)

# --- Queue workers (kit.worker, kit.broker, kit.jobflow) ----------------------------------

JOB_MESSAGES = Counter(
    "resumeai_job_messages",
    "Job messages settled, by outcome: acked, requeued (nacked for another delivery), "
    "dead_lettered (nacked on the last allowed delivery).",
    ["queue", "outcome"],
)
WORK_ITEMS = Counter(
    "resumeai_work_items",
    "Runs (queue tailor) and exports (queue export) a worker ended, by outcome: succeeded, "
    "failed (FAILED for good), skipped (not this delivery's to do: finished, deleted, "
    "or leased by another worker).",
    ["queue", "outcome"],
)
JOB_SECONDS = Histogram(
    "resumeai_job_seconds",
    "Time a worker spent on one job message, from delivery to ack or nack.",
    ["queue"],
    buckets=_SECONDS,
)
REDELIVERIES = Counter(
    "resumeai_job_redeliveries",
    "Job messages received again after an earlier delivery was not acked.",
    ["queue"],
)
QUEUE_MESSAGES = Gauge(
    "resumeai_queue_messages",
    "Messages ready in a queue, as the broker last reported to this worker.",
    ["queue"],
)
QUEUE_CONSUMERS = Gauge(
    "resumeai_queue_consumers",
    "Consumers of a queue, as the broker last reported to this worker.",
    ["queue"],
)

# --- Backlog (storage, read from the database every few seconds) ---------------------------

BACKLOG_ITEMS = Gauge(
    "resumeai_backlog_items",
    "Live runs (kind tailor) and exports (kind export) not yet finished, by status.",
    ["kind", "status"],
)
BACKLOG_OLDEST_QUEUED = Gauge(
    "resumeai_backlog_oldest_queued_seconds",
    "Age of the oldest live item still QUEUED (0 when none): how long work waits for a worker.",
    ["kind"],
)
OUTBOX_PENDING = Gauge(
    "resumeai_outbox_pending",
    "Outbox jobs not yet confirmed by the broker.",
)
OUTBOX_OLDEST_PENDING = Gauge(
    "resumeai_outbox_oldest_pending_seconds",
    "Age of the oldest outbox job not yet confirmed by the broker (0 when none).",
)

# --- Tailoring (tailor_worker) ------------------------------------------------------------

RUNS_REUSED = Counter(
    "resumeai_runs_reused",
    "Tailor runs answered from an earlier run's stored result (no engine, no provider).",
)
ENGINE_SECONDS = Histogram(
    "resumeai_engine_seconds",
    "Engine time of one tailor run (reading, analysis, guard, scoring), without the provider.",
    buckets=_SECONDS,
)
PROVIDER_CALLS = Counter(
    "resumeai_provider_calls",
    "Calls to a proposal provider, by outcome (ok, error).",
    ["provider", "outcome"],
)
PROVIDER_SECONDS = Histogram(
    "resumeai_provider_seconds",
    "Time a provider took to propose bullets.",
    ["provider"],
    buckets=_SECONDS,
)
PROVIDER_TOKENS = Counter(
    "resumeai_provider_tokens",
    "Tokens a provider billed, by kind (prompt, completion).",
    ["provider", "kind"],
)
PROVIDER_COST = Counter(
    "resumeai_provider_cost_usd",
    "What the provider calls cost, in US dollars.",
    ["provider"],
)

# --- Exports (export_worker) --------------------------------------------------------------

RENDER_SECONDS = Histogram(
    "resumeai_render_seconds",
    "Time to render one export, by format.",
    ["format"],
    buckets=_SECONDS,
)

# --- Work accepted (gateway) --------------------------------------------------------------

RUNS_ACCEPTED = Counter(
    "resumeai_runs_accepted",
    "StartTailoring calls that created a run (replays of a request id are not counted).",
)
EXPORTS_ACCEPTED = Counter(
    "resumeai_exports_accepted",
    "StartExport calls that created an export (replays of a request id are not counted).",
)
RUN_CREATE_BATCH = Histogram(
    "resumeai_run_create_batch_size",
    "Starts per Storage.CreateTailorRuns call the gateway sent (its coalesced creates; a "
    "start sent alone is not counted here).",
    buckets=(1, 2, 4, 8, 16, 32, 64),
)
PUBLISHES_DEFERRED = Counter(
    "resumeai_outbox_publishes_deferred",
    "Accepted jobs the gateway left to its outbox relay instead of publishing at once, by "
    "reason: backlog (too many publishes awaiting the broker's confirm), broker (refused, "
    "unreachable or timed out).",
    ["reason"],
)


def split_method(full_method: str) -> tuple[str, str]:
    """("pkg.Service", "Method") of "/pkg.Service/Method"."""
    _, _, rest = full_method.partition("/")
    service, _, method = rest.partition("/")
    return service, method


class MetricsServer:
    """The scrape endpoint (`/metrics`) of this process, on its own thread."""

    def __init__(self, server: WSGIServer, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def serve_metrics(port: int | None, host: str = "127.0.0.1") -> MetricsServer | None:
    """Starts the scrape endpoint on `port` (0: a free one); None: metrics are not served."""
    if port is None:
        return None
    server, thread = start_http_server(port, addr=host)
    return MetricsServer(server, thread)

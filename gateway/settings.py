"""Gateway configuration (RESUMEAI_* environment variables)."""

from __future__ import annotations

from pydantic import Field

from kit import limits
from kit.settings import BrokerSettings


class GatewaySettings(BrokerSettings):
    """The public gRPC surface: port, request limits, watch polling and the outbox relay."""

    gateway_port: int = Field(50051, ge=0, le=65535)
    # Loopback by default: the address to listen on is a choice (the container image sets
    # 0.0.0.0, behind its own network boundary).
    gateway_host: str = "127.0.0.1"
    # TLS on the public port: certificate chain and key (PEM). Both or neither; `make run`
    # makes local ones (kit/tls.py).
    gateway_tls_cert_file: str = ""
    gateway_tls_key_file: str = ""

    # Request limits, checked before anything reaches storage.
    max_resume_chars: int = Field(200_000, ge=1)
    max_job_chars: int = Field(100_000, ge=1)
    max_file_bytes: int = Field(5 * 1024 * 1024, ge=1)
    max_name_chars: int = Field(200, ge=1)

    # WatchTailorRun reads a watched run when storage says it changed, and at least every
    # watch_resync_s; while storage's change feed is down it polls every watch_poll_s.
    watch_poll_s: float = Field(0.2, gt=0, le=10)
    watch_resync_s: float = Field(30.0, gt=0, le=3600)
    # Finished runs GetTailorRun answered are kept up to this many bytes and answered again
    # without asking storage, while storage's change feed is live (gateway/finished_runs.py);
    # 0 turns it off.
    finished_run_cache_bytes: int = Field(64 * 1024 * 1024, ge=0)
    # Outbox relay: tick length, and how old a pending job must be before the relay takes it
    # (gives the inline publish time to confirm, so the relay rarely duplicates it).
    relay_interval_s: float = Field(2.0, gt=0, le=300)
    relay_min_age_ms: int = Field(3000, ge=0)
    # StartTailoring calls that name stored documents and arrive while run_creates_in_flight
    # storage creates are pending wait and go together, up to run_create_batch a call, in
    # one Storage.CreateTailorRuns (gateway/run_creates.py): one storage round trip for many
    # callers under load, none added when idle. A batch of 1 turns it off.
    run_create_batch: int = Field(limits.MAX_RUNS_PER_BATCH, ge=1, le=limits.MAX_RUNS_PER_BATCH)
    run_creates_in_flight: int = Field(2, ge=1, le=64)
    # How long a positive API key lookup is cached (revocation takes at most this long).
    auth_cache_ttl_s: float = Field(30, ge=0, le=3600)
    # After SIGTERM, how long health answers NOT_SERVING while calls are still served, so
    # load balancers and probes route new callers elsewhere before the port closes.
    # Calls served at once by one gateway, counted once the key is verified; more get
    # RESOURCE_EXHAUSTED (retry with backoff). Each owner's share of them is capped too.
    max_concurrent_rpcs: int = Field(1000, ge=1, le=100_000)
    max_calls_per_owner: int = Field(64, ge=1, le=100_000)
    max_streams_per_owner: int = Field(16, ge=1, le=100_000)
    # A watch ends after this long (OK, on the last status sent); the caller watches again.
    max_watch_s: float = Field(600, gt=0, le=86_400)
    # Before authentication a caller costs little: HTTP/2 streams per connection, and how long
    # a call's request message may take to arrive once its key is verified.
    max_streams_per_connection: int = Field(100, ge=1, le=10_000)
    receive_timeout_s: float = Field(10, gt=0, le=600)
    # Lookups of keys not seen valid lately, at once (a flood of made-up keys waits for these
    # and never delays a known key), and how long one waits for a lane before UNAVAILABLE.
    auth_unknown_lookups: int = Field(16, ge=1, le=10_000)
    auth_unknown_lookups_per_s: float = Field(50, gt=0, le=100_000)
    auth_lane_wait_s: float = Field(1.0, gt=0, le=60)
    # A key storage refused is refused again without asking for this long.
    auth_refused_ttl_s: float = Field(5, ge=0, le=3600)
    drain_delay_s: float = Field(1.0, ge=0, le=60)

"""tailor_worker configuration (RESUMEAI_* environment variables)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from kit.worker import WorkerSettings


class TailorWorkerSettings(WorkerSettings):
    # Provider used when a run does not name one.
    default_provider: str = Field("offline", pattern="^(offline|openai)$")
    # OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp); empty key disables it.
    openai_base_url: str | None = None
    openai_api_key: SecretStr = SecretStr("")
    openai_model: str = "gpt-4o-mini"
    # How the answer's JSON shape is asked for: "json_schema" (OpenAI), "json_object" (JSON
    # mode with the schema beside it: llama.cpp's server), "none" (prompt only).
    openai_structured_output: str = Field("json_schema", pattern="^(json_schema|json_object|none)$")
    # DOCX / PDF uploads are parsed in a child process with these limits (kit/isolated_extract).
    extract_timeout_s: float = Field(20.0, gt=0, le=300)
    # CPU time one run's engine may use (parse, analysis, ranking, guard, tailoring); past it
    # the run FAILS with a message saying so. A normal run uses well under a second.
    run_cpu_s: float = Field(60.0, gt=0, le=3600)
    extract_memory_mb: int = Field(1024, ge=128, le=16384)
    # Other models a run may ask for by name (comma-separated in the environment: JSON list).
    openai_allowed_models: list[str] = Field(default_factory=list)
    openai_timeout_s: float = Field(60.0, gt=0)
    # Fixed seed sent with every request (part of the run identity).
    openai_seed: int = 7
    # Attempts per provider call on 429 / 5xx / timeouts, and the first backoff; after the
    # last attempt the message is requeued (ProviderUnavailable).
    openai_max_attempts: int = Field(4, ge=1, le=10)
    openai_backoff_s: float = Field(1.0, ge=0, le=60)

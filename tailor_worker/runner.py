"""Picks the provider for a run, runs the engine and stamps the prompt used.

The engine itself is pure; this is the worker's glue: configuration, provider choice, the
run identity the result cache keys on, and the fault-injection delay the crash tests use to
catch a run mid-flight.

Errors for the worker: EngineError subclasses (EngineInputError, ProviderError, ...) are
permanent and fail the run; ProviderUnavailable is transient and lets the message requeue.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from kit import limits
from kit.budget import CpuBudget
from kit.logging import get_logger
from resumeai.v1 import common_pb2, result_pb2
from tailor_worker import reuse
from tailor_worker.engine import offline
from tailor_worker.engine.errors import EngineError
from tailor_worker.engine.pipeline import ENGINE_VERSION, canonical_json, clamp_bullets
from tailor_worker.providers.base import Provider
from tailor_worker.providers.offline import OfflineProvider
from tailor_worker.providers.openai_provider import (
    OpenAIConfig,
    OpenAIProvider,
    parameters,
)
from tailor_worker.providers.prompts import load_prompt
from tailor_worker.settings import TailorWorkerSettings
from tailor_worker.tailoring import IN_THREADS, Steps, tailor

log = get_logger(__name__)

_MAX_MODEL_NAME = 200


class EngineInputError(EngineError):
    """The run cannot be computed with these inputs or options; the message is user-safe."""


class TailorRunner:
    def __init__(self, settings: TailorWorkerSettings, steps: Steps = IN_THREADS) -> None:
        """`steps`: where the engine's CPU-bound steps run (the worker passes its child
        process, `tailor_worker/engine_process.py`)."""
        self._settings = settings
        self._steps = steps
        self._offline = OfflineProvider()
        self._openai: dict[str, OpenAIProvider] = {}  # one client per model, reused

    def _name(self, options: common_pb2.TailorOptions) -> str:
        name = options.provider or self._settings.default_provider
        if name not in limits.PROVIDERS:
            raise EngineInputError(f"unknown provider {name[:40]!r}")
        return name

    def _openai_config(self, options: common_pb2.TailorOptions) -> OpenAIConfig:
        s = self._settings
        model = options.model or s.openai_model
        if len(model) > _MAX_MODEL_NAME:
            raise EngineInputError("the model name is too long")
        # Callers pick among what the operator pays for, never an arbitrary (costly) model.
        allowed = {s.openai_model, *s.openai_allowed_models}
        if model not in allowed:
            raise EngineInputError(
                f"model {model[:40]!r} is not enabled on this deployment "
                "(RESUMEAI_OPENAI_ALLOWED_MODELS)"
            )
        return OpenAIConfig(
            model=model,
            api_key=s.openai_api_key.get_secret_value(),
            base_url=s.openai_base_url or None,
            timeout_s=s.openai_timeout_s,
            seed=s.openai_seed,
            max_attempts=s.openai_max_attempts,
            backoff_s=s.openai_backoff_s,
            structured_output=s.openai_structured_output,
        )

    def _check_offline(self, options: common_pb2.TailorOptions) -> None:
        if options.model and options.model != offline.MODEL:
            raise EngineInputError("the offline provider has no model to choose")

    def provider_for(self, options: common_pb2.TailorOptions) -> Provider:
        if self._name(options) == "offline":
            self._check_offline(options)
            return self._offline
        config = self._openai_config(options)
        if not config.api_key:
            raise EngineInputError(
                "the openai provider is not configured on this deployment "
                "(RESUMEAI_OPENAI_API_KEY is not set)"
            )
        provider = self._openai.get(config.model)
        if provider is None:
            provider = self._openai[config.model] = OpenAIProvider(config)
        return provider

    def identity(self, options: common_pb2.TailorOptions) -> tuple[str, str, str]:
        """(provider, model, canonical parameters JSON) of a run with these options: exactly
        what the result's metadata.provider / model / parameters_json will hold. Together
        with the prompt sha, engine version and input hashes it identifies a result."""
        bullets = clamp_bullets(options.max_bullets or limits.DEFAULT_BULLETS)
        if self._name(options) == "offline":
            self._check_offline(options)
            return "offline", offline.MODEL, canonical_json(offline.parameters(bullets))
        config = self._openai_config(options)
        return "openai", config.model, canonical_json(parameters(config, bullets))

    def cache_key(
        self,
        options: common_pb2.TailorOptions,
        *,
        resume_format: int,
        resume_content: bytes,
        job_text: str,
    ) -> str:
        """The reproducibility key of a run: from the same identity, prompt and engine version
        that `run` stamps into the result's metadata."""
        provider, model, parameters = self.identity(options)
        return reuse.cache_key(
            engine_version=ENGINE_VERSION,
            prompt_sha256=load_prompt().sha256,
            provider=provider,
            model=model,
            parameters_json=parameters,
            resume_format=resume_format,
            resume_content=resume_content,
            job_text=job_text,
            day=date.today().isoformat(),
        )

    async def run(
        self,
        resume_lines: list[str],
        job_text: str,
        *,
        options: common_pb2.TailorOptions,
        extraction_warnings: list[str],
    ) -> result_pb2.TailoringResult:
        provider = self.provider_for(options)
        prompt = load_prompt()
        result = await tailor(
            resume_lines,
            job_text,
            provider=provider,
            max_bullets=options.max_bullets or limits.DEFAULT_BULLETS,
            extraction_warnings=extraction_warnings,
            budget=CpuBudget(self._settings.run_cpu_s, "tailoring this resume to this job"),
            steps=self._steps,
        )
        result.metadata.prompt_version = prompt.version
        result.metadata.prompt_sha256 = prompt.sha256
        log_guard(result)
        return result


def guard_counts(result: result_pb2.TailoringResult) -> dict[str, object]:
    """What the guard did, as counts only: per action, per rule that refused something, and
    the offline bullets that stood in for a model's. Neither the proposed text nor the
    resume: both may carry personal data."""
    actions: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for finding in result.guard:
        actions[result_pb2.GuardAction.Name(finding.action).removeprefix("GUARD_ACTION_")] += 1
        rules.update(finding.rules)
    stand_ins = 0
    if result.metadata.provider != "offline":
        stand_ins = sum(1 for b in result.bullets if b.proposed_by == "offline")
    return {"actions": dict(actions), "rules": dict(rules), "stand_ins": stand_ins}


def log_guard(result: result_pb2.TailoringResult) -> None:
    counts = guard_counts(result)
    log.info("guard.findings", provider=result.metadata.provider, **counts)

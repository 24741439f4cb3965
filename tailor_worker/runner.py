"""Picks the provider for a run, runs the engine and stamps the prompt used.

The engine itself is pure; this is the worker's glue: configuration, provider choice, and
the fault-injection delay the crash tests use to catch a run mid-flight.
"""

from __future__ import annotations

import asyncio

from resumeai.v1 import common_pb2, result_pb2
from tailor_worker.engine.errors import EngineError
from tailor_worker.engine.pipeline import tailor
from tailor_worker.engine.prompts import load_prompt
from tailor_worker.engine.providers.base import Provider
from tailor_worker.engine.providers.offline import OfflineProvider
from tailor_worker.settings import TailorWorkerSettings

DEFAULT_BULLETS = 8


class EngineInputError(EngineError):
    """The run cannot be computed with these inputs or options; the message is user-safe."""


class TailorRunner:
    def __init__(self, settings: TailorWorkerSettings) -> None:
        self._settings = settings
        self._offline = OfflineProvider()

    def provider_for(self, options: common_pb2.TailorOptions) -> Provider:
        name = options.provider or self._settings.default_provider
        if name == "offline":
            return self._offline
        if name == "openai":
            raise EngineInputError("the openai provider is not configured on this deployment")
        raise EngineInputError(f"unknown provider {name!r}")

    async def run(
        self,
        resume_lines: list[str],
        job_text: str,
        *,
        options: common_pb2.TailorOptions,
        extraction_warnings: list[str],
    ) -> result_pb2.TailoringResult:
        provider = self.provider_for(options)
        if self._settings.fault_compute_delay_s:
            await asyncio.sleep(self._settings.fault_compute_delay_s)
        prompt = load_prompt()
        result = await tailor(
            resume_lines,
            job_text,
            provider=provider,
            max_bullets=options.max_bullets or DEFAULT_BULLETS,
            extraction_warnings=extraction_warnings,
        )
        result.metadata.prompt_version = prompt.version
        result.metadata.prompt_sha256 = prompt.sha256
        return result

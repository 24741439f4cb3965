"""TailorRunner with the openai provider: configuration, and the run identity the result
cache keys on being exactly what the stored metadata holds."""

from __future__ import annotations

import json

import pytest
import structlog
from pydantic import SecretStr

from resumeai.v1 import common_pb2
from tailor_worker.providers.prompts import load_prompt
from tailor_worker.runner import EngineInputError, TailorRunner
from tailor_worker.settings import TailorWorkerSettings
from tests.integration.openai.conftest import JOB, RESUME_LINES
from tests.integration.openai.fake_server import FakeOpenAI, answer

GOOD = answer(("Containerised 12 services with Docker", ["W2.2"], ["Docker"]))


def settings(fake: FakeOpenAI, key: str = "sk-test-key") -> TailorWorkerSettings:
    return TailorWorkerSettings(
        service_token="x" * 20,
        openai_base_url=fake.url,
        openai_api_key=SecretStr(key),
        openai_timeout_s=2,
        openai_backoff_s=0.01,
        openai_allowed_models=["gpt-4.1-mini", "gpt-4o"],
    )


@pytest.mark.parametrize(
    "options",
    [
        common_pb2.TailorOptions(provider="openai"),
        common_pb2.TailorOptions(provider="openai", model="gpt-4.1-mini", max_bullets=20),
        common_pb2.TailorOptions(),  # default provider: offline
        common_pb2.TailorOptions(provider="offline", max_bullets=3),
    ],
)
async def test_identity_is_what_the_metadata_holds(
    fake: FakeOpenAI, options: common_pb2.TailorOptions
) -> None:
    runner = TailorRunner(settings(fake))
    fake.reset(GOOD)
    identity = runner.identity(options)
    result = await runner.run(RESUME_LINES, JOB, options=options, extraction_warnings=[])
    meta = result.metadata
    assert identity == (meta.provider, meta.model, meta.parameters_json)
    assert json.dumps(json.loads(identity[2]), sort_keys=True, separators=(",", ":")) == identity[2]
    assert (meta.prompt_version, meta.prompt_sha256) == (
        load_prompt().version,
        load_prompt().sha256,
    )
    if options.provider == "openai":
        assert fake.requests[0]["model"] == identity[1]


def test_identity_changes_with_what_changes_the_answer(fake: FakeOpenAI) -> None:
    runner = TailorRunner(settings(fake))
    base = runner.identity(common_pb2.TailorOptions(provider="openai"))
    assert base[:2] == ("openai", "gpt-4o-mini")
    assert runner.identity(common_pb2.TailorOptions(provider="openai", model="gpt-4o")) != base
    assert runner.identity(common_pb2.TailorOptions(provider="openai", max_bullets=6)) != base
    other_seed = TailorRunner(settings(fake).model_copy(update={"openai_seed": 8}))
    assert other_seed.identity(common_pb2.TailorOptions(provider="openai")) != base
    # 0 and 8 bullets are the same run.
    assert runner.identity(common_pb2.TailorOptions(provider="openai", max_bullets=8)) == base


def test_openai_without_a_key_is_a_clear_input_error(fake: FakeOpenAI) -> None:
    runner = TailorRunner(settings(fake, key=""))
    with pytest.raises(EngineInputError, match="RESUMEAI_OPENAI_API_KEY"):
        runner.provider_for(common_pb2.TailorOptions(provider="openai"))


def test_unknown_provider_and_offline_model_are_refused(fake: FakeOpenAI) -> None:
    runner = TailorRunner(settings(fake))
    with pytest.raises(EngineInputError, match="unknown provider"):
        runner.identity(common_pb2.TailorOptions(provider="anthropic"))
    with pytest.raises(EngineInputError, match="offline provider has no model"):
        runner.provider_for(common_pb2.TailorOptions(provider="offline", model="gpt-4o"))


def test_a_model_the_operator_did_not_enable_is_refused(fake: FakeOpenAI) -> None:
    runner = TailorRunner(settings(fake))
    with pytest.raises(EngineInputError, match="not enabled"):
        runner.provider_for(common_pb2.TailorOptions(provider="openai", model="o1-pro"))


async def test_guard_findings_are_logged_as_counts_without_text(fake: FakeOpenAI) -> None:
    runner = TailorRunner(settings(fake))
    lie = "Containerised 12 services with Docker for Globex Bank in Zürich"
    fake.reset(answer(("Containerised 12 services with Docker", ["W2.2"]), (lie, ["W2.2"])))
    with structlog.testing.capture_logs() as logs:
        await runner.run(
            RESUME_LINES,
            JOB,
            options=common_pb2.TailorOptions(provider="openai"),
            extraction_warnings=[],
        )
    event = next(e for e in logs if e["event"] == "guard.findings")
    # The offline bullets that stand in are guarded and counted too.
    assert event["stand_ins"] > 0
    assert event["actions"] == {"KEPT": 1 + event["stand_ins"], "DROPPED": 1}
    assert event["rules"]["name"] == 1
    flat = json.dumps(logs, default=str)
    for private in ("Globex", "Zürich", "Containerised", "Docker"):
        assert private not in flat

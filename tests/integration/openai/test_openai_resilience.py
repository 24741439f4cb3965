"""The openai provider's transport: request shape, retries on 429 / timeouts / 5xx, one
repair attempt for invalid answers, and the transient vs permanent error contract."""

from __future__ import annotations

import json
from datetime import date

import pytest

from resumeai.v1 import result_pb2
from tailor_worker.engine.errors import EngineError
from tailor_worker.providers.answer_schema import ANSWER_SCHEMA, ANSWER_SCHEMA_NAME
from tailor_worker.providers.errors import ProviderError, ProviderUnavailable
from tailor_worker.providers.openai_provider import (
    GRAMMAR_SCHEMA,
    OpenAIProvider,
    response_format,
)
from tailor_worker.providers.prompts import load_prompt
from tailor_worker.tailoring import tailor
from tests.integration.openai.conftest import (
    CLIENT_TIMEOUT_S,
    JOB,
    MAX_ATTEMPTS,
    RESUME_LINES,
    config,
)
from tests.integration.openai.fake_server import FakeOpenAI, Step, answer

GOOD = answer(("Containerised 12 services with Docker", ["W2.2"], ["Docker"]))
TODAY = date(2025, 6, 1)


def _from_model(result: result_pb2.TailoringResult) -> list[str]:
    """The model's bullets (the offline stand-ins follow them)."""
    return [b.text for b in result.bullets if b.proposed_by == "openai"]


async def test_request_is_strict_deterministic_and_keeps_data_apart(
    fake: FakeOpenAI, provider: OpenAIProvider
) -> None:
    fake.reset(GOOD)
    result = await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert _from_model(result) == ["Containerised 12 services with Docker"]
    (body,) = fake.requests
    assert fake.headers[0]["authorization"] == "Bearer sk-test-key"
    assert body["model"] == "gpt-4o-mini"
    assert body["temperature"] == 0
    assert body["seed"] == 11
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": ANSWER_SCHEMA_NAME, "strict": True, "schema": ANSWER_SCHEMA},
    }
    system, user = body["messages"]
    assert system == {"role": "system", "content": load_prompt().text}
    assert user["role"] == "user"
    head, _, rest = user["content"].partition("<<<DATA\n")
    data_text, _, tail = rest.partition("\nDATA>>>")
    assert tail == "" and "never instructions" in head
    data = json.loads(data_text)
    assert {e["id"] for e in data["evidence"]} >= {"W1.1", "W2.2", "E1.1"}
    assert data["bullets_wanted"] == 8
    assert "Kafka" in data["job_keywords"]


async def test_429_is_retried_then_succeeds(fake: FakeOpenAI, provider: OpenAIProvider) -> None:
    fake.reset(Step(status=429, content="rate limited"), GOOD)
    result = await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert len(fake.requests) == 2
    assert fake.requests[0] == fake.requests[1]  # the very same request again
    assert len(_from_model(result)) == 1
    assert result.metadata.prompt_tokens == 100  # the 429 carried no usage


async def test_timeout_is_retried_then_succeeds(fake: FakeOpenAI, provider: OpenAIProvider) -> None:
    fake.reset(Step(content=GOOD.content, delay_s=CLIENT_TIMEOUT_S * 3), GOOD)
    result = await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert len(fake.requests) == 2
    assert len(_from_model(result)) == 1


async def test_5xx_until_the_last_attempt_is_transient(
    fake: FakeOpenAI, provider: OpenAIProvider
) -> None:
    fake.reset(*(Step(status=503) for _ in range(MAX_ATTEMPTS)), GOOD)
    with pytest.raises(ProviderUnavailable, match=rf"after {MAX_ATTEMPTS} attempts \(HTTP 503"):
        await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert len(fake.requests) == MAX_ATTEMPTS
    # The worker tells it apart from permanent failures by type.
    assert not issubclass(ProviderUnavailable, EngineError)


async def test_connection_refused_is_transient(fake: FakeOpenAI) -> None:
    provider = OpenAIProvider(config(fake, base_url="http://127.0.0.1:9/v1"))
    with pytest.raises(ProviderUnavailable, match="connection error"):
        await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)


@pytest.mark.parametrize("status", [400, 401, 404])
async def test_other_4xx_are_permanent_and_not_retried(
    fake: FakeOpenAI, provider: OpenAIProvider, status: int
) -> None:
    fake.reset(Step(status=status), GOOD)
    with pytest.raises(ProviderError, match=f"HTTP {status}"):
        await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert len(fake.requests) == 1


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param('{"bullets": [{"text": "Containerised', id="invalid-json"),
        pytest.param(
            '{"bullets": [{"text": "x", "evidence_ids": "W2.2", "keywords": []}]}',
            id="ids-not-an-array",
        ),
        pytest.param(
            '{"bullets": [{"text": "x", "evidence_ids": ["W2.2"]}]}', id="missing-keywords"
        ),
        pytest.param('{"answer": "ignore the schema"}', id="wrong-object"),
        pytest.param("", id="empty"),
    ],
)
async def test_invalid_answer_gets_one_repair_attempt(
    fake: FakeOpenAI, provider: OpenAIProvider, bad: str
) -> None:
    fake.reset(Step(content=bad), GOOD)
    result = await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert _from_model(result) == ["Containerised 12 services with Docker"]
    first, second = fake.requests
    assert first["messages"] == second["messages"][:2]
    assert "rejected" in second["messages"][2]["content"]
    assert bad[:20] not in second["messages"][2]["content"] or not bad  # not echoed back
    # Both calls are paid for.
    assert (result.metadata.prompt_tokens, result.metadata.completion_tokens) == (200, 40)


async def test_invalid_twice_is_a_clear_permanent_error(
    fake: FakeOpenAI, provider: OpenAIProvider
) -> None:
    fake.reset(Step(content="not json"), Step(content="{still not json"), GOOD)
    with pytest.raises(ProviderError, match=r"invalid answer twice .*not valid JSON"):
        await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert len(fake.requests) == 2


async def test_a_refusal_is_an_invalid_answer(fake: FakeOpenAI, provider: OpenAIProvider) -> None:
    fake.reset(Step(content="", refusal="I can't help"), Step(content="", refusal="no"))
    with pytest.raises(ProviderError, match="refused"):
        await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)


async def test_unpriced_model_costs_zero(fake: FakeOpenAI) -> None:
    provider = OpenAIProvider(config(fake, model="llama3.1:8b"))
    fake.reset(GOOD)
    result = await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert result.metadata.model == "llama3.1:8b"
    assert result.metadata.cost_micro_usd == 0
    assert result.metadata.prompt_tokens == 100


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        ("json_object", {"type": "json_object", "schema": GRAMMAR_SCHEMA}),  # llama.cpp's server
        ("none", None),
    ],
)
async def test_the_structured_output_dialect_is_a_setting(
    fake: FakeOpenAI, dialect: str, expected: dict[str, object] | None
) -> None:
    fake.reset(GOOD)
    provider = OpenAIProvider(config(fake, structured_output=dialect))
    result = await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert _from_model(result) == ["Containerised 12 services with Docker"]
    (body,) = fake.requests
    assert body.get("response_format") == expected
    assert json.loads(result.metadata.parameters_json)["structured_output"] == dialect


def test_the_grammar_schema_asks_for_a_proposal_and_nothing_else() -> None:
    bullets = GRAMMAR_SCHEMA["properties"]["bullets"]
    assert bullets["minItems"] == 1
    assert bullets["items"]["properties"]["evidence_ids"]["minItems"] == 1
    assert "minItems" not in ANSWER_SCHEMA["properties"]["bullets"]  # OpenAI's strict mode


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown structured-output dialect"):
        response_format("xml")

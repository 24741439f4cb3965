"""The openai provider against a local scripted server: a lying model cannot get an invented
claim into the result, and every dropped or repaired bullet is reported with its reasons."""

from __future__ import annotations

from datetime import date

import pytest

from resumeai.v1 import result_pb2
from tailor_worker.providers.openai_provider import OpenAIProvider
from tailor_worker.tailoring import tailor
from tests.integration.openai.conftest import JOB, RESUME_LINES
from tests.integration.openai.fake_server import FakeOpenAI, answer

HONEST = (
    "Designed Python gRPC microservices on Kubernetes handling 40 million requests per day",
    ["W1.1"],
    ["Python", "gRPC", "Kubernetes"],
)
TODAY = date(2025, 6, 1)

# (proposed bullet, cited ids, words that must never reach a bullet, expected reason prefix)
LIES = [
    pytest.param(
        "Migrated the order pipeline from cron jobs to Kafka and RabbitMQ workers, cutting "
        "delivery latency by 35%",
        ["W1.2"],
        ["Kafka"],
        "tool: Kafka",
        id="tool-the-resume-lacks",
    ),
    pytest.param(
        "Certified Kubernetes Administrator who designed Python gRPC microservices handling 40 "
        "million requests per day",
        ["W1.1"],
        ["Certified Kubernetes Administrator", "CKA"],
        "certification: Certified Kubernetes Administrator",
        id="invented-certification",
    ),
    pytest.param(
        "Brings 10+ years of experience tuning PostgreSQL queries and indexes",
        ["W1.4"],
        ["10+ years"],
        "duration: 10+ years",
        id="ten-plus-years",
    ),
    pytest.param(
        "Migrated the order pipeline to RabbitMQ workers, cutting delivery latency by 85%",
        ["W1.2"],
        ["85%"],
        "figure: 85%",
        id="inflated-metric",
    ),
    pytest.param(
        "Led a team of 4 engineers at Google and introduced code review with GitHub Actions",
        ["W1.3"],
        ["Google"],
        "name: Google",
        id="made-up-employer",
    ),
    pytest.param(
        "Applied a Master's degree in Computer Science to build REST APIs in Python and Flask",
        ["W2.1"],
        ["Master"],
        "degree:",
        id="degree",
    ),
]


def _all_bullet_text(result: result_pb2.TailoringResult) -> str:
    return "\n".join(b.text for b in result.bullets)


@pytest.mark.parametrize(("text", "ids", "forbidden", "reason"), LIES)
async def test_a_lie_never_reaches_the_bullets(
    fake: FakeOpenAI,
    provider: OpenAIProvider,
    text: str,
    ids: list[str],
    forbidden: list[str],
    reason: str,
) -> None:
    fake.reset(answer(HONEST, (text, ids)))
    result = await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)

    evidence = {line.id: line.text for line in result.resume.evidence}
    for word in forbidden:
        assert word.lower() not in _all_bullet_text(result).lower()
    finding = next(f for f in result.guard if f.proposed_text == text)
    assert finding.action in (result_pb2.GUARD_ACTION_REPAIRED, result_pb2.GUARD_ACTION_DROPPED)
    assert any(u.startswith(reason) for u in finding.unsupported), list(finding.unsupported)
    if finding.action == result_pb2.GUARD_ACTION_REPAIRED:
        repaired = next(b for b in result.bullets if b.id == finding.bullet_id)
        # Repaired means replaced by a cited evidence line, word for word.
        assert repaired.text == evidence[repaired.evidence_ids[0]]
        assert set(repaired.evidence_ids) <= set(ids)
    # The honest bullet passes untouched.
    assert result.bullets[0].text == HONEST[0]
    assert result.guard[0].action == result_pb2.GUARD_ACTION_KEPT
    # Coverage after is computed on the guarded bullets: nothing the lie named is found.
    after = {k.keyword: k for k in result.coverage_after.keywords}
    for keyword in ("Kafka", "CKA", "10+ years experience", "Master's degree"):
        assert not after[keyword].found


async def test_unknown_and_missing_evidence_ids_are_dropped(
    fake: FakeOpenAI, provider: OpenAIProvider
) -> None:
    fake.reset(
        answer(
            HONEST, ("Ran Terraform on AWS for 30 teams", ["W9.9"]), ("Wrote Kafka consumers", [])
        )
    )
    result = await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    assert [b.text for b in result.bullets if b.proposed_by == "openai"] == [HONEST[0]]
    # The offline bullets stand in for the lines the model's kept bullet does not cover.
    stand_ins = [b for b in result.bullets if b.proposed_by == "offline"]
    assert stand_ins and all(b.evidence_ids != ["W1.1"] for b in stand_ins)
    assert [b.proposed_by for b in result.bullets] == ["openai"] + ["offline"] * len(stand_ins)
    dropped = [f for f in result.guard if f.action == result_pb2.GUARD_ACTION_DROPPED]
    assert len(dropped) == 2
    assert any("unknown id W9.9" in u for u in dropped[0].unsupported)
    assert any("no evidence ids" in u for u in dropped[1].unsupported)


async def test_metadata_records_usage_cost_and_parameters(
    fake: FakeOpenAI, provider: OpenAIProvider
) -> None:
    fake.reset(answer(HONEST))
    result = await tailor(RESUME_LINES, JOB, provider=provider, today=TODAY)
    meta = result.metadata
    assert (meta.provider, meta.model) == ("openai", "gpt-4o-mini")
    assert (meta.prompt_tokens, meta.completion_tokens) == (100, 20)
    # gpt-4o-mini: 0.15 USD / 1M input, 0.60 USD / 1M output -> 15 + 12 micro-USD.
    assert meta.cost_micro_usd == 27
    assert meta.parameters_json == (
        '{"answer_schema":"tailored_bullets_v1","max_bullets":8,"seed":11,'
        '"structured_output":"json_schema","temperature":0.0}'
    )

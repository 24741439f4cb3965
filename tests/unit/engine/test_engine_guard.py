"""The guard: a lying provider cannot get a fabricated claim into the result."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from resumeai.v1 import result_pb2
from tailor_worker.engine.guard import find_unsupported
from tailor_worker.engine.pipeline import tailor
from tailor_worker.engine.providers.base import (
    ProposalRequest,
    ProposalResponse,
    ProposedBullet,
)

if TYPE_CHECKING:
    from .conftest import Samples

KEPT = result_pb2.GUARD_ACTION_KEPT
REPAIRED = result_pb2.GUARD_ACTION_REPAIRED
DROPPED = result_pb2.GUARD_ACTION_DROPPED


class LyingProvider:
    """Implements the Provider protocol with canned, partly fabricated proposals."""

    def __init__(self, bullets: list[ProposedBullet]) -> None:
        self.bullets = bullets
        self.requests: list[ProposalRequest] = []

    @property
    def name(self) -> str:
        return "liar"

    async def propose(self, request: ProposalRequest) -> ProposalResponse:
        self.requests.append(request)
        return ProposalResponse(
            bullets=tuple(self.bullets), model="liar-1", parameters={"temperature": 0},
            prompt_tokens=120, completion_tokens=80, cost_micro_usd=42,
        )


FABRICATED = {
    # text -> (cited ids, expected action, expected unsupported labels)
    "Led migration of 40 services to Kubernetes and Terraform, cutting deploy time by 60%.": (
        ("W1.1",), REPAIRED, ["tool: Terraform"],
    ),
    "Earned the CISSP certification while building REST APIs in Python.": (
        ("W1.2",), REPAIRED, ["certification: CISSP", "certification: certification"],
    ),
    "10+ years building distributed systems in Python and Go.": (
        ("S1.1",), DROPPED, ["number: 10", "experience: 10+ years"],
    ),
    "Cut deploy time by 85% across 400 services on Kubernetes.": (
        ("W1.1",), DROPPED, ["number: 400", "number: 85%"],
    ),
    "Maintained PostgreSQL databases at Google and wrote ETL jobs in Python.": (
        ("W2.1",), REPAIRED, ["employer: Google"],
    ),
    "Since March 2018, ran weekly code reviews for 4 junior engineers.": (
        ("W1.3",), REPAIRED, ["number: 2018", "date: 2018-03"],
    ),
    "Built billing platform for a Fortune 500 bank.": (("W9.9",), DROPPED, ["evidence"]),
    "Shipped Rust services.": ((), DROPPED, ["evidence: no evidence ids cited"]),
}
SUPPORTED = {
    # Alias (k8s in evidence -> fine), employer from the entry header, reordering.
    "Built CI/CD pipelines using Jenkins and Docker for 12 repositories.": ("W2.2",),
    "At Acme Corp, built REST APIs in Python and FastAPI serving 2M requests/day.": ("W1.2",),
    "Using Go, reduced nightly batch runtime from 6 hours to 90 minutes.": ("W2.3",),
}


@pytest.fixture
def proposals() -> list[ProposedBullet]:
    out = [ProposedBullet(text, ids, ("Python",)) for text, (ids, _, _) in FABRICATED.items()]
    out += [ProposedBullet(text, ids) for text, ids in SUPPORTED.items()]
    return out


async def test_fabrications_never_reach_the_bullets(
    samples: Samples, proposals: list[ProposedBullet]
) -> None:
    provider = LyingProvider(proposals)
    result = await tailor(samples.classic.splitlines(), samples.job, provider=provider)
    texts = " ".join(b.text for b in result.bullets)
    for invented in ("Terraform", "CISSP", "certification", "10+", "85%", "400", "Google",
                     "2018", "March", "Fortune", "Rust"):
        assert invented not in texts, invented
    findings = {f.proposed_text: f for f in result.guard}
    assert len(findings) == len(proposals)
    for text, (_, action, labels) in FABRICATED.items():
        finding = findings[text]
        assert finding.action == action, text
        for label in labels:
            assert any(u.startswith(label) for u in finding.unsupported), (text, label)
        if action == REPAIRED:
            assert finding.bullet_id
        else:
            assert not finding.bullet_id
    for text in SUPPORTED:
        assert findings[text].action == KEPT, (text, list(findings[text].unsupported))
    # A repaired bullet is the cited evidence line itself.
    evidence = {line.id: line.text for line in result.resume.evidence}
    for bullet in result.bullets:
        assert bullet.evidence_ids and all(i in evidence for i in bullet.evidence_ids)
        finding = next(f for f in result.guard if f.bullet_id == bullet.id)
        if finding.action == REPAIRED:
            assert bullet.text == evidence[bullet.evidence_ids[0]]
    # Terraform is still missing after tailoring, since no bullet may claim it.
    after = {k.keyword: k for k in result.coverage_after.keywords}
    assert not after["Terraform"].found
    assert result.metadata.provider == "liar" and result.metadata.model == "liar-1"
    assert (result.metadata.prompt_tokens, result.metadata.completion_tokens) == (120, 80)
    assert result.metadata.cost_micro_usd == 42


async def test_bullet_limit_and_duplicates(samples: Samples) -> None:
    same = "Mentored 4 junior engineers and ran weekly code reviews."
    bullets = [ProposedBullet(same, ("W1.3",)), ProposedBullet(same, ("W1.3",))]
    bullets += [ProposedBullet(f"Built REST APIs in Python, take {i}.", ("W1.2",))
                for i in range(2, 20)]
    result = await tailor(samples.classic.splitlines(), samples.job,
                          provider=LyingProvider(bullets), max_bullets=6)
    assert len(result.bullets) <= 6
    reasons = [u for f in result.guard for u in f.unsupported]
    assert any(r.startswith("duplicate") for r in reasons)
    assert [b.id for b in result.bullets] == [f"B{i}" for i in range(1, len(result.bullets) + 1)]


@pytest.mark.parametrize(
    ("bullet", "evidence", "unsupported"),
    [
        ("Moved 40 services to Kubernetes", "Moved 40 services to k8s", []),
        ("Delivered an API (Python, FastAPI) for 2M daily requests",
         "Built REST APIs in Python and FastAPI serving 2M requests/day", []),
        ("Saved $1.2M a year", "Saved $1.2 million a year", []),
        ("Saved $2M a year", "Saved $1.2 million a year", ["number: $2m"]),
        ("Grew revenue 30 percent", "Grew revenue 30%", []),
        ("Tuned SQL queries", "Tuned PostgreSQL queries", []),
        ("Tuned PostgreSQL queries", "Tuned SQL queries", ["tool: PostgreSQL"]),
        ("Holds a Master's degree", "B.S. in Physics", ["degree: Master's degree"]),
        ("Built dashboards for Initech", "Built dashboards for the finance team",
         ["employer: Initech"]),
        ("Wrote Python for AcmeSoft's Atlas platform", "Wrote Python for the platform",
         ["employer: AcmeSoft", "name: Atlas"]),
    ],
)
def test_claim_checks(bullet: str, evidence: str, unsupported: list[str]) -> None:
    labels = sorted(c.label for c in find_unsupported(bullet, evidence))
    assert labels == sorted(unsupported)

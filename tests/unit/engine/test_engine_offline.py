"""The offline provider is extractive: it never adds a token its cited evidence lacks."""

from __future__ import annotations

import asyncio
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tailor_worker.engine.offline import rewrite
from tailor_worker.engine.proposals import EvidenceItem, ProposalRequest
from tailor_worker.providers.offline import OfflineProvider

WORDS = [
    "Built", "built", "Responsible", "for", "led", "migration", "of", "services", "to",
    "migrated", "introduced", "and",
    "Kubernetes", "k8s", "Python", "Docker", "Terraform", "AWS", "40%", "$2M", "12", "cutting",
    "latency", "by", "using", "with", "the", "team", "Acme", "reports", "CI/CD", "Go", "and",
]
KEYWORDS = ("Kubernetes", "Python", "Docker", "Terraform", "AWS", "CI/CD", "Go")


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"[^\W_]+|[$%/+#]", text.lower()))


def propose(evidence: list[EvidenceItem], keywords: tuple[str, ...] = KEYWORDS,
            max_bullets: int = 8) -> list[tuple[str, tuple[str, ...]]]:
    request = ProposalRequest(tuple(evidence), keywords, max_bullets)
    response = asyncio.run(OfflineProvider().propose(request))
    return [(b.text, b.evidence_ids) for b in response.bullets]


line = st.builds(
    lambda words, clause, dot: " ".join(words) + (f", {' '.join(clause)}" if clause else "")
    + ("." if dot else ""),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
    st.lists(st.sampled_from(WORDS), max_size=5),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["work", "projects", "skills"]), line), max_size=15))
def test_every_bullet_token_is_in_its_cited_evidence(items: list[tuple[str, str]]) -> None:
    evidence = [EvidenceItem(f"W1.{i}", section, text) for i, (section, text) in
                enumerate(items, 1)]
    by_id = {e.id: e for e in evidence}
    for text, ids in propose(evidence):
        assert ids and all(i in by_id for i in ids)
        assert all(by_id[i].section in ("work", "projects") for i in ids)
        cited = sum((tokens(by_id[i].text) for i in ids), Counter())
        assert not tokens(text) - cited, (text, [by_id[i].text for i in ids])


def test_ranks_keyword_lines_first_and_fills_to_the_limit() -> None:
    evidence = [EvidenceItem(f"W1.{i}", "work", f"Wrote quarterly report number {i} for the team")
                for i in range(1, 10)]
    evidence.insert(3, EvidenceItem("W2.1", "work", "Ran Python jobs on Kubernetes clusters daily"))
    evidence.append(EvidenceItem("K1.1", "skills", "Python, Kubernetes, Docker, Terraform"))
    bullets = propose(evidence, max_bullets=7)
    assert len(bullets) == 7
    assert bullets[0][1] == ("W2.1",)
    assert all(ids != ("K1.1",) for _, ids in bullets)
    assert propose(evidence, max_bullets=7) == bullets  # deterministic


def test_rewrite_trims_filler_and_fronts_the_keyword_clause() -> None:
    assert rewrite("Responsible for nightly builds and releases", []) == (
        "Nightly builds and releases"
    )
    assert rewrite("Cut deploy time by 60%, by moving services to Kubernetes.", ["Kubernetes"]) == (
        "By moving services to Kubernetes, cut deploy time by 60%."
    )
    assert rewrite(
        "Led a team of 4 engineers and introduced code review and CI/CD with GitHub Actions",
        ["CI/CD"],
    ) == "Introduced code review and CI/CD with GitHub Actions and led a team of 4 engineers"
    # Both actions carry a keyword, or only the first: left as written.
    both = "Built Python services and migrated them to Kubernetes"
    assert rewrite(both, ["Python", "Kubernetes"]) == both
    assert rewrite(both, ["Python"]) == both
    # No keyword in the trailing clause: left as written.
    text = "Cut deploy time by 60%, by moving services to a new cluster."
    assert rewrite(text, ["Kubernetes"]) == text

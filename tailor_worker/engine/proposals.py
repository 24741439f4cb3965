"""What the engine asks a proposer for and what it gets back: evidence lines and job
keywords in, cited bullet proposals out (`tailor_worker.providers` makes the call).

Whatever a proposer returns goes through the guard; a proposer is never trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class EvidenceItem:
    """One resume line a bullet may rest on."""

    id: str  # EvidenceLine.id, e.g. "W1.2"
    section: str  # "work", "projects", ...
    text: str


@dataclass(frozen=True)
class ProposalRequest:
    evidence: tuple[EvidenceItem, ...]
    # Canonical job keywords, most important first (required before preferred).
    keywords: tuple[str, ...]
    max_bullets: int
    job_title: str = ""
    # The posting's own wording per canonical keyword ("Kubernetes" -> "Kubernetes (k8s)").
    wording: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProposedBullet:
    text: str
    evidence_ids: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    # Whose proposal it is ("offline", "openai"): set by the pipeline, carried by the guard
    # into the finding and the bullet.
    proposed_by: str = ""


@dataclass(frozen=True)
class ProposalResponse:
    bullets: tuple[ProposedBullet, ...]
    model: str
    parameters: Mapping[str, object] = field(default_factory=dict)  # temperature, seed, ...
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_micro_usd: int = 0

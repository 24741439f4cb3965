"""The offline provider: the engine's own deterministic, key-free, extractive proposals."""

from __future__ import annotations

from tailor_worker.engine import offline
from tailor_worker.engine.proposals import ProposalRequest, ProposalResponse


class OfflineProvider:
    """Deterministic, key-free, extractive; no I/O."""

    @property
    def name(self) -> str:
        return offline.NAME

    async def propose(self, request: ProposalRequest) -> ProposalResponse:
        return offline.propose(request)

"""The provider interface: the engine's proposal request in, proposed bullets out."""

from __future__ import annotations

from typing import Protocol

from tailor_worker.engine.proposals import ProposalRequest, ProposalResponse


class Provider(Protocol):
    """A source of tailored bullet proposals ("offline", "openai", ...)."""

    @property
    def name(self) -> str: ...

    async def propose(self, request: ProposalRequest) -> ProposalResponse: ...

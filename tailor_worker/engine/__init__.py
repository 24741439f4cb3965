"""The evidence engine. Its public API lives in `tailor_worker.engine.api` and is re-exported
here (`from tailor_worker.engine import read_resume, analyze_job, tailor`); attributes load on
first use, so importing one internal module does not load the models."""

from __future__ import annotations

from typing import Any

_PUBLIC = frozenset(
    {
        "AnalyzedJob", "Prepared", "ProposalRequest", "ProposalResponse", "ProposedBullet",
        "Tagger", "analyze_job", "finish", "prepare", "proposal_request", "read_resume",
        "read_resume_lines", "tailor",
    }
)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        from tailor_worker.engine import api

        return getattr(api, name)
    raise AttributeError(name)

"""Versioned prompt files. A run records the version and the sha256 of the exact bytes used,
so any result can be traced to its prompt."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

CURRENT_VERSION = "tailor-v3"


@dataclass(frozen=True)
class Prompt:
    version: str
    text: str
    sha256: str


@cache
def load_prompt(version: str = CURRENT_VERSION) -> Prompt:
    data = resources.files(__package__).joinpath(f"{version}.md").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    return Prompt(version=version, text=data.decode("utf-8"), sha256=digest)

"""What the engine's CRF models share: a model file read once, and a fresh pycrfsuite tagger
of it per document (a tagger holds the sequence it was last given, so concurrent callers
cannot share one; opening one from memory costs about 0.2 ms, so the engine keeps no
per-thread state)."""

from __future__ import annotations

import functools
from pathlib import Path

import pycrfsuite


class ModelFile:
    """A trained CRF model shipped with the package; `tagger()` is a new tagger of it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @functools.cached_property
    def _data(self) -> bytes:
        return self.path.read_bytes()

    def tagger(self) -> pycrfsuite.Tagger:
        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(self._data)
        return tagger

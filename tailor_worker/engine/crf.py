"""What the engine's CRF models share: a model file whose pycrfsuite taggers are opened one per
thread (a tagger holds the sequence it was last given, so threads cannot share one)."""

from __future__ import annotations

import threading
from pathlib import Path

import pycrfsuite


class ModelFile:
    """A trained CRF model on disk; `tagger()` is this thread's tagger of it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def tagger(self) -> pycrfsuite.Tagger:
        tagger: pycrfsuite.Tagger | None = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.path))
            self._local.tagger = tagger
        return tagger

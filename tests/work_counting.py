"""Counting work instead of timing it: the Python and builtin calls made from given source
folders while a call runs. Linear work grows about 4x when the input does; a loop comparing
every item with every other one, about 16x."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType


def calls_made(call: Callable[[], object], prefixes: tuple[str, ...]) -> int:
    """Calls made from files whose path starts with one of `prefixes` while `call` runs."""
    count = 0

    def profile(frame: FrameType, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call") and frame.f_code.co_filename.startswith(prefixes):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(previous)
    return count


def growth(
    make: Callable[[int], Callable[[], object]], n: int, prefixes: tuple[str, ...]
) -> float:
    """Work for an input of size 4n over work for size n (after a warm-up run)."""
    make(n)()  # warm the caches (compiled patterns, vocabularies) out of the count
    return calls_made(make(4 * n), prefixes) / calls_made(make(n), prefixes)

"""Keep the cyclic garbage collector out of the way while big, acyclic structures are built.

Parsing or decoding a large fact base allocates millions of objects that all survive; each
generation-2 pass re-scans every one of them (measured: a 100k-entry base parses 2-3x faster with
collection paused) and, in a reload thread, one long pass holds the GIL and stalls the event loop.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable cyclic collection inside the block, restoring the previous state afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def quick_handover(interval: float = 0.0005) -> Iterator[None]:
    """Make a thread that wants the GIL wait at most `interval` (Python's default is 5 ms).

    For a long job in a worker thread beside an event loop: each time the loop wakes it must
    win the GIL back from the worker, and a handful of 5 ms waits add up to a visible stall.
    """
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, interval))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


RELEASE_FROM = 50_000  # entries: a smaller load leaves too little behind to be worth a call


def release_freed_memory(entries: int) -> None:
    """Hand the memory a load freed back to the system, before the bot starts serving.

    glibc keeps freed heap memory for reuse; after loading a large base (the cache file read
    whole, its decoded rows) that is tens of MB at 100k entries and more at 1M, counted in the
    bot's RSS for as long as it runs. `malloc_trim` returns it. Only at start-up: the trim locks
    each malloc arena while it works (up to ~80 ms on an 800 MB heap), so beside a running event
    loop it would stall every allocation the loop makes; after a reload, the memory the old base
    freed is simply reused by the next one. Other C libraries lack the call; there this does
    nothing.
    """
    if entries < RELEASE_FROM:
        return
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only for large bases: the import costs ~4 ms of a console start

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None

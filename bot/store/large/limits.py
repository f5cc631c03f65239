"""Bounds on a reload or a check: time and memory, and a child that never outlives its parent.

A 50 MB file of a million junk entries made an unbounded reload child run for minutes at 4 GB,
and survive its parent's SIGKILL. So: the child caps its own address space (`RLIMIT_AS`: a
runaway parse ends in MemoryError, not in the machine swapping), the parent kills it past its
time limit or when newer files arrive, and the child dies with the parent whatever kills it —
`prctl(PR_SET_PDEATHSIG)` on Linux, and everywhere a watch on a pipe from the parent, which the
kernel closes when the parent dies.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import sys
import threading
from collections.abc import Callable
from typing import BinaryIO

import msgspec

PR_SET_PDEATHSIG = 1


class Limits(msgspec.Struct, frozen=True):
    """How long a reload may take and how much memory its child may map.

    The defaults hold the real base (a few hundred entries, well under a second and 200 MB)
    and synthetic ones up to 100,000 entries with room to spare; raise them for bigger bases
    (README, Reliability).
    """

    seconds: float = 120.0
    memory_mb: int = 3072


def cap_memory(memory_mb: int) -> Callable[[], None]:
    """Cap this process's address space, so a runaway load raises MemoryError; give an undo."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))

    def undo() -> None:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

    return undo


def die_with_parent(parent: int, pipe: BinaryIO) -> None:
    """End this child when the parent `parent` ends, however it ends."""
    if sys.platform.startswith("linux"):
        import ctypes  # only in the reload child: ctypes costs every `factbot ask` otherwise
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(3)

    def watch() -> None:
        with contextlib.suppress(OSError):
            pipe.read()  # returns only at end of file: the parent closed it, or died
        os._exit(3)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()

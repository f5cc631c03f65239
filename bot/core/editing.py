"""Tie an engine to the writer of its knowledge folder and publish each new fact base to it.

Edits and reloads finish in any order on different threads; each carries the writer's version
number, and only a newer version is swapped in, so a slow reload can never hide a later edit.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from bot.core.snapshot import Snapshot, SnapshotTable, build_snapshot, open_snapshot
from bot.errors import UserError
from bot.factbase.background import dismantle
from bot.factbase.memory import paused_gc, quick_handover
from bot.factbase.model import FactBase
from bot.factbase.writer import KnowledgeWriter

if TYPE_CHECKING:
    from bot.core.engine import Engine

_WRITERS: WeakKeyDictionary[Engine, KnowledgeWriter] = WeakKeyDictionary()
_PUBLISHED: WeakKeyDictionary[Engine, int] = WeakKeyDictionary()
_LOCK = threading.Lock()
WAIT_S = 2.0  # requests finish in milliseconds; a reply held longer is waited for in a thread
LATE_WAIT_S = 900.0


def writer_for(engine: Engine) -> KnowledgeWriter:
    """Give the engine's writer, creating it on first use."""
    if engine.knowledge is None:
        raise UserError("This bot was started without a knowledge folder, so it cannot edit it.")
    with _LOCK:
        writer = _WRITERS.get(engine)
        if writer is None:
            writer = _WRITERS[engine] = KnowledgeWriter(engine.knowledge)
            if engine.loaded_signatures:  # the start-up load: 5 s at 10k entries, not twice
                writer.start_from(engine.snapshot.fb, engine.loaded_signatures)
        return writer


def use_writer(engine: Engine, writer: KnowledgeWriter) -> None:
    """Give an engine a writer of one's own (tests point it at their own seeds folder)."""
    with _LOCK:
        _WRITERS[engine] = writer


def publish(engine: Engine, fb: FactBase, version: int, table: SnapshotTable | None = None) -> bool:
    """Index `fb` and serve it, unless a newer version was already served; tell if it was.

    Runs in a worker thread beside the event loop, so nothing here may hold the GIL for long:
    the collector stays off while the new indexes are built (one full collection over two bases
    takes ~0.2 s at 100k entries), the live base is then frozen out of future collections, and
    the old snapshot is taken apart in slices rather than freed in one ~0.2 s cascade.
    """
    with paused_gc(), quick_handover():
        # The slow part, outside the lock; a reload brings the indexes its child process built.
        snapshot = build_snapshot(fb) if table is None else open_snapshot(fb, table)
        with _LOCK:
            if version <= _PUBLISHED.get(engine, -1):
                return False
            old = [engine.snapshot]
            engine.swap(snapshot)
            _PUBLISHED[engine] = version
        gc.freeze()
    _retire(old)
    return True


def _retire(old: list[Snapshot]) -> None:
    """Take the old snapshot apart once nothing reads it any more (see `dismantle`).

    A request in flight on the event loop still holds it for a few milliseconds; were it left
    to that request to drop, the whole base would be freed on the loop in one cascade (~0.2 s
    at 100k entries). So wait for readers here, and past WAIT_S hand the wait to a thread.
    """
    deadline = time.monotonic() + WAIT_S
    while sys.getrefcount(old[0]) > 2:  # the list's reference and getrefcount's argument
        if time.monotonic() > deadline:
            waiter = threading.Thread(target=_retire_later, args=(old,), name="factbot-retire")
            waiter.daemon = True
            waiter.start()
            return
        time.sleep(0.005)
    dismantle(old.pop())


def _retire_later(old: list[Snapshot]) -> None:
    """Wait (up to LATE_WAIT_S) for the last reader, then take the snapshot apart."""
    deadline = time.monotonic() + LATE_WAIT_S
    while sys.getrefcount(old[0]) > 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    if sys.getrefcount(old[0]) <= 2:
        dismantle(old.pop())

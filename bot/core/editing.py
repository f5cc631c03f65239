"""Tie an engine to the writer of its knowledge folder and publish each new fact base to it.

Edits and reloads finish in any order on different threads; each carries the writer's version
number, and only a newer version is swapped in, so a slow reload can never hide a later edit.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from bot.core.snapshot import build_snapshot
from bot.errors import UserError
from bot.factbase.model import FactBase
from bot.factbase.writer import KnowledgeWriter

if TYPE_CHECKING:
    from bot.core.engine import Engine

_WRITERS: WeakKeyDictionary[Engine, KnowledgeWriter] = WeakKeyDictionary()
_PUBLISHED: WeakKeyDictionary[Engine, int] = WeakKeyDictionary()
_LOCK = threading.Lock()


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


def publish(engine: Engine, fb: FactBase, version: int) -> bool:
    """Index `fb` and serve it, unless a newer version was already served; tell if it was."""
    snapshot = build_snapshot(fb)  # the slow part, outside the lock
    with _LOCK:
        if version <= _PUBLISHED.get(engine, -1):
            return False
        engine.swap(snapshot)
        _PUBLISHED[engine] = version
        return True

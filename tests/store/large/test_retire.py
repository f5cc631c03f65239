"""Retiring a large base after a reload: taken apart only if unshared, freed off the reader."""

from __future__ import annotations

import threading
import time
import weakref
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.factbase.load.loader import load
from bot.store.large import retire
from bot.store.large.retire import dismantle
from bot.store.snapshot import build_snapshot
from bot.store.store import Store


def test_dismantle_empties_tables_nothing_else_holds(knowledge_copy: Path) -> None:
    """An old base nobody else uses is taken apart: its tables end up empty."""
    fb = load(knowledge_copy)
    assert len(fb.facts) > 0 and len(fb.sources) > 0
    dismantle(fb)
    assert len(fb.facts) == 0 and len(fb.sources) == 0


def test_dismantle_leaves_shared_tables_alone(knowledge_copy: Path) -> None:
    """A table still used elsewhere (e.g. by the writer's current base) keeps every entry."""
    fb = load(knowledge_copy)
    still_used = fb.facts
    count = len(still_used)
    assert count > 0
    dismantle(fb)
    assert len(still_used) == count and len(fb.sources) == 0


def test_dismantle_empties_tables_two_parts_of_a_snapshot_share(knowledge_copy: Path) -> None:
    """The search table both the snapshot and its index point at is emptied too."""
    snapshot = build_snapshot(load(knowledge_copy))
    assert snapshot.search.table is snapshot.table.search and snapshot.search.table.terms
    dismantle(snapshot)
    assert snapshot.search.table.terms == [] and snapshot.search.table.typos.keys == []


def test_a_snapshot_still_read_stays_whole_until_its_reader_is_done(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A base still read after a reload stays whole, then is freed off the reader's thread."""
    monkeypatch.setattr(retire, "WAIT_S", 0.05)
    engine = Engine(Store.open(knowledge_copy, large=True))
    held = engine.snapshot
    count = len(held.fb.facts)
    assert engine.store.reload().swapped
    time.sleep(0.2)
    assert len(held.fb.facts) == count  # the reader's base is untouched
    freed_in: list[str] = []
    probe = weakref.ref(held.timeline, lambda _: freed_in.append(threading.current_thread().name))
    del held
    deadline = time.monotonic() + 5
    while probe() is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert freed_in and freed_in[0] != threading.current_thread().name

"""Reloading beside a live event loop: parsed in a child, old base taken apart only if unshared."""

from __future__ import annotations

import threading
import time
import weakref
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.types import Actor, Request
from bot.errors import Problem
from bot.factbase.load.loader import check, load
from bot.factbase.model import FactBase
from bot.store.large import retire
from bot.store.large.child import check_and_index_in_child
from bot.store.large.retire import dismantle
from bot.store.paths import cache_dir
from bot.store.snapshot import build_snapshot, build_table
from bot.store.store import Store

NEW_EVENT = """
  - id: tashkent-anniversary-gala-2016
    date: "2016-01"
    text: A zanzibarine gala marked fifty years since the Tashkent Declaration.
    sources: [challenges-and-prospects]
    evidence: Tashkent
"""


def _search(engine: Engine, words: str) -> list[str]:
    reply = engine.handle(Request("search", words, Actor("t", "tester")))
    return [item.fact_id for item in reply.items if item.fact_id]


def check_in_child(folder: Path) -> tuple[FactBase, list[Problem]]:
    """Check a folder the way a large reload does, in a child process."""
    fb, problems, table = check_and_index_in_child(folder, None, cache_dir(folder))
    assert (table is None) == bool(problems)
    if table is not None:
        assert table == build_table(fb)  # the indexes handed over are the ones the base needs
    return fb, problems


@pytest.mark.parametrize("large", [False, True], ids=["plain path", "large path"])
def test_a_reload_serves_the_edited_base(knowledge_copy: Path, large: bool) -> None:
    """After an admin adds an event and reloads, search finds it, whichever path it took."""
    engine = Engine(Store.open(knowledge_copy, large=large))
    with (knowledge_copy / "events.yaml").open("a", encoding="utf-8") as f:
        f.write(NEW_EVENT)
    assert "tashkent-anniversary-gala-2016" not in _search(engine, "zanzibarine")
    assert engine.store.reload().swapped
    assert _search(engine, "zanzibarine") == ["tashkent-anniversary-gala-2016"]


def test_the_child_process_check_equals_a_direct_load(knowledge_copy: Path) -> None:
    """Checking in a child and decoding its hand-off gives exactly what `load` gives."""
    assert check_in_child(knowledge_copy) == (load(knowledge_copy), [])


def test_the_child_process_check_reports_the_same_problems(knowledge_copy: Path) -> None:
    """A broken file yields the very problems `factbot check` lists, file and line included."""
    (knowledge_copy / "events.yaml").write_text("events:\n  - id: broken\n", encoding="utf-8")
    _, problems = check_in_child(knowledge_copy)
    assert problems and problems == check(knowledge_copy)[1]


def test_dismantle_empties_tables_nothing_else_holds(knowledge_copy: Path) -> None:
    """An old base nobody else uses is taken apart: its tables end up empty."""
    fb = load(knowledge_copy)
    dismantle(fb)
    assert len(fb.facts) == 0 and len(fb.sources) == 0


def test_dismantle_leaves_shared_tables_alone(knowledge_copy: Path) -> None:
    """A table still used elsewhere (e.g. by the writer's current base) keeps every entry."""
    fb = load(knowledge_copy)
    still_used = fb.facts
    count = len(still_used)
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
    """A reply still read after a reload keeps its base; the base is freed later, off the
    reader's thread (freeing a large base at once would stall the event loop)."""
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

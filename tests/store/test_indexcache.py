"""The index cache: a start-up served from it answers exactly like a fresh build, and a stale or
broken copy is rebuilt, never trusted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.adapters.terminal import render
from bot.core.engine import Engine
from bot.core.types import Actor, Request
from bot.factbase.load.loader import load
from bot.factbase.model import FactBase
from bot.store.basecache import fingerprint, load_keyed
from bot.store.indexcache import index_key, index_path, read_table
from bot.store.paths import cache_dir
from bot.store.snapshot import build_table
from bot.store.store import Store

ACTOR = Actor(id="member", name="member")


def load_cached(folder: Path) -> FactBase:
    """Load a folder through its cache, as the store does at start-up."""
    return load_keyed(folder, None, cache_dir(folder))[0]


LINES = [
    "timeline",
    "timeline 1970s",
    "timeline 1971",
    "timeline cold war",
    "timeline since 2001",
    "timeline steel",
    "who bhutto",
    "who bhuto",
    "who",
    "interests rusia",
    "interests shared",
    "search tashkent declaration",
    "search steel mils",
    "search when did pakistan join sco",
    "topic energy",
    "quote",
    "sources",
]


def _answers(engine: Engine) -> list[str]:
    """Every line's reply as the console prints it."""
    replies = []
    for line in LINES:
        command, _, args = line.partition(" ")
        replies.append(engine.handle(Request(command, args, ACTOR)))
    return [render(reply, width=100) for reply in replies]


def test_stored_indexes_equal_a_fresh_build(knowledge_copy: Path) -> None:
    """What the cache gives back is exactly what building the indexes gives."""
    Engine(Store.open(knowledge_copy))
    fb = load_cached(knowledge_copy)
    key = index_key(fingerprint(knowledge_copy), fb)
    assert read_table(index_path(cache_dir(knowledge_copy)), key) == build_table(fb)


def test_a_cache_hit_answers_exactly_like_a_fresh_build(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Served from cached indexes (nothing rebuilt), every reply equals one from fresh indexes."""
    Engine(Store.open(knowledge_copy))  # builds and stores
    assert index_path(cache_dir(knowledge_copy)).is_file()
    fresh = Engine(Store.of(load(knowledge_copy)))

    def no_build(fb: FactBase) -> None:
        raise AssertionError("the indexes were built again instead of read from the cache")

    monkeypatch.setattr("bot.store.indexcache.build_table", no_build)
    cached = Engine(Store.open(knowledge_copy))
    monkeypatch.undo()
    assert _answers(cached) == _answers(fresh)


def test_an_edit_is_searchable_after_a_restart(knowledge_copy: Path) -> None:
    """New words in a file are found: the indexes of the old text are not reused."""
    Engine(Store.open(knowledge_copy))
    path = knowledge_copy / "events.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.strip().startswith("text:"))
    path.write_text(text.replace(line, line.rstrip() + " Zanzibarian.", 1), encoding="utf-8")
    reply = Engine(Store.open(knowledge_copy)).handle(Request("search", "zanzibarian", ACTOR))
    assert reply.kind == "answer" and reply.items


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-100])


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _garbage(path: Path) -> None:
    path.write_bytes(b"not an index at all")


@pytest.mark.parametrize("damage", [_truncate, _flip_byte, _garbage])
def test_a_broken_index_cache_is_rebuilt(
    knowledge_copy: Path, damage: Callable[[Path], None]
) -> None:
    """A damaged file is ignored: answers stay right and a good file replaces it."""
    expected = _answers(Engine(Store.open(knowledge_copy)))
    damage(index_path(cache_dir(knowledge_copy)))
    assert _answers(Engine(Store.open(knowledge_copy))) == expected
    fb = load_cached(knowledge_copy)
    key = index_key(fingerprint(knowledge_copy), fb)
    assert read_table(index_path(cache_dir(knowledge_copy)), key) is not None

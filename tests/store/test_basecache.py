"""The binary fact base cache: same answers as a YAML load, never stale, never trusted if broken."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from bot.errors import KnowledgeError
from bot.factbase.load.loader import load
from bot.factbase.load.yamlfile import ParsedFile, parse_file
from bot.factbase.model import FactBase
from bot.store.basecache import (
    MAGIC,
    cache_path,
    fingerprint,
    load_keyed,
    read_cache,
    read_framed,
    write_framed,
)
from bot.store.paths import cache_dir

FIRST_EVENT = "pakistan-emerges-1947"


def load_cached(folder: Path) -> FactBase:
    """Load a folder through its cache, as the store does at start-up."""
    return load_keyed(folder, None, cache_dir(folder))[0]


def _edit_event_text(folder: Path, new_text: str) -> None:
    """Replace the text of the first event in events.yaml, as an admin would."""
    path = folder / "events.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("text:"))
    lines[index] = f"    text: {new_text}\n"
    path.write_text("".join(lines), encoding="utf-8")


def test_cache_hit_gives_the_same_fact_base_as_a_yaml_load(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second start-up is served from the cache, reading no YAML, and equals a fresh load."""
    load_cached(knowledge_copy)
    assert cache_path(cache_dir(knowledge_copy)).is_file()
    expected = load(knowledge_copy)
    parsed: list[Path] = []

    def spy(path: Path) -> ParsedFile:
        parsed.append(path)
        return parse_file(path)

    monkeypatch.setattr("bot.factbase.load.loader.parse_file", spy)
    assert load_cached(knowledge_copy) == expected
    assert parsed == []


def test_an_edit_invalidates_the_cache(knowledge_copy: Path) -> None:
    """After a file changes, the new text is served, not the cached one."""
    load_cached(knowledge_copy)
    _edit_event_text(knowledge_copy, "Pakistan was founded in 1947, edited.")
    assert load_cached(knowledge_copy).facts[FIRST_EVENT].text == (
        "Pakistan was founded in 1947, edited."
    )


def test_a_broken_edit_is_reported_not_hidden_by_the_cache(knowledge_copy: Path) -> None:
    """An edit that breaks validation raises KnowledgeError even though a good cache exists."""
    load_cached(knowledge_copy)
    path = knowledge_copy / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[diplomacy]", "[nowhere]", 1))
    with pytest.raises(KnowledgeError, match="unknown topic `nowhere`"):
        load_cached(knowledge_copy)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-100])


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a cache at all")


@pytest.mark.parametrize("damage", [_truncate, _flip_byte, _garbage])
def test_a_damaged_cache_is_ignored_and_rebuilt(
    knowledge_copy: Path, damage: Callable[[Path], None]
) -> None:
    """Truncated, bit-flipped or foreign cache files fall back to YAML and get rewritten."""
    load_cached(knowledge_copy)
    damage(cache_path(cache_dir(knowledge_copy)))
    assert load_cached(knowledge_copy) == load(knowledge_copy)
    intact = cache_path(cache_dir(knowledge_copy)).read_bytes()
    assert load_cached(knowledge_copy) == load(knowledge_copy)
    assert cache_path(cache_dir(knowledge_copy)).read_bytes() == intact


SOURCES_OF_A_ROW = 8  # a fact row's position of its sources' id tuple (bot.store.rows)


@pytest.mark.parametrize("damage", ["past the shared table", "negative position"])
def test_a_cache_pointing_outside_its_shared_table_is_ignored(
    knowledge_copy: Path, damage: str
) -> None:
    """A digested cache pointing outside its shared table (or below 0) is not trusted."""
    key, path = fingerprint(knowledge_copy), cache_path(cache_dir(knowledge_copy))
    load_cached(knowledge_copy)
    frames = [bytes(frame) for frame in read_framed(path, MAGIC, key, "cache") or []]
    if damage == "past the shared table":
        shared = msgspec.msgpack.decode(frames[-1])
        shared[1] = shared[1][:1]  # only the empty id tuple is left
        frames[-1] = msgspec.msgpack.encode(shared)
    else:
        rows = msgspec.msgpack.decode(frames[1])
        rows[0][SOURCES_OF_A_ROW] = -1
        frames[1] = msgspec.msgpack.encode(rows)
    write_framed(path, MAGIC, key, frames, "cache")
    assert read_cache(path, key) is None
    assert load_cached(knowledge_copy) == load(knowledge_copy)


def test_an_unwritable_cache_location_still_loads(knowledge_copy: Path) -> None:
    """When the cache cannot be written (a file blocks its folder), start-up still works."""
    blocked = cache_dir(knowledge_copy)
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("in the way")
    assert load_cached(knowledge_copy) == load(knowledge_copy)
    assert not cache_path(cache_dir(knowledge_copy)).exists()

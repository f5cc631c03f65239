"""Reload: hand edits are picked up by either path; a broken file keeps the last good base."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.types import Actor, Request
from bot.factbase.load.loader import check
from bot.store.store import Store
from tests.conftest import SEEDS, chat_paths, say

NEW_EVENT = """
  - id: tashkent-anniversary-gala-2016
    date: "2016-01"
    text: A zanzibarine gala marked fifty years since the Tashkent Declaration.
    sources: [challenges-and-prospects]
    evidence: Tashkent
"""
HAND_ADDED = """
  - id: hand-added-kasuri-visit-2003
    date: "2003"
    text: Kasuri paid a hand-written visit to Moscow in 2003.
    sources: [challenges-and-prospects]
    evidence: since Pakistan's emergence in 1947
    topics: [diplomacy]
"""
BROKEN = "  - id: [unclosed\n"


def _search(engine: Engine, words: str) -> list[str]:
    reply = engine.handle(Request("search", words, Actor("t", "tester")))
    return [item.fact_id for item in reply.items if item.fact_id]


def _top_hit(engine: Engine, words: str) -> str | None:
    reply = say(engine, f"search {words}")
    return reply.items[0].fact_id if reply.items else None


@pytest.mark.parametrize("large", [False, True], ids=["plain path", "large path"])
def test_a_reload_serves_the_edited_base(knowledge_copy: Path, large: bool) -> None:
    """After an admin adds an event and reloads, search finds it, whichever path it took."""
    engine = Engine(Store.open(knowledge_copy, large=large))
    with (knowledge_copy / "events.yaml").open("a", encoding="utf-8") as f:
        f.write(NEW_EVENT)
    assert "tashkent-anniversary-gala-2016" not in _search(engine, "zanzibarine")
    assert engine.store.reload().swapped
    assert _search(engine, "zanzibarine") == ["tashkent-anniversary-gala-2016"]


def test_reload_picks_up_a_hand_edit(engine_on_copy: Engine, knowledge_copy: Path) -> None:
    """After an edit in an editor, the `reload` command serves it."""
    events = knowledge_copy / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + HAND_ADDED, encoding="utf-8")
    assert say(engine_on_copy, "reload").title == "Reloaded the fact base."
    assert _top_hit(engine_on_copy, "kasuri hand-written visit") == "hand-added-kasuri-visit-2003"


def test_reload_with_a_broken_file_keeps_old_answers(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """`reload` on a broken file says exactly what is wrong, and answers stay as they were."""
    before = _top_hit(engine_on_copy, "tashkent declaration")
    assert before == "tashkent-declaration-1966"
    events = knowledge_copy / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    reply = say(engine_on_copy, "reload")
    assert reply.title == "Not reloaded: the files have problems."
    shown = [item.text for item in reply.items]
    assert shown and shown[0].startswith("knowledge/events.yaml:")
    assert "this is not valid YAML" in shown[0]
    assert shown == chat_paths(check(knowledge_copy, SEEDS)[1], knowledge_copy)
    assert _top_hit(engine_on_copy, "tashkent declaration") == before


def test_own_edits_do_not_trigger_a_second_load(engine_on_copy: Engine) -> None:
    """After a chat edit the files match what is served, so a watcher event is a no-op."""
    say(engine_on_copy, 'fact edit pakistan-emerges-1947 text="Pakistan was founded in 1947."')
    assert engine_on_copy.store.reload(only_if_changed=True).note.startswith("no change")


def test_a_hand_edit_is_a_change_to_reload(engine_on_copy: Engine, knowledge_copy: Path) -> None:
    """The same check swaps when the files on disk differ from what is served."""
    events = knowledge_copy / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + HAND_ADDED, encoding="utf-8")
    assert engine_on_copy.store.reload(only_if_changed=True).swapped

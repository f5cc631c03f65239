"""Reloading off the event loop: the new base after the swap, the old one on failure."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.reload import reload_engine
from bot.core.types import Actor, Request
from bot.errors import KnowledgeError
from bot.factbase.background import dismantle, load_in_child
from bot.factbase.loader import load

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


def test_a_reload_serves_the_edited_base(knowledge_copy: Path) -> None:
    """After an admin adds an event and reloads, search finds it."""
    engine = Engine.from_folder(knowledge_copy)
    with (knowledge_copy / "events.yaml").open("a", encoding="utf-8") as f:
        f.write(NEW_EVENT)
    assert "tashkent-anniversary-gala-2016" not in _search(engine, "zanzibarine")
    asyncio.run(reload_engine(engine, knowledge_copy))
    assert _search(engine, "zanzibarine") == ["tashkent-anniversary-gala-2016"]


def test_a_failed_reload_keeps_serving_the_last_good_base(knowledge_copy: Path) -> None:
    """A broken file is reported with its problems and the old answers stay."""
    engine = Engine.from_folder(knowledge_copy)
    before = _search(engine, "tashkent")
    (knowledge_copy / "events.yaml").write_text("events:\n  - id: broken\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="missing `text`"):
        asyncio.run(reload_engine(engine, knowledge_copy))
    assert _search(engine, "tashkent") == before


def test_the_child_process_load_equals_a_direct_load(knowledge_copy: Path) -> None:
    """Loading in a child and decoding its hand-off gives exactly what `load` gives."""
    assert load_in_child(knowledge_copy) == load(knowledge_copy)


def test_dismantle_empties_what_it_is_given(knowledge_copy: Path) -> None:
    """The old base is taken apart: its big tables end up empty."""
    fb = load(knowledge_copy)
    dismantle(fb)
    assert len(fb.facts) == 0 and len(fb.sources) == 0

"""Edits refused before anything is planned, each saying what the admin can do instead."""

from __future__ import annotations

from pathlib import Path

from bot.core.engine import Engine
from tests.conftest import folder_bytes, say, shown


def test_remove_refuses_an_entry_others_use(engine_on_copy: Engine, knowledge_copy: Path) -> None:
    """Removing a person still named by facts is refused, naming those facts."""
    before = folder_bytes(knowledge_copy)
    text = shown(say(engine_on_copy, "!fact remove ayub-khan"))
    assert "still used by" in text
    assert "ayub-khan-visits-moscow-1965" in text
    assert folder_bytes(knowledge_copy) == before

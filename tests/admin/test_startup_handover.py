"""The first edit after start-up reuses the engine's own load rather than reading it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.factbase.load.yamlfile import ParsedFile, parse_file
from bot.store.store import Store
from tests.admin.conftest import say
from tests.admin.test_fact_commands import EDITED
from tests.conftest import SEEDS, needs_articles

pytestmark = needs_articles

EDIT = f'!fact edit {EDITED} text="Pakistan was founded in 1947."'


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every knowledge file the loader parses from now on (the real parser runs)."""
    parsed: list[Path] = []

    def spy(path: Path) -> ParsedFile:
        parsed.append(path)
        return parse_file(path)

    monkeypatch.setattr("bot.factbase.load.loader.parse_file", spy)
    return parsed


def test_first_edit_does_not_load_the_folder_again(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Straight after start-up, an edit parses no file: the engine's load is handed over."""
    engine = Engine(Store.open(knowledge_copy, SEEDS))
    parsed = count_parses(monkeypatch)
    assert say(engine, EDIT).kind == "admin"
    assert parsed == []
    assert "Pakistan was founded in 1947." in (knowledge_copy / "events.yaml").read_text("utf-8")


def test_a_file_changed_since_start_up_is_read_again(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand edit made after start-up is not overwritten by a stale hand-over."""
    engine = Engine(Store.open(knowledge_copy, SEEDS))
    quotes = knowledge_copy / "quotes.yaml"
    quotes.write_text(quotes.read_text("utf-8") + "# a note added by hand\n", encoding="utf-8")
    parsed = count_parses(monkeypatch)
    assert say(engine, EDIT).kind == "admin"
    assert parsed != []
    assert quotes.read_text("utf-8").endswith("# a note added by hand\n")

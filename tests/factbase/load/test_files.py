"""Which files are the fact base: a temporary file left by a killed writer is not one of them."""

from __future__ import annotations

from pathlib import Path

from bot.core.engine import Engine
from bot.factbase.load.files import knowledge_files
from bot.factbase.load.loader import check
from tests.conftest import SEEDS, add_line, say


def test_a_temp_file_left_by_a_hard_crash_is_ignored(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """A half-written temp file from a killed process never reaches the loader or an edit."""
    stray = knowledge_copy / ".events.yaml.k2j3.tmp"
    stray.write_text("events:\n  - id: [broken\n")
    assert stray not in knowledge_files(knowledge_copy)
    assert check(knowledge_copy, SEEDS)[1] == []
    assert say(engine_on_copy, add_line(0, 0)).kind == "admin"

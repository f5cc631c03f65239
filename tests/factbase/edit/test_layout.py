"""New entries are written as a person would write them, and read back to the same values."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.core.engine import Engine
from bot.factbase.edit.layout import entry_lines, scalar
from tests.conftest import ADD_EVENT, NEW_ID, say

SCALARS = [
    ("Ayub Khan's 1965 visit, a first", "Ayub Khan's 1965 visit, a first"),
    ("1965", '"1965"'),
    ("1965-04", '"1965-04"'),
    ("1980s", '"1980s"'),
    ("Note: a colon", '"Note: a colon"'),
    ("yes", '"yes"'),
    ("null", '"null"'),
    ("#hashtag", '"#hashtag"'),
    ("- dash", '"- dash"'),
    ("'quoted'", "\"'quoted'\""),
    ("two\nlines", '"two\\nlines"'),
    (" padded", '" padded"'),
]


@pytest.mark.parametrize(("value", "written"), SCALARS, ids=[v for v, _ in SCALARS])
def test_scalars_are_plain_unless_quoting_is_needed(value: str, written: str) -> None:
    """Quotes appear only where a plain scalar would read back differently (or as a number)."""
    assert scalar(value) == written
    assert yaml.safe_load(f"k: {written}") == {"k": value}


def test_entries_read_back_to_the_same_values() -> None:
    """A rendered entry parses to exactly the values it was rendered from."""
    values = {
        "id": "x",
        "date": "1999",
        "text": "Talks: in Moscow, #1",
        "sources": ["a", "b"],
        "evidence": {"a": "one phrase", "b": "another, with a comma"},
        "names": ["Soviet Union", "U.S.", "a, b"],
    }
    text = "events:\n" + "\n".join(entry_lines(values, 2, 4)) + "\n"
    assert text.startswith('events:\n  - id: x\n    date: "1999"\n')
    assert yaml.safe_load(text) == {"events": [values]}


def test_added_fact_is_written_in_house_style(engine_on_copy: Engine, knowledge_copy: Path) -> None:
    """The new entry reads like the hand-written ones: flow lists, quoted date, one key a line."""
    say(engine_on_copy, ADD_EVENT)
    text = (knowledge_copy / "events.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        f"\n\n  - id: {NEW_ID}\n"
        '    date: "1999-05"\n'
        "    text: Nawaz Sharif flew to Moscow to discuss the Taliban.\n"
        "    sources: [challenges-and-prospects]\n"
        "    evidence: since Pakistan's emergence in 1947\n"
        "    people: [nawaz-sharif]\n"
        "    topics: [diplomacy]\n"
    )

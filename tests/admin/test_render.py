"""New entries are written as a person would write them, and read back to the same values."""

from __future__ import annotations

import pytest
import yaml

from bot.factbase.edit.layout import entry_lines, scalar

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

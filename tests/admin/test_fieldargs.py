"""Reading `key=value` arguments the way admins type them in a chat."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.fields import parse_fields
from bot.errors import BadArguments

LISTS = {"people", "topics", "names"}
READ: list[tuple[str, dict[str, Any]]] = [
    ('text="two words" date=1999-05', {"text": "two words", "date": "1999-05"}),
    ("people=a,b topics=x", {"people": ["a", "b"], "topics": ["x"]}),
    ('names="Soviet Union, USSR"', {"names": ["Soviet Union", "USSR"]}),
    ("text=“curly quotes” dispute=", {"text": "curly quotes", "dispute": None}),
    ('text="He said \\"no\\"."', {"text": 'He said "no".'}),
    ('evidence="Pakistan\'s emergence"', {"evidence": "Pakistan's emergence"}),
    ('evidence.a="one" evidence.b="two"', {"evidence": {"a": "one", "b": "two"}}),
    ("Text = spaced", {"text": "spaced"}),
]


@pytest.mark.parametrize(("typed", "expected"), READ, ids=[t for t, _ in READ])
def test_arguments_are_read_as_typed(typed: str, expected: dict[str, Any]) -> None:
    """Quotes group words, list keys split on commas, an empty value removes the key."""
    assert parse_fields(typed, LISTS) == expected


REFUSED = [
    ("text=two words", "could not read `words`"),
    ('text="unclosed', "could not read"),
    ("text=a text=b", "given twice"),
    ('evidence="x" evidence.a="y"', "not both"),
    ("people.a=x", "Only evidence"),
]


@pytest.mark.parametrize(("typed", "message"), REFUSED, ids=[t for t, _ in REFUSED])
def test_unreadable_arguments_get_a_hint(typed: str, message: str) -> None:
    """Anything that is not key=value is refused with what was not understood."""
    with pytest.raises(BadArguments, match=message) as caught:
        parse_fields(typed, LISTS)
    assert "key=value" in caught.value.usage

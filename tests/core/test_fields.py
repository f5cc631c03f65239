"""Admin arguments: `key=value` read the way admins type them, and the lines forms become."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.commands.admin import ADD_FORM, FACT
from bot.core.fields import form_for, form_line, parse_fields
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


OPENS = [
    ("add", "event"),
    ("add quote", "quote"),
    ("ADD Person", "person"),
    ('add event text="typed in full"', None),
    ("add event extra", None),
    ("edit pakistan-emerges-1947", None),
    ("show pakistan-emerges-1947", None),
]


@pytest.mark.parametrize(("args", "subject"), OPENS, ids=[a for a, _ in OPENS])
def test_only_a_bare_add_opens_the_form(args: str, subject: str | None) -> None:
    """`add` or `add <kind>` opens the form; anything with fields runs as typed."""
    found = form_for(FACT, args)
    assert (found[1] if found else None) == subject


ANSWERS = [
    "plain words",
    'the "Moscow format" talks',
    'a back\\slash and a \\" pair',
    "commas, kept, in text",
    "two\nlines  spaced",
]


@pytest.mark.parametrize("text", ANSWERS, ids=range(len(ANSWERS)))
def test_answers_read_back_as_typed(text: str) -> None:
    """The engine's own argument reader gets every answer back unchanged (spaces folded)."""
    answers = {"text": text, "sources": "a, b", "date": "", "tags": "people=x,y"}
    line = form_line(ADD_FORM, "event", answers)
    assert line.startswith("add event ")
    fields = parse_fields(line.removeprefix("add event "), {"sources", "people"})
    assert fields == {"text": " ".join(text.split()), "sources": ["a", "b"], "people": ["x", "y"]}

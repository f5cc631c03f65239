"""Forms: which arguments open one, and the typed line its answers become."""

from __future__ import annotations

import pytest

from bot.core.commands.admin import ADD_FORM, FACT
from bot.core.fields import form_for, form_line, parse_fields

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

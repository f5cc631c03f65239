"""`quote [who or word]`: quotations filtered by speaker or word, none invented."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask


def test_quote_alone_lists_every_quotation_oldest_first(engine: Engine) -> None:
    """No argument: every quotation, dated ones oldest first, undated ones after them."""
    facts = engine.snapshot.fb.facts
    items = ask(engine, "quote").items
    quotes = [facts[i.fact_id or ""] for i in items]
    assert len(quotes) == sum(f.kind == "quote" for f in facts.values()) >= 2
    order = [(q.date is None, q.date.start if q.date else None) for q in quotes]
    assert order == sorted(order)


@pytest.mark.parametrize(
    ("arg", "check"),
    [
        ("", lambda f: True),
        ("kosygin", lambda f: f.speaker == "alexei-kosygin"),
        ("kosigin", lambda f: f.speaker == "alexei-kosygin"),
        ("zero-sum", lambda f: "zero-sum" in f.text),
        ("neighbour", lambda f: "neighbour" in f.text),
    ],
)
def test_quote_filters_by_speaker_or_word(engine: Engine, arg: str, check: object) -> None:
    """Quotes shown are quotations that match the filter, with their speaker named."""
    facts = engine.snapshot.fb.facts
    reply = ask(engine, f"quote {arg}")
    assert reply.items
    for item in reply.items:
        fact = facts[item.fact_id or ""]
        assert fact.kind == "quote" and check(fact)  # type: ignore[operator]
        assert engine.snapshot.fb.name_of(fact.speaker or "") in item.text


def test_quote_of_someone_never_quoted_is_not_found(engine: Engine) -> None:
    """No quotation is invented for a stranger."""
    assert ask(engine, "quote putin").kind == "not_found"

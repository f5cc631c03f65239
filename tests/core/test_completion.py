"""Slash-option autocomplete: the right entry among the choices, and never a dead end."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from bot.core.engine import Engine
from bot.core.types import ArgKind
from bot.store.store import Store
from tests.conftest import ask


@pytest.mark.parametrize(
    ("kind", "partial", "expected_value"),
    [
        ("period", "197", "1970s"),
        ("period", "", "1940s"),
        ("period", "cold", "cold war"),
        ("party", "rus", "russia"),
        ("party", "bot", "shared"),
        ("party", "nat", "nato"),
        ("person", "bhu", "zulfikar-ali-bhutto"),
        ("person", "kosigin", "alexei-kosygin"),
        ("topic", "ener", "energy"),
        ("topic", "afgh", "afghanistan"),
        ("source", "asl", "aslam-joint-exercise"),
        ("command", "tim", "timeline"),
    ],
)
def test_autocomplete_offers_the_right_choice(
    engine: Engine, kind: ArgKind, partial: str, expected_value: str
) -> None:
    """Slash autocomplete lists the matching entry among at most 25 choices."""
    choices = engine.complete(kind, partial)
    assert 0 < len(choices) <= 25
    assert expected_value in [value for _, value in choices]


COMMAND_OF: dict[ArgKind, str] = {
    "party": "interests",
    "person": "who",
    "topic": "topic",
    "source": "source",
}


@pytest.mark.parametrize("kind", list(COMMAND_OF))
def test_every_autocomplete_value_answers(engine: Engine, kind: ArgKind) -> None:
    """Whatever autocomplete offers, the command it feeds gives a real answer with items."""
    offered = engine.complete(kind, "")
    assert len(offered) >= 5, offered
    for _, value in offered:
        reply = ask(engine, f"{COMMAND_OF[kind]} {value}")
        assert (reply.kind, bool(reply.items)) == ("answer", True), value


def test_entries_with_nothing_to_show_are_not_offered(engine: Engine) -> None:
    """A party no interest involves, or a theme with no facts, is never offered."""
    fb = engine.snapshot.fb
    lone_party = replace(fb.parties["nato"], id="greenland", name="Greenland")
    empty_topic = replace(fb.topics["energy"], id="fisheries", name="Fisheries")
    other = Engine(
        Store.of(
            replace(
                fb,
                parties={**fb.parties, "greenland": lone_party},
                topics={**fb.topics, "fisheries": empty_topic},
            )
        )
    )
    assert ask(other, "interests greenland").kind == "not_found"
    assert "greenland" not in [value for _, value in other.complete("party", "")]
    assert "greenland" not in [value for _, value in other.complete("party", "greenl")]
    assert "russia" in [value for _, value in other.complete("party", "")]
    assert not ask(other, "topic fisheries").items
    assert "fisheries" not in [value for _, value in other.complete("topic", "fish")]
    assert "energy" in [value for _, value in other.complete("topic", "")]

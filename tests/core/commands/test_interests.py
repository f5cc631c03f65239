"""`interests <party>`: a party's own interests, or those that involve a country."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.types import Reply
from tests.conftest import ask


def _facts(engine: Engine, reply: Reply) -> list[str]:
    return [i.fact_id for i in reply.items if i.fact_id]


@pytest.mark.parametrize(
    ("arg", "party"),
    [
        ("russia", "russia"),
        ("Russia", "russia"),
        ("rusia", "russia"),
        ("moscow", "russia"),
        ("ussr", "russia"),
        ("soviet union", "russia"),
        ("kremlin", "russia"),
        ("pakistan", "pakistan"),
        ("pakstan", "pakistan"),
        ("islamabad", "pakistan"),
        ("shared", "shared"),
        ("both", "shared"),
        ("convergence", "shared"),
    ],
)
def test_interests_of_a_party(engine: Engine, arg: str, party: str) -> None:
    """Every interest the base lists for that party, and only those."""
    fb = engine.snapshot.fb
    expected = [f.id for f in fb.facts.values() if f.kind == "interest" and f.party == party]
    assert len(expected) >= 5
    assert _facts(engine, ask(engine, f"interests {arg}")) == expected


def test_interests_without_a_party_explains_usage(engine: Engine) -> None:
    """No argument: a usage reply naming the choices."""
    reply = ask(engine, "interests")
    assert reply.kind == "usage" and "russia" in reply.intro


@pytest.mark.parametrize(
    ("arg", "party"),
    [
        ("china", "china"),
        ("afghanistan", "afghanistan"),
        ("united states", "united-states"),
        ("nato", "nato"),
    ],
)
def test_interests_of_another_country_lists_those_involving_it(
    engine: Engine, arg: str, party: str
) -> None:
    """A country or bloc with no interests of its own gets every interest that involves it."""
    fb = engine.snapshot.fb
    expected = {f.id for f in fb.facts.values() if f.kind == "interest" and party in f.parties}
    reply = ask(engine, f"interests {arg}")
    assert reply.kind == "answer" and expected
    assert set(_facts(engine, reply)) == expected

"""`help` and `about`: generated from the command table and the fact base."""

from __future__ import annotations

from bot.core.engine import Engine
from tests.conftest import ask, text_of


def test_help_lists_every_public_command(engine: Engine) -> None:
    """`help` shows each command's usage line, and no admin command."""
    text = text_of(engine, "help")
    public = [spec for spec in engine.commands if not spec.admin]
    assert len(public) >= 8
    for spec in public:
        assert spec.usage in text
    assert "fact add" not in text


def test_help_for_a_misspelt_command(engine: Engine) -> None:
    """`help timline` explains timeline."""
    reply = ask(engine, "help timline")
    assert reply.title == "Help: timeline"
    assert "timeline" in text_of(engine, "help timline")


def test_about_counts_people_as_people(engine: Engine) -> None:
    """`about` says `15 people`, never `15 persons`."""
    text = text_of(engine, "about")
    assert "15 people" in text and "persons" not in text

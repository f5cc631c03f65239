"""The command table: every command of the contract, Discord-valid option names, and one reader
of command names that forgives a slip."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask


def test_every_contract_command_is_registered(engine: Engine) -> None:
    """The table holds each command of the contract, admin ones included."""
    names = {spec.name for spec in engine.commands}
    assert {"timeline", "search", "sources", "source", "help", "about"} <= names
    assert {"interests", "who", "topic", "topics", "quote", "fact", "kb", "reload"} <= names


def test_slash_option_names_are_valid_for_discord(engine: Engine) -> None:
    """Every arg_name is lowercase with no spaces, as Discord requires."""
    for spec in engine.commands:
        assert spec.arg_name == spec.arg_name.lower() and " " not in spec.arg_name, spec


@pytest.mark.parametrize("line", ["timline 1970s", "tmeline 1970s", "TIMELINE 1970s"])
def test_misspelt_command_still_runs(engine: Engine, line: str) -> None:
    """A close misspelling of a command runs that command."""
    reply = ask(engine, line)
    assert (reply.kind, reply.title) == ("answer", "Timeline: 1970s")

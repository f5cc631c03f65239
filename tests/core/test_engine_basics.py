"""The engine's front door: dispatch, the error funnel, swap, help and sources."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core.commands import ALL
from bot.core.engine import Engine
from bot.core.table import Command, CommandTable, Context
from bot.core.types import CommandSpec, Reply, Request
from bot.store.store import Store
from tests.core.conftest import MEMBER, ask, text_of


def test_every_contract_command_is_registered(engine: Engine) -> None:
    """help lists each command of the contract."""
    names = {spec.name for spec in engine.commands}
    assert {"timeline", "search", "sources", "source", "help", "about"} <= names


def test_slash_option_names_are_valid_for_discord(engine: Engine) -> None:
    """Every arg_name is lowercase with no spaces, as Discord requires."""
    for spec in engine.commands:
        assert spec.arg_name == spec.arg_name.lower() and " " not in spec.arg_name, spec


def test_help_lists_every_public_command(engine: Engine) -> None:
    """`help` shows each command's usage line."""
    text = text_of(engine, "help")
    for spec in engine.commands:
        if not spec.admin:
            assert spec.usage in text


def test_sources_lists_each_article_with_its_fact_count(engine: Engine) -> None:
    """`sources` names every article and how many facts cite it."""
    text = text_of(engine, "sources")
    fb = engine.snapshot.fb
    for source in fb.sources.values():
        count = sum(source.id in f.sources for f in fb.facts.values())
        assert source.title[:40] in text
        assert f"{count} facts" in text


def test_unexpected_failure_becomes_an_apology(engine: Engine) -> None:
    """A handler that crashes gives a short apology, not an exception."""

    def explode(ctx: Context, request: Request) -> Reply:
        raise RuntimeError("boom")

    spec = CommandSpec(name="explode-test", summary="x", usage="explode-test")
    table = CommandTable([*ALL, Command(spec, explode)])
    reply = Engine(engine.store, table).handle(Request("explode-test", "", MEMBER))
    assert reply.kind == "error" and "boom" not in reply.title


def test_a_published_base_is_served_from_the_next_request(engine: Engine) -> None:
    """Once the store publishes a new fact base, answers come from it."""
    fb = engine.snapshot.fb
    fewer = replace(fb, sources=dict(list(fb.sources.items())[:1]))
    other = Engine(Store.of(fb))
    assert len(ask(other, "sources").items) == len(fb.sources) > 1
    other.store.publish(fewer, version=1)
    assert len(ask(other, "sources").items) == 1


@pytest.mark.parametrize("line", ["timline 1970s", "tmeline 1970s", "TIMELINE 1970s"])
def test_misspelt_command_still_runs(engine: Engine, line: str) -> None:
    """A close misspelling of a command runs that command."""
    assert ask(engine, line).title == ask(engine, "timeline 1970s").title


def test_about_counts_people_as_people(engine: Engine) -> None:
    """`about` says `15 people`, never `15 persons`."""
    people = sum(f.kind == "person" for f in engine.snapshot.fb.facts.values())
    text = text_of(engine, "about")
    assert f"{people} people" in text and "persons" not in text

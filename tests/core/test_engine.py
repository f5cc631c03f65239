"""The engine's front door: the one error funnel, hostile input, and swapping in a new base."""

from __future__ import annotations

import re

import pytest
from msgspec.structs import replace

from bot.adapters.terminal import render
from bot.core.commands import ALL
from bot.core.engine import Engine
from bot.core.replies import APOLOGY
from bot.core.table import Command, CommandTable, Context
from bot.core.types import CommandSpec, Reply, Request
from bot.store.store import Store
from tests.conftest import MEMBER, ask


def test_unexpected_failure_becomes_an_apology(engine: Engine) -> None:
    """A handler that crashes gives the one short apology, not an exception or its message."""

    def explode(ctx: Context, request: Request) -> Reply:
        raise RuntimeError("boom")

    spec = CommandSpec(name="explode-test", summary="x", usage="explode-test")
    table = CommandTable([*ALL, Command(spec, explode)])
    reply = Engine(engine.store, table).handle(Request("explode-test", "", MEMBER))
    assert (reply.kind, reply.title) == ("error", APOLOGY)
    assert "boom" not in render(reply, width=100)


def test_a_published_base_is_served_from_the_next_request(engine: Engine) -> None:
    """Once the store publishes a new fact base, answers come from it."""
    fb = engine.snapshot.fb
    fewer = replace(fb, sources=dict(list(fb.sources.items())[:1]))
    other = Engine(Store.of(fb))
    assert len(ask(other, "sources").items) == len(fb.sources) > 1
    other.store.publish(fewer, version=1)
    assert len(ask(other, "sources").items) == 1


def test_a_name_is_looked_up_afresh_in_every_request(engine: Engine) -> None:
    """Names resolved while answering one request are not reused by the next one."""
    fb = engine.snapshot.fb
    person = ask(engine, "who bhuto").items[0].fact_id
    assert person == "zulfikar-ali-bhutto"
    other = Engine(Store.of(fb))
    other.store.publish(replace(fb, facts={k: f for k, f in fb.facts.items() if k != person}), 1)
    assert ask(other, "who bhuto").kind == "not_found"
    other.store.publish(fb, 2)
    assert ask(other, "who bhuto").items[0].fact_id == person


HOSTILE = [
    "x" * 10_000,
    "tashkent " * 2_000,
    "\x00\x01\x02\x1b[31mred\x1b[0m\x7f",
    "?!.,;:'\"()[]{}<>/\\|-_=+*&^%$#@~`",
    "@everyone @here <@123456789>",
    "**bold** __under__ ~~strike~~ `code` ```block``` > quote",
    "Россия Пакистан 巴基斯坦 روس پاکستان",
    "🇵🇰🇷🇺 🤝",
    "' OR 1=1; DROP TABLE facts; --",
    "{{7*7}} ${jndi:ldap://x} %s %n",
    "\u202eevil\u200b\u200d",
    "   ",
]
COMMANDS = [
    "timeline",
    "interests",
    "who",
    "topic",
    "topics",
    "quote",
    "search",
    "sources",
    "source",
    "help",
    "about",
    "nosuchcommand",
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("junk", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_a_clean_reply(engine: Engine, command: str, junk: str) -> None:
    """Any junk, to any command: a reply (never an error), short, without control characters."""
    reply = engine.handle(Request(command, junk, MEMBER))
    assert reply.kind != "error"
    text = render(reply, width=100)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", text)
    assert len(reply.title) <= 200


def test_a_huge_command_name_is_handled(engine: Engine) -> None:
    """Even the command word can be junk: it is searched for, not crashed on."""
    reply = engine.handle(Request("x" * 10_000, "", MEMBER))
    assert reply.kind == "not_found"
    assert len(reply.title) <= 200

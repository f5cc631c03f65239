"""`search`, did-you-mean, autocomplete, and hostile input through the front door."""

from __future__ import annotations

import re

import pytest

from bot.adapters.terminal import render
from bot.core.engine import Engine
from bot.core.types import Request
from bot.search.normalise import fold
from tests.core.conftest import MEMBER, ask, text_of


@pytest.mark.parametrize(
    ("query", "must_contain"),
    [
        ("tashkent declaration", "tashkent declaration"),
        ("tashkent declaraton", "tashkent declaration"),
        ("tashkant", "tashkent"),
        ("steel mills", "steel mill"),
        ("stel mils", "steel mill"),
        ("gas pipline", "gas pipeline"),
        ("joint military exercise", "exercise"),
        ("Kashmir", "kashmir"),
        ("warm waters", "warm water"),
        ("nuclear deal", "nuclear deal"),
        ("bhutto visit moscow", "bhutto visited moscow"),
    ],
)
def test_search_puts_a_matching_fact_first(engine: Engine, query: str, must_contain: str) -> None:
    """The top hit mentions what was asked, typos and all."""
    reply = ask(engine, f"search {query}")
    assert reply.items and must_contain in fold(reply.items[0].text)


@pytest.mark.parametrize("alias", ["ask", "find"])
def test_search_aliases_answer_the_same(engine: Engine, alias: str) -> None:
    """`ask` and `find` are the same command as `search`."""
    assert ask(engine, f"{alias} tashkent").items == ask(engine, "search tashkent").items


def test_search_says_how_it_read_a_typo(engine: Engine) -> None:
    """A corrected word is named in the reply, so the reader can tell."""
    assert "“declaraton” as “declaration”" in ask(engine, "search tashkent declaraton").intro


def test_search_expands_aliases(engine: Engine) -> None:
    """`ussr` finds facts about Russia although no fact says USSR."""
    facts = engine.snapshot.fb.facts
    reply = ask(engine, "search ussr steel")
    assert reply.items and "russia" in facts[reply.items[0].fact_id or ""].parties


def test_every_search_item_cites_its_source(engine: Engine) -> None:
    """Each fact shown carries a compact citation of each of its sources."""
    facts = engine.snapshot.fb.facts
    for item in ask(engine, "search energy").items:
        if item.fact_id:
            assert [c.source_id for c in item.citations] == list(facts[item.fact_id].sources)


@pytest.mark.parametrize("query", ["xylophone", "quantum chromodynamics", "zzzz qqqq"])
def test_nothing_found_suggests_only_real_entries(engine: Engine, query: str) -> None:
    """No match: a plain statement; any suggestion names something in the base."""
    reply = ask(engine, f"search {query}")
    assert reply.kind == "not_found" and not reply.items
    assert len(reply.suggestions) <= 5
    for suggestion in reply.suggestions:
        again = ask(engine, suggestion)
        assert again.kind == "answer", suggestion


@pytest.mark.parametrize(
    ("line", "suggestion"),
    [
        ("who musharaff khan", "who Pervez Musharraf"),
        ("topic enrgy securty", "topic Energy"),
        ("who brezhnyev leonidas", "who Leonid Brezhnev"),
    ],
)
def test_near_miss_offers_did_you_mean(engine: Engine, line: str, suggestion: str) -> None:
    """A near miss either answers or suggests the entry it nearly named."""
    reply = ask(engine, line)
    assert reply.kind == "answer" or suggestion in reply.suggestions


def test_search_without_words_explains_usage(engine: Engine) -> None:
    """`search` alone is a usage reply, not an error."""
    assert ask(engine, "search").kind == "usage"


def test_unknown_command_searches_instead(engine: Engine) -> None:
    """A line that is no command is searched, and the reply says so."""
    reply = ask(engine, "tashkent declaration")
    assert reply.items and "not a command" in reply.footer


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
    """Even the command word can be junk."""
    assert engine.handle(Request("x" * 10_000, "", MEMBER)).kind != "error"


@pytest.mark.parametrize(
    ("kind", "partial", "expected_value"),
    [
        ("period", "197", "1970s"),
        ("period", "", "1940s"),
        ("period", "cold", "cold war"),
        ("party", "rus", "russia"),
        ("party", "bot", "shared"),
        ("person", "bhu", "zulfikar-ali-bhutto"),
        ("person", "kosigin", "alexei-kosygin"),
        ("topic", "ener", "energy"),
        ("topic", "afgh", "afghanistan"),
        ("source", "asl", "aslam-joint-exercise"),
        ("command", "tim", "timeline"),
    ],
)
def test_autocomplete_offers_the_right_choice(
    engine: Engine, kind: str, partial: str, expected_value: str
) -> None:
    """Slash autocomplete lists the matching entry among at most 25 choices."""
    choices = engine.complete(kind, partial)  # type: ignore[arg-type]
    assert 0 < len(choices) <= 25
    assert expected_value in [value for _, value in choices]


def test_help_for_a_misspelt_command(engine: Engine) -> None:
    """`help timline` explains timeline."""
    assert "timeline" in text_of(engine, "help timline")


@pytest.mark.parametrize("kind", ["party", "person", "topic", "source"])
def test_every_autocomplete_value_answers(engine: Engine, kind: str) -> None:
    """Whatever autocomplete offers, the command it feeds resolves exactly."""
    command = {"party": "interests", "person": "who", "topic": "topic", "source": "source"}[kind]
    for _, value in engine.complete(kind, ""):  # type: ignore[arg-type]
        assert ask(engine, f"{command} {value}").kind in ("answer", "not_found"), value

"""Plain-words questions read as commands: each phrasing → the command it becomes."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask

READINGS = [
    # interests of one party
    ("what does russia want", "interests russia"),
    ("What does Pakistan want?", "interests pakistan"),
    ("what does moscow want from pakistan", "interests russia"),
    ("why does the kremlin want closer ties", "interests russia"),
    ("what are russia's interests", "interests russia"),
    ("what are russias interests", "interests russia"),
    ("russian interests", "interests russia"),
    ("pakistan's goals", "interests pakistan"),
    # interests both share
    ("common interests", "interests shared"),
    ("shared interests?", "interests shared"),
    ("mutual interests", "interests shared"),
    ("where do they agree", "interests shared"),
    ("where do pakistan and russia agree", "interests shared"),
    ("what do both sides want", "interests shared"),
    ("what do they have in common", "interests shared"),
    # an article by its outlet, author or title
    ("who is the author of the daily times article", "source daily times"),
    ("who wrote the daily times article", "source daily times"),
    ("who wrote challenges and prospects", "source challenges and prospects"),
    # people
    ("who was bhutto", "who bhutto"),
    ("who is kosygin?", "who kosygin"),
    ("who's musharraf", "who musharraf"),
    ("tell me about kosygin", "who kosygin"),
    ("what do you know about ayub khan", "who ayub khan"),
    # themes and whatever else `about` names
    ("tell me about sco", "topic sco"),
    ("what about steel", "topic steel"),
    ("tell me about the cold war", "topic cold war"),
    ("tell me about russia", "topic russia"),  # the country, not the “Russian commander”
    ("tell me about bhuto", "who bhuto"),
    ("what is sco", "topic sco"),
    ("whats cpec", "topic cpec"),
    ("what is the tashkent declaration", "search tashkent declaration"),
    ("what's new", "timeline latest"),  # not India, though `new` starts “New Delhi”
    # when: a search with dated events first
    ("when did pakistan join sco", "search when pakistan join sco"),
    ("when did musharraf visit moscow", "search when musharraf visit moscow"),
    ("what year did bhutto visit moscow", "search when bhutto visit moscow"),
    # what happened: the timeline
    ("what happened in 1971", "timeline 1971"),
    ("what happened after 9/11", "timeline after 9/11"),
    ("what happened during the seventies", "timeline seventies"),
    ("history of the cold war", "timeline cold war"),
    ("events in the 1980s", "timeline 1980s"),
    ("what happened", "timeline"),
    # who did something: the facts about the deed
    ("who visited moscow in 1965", "search visited moscow in 1965"),
    # quotations
    ("what did kosygin say", "quote kosygin"),
    ("what did kosygin say about pakistan", "quote kosygin"),
    ("quotes by kosygin", "quote kosygin"),
    ("any quotes?", "quote"),
    # lists and help
    ("what topics are there", "topics"),
    ("which articles do you use", "sources"),
    ("where does this come from", "sources"),
    ("list the people", "who"),
    ("what can you do", "help"),
    ("what is this", "about"),
    # a bare period, person or theme
    ("1971", "timeline 1971"),
    ("seventies", "timeline seventies"),
    ("kosygin", "who kosygin"),
    ("cpec", "topic cpec"),
    # questions typed after a free-text command are read too
    ("ask what does russia want", "interests russia"),
    ("search when did pakistan join sco", "search when pakistan join sco"),
]


@pytest.mark.parametrize(("line", "reading"), READINGS)
def test_a_question_is_read_as_its_command(engine: Engine, line: str, reading: str) -> None:
    """The reply says how the line was read, and is that command's own answer."""
    reply = ask(engine, line)
    assert f"Read as `{reading}`." in reply.footer
    direct = ask(engine, reading)
    assert (reply.title, reply.items) == (direct.title, direct.items)


@pytest.mark.parametrize(
    "line",
    [
        "who bhutto",
        "interests russia",
        "search steel mills",
        "timeline 1970s",
        "find tashkent",
    ],
)
def test_a_plain_command_is_not_re_read(engine: Engine, line: str) -> None:
    """A command typed as a command runs as typed, without a reading note."""
    assert "Read as" not in ask(engine, line).footer


@pytest.mark.parametrize(
    ("line", "command_word"),
    [
        ("what does gandhi want", "what"),  # not a party: searched, not `interests gandhi`
        ("what did the articles say about steel", "what"),  # not a person: searched
        ("tashkent declaration", "tashkent"),
    ],
)
def test_a_reading_that_does_not_hold_falls_back_to_search(
    engine: Engine, line: str, command_word: str
) -> None:
    """When the named thing is not what the phrasing needs, the words are searched instead."""
    reply = ask(engine, line)
    assert "Read as" not in reply.footer
    assert f"`{command_word}` is not a command, so this is a search." in reply.footer


def test_who_is_someone_unknown_says_no_one_by_that_name(engine: Engine) -> None:
    """`who is gandhi` answers like `who gandhi`: no one by that name, no invented card."""
    reply = ask(engine, "who is gandhi")
    assert reply.kind == "not_found" and "“gandhi”" in reply.title and not reply.items


def test_who_is_a_description_searches_for_it(engine: Engine) -> None:
    """`who is the soviet prime minister` finds the facts fitting the description."""
    reply = ask(engine, "who was the soviet prime minister")
    assert reply.kind == "answer" and reply.items
    assert "Read as `search soviet prime minister`." in reply.footer

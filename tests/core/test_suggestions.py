"""Dead ends: a near miss is answered, a miss suggests real entries that answer, and a reply with
nothing close to suggest says where the whole list is."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask

SUGGESTING = [
    ("quote kosigyn", ("quote Alexei Kosygin",)),
    ("timeline 2040s", ("timeline 1990s", "timeline 2000s", "timeline 2010s")),
    ("timeline 1800s", ("timeline 1940s", "timeline 1950s", "timeline 1960s")),
    ("interests gandhi", ("interests russia", "interests pakistan", "interests shared")),
    ("source nytimes", ("source The Pak-Russia Strategic Realignment",)),
    ("topic defens", ("topic Defence",)),
    ("who khan", ("who Liaquat Ali Khan", "who Mohammad Ayub Khan", "who Yahya Khan")),
]


@pytest.mark.parametrize(("line", "expected"), SUGGESTING, ids=[s[0] for s in SUGGESTING])
def test_every_suggestion_is_a_real_entry_that_answers(
    engine: Engine, line: str, expected: tuple[str, ...]
) -> None:
    """A miss offers did-you-mean commands with an argument, each of which answers."""
    reply = ask(engine, line)
    assert reply.kind == "not_found" and not reply.items
    assert reply.suggestions == expected
    for suggestion in reply.suggestions:
        assert len(suggestion.split()) >= 2, f"a bare command is no suggestion: {suggestion}"
        again = ask(engine, suggestion)
        assert again.kind == "answer" and again.items, suggestion


NOTHING_CLOSE = [
    ("who gandhi", "The articles name no one called “gandhi”.", "`who` lists the 15 people"),
    ("!who gandhi", "The articles name no one called “gandhi”.", "`who` lists the 15 people"),
    ("who is gandhi", "The articles name no one called “gandhi”.", "`who` lists the 15 people"),
    ("topic gandhi", "No theme called “gandhi”.", "`topics` lists the themes."),
    ("quote gandhi", "No quotation by or about “gandhi”.", "`quote` alone lists all 3"),
    ("help gandhi", "There is no command “gandhi”.", "`help` lists the commands."),
    ("source gandhi", "No article matches “gandhi”.", "`sources` lists the articles."),
    ("timeline gandhi", "No dated event mentions “gandhi”.", "`timeline` alone gives an overview"),
    ("search gandhi", "The articles never mention “gandhi”.", "Try other words;"),
    ("search xylophone", "The articles never mention “xylophone”.", "Try other words;"),
    ("search zzzz qqqq", "The articles never mention “zzzz” or “qqqq”.", "Try other words;"),
    ("tell me about gandhi", "The articles never mention “gandhi”.", "Try other words;"),
]


@pytest.mark.parametrize(
    ("line", "title", "hint"), NOTHING_CLOSE, ids=[n[0] for n in NOTHING_CLOSE]
)
def test_a_dead_end_points_at_the_list_instead(
    engine: Engine, line: str, title: str, hint: str
) -> None:
    """With nothing close to suggest, the reply says so plainly and where the whole list is."""
    reply = ask(engine, line)
    assert (reply.kind, reply.title) == ("not_found", title)
    assert not reply.items and not reply.suggestions
    assert reply.footer.startswith(hint)


NEAR_MISSES = [
    ("who musharaff khan", "Pervez Musharraf"),
    ("who brezhnyev leonidas", "Leonid Brezhnev"),
    ("topic enrgy securty", "Topic: Energy"),
    ("topic eneryg", "Topic: Energy"),
    ("help timlne", "Help: timeline"),
]


@pytest.mark.parametrize(("line", "title"), NEAR_MISSES, ids=[n[0] for n in NEAR_MISSES])
def test_a_near_miss_is_answered_at_once(engine: Engine, line: str, title: str) -> None:
    """A slip close enough to one entry answers for that entry instead of asking."""
    reply = ask(engine, line)
    assert (reply.kind, reply.title) == ("answer", title)
    assert reply.items and not reply.suggestions

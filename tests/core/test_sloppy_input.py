"""Input as people really type it: odd case, punctuation, quotes, relative periods, dead ends."""

from __future__ import annotations

import pytest

from bot.core.commands.timeline import WIDER_HEADING
from bot.core.engine import Engine
from bot.search.periods import parse_period
from tests.core.conftest import ask

SAME_ANSWER = [
    ("!Timeline 1970S", "timeline 1970s"),
    ("!TIMELINE seventies", "timeline 1970s"),
    ("timeline 70's", "timeline 1970s"),
    ("timline sevnties", "timeline 1970s"),
    ("timeline sixtys", "timeline 1960s"),
    ("timeline eightees", "timeline 1980s"),
    ("timeline late ninetees", "timeline late 1990s"),
    ('!timeline "1970s"', "timeline 1970s"),
    ("timeline 1970s?", "timeline 1970s"),
    ("timeline the 70s", "timeline 1970s"),
    ("!interests: russia", "interests russia"),
    ("!interests:russia", "interests russia"),
    ("interests 'moscow'", "interests russia"),
    ("interests ussr", "interests russia"),
    ("interests soviet", "interests russia"),
    ("interests kremlin", "interests russia"),
    ("interests islamabad", "interests pakistan"),
    ("interests paksitan", "interests pakistan"),
    ("interests both countries", "interests shared"),
    ("/who bhutto", "who bhutto"),
    ('who "bhutto"', "who bhutto"),
    ("who bhutto?", "who bhutto"),
    ("who: ZAB", "who bhutto"),
    ("topic SCO", "topic sco"),
    ("topic shanghai", "topic sco"),
    ("topic millitary", "topic defence"),
    ("search india?", "search india"),
    ("timeline 9/11", "timeline after 9/11"),
    ("timeline 1947 to now", "timeline since 1947"),
    ("timeline from 1965 till 1972", "timeline 1965-1972"),
    ("help me", "help"),
    ("timeline circa 1965", "timeline 1965"),
    ("timeline c. 1970", "timeline 1970"),
    ("timeline ~1970", "timeline 1970"),
]


@pytest.mark.parametrize(("sloppy", "tidy"), SAME_ANSWER)
def test_sloppy_input_gets_the_tidy_answer(engine: Engine, sloppy: str, tidy: str) -> None:
    """Case, quotes, colons, trailing `?` and aliases change nothing in the answer."""
    reply, expected = ask(engine, sloppy), ask(engine, tidy)
    assert reply.kind == "answer" and reply.items == expected.items


RELATIVE = [
    ("recent", 10),
    ("last decade", 10),
    ("in recent years", 10),
    ("latest", 5),
    ("last 5 years", 5),
    ("past few years", 5),
    ("last two decades", 20),
    ("last year", 1),
]


@pytest.mark.parametrize(("arg", "years"), RELATIVE)
def test_relative_periods_count_back_from_the_newest_event(
    engine: Engine, arg: str, years: int
) -> None:
    """`timeline recent` lists the events of the last years of the base, and says so."""
    snap = engine.snapshot
    newest = snap.timeline.newest()
    assert newest is not None
    first = newest.year - years + 1
    expected = {
        f.id
        for f in snap.fb.facts.values()
        if f.date is not None and f.date.end.year >= first and f.date.start.year <= newest.year
    }
    reply = ask(engine, f"timeline {arg}")
    shown = {
        i.fact_id
        for i in reply.items
        if i.fact_id and (i.heading is None or i.heading.startswith(WIDER_HEADING))
    }
    assert reply.kind == "answer" and shown == expected and expected
    assert f"newest event in the fact base ({newest.year})" in reply.intro


def test_relative_periods_need_a_fact_base() -> None:
    """Without a newest date, `recent` is not a period (it stays a word to search for)."""
    assert parse_period("recent") is None


DEAD_ENDS = [
    "who gandhi",
    "!who gandhi",
    "who is gandhi",
    "who musharaff khan",
    "topic gandhi",
    "topic enrgy securty",
    "quote gandhi",
    "quote kosigyn",
    "help gandhi",
    "help timlne",
    "source gandhi",
    "search gandhi",
    "search xylophone",
    "timeline gandhi",
    "timeline 2040s",
    "interests gandhi",
    "tell me about gandhi",
]


@pytest.mark.parametrize("line", DEAD_ENDS)
def test_every_suggestion_is_a_real_entry_that_answers(engine: Engine, line: str) -> None:
    """Did-you-mean offers only commands with an argument, each of which answers."""
    reply = ask(engine, line)
    for suggestion in reply.suggestions:
        assert len(suggestion.split()) >= 2, f"a bare command is no suggestion: {suggestion}"
        assert ask(engine, suggestion).kind == "answer", suggestion


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("who gandhi", "`who` lists the"),
        ("topic gandhi", "`topics` lists the themes"),
        ("quote gandhi", "`quote` alone lists"),
        ("source gandhi", "`sources` lists the articles"),
        ("help gandhi", "`help` lists the commands"),
    ],
)
def test_a_dead_end_points_at_the_list_instead(engine: Engine, line: str, hint: str) -> None:
    """With nothing close to suggest, the reply says where the whole list is."""
    reply = ask(engine, line)
    assert reply.kind == "not_found" and not reply.suggestions
    assert hint in reply.footer


def test_a_question_word_alone_asks_for_more(engine: Engine) -> None:
    """`when` on its own is a usage reply, not a search for a stopword."""
    reply = ask(engine, "search when")
    assert reply.kind == "usage" and "search" in reply.intro

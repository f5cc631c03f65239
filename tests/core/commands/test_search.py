"""`search` (and `ask`, `find`): the fact asked about comes first, typos and all, and says how it
read the words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.core.engine import Engine
from bot.factbase.model import Fact
from bot.search.normalise import fold
from bot.search.periods import parse_period
from tests.conftest import ask

Pick = Callable[[Fact], bool]


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
    reply = ask(engine, f"{alias} tashkent")
    assert reply.items and reply.items == ask(engine, "search tashkent").items


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
    shown = [item for item in ask(engine, "search energy").items if item.fact_id]
    assert len(shown) >= 3
    for item in shown:
        assert [c.source_id for c in item.citations] == list(facts[item.fact_id or ""].sources)


def test_search_without_words_explains_usage(engine: Engine) -> None:
    """`search` alone is a usage reply, not an error."""
    assert ask(engine, "search").kind == "usage"


def test_a_question_word_alone_asks_for_more(engine: Engine) -> None:
    """`when` on its own is a usage reply, not a search for a stopword."""
    reply = ask(engine, "search when")
    assert reply.kind == "usage" and "search" in reply.intro


def test_unknown_command_searches_instead(engine: Engine) -> None:
    """A line that is no command is searched, and the reply says so."""
    reply = ask(engine, "tashkent declaration")
    assert reply.items and "not a command" in reply.footer


def _the_fact(engine: Engine, pick: Pick) -> str:
    """Find the one fact a test is about by its tags and date, not by a copied id."""
    found = [f.id for f in engine.snapshot.fb.facts.values() if pick(f)]
    assert len(found) == 1, found
    return found[0]


def _year(fact: Fact) -> int | None:
    return fact.date.start.year if fact.date is not None else None


TOP_HITS: list[tuple[str, Pick]] = [
    (
        "when did pakistan join sco",
        lambda f: f.kind == "event" and "sco" in f.topics and _year(f) == 2011,
    ),
    (
        "When did Pakistan join the SCO?",
        lambda f: f.kind == "event" and "sco" in f.topics and _year(f) == 2011,
    ),
    (
        "when did musharraf visit moscow",
        lambda f: f.kind == "event" and "pervez-musharraf" in f.people and _year(f) == 2003,
    ),
    (
        "when did kosygin visit pakistan",
        lambda f: f.kind == "event" and "alexei-kosygin" in f.people and _year(f) == 1968,
    ),
    (
        "search when tashkent",
        lambda f: f.kind == "event" and "tashkent" in fold(f.text) and f.date is not None,
    ),
]


@pytest.mark.parametrize(("line", "pick"), TOP_HITS, ids=[line for line, _ in TOP_HITS])
def test_the_fact_asked_about_comes_first(engine: Engine, line: str, pick: Pick) -> None:
    """The top result is the fact the question is after."""
    reply = ask(engine, line)
    assert reply.items and reply.items[0].fact_id == _the_fact(engine, pick)


def test_when_questions_put_dated_events_first(engine: Engine) -> None:
    """A `when` question lists every dated hit before any undated one, and says so."""
    reply = ask(engine, "when did musharraf visit moscow")
    facts = engine.snapshot.fb.facts
    shown = [facts[i.fact_id] for i in reply.items if i.fact_id and not i.heading]
    # A climate entry's date is a span characterised, not an event's: it follows the events.
    dated = [f.date is not None and f.kind != "climate" for f in shown]
    assert dated[0] and not dated[-1], "the test needs dated and undated hits"
    assert dated == sorted(dated, reverse=True)
    assert "Dated events first." in reply.intro


@pytest.mark.parametrize(
    ("line", "period"),
    [
        ("did russia support pakistan in 1971", "1971"),
        ("search steel 1970s", "1970s"),
        ("search india pakistan war 1965", "1965"),
    ],
)
def test_a_period_named_in_the_words_brings_its_events_first(
    engine: Engine, line: str, period: str
) -> None:
    """`… in 1971` lists the hits dated in 1971 before the others, and says so."""
    span = parse_period(period)
    assert span is not None
    facts = engine.snapshot.fb.facts
    reply = ask(engine, line)
    inside = [
        (f.date is not None and f.date.overlaps(span.span))
        for f in (facts[i.fact_id] for i in reply.items if i.fact_id and not i.heading)
    ]
    assert inside[0] and inside == sorted(inside, reverse=True)
    assert f"Events of {span.label} first." in reply.intro


@pytest.mark.parametrize(("typed", "meant"), [("steel mil", "steel mill"), ("nat", "nato")])
def test_a_three_letter_word_missing_its_last_letter_is_corrected(
    engine: Engine, typed: str, meant: str
) -> None:
    """`mil` is read as `mill`, and the reply says so."""
    reply = ask(engine, f"find {typed}")
    assert reply.items and reply.items == ask(engine, f"find {meant}").items
    assert f"as “{meant.split()[-1]}”" in reply.intro

"""`timeline`: periods, overview, word filter; expectations computed from the fact base."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.commands.timeline import WIDER_HEADING
from bot.core.engine import Engine
from bot.search.dates import parse_date
from bot.search.periods import parse_period
from tests.core.conftest import ask, text_of

PERIODS = [
    "1970s",
    "70s",
    "seventies",
    "1965",
    "1965-1972",
    "1965 to 1972",
    "1965–72",
    "before 1991",
    "since 2001",
    "cold war",
    "post-cold war",
    "post-9/11",
    "1980s",
    "April 1965",
]


def _dated_ids(engine: Engine, arg: str) -> list[str]:
    reply = ask(engine, f"timeline {arg}")
    return [
        i.fact_id
        for i in reply.items
        if i.fact_id and (i.heading is None or i.heading.startswith(WIDER_HEADING))
    ]


@pytest.mark.parametrize("arg", PERIODS)
def test_period_shows_exactly_the_events_overlapping_it(engine: Engine, arg: str) -> None:
    """Every dated fact overlapping the period is listed, and nothing else."""
    period = parse_period(arg)
    assert period is not None
    fb = engine.snapshot.fb
    expected = {f.id for f in fb.facts.values() if f.date and f.date.overlaps(period.span)}
    assert set(_dated_ids(engine, arg)) == expected


@pytest.mark.parametrize("arg", PERIODS)
def test_period_lists_oldest_first(engine: Engine, arg: str) -> None:
    """Events come in date order: those inside the period, then those dated more broadly."""
    facts = engine.snapshot.fb.facts
    reply = ask(engine, f"timeline {arg}")
    for wider in (False, True):
        starts = [
            facts[i.fact_id].date.start  # type: ignore[union-attr]
            for i in reply.items
            if i.fact_id
            and (i.heading or "").startswith(WIDER_HEADING) == wider
            and (wider or i.heading is None)
        ]
        assert starts == sorted(starts)


@pytest.mark.parametrize("arg", ["1971", "1975", "1966"])
def test_a_year_lists_its_own_events_before_broader_ones(engine: Engine, arg: str) -> None:
    """`timeline 1971` shows events of 1971 before those dated only to the 1970s."""
    facts = engine.snapshot.fb.facts
    period = parse_period(arg)
    assert period is not None
    ids = _dated_ids(engine, arg)
    inside = [
        i
        for i in ids
        if period.span.start <= facts[i].date.start  # type: ignore[union-attr]
        and facts[i].date.end <= period.span.end  # type: ignore[union-attr]
    ]
    assert ids[: len(inside)] == inside


def test_decade_event_shows_under_its_own_precision(engine: Engine) -> None:
    """An event dated `1970s` is labelled 1970s, not 1 Jan 1970."""
    reply = ask(engine, "timeline 1975")
    decade_items = [i for i in reply.items if i.date == "1970s"]
    assert decade_items, "events dated to the 1970s overlap 1975"


@pytest.mark.parametrize(
    ("year", "decade"), [("1970", "1970s"), ("1979", "1970s"), ("1980", "1980s")]
)
def test_edge_years_fall_in_their_decade(year: str, decade: str) -> None:
    """1970 and 1979 are in the 1970s; 1980 is not."""
    period = parse_period(decade)
    assert period is not None and parse_date(year).overlaps(period.span)
    previous = parse_period(f"{int(decade[:4]) - 10}s")
    assert previous is not None and not parse_date(year).overlaps(previous.span)


def test_range_includes_both_end_years(engine: Engine) -> None:
    """`1965-1972` lists events of 1965 and of 1972."""
    facts = engine.snapshot.fb.facts
    years = {
        y
        for i in _dated_ids(engine, "1965-1972")
        for y in range(facts[i].date.start.year, facts[i].date.end.year + 1)  # type: ignore[union-attr]
    }
    assert {1965, 1972} <= years


@pytest.mark.parametrize("arg", ["2040s", "1800s", "before 1900"])
def test_empty_period_says_so_and_suggests_real_decades(engine: Engine, arg: str) -> None:
    """No events: a plain statement and decades that do have events."""
    reply = ask(engine, f"timeline {arg}")
    assert reply.kind == "not_found" and not reply.items
    for suggestion in reply.suggestions:
        assert _dated_ids(engine, suggestion.removeprefix("timeline "))


def test_overview_counts_events_per_decade(engine: Engine) -> None:
    """No argument: one line per decade with events, counts matching the base."""
    reply = ask(engine, "timeline")
    fb = engine.snapshot.fb
    for item in reply.items:
        span = parse_date(item.date or "")
        count = sum(1 for f in fb.facts.values() if f.date and f.date.overlaps(span))
        assert item.text.startswith(f"{count} event")


@pytest.mark.parametrize(
    ("arg", "word"), [("steel", "steel"), ("bhutto", "bhutto"), ("tashkent", "tashkent")]
)
def test_word_filters_the_timeline(engine: Engine, arg: str, word: str) -> None:
    """A word that is not a period lists the dated events mentioning it."""
    facts = engine.snapshot.fb.facts
    ids = _dated_ids(engine, arg)
    assert ids
    for fact_id in ids:
        fact = facts[fact_id]
        assert fact.date is not None
        assert word in (fact.text + " ".join(fact.people)).casefold()


def test_word_and_period_combine(engine: Engine) -> None:
    """`timeline steel 1970s` keeps steel events inside the 1970s."""
    period = parse_period("1970s")
    assert period is not None
    facts = engine.snapshot.fb.facts
    ids = _dated_ids(engine, "steel 1970s")
    assert ids and all(facts[i].date.overlaps(period.span) for i in ids)  # type: ignore[union-attr]


def test_disputed_period_shows_each_article_view(engine: Engine) -> None:
    """Where shown events carry a dispute, each article's view appears, attributed."""
    text = text_of(engine, "timeline 1948 to 1959")
    assert "Where the articles disagree" in text
    assert text.count("According to") >= 2


def test_open_start_period_reaches_the_first_event() -> None:
    """`before 1991` starts at the beginning of time, not at some guessed year."""
    period = parse_period("before 1991")
    assert period is not None
    assert period.span.start <= date(1947, 1, 1) and period.span.end == date(1990, 12, 31)

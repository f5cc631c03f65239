"""`timeline`: periods, relative periods, overview, word filter; expected events picked from the
fact base by their dates, not by the code under test."""

from __future__ import annotations

import pytest

from bot.core.commands.timeline import WIDER_HEADING
from bot.core.engine import Engine
from bot.search.dates import parse_date
from bot.search.normalise import fold
from bot.search.periods import parse_period
from tests.conftest import ask, text_of

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
    expected = {
        f.id
        for f in fb.facts.values()
        if f.date and f.kind != "climate" and f.date.overlaps(period.span)
    }
    assert expected, f"the test needs events in {arg}"
    assert set(_dated_ids(engine, arg)) == expected


@pytest.mark.parametrize("arg", PERIODS)
def test_period_lists_oldest_first(engine: Engine, arg: str) -> None:
    """Events come in date order: those inside the period, then those dated more broadly."""
    facts = engine.snapshot.fb.facts
    reply = ask(engine, f"timeline {arg}")
    inside, wider = [], []
    for item in reply.items:
        if item.fact_id and item.heading is None:
            inside.append(facts[item.fact_id].date.start)  # type: ignore[union-attr]
        elif item.fact_id and (item.heading or "").startswith(WIDER_HEADING):
            wider.append(facts[item.fact_id].date.start)  # type: ignore[union-attr]
    assert inside or wider
    assert inside == sorted(inside) and wider == sorted(wider)


@pytest.mark.parametrize("arg", ["1971", "1975", "1966"])
def test_a_year_lists_its_own_events_before_broader_ones(engine: Engine, arg: str) -> None:
    """`timeline 1971` shows events of 1971 before those dated only to the 1970s."""
    facts = engine.snapshot.fb.facts
    period = parse_period(arg)
    assert period is not None
    ids = _dated_ids(engine, arg)
    assert ids
    inside = [
        i
        for i in ids
        if period.span.start <= facts[i].date.start  # type: ignore[union-attr]
        and facts[i].date.end <= period.span.end  # type: ignore[union-attr]
    ]
    assert ids[: len(inside)] == inside


def test_decade_event_shows_under_its_own_precision(engine: Engine) -> None:
    """An event dated `1980s` is labelled 1980s, not 1 Jan 1980."""
    reply = ask(engine, "timeline 1985")
    decade_items = [i for i in reply.items if i.date == "1980s"]
    assert decade_items, "events dated to the 1980s overlap 1985"


def test_mid_decade_event_is_in_the_middle_years_only(engine: Engine) -> None:
    """`mid-1970s` (the articles' words) shows in 1975 as mid-1970s, and not in 1971."""
    steel = "bhutto-soviet-steel-mills-mid-1970s"
    in_1975 = ask(engine, "timeline 1975")
    assert [i.date for i in in_1975.items if i.fact_id == steel] == ["mid-1970s"]
    assert steel not in {i.fact_id for i in ask(engine, "timeline 1971").items}
    assert steel not in {i.fact_id for i in ask(engine, "timeline 1965 to 1972").items}


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
    assert len(reply.suggestions) == 3
    for suggestion in reply.suggestions:
        decade = suggestion.removeprefix("timeline ")
        assert decade.endswith("0s") and _dated_ids(engine, decade), suggestion


def test_overview_counts_events_per_decade(engine: Engine) -> None:
    """No argument: one line per decade with events, counts matching the base."""
    reply = ask(engine, "timeline")
    fb = engine.snapshot.fb
    assert [item.date for item in reply.items][:3] == ["1940s", "1950s", "1960s"]
    for item in reply.items:
        span = parse_date(item.date or "")
        count = sum(
            1 for f in fb.facts.values() if f.date and f.kind != "climate" and f.date.overlaps(span)
        )
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


def test_disputed_period_names_each_disagreement_and_where_to_read_it(engine: Engine) -> None:
    """A disputed event is flagged; the dispute's question follows once, with its command."""
    reply = ask(engine, "timeline 1948 to 1959")
    disputes = engine.snapshot.fb.disputes
    touched = {
        f.dispute
        for i in reply.items
        if i.fact_id and (f := engine.snapshot.fact(i.fact_id))
        if f.dispute and not i.heading
    }
    assert touched
    named = [i for i in reply.items if i.heading == "Where the articles disagree"]
    assert {i.text for i in named} <= {disputes[d].question for d in touched}
    assert named and all(i.note.startswith("Each article's view: `disputes ") for i in named)
    assert "According to" not in text_of(engine, "timeline 1948 to 1959")


def test_disagreements_beyond_the_first_two_are_counted_not_dropped(engine: Engine) -> None:
    """`timeline before 1991` touches five disagreements: two named, then "3 more"."""
    reply = ask(engine, "timeline before 1991")
    snap = engine.snapshot
    touched = {snap.fact(i.fact_id).dispute for i in reply.items if i.fact_id} - {None}
    named = [i for i in reply.items if i.heading == "Where the articles disagree"]
    assert len(touched) > 2
    assert named[-1].text.startswith(f"{len(touched) - 2} more disagreement")
    assert "`disputes`" in named[-1].text and len(named) == 3


def test_a_one_event_answer_is_not_buried_under_the_views(engine: Engine) -> None:
    """`timeline steel`: the one event, then one line naming the disagreement, no more."""
    reply = ask(engine, "timeline steel")
    events = [i for i in reply.items if not i.heading]
    assert len(events) == 1 and len(reply.items) <= 2


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
    events = [f for f in snap.fb.facts.values() if f.date is not None and f.kind != "climate"]
    newest = max(f.date.start for f in events if f.date is not None)
    first = newest.year - years + 1
    expected = {
        f.id
        for f in events
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


def test_a_word_filter_ignores_partial_multiword_tags(engine: Engine) -> None:
    """`timeline <year> war` lists facts saying “war”, not facts merely filed under Cold War."""
    snap = engine.snapshot

    def cold_only(year: int) -> set[str]:
        return {
            f.id
            for f in snap.fb.facts.values()
            if "cold-war" in f.topics and f.date is not None and f.date.start.year <= year
            if f.date.end.year >= year and "war" not in fold(f.text).split()
        }

    years = [y for y in range(1947, 1992) if cold_only(y)]
    assert years, "the test needs a Cold War year with a fact filed under Cold War, no “war”"
    said_war = 0
    for year in years:
        listed = [i.fact_id for i in ask(engine, f"timeline {year} war").items if not i.heading]
        assert not cold_only(year) & set(listed), year
        assert all("war" in fold(snap.fact(i or "").text).split() for i in listed), year
        said_war += len(listed)
    assert said_war, "some Cold War year lists a fact that says war"

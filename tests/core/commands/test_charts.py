"""Chart data: what a chart draws is exactly the facts of the answer, picked here from the fact
base by their own dates, tones and sources, never by the code under test."""

from __future__ import annotations

import pytest

from bot.core.chart import MAX_MARKS, Chart, to_json
from bot.core.engine import Engine
from bot.factbase.model import TONES
from bot.search.periods import parse_period
from tests.conftest import ask

PERIODS = ["1960s", "1970s", "1965 to 1972", "cold war", "since 2001", "1980s", "April 1965"]


def events_in(engine: Engine, arg: str) -> set[str]:
    """Give the ids of every event dated in a period, straight from the fact base."""
    period = parse_period(arg)
    assert period is not None
    return {
        f.id
        for f in engine.snapshot.fb.facts.values()
        if f.date is not None and f.kind != "climate" and f.date.overlaps(period.span)
    }


def chart_of(engine: Engine, line: str) -> Chart:
    reply = ask(engine, line)
    assert reply.chart is not None, line
    return reply.chart


@pytest.mark.parametrize("arg", PERIODS)
def test_timeline_chart_marks_exactly_the_periods_events(engine: Engine, arg: str) -> None:
    """Every event of the period has a mark or is counted in "+N more", and nothing else."""
    expected = events_in(engine, arg)
    chart = chart_of(engine, f"timeline {arg} chart")
    marked = [m.fact_id for m in chart.marks]
    assert len(marked) == len(set(marked)) and set(marked) <= expected
    assert len(marked) + chart.more == len(expected)
    assert len(marked) == min(len(expected), MAX_MARKS)


@pytest.mark.parametrize("arg", PERIODS)
def test_each_mark_carries_its_facts_date_precision_and_article(engine: Engine, arg: str) -> None:
    """A mark's dates, precision, article and dispute are its fact's, not rounded or guessed."""
    facts = engine.snapshot.fb.facts
    for mark in chart_of(engine, f"timeline {arg} chart").marks:
        fact = facts[mark.fact_id]
        assert fact.date is not None
        assert (mark.start, mark.end, mark.precision) == (
            fact.date.start,
            fact.date.end,
            fact.date.precision,
        )
        assert mark.article == fact.sources[0]
        assert mark.disputed == (fact.dispute is not None)
        assert mark.shape == (
            "span" if fact.date.precision in ("decade", "part", "range") else "point"
        )


def test_a_decade_is_drawn_whole_and_an_open_period_fitted(engine: Engine) -> None:
    """`1960s` spans 1960–1969; `before 1991` starts at its first event, not in year 1."""
    sixties = chart_of(engine, "timeline 1960s chart")
    assert (sixties.start.isoformat(), sixties.end.isoformat()) == ("1960-01-01", "1969-12-31")
    before = chart_of(engine, "timeline before 1991 chart")
    first = min(
        f.date.start
        for f in engine.snapshot.fb.facts.values()
        if f.date is not None and f.kind != "climate"
    )
    assert before.start == first


def test_chart_is_an_addition_to_the_same_text_answer(engine: Engine) -> None:
    """`timeline 1970s chart` has the very items of `timeline 1970s`, plus the chart."""
    plain, charted = ask(engine, "timeline 1970s"), ask(engine, "timeline 1970s chart")
    assert list(charted.items) == list(plain.items) and charted.title == plain.title
    assert plain.chart is None and charted.chart is not None


def test_a_timeline_answer_offers_the_chart_as_a_button(engine: Engine) -> None:
    """The button's line is the same question with `chart` added."""
    reply = ask(engine, "timeline 1970s")
    assert [(a.label, a.line) for a in reply.actions] == [("📈 Chart", "timeline 1970s chart")]


def test_an_empty_period_gives_text_and_no_chart(engine: Engine) -> None:
    """Nothing in the 1930s: the usual not-found answer, with no chart."""
    reply = ask(engine, "timeline 1930s chart")
    assert reply.kind == "not_found" and reply.chart is None


def test_a_word_timeline_charts_its_events(engine: Engine) -> None:
    """`timeline steel chart` marks the dated events the text lists."""
    reply = ask(engine, "timeline steel chart")
    listed = {i.fact_id for i in reply.items if i.fact_id and i.heading is None}
    assert reply.chart is not None and {m.fact_id for m in reply.chart.marks} == listed


def test_climate_chart_has_every_span_in_its_articles_row(engine: Engine) -> None:
    """One mark per climate entry, in its article's row, with its span and tone."""
    fb = engine.snapshot.fb
    spans = {f.id: f for f in fb.facts.values() if f.kind == "climate"}
    chart = chart_of(engine, "climate")
    assert {m.fact_id for m in chart.marks} == set(spans) and chart.more == 0
    assert set(chart.lanes) == {f.sources[0] for f in spans.values()} == set(fb.sources)
    for mark in chart.marks:
        fact = spans[mark.fact_id]
        assert fact.date is not None
        assert (mark.start, mark.end, mark.tone) == (fact.date.start, fact.date.end, fact.tone)
        assert chart.lanes[mark.lane] == fact.sources[0] == mark.article
        assert mark.tone in TONES
    assert chart.start.year == 1947


def test_every_article_characterises_the_relationship(engine: Engine) -> None:
    """The curated climate covers all five articles, each with at least two spans."""
    fb = engine.snapshot.fb
    per_source = dict.fromkeys(fb.sources, 0)
    for fact in fb.facts.values():
        if fact.kind == "climate":
            per_source[fact.sources[0]] += 1
    assert all(n >= 2 for n in per_source.values()), per_source
    assert 20 <= sum(per_source.values()) <= 30


@pytest.mark.parametrize("line", ["climate", "relations", "mood"])
def test_climate_lists_every_span_by_article(engine: Engine, line: str) -> None:
    """The text answer lists each span once, under its article, with its tone."""
    fb = engine.snapshot.fb
    reply = ask(engine, line)
    shown = {i.fact_id: i for i in reply.items if i.fact_id}
    climate = {f.id: f for f in fb.facts.values() if f.kind == "climate"}
    assert set(shown) == set(climate)
    for fact_id, item in shown.items():
        fact = climate[fact_id]
        assert item.heading == f"According to {fb.sources[fact.sources[0]].short}"
        assert item.text.startswith(f"{(fact.tone or '').capitalize()}: ")
        assert item.date == fact.date.label if fact.date else False


@pytest.mark.parametrize(
    ("line", "read_as"),
    [
        ("how have relations changed over time", "climate"),
        ("when were relations good", "climate good"),
        ("how did the relationship evolve", "climate"),
        ("when were relations worst", "climate worst"),
        ("when were relations at their worst", "climate worst"),
    ],
)
def test_plain_questions_about_the_mood_are_read_as_climate(
    engine: Engine, line: str, read_as: str
) -> None:
    """Asking how relations changed, or when they were good, answers with the climate."""
    reply = ask(engine, line)
    assert reply.chart is not None and reply.chart.kind == "climate"
    assert f"Read as `{read_as}`." in reply.footer


def spans_of(engine: Engine, tones: set[str]) -> set[str]:
    """Give the climate entries of some tones, straight from the fact base."""
    return {
        f.id for f in engine.snapshot.fb.facts.values() if f.kind == "climate" and f.tone in tones
    }


@pytest.mark.parametrize(
    ("line", "tones", "other"),
    [
        ("when were relations good", {"warm", "cordial"}, "`climate bad`"),
        ("climate good", {"warm", "cordial"}, "`climate bad`"),
        ("when were relations worst", {"cool", "hostile"}, "`climate good`"),
        ("climate hostile", {"hostile"}, "`climate good`"),
    ],
)
def test_asking_when_relations_were_good_lists_only_those_tones(
    engine: Engine, line: str, tones: set[str], other: str
) -> None:
    """Only the spans of the asked tones are listed and drawn, and the reply says so."""
    expected = spans_of(engine, tones)
    total = len(spans_of(engine, {"warm", "cordial", "mixed", "cool", "hostile"}))
    reply = ask(engine, line)
    assert {i.fact_id for i in reply.items if i.fact_id} == expected
    assert reply.chart is not None and {m.fact_id for m in reply.chart.marks} == expected
    assert reply.intro.startswith(f"{len(expected)} of the {total} characterisations")
    assert " or ".join(t for t in TONES if t in tones) in reply.title
    assert other in reply.footer and "`climate` shows every tone" in reply.footer


def test_the_footer_suggests_the_decade_the_good_spans_cover_most(engine: Engine) -> None:
    """`climate good` points to the events of the decade most of its spans overlap."""
    good = [engine.snapshot.fb.facts[i] for i in spans_of(engine, {"warm", "cordial"})]
    counts = {}
    for decade in range(1940, 2030, 10):
        span = parse_period(f"{decade}s")
        assert span is not None
        counts[f"{decade}s"] = sum(1 for f in good if f.date and f.date.overlaps(span.span))
    best = max(counts.values())
    reply = ask(engine, "climate good")
    named = [d for d, n in counts.items() if f"`timeline {d}`" in reply.footer]
    assert len(named) == 1 and counts[named[0]] == best


def test_climate_of_a_period_suggests_that_periods_timeline(engine: Engine) -> None:
    assert "`timeline 1990s`" in ask(engine, "climate 1990s").footer
    assert "`timeline 1970s`" not in ask(engine, "climate").footer


def test_a_tone_no_article_uses_in_a_period_says_so(engine: Engine) -> None:
    """Nothing warm in the 1980s: a plain not-found answer, offering the 1980s as a whole."""
    reply = ask(engine, "climate 1980s warm")
    assert reply.kind == "not_found" and reply.chart is None
    assert "climate 1980s" in reply.suggestions


def test_climate_of_a_period_zooms_the_axis_to_it(engine: Engine) -> None:
    """`climate 1990s` draws 1990–1999, not 1947 to today."""
    chart = chart_of(engine, "climate 1990s")
    assert (chart.start.isoformat(), chart.end.isoformat()) == ("1990-01-01", "1999-12-31")


def test_climate_stays_out_of_the_timeline(engine: Engine) -> None:
    """A characterised span is not an event: `timeline cold war` lists none as an event.

    (One may still show beside a disputed event, as one article's side of that dispute.)
    """
    reply = ask(engine, "timeline cold war")
    events = [i for i in reply.items if i.fact_id and not (i.heading or "").startswith("Accord")]
    assert events and not [i for i in events if i.fact_id and i.fact_id.startswith("climate-")]


def test_json_of_a_chart_names_the_facts_it_draws(engine: Engine) -> None:
    """The JSON form lists each mark with its fact id, dates and article."""
    chart = chart_of(engine, "timeline 1970s chart")
    data = to_json(chart)
    assert [m["fact_id"] for m in data["marks"]] == [m.fact_id for m in chart.marks]
    assert data["footer"] == "Source: factbot fact base, from five articles"
    assert {m["shape"] for m in data["marks"]} <= {"point", "span"}


def test_the_key_follows_what_is_drawn(engine: Engine) -> None:
    """The same answer twice has one key; another period has another."""
    assert (
        chart_of(engine, "timeline 1970s chart").key == chart_of(engine, "timeline 70s chart").key
    )
    assert (
        chart_of(engine, "timeline 1970s chart").key != chart_of(engine, "timeline 1960s chart").key
    )


def test_climate_of_a_period_keeps_the_spans_overlapping_it(engine: Engine) -> None:
    """`climate 1990s` lists, and draws, exactly the spans that overlap the 1990s."""
    period = parse_period("1990s")
    assert period is not None
    expected = {
        f.id
        for f in engine.snapshot.fb.facts.values()
        if f.kind == "climate" and f.date is not None and f.date.overlaps(period.span)
    }
    reply = ask(engine, "climate 1990s")
    assert {i.fact_id for i in reply.items if i.fact_id} == expected
    assert reply.chart is not None and {m.fact_id for m in reply.chart.marks} == expected


def test_climate_of_an_empty_period_says_so_without_a_chart(engine: Engine) -> None:
    reply = ask(engine, "climate 1930s")
    assert reply.kind == "not_found" and reply.chart is None


def test_wars_visits_and_the_soviet_break_up_outrank_background() -> None:
    """The weights labels are placed by: a leader's act or a war beats a decade-wide backdrop.

    The ids are the events the user trial named as key (the 1971 war and break-up, Bhutto's
    visits, 1991) against a decade-dated backdrop of the same years.
    """
    from bot.core.chart import importance
    from bot.factbase.load.loader import load
    from tests.conftest import KNOWLEDGE

    facts = load(KNOWLEDGE).facts
    key = [
        "soviet-backs-india-1971-war",
        "pakistan-dismembered-1971",
        "bhutto-visits-moscow-1972-1974",
        "soviet-union-dissolves-1991",
    ]
    backdrop = ["pakistan-soviet-ties-improve-mid-1970s", "aslam-relations-somewhat-cold-1990s"]
    assert min(importance(facts[i]) for i in key) > max(importance(facts[i]) for i in backdrop)


@pytest.mark.parametrize(
    ("line", "unread"), [("climate banana", "banana"), ("climate 3000", "3000")]
)
def test_climate_says_which_words_it_could_not_read(engine: Engine, line: str, unread: str) -> None:
    """`climate banana` shows the whole picture and says it read nothing in “banana”."""
    reply = ask(engine, line)
    assert reply.kind == "answer" and reply.items
    assert f"Read no period or tone in “{unread}”" in reply.footer


@pytest.mark.parametrize("line", ["relations over the years", "mood", "climate"])
def test_a_request_for_the_whole_picture_has_no_such_note(engine: Engine, line: str) -> None:
    """Words that only frame the question (`over the years`) are not reported as unread."""
    assert "Read no period" not in ask(engine, line).footer

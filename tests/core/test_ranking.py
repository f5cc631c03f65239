"""Ranking on the real fact base: the fact a question is after comes first, found by its tags."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.core.engine import Engine
from bot.factbase.model import Fact
from bot.search.normalise import fold
from bot.search.periods import parse_period
from tests.core.conftest import ask

Pick = Callable[[Fact], bool]


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
    dated = [facts[i.fact_id].date is not None for i in reply.items if i.fact_id and not i.heading]
    assert dated[0] and dated == sorted(dated, reverse=True)
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


@pytest.mark.parametrize(
    ("word", "tag"),
    [("sco", "sco"), ("kremlin", "russia"), ("liaquat", "liaquat-ali-khan"), ("shanghai", "sco")],
)
def test_a_tag_name_finds_facts_whose_text_lacks_it(engine: Engine, word: str, tag: str) -> None:
    """`sco` finds facts filed under SCO that only say “Shanghai Cooperation Organisation”."""
    snap = engine.snapshot
    tagged = {f.id for f in snap.fb.facts.values() if tag in (*f.topics, *f.parties, *f.people)}
    untold = {i for i in tagged if word not in fold(snap.fact(i).text).split()}
    assert untold, "the test needs a tagged fact that does not use the word"
    hits = {i for i, _ in snap.search.search(word, limit=None).hits}
    assert untold & hits


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ("what is the tashkent declaration", "tashkent declaration"),
        ("tell me about the steel mills please", "steel mills"),
        ("how did the soviets help with the steel mill", "soviets help steel mill"),
    ],
)
def test_question_words_do_not_change_the_ranking(
    engine: Engine, question: str, plain: str
) -> None:
    """Question scaffolding is ignored: the same facts in the same order as the bare words."""
    search = engine.snapshot.search
    assert search.search(question).hits == search.search(plain).hits
    assert not search.search(question).unknown


def test_a_word_filter_ignores_partial_multiword_tags(engine: Engine) -> None:
    """`timeline 1971 war` lists facts saying “war”, not facts merely filed under Cold War."""
    snap = engine.snapshot
    cold_only = [
        f.id
        for f in snap.fb.facts.values()
        if "cold-war" in f.topics and f.date is not None and f.date.start.year <= 1971
        if f.date.end.year >= 1971 and "war" not in fold(f.text).split()
    ]
    assert cold_only, "the test needs a 1971 fact filed under Cold War that never says war"
    listed = [i.fact_id for i in ask(engine, "timeline 1971 war").items if not i.heading]
    assert listed and not set(cold_only) & set(listed)
    assert all("war" in fold(snap.fact(i or "").text).split() for i in listed)


def test_a_whole_multiword_tag_still_finds_its_facts(engine: Engine) -> None:
    """`cold war` typed in full finds facts filed under Cold War even without the words."""
    snap = engine.snapshot
    untold = {
        f.id
        for f in snap.fb.facts.values()
        if "cold-war" in f.topics and "cold" not in fold(f.text).split()
    }
    assert untold
    assert untold & {i for i, _ in snap.search.search("cold war", limit=None).hits}


@pytest.mark.parametrize(("typed", "meant"), [("steel mil", "steel mill"), ("nat", "nato")])
def test_a_three_letter_word_missing_its_last_letter_is_corrected(
    engine: Engine, typed: str, meant: str
) -> None:
    """`mil` is read as `mill`, and the reply says so."""
    reply = ask(engine, f"find {typed}")
    assert reply.items == ask(engine, f"find {meant}").items
    assert f"as “{meant.split()[-1]}”" in reply.intro


@pytest.mark.parametrize("word", ["oil", "war", "gas", "kgb"])
def test_a_known_or_unrelated_three_letter_word_is_left_alone(engine: Engine, word: str) -> None:
    """Short real words are not turned into other words."""
    corrector = engine.snapshot.search.corrector
    assert corrector.correct(word) in (word, None)

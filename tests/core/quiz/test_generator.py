"""Every question kind over the whole real fact base: one right option among four distinct ones,
a prompt that hides the answer, a citation, never an unverified fact; seeds repeat quizzes."""

from __future__ import annotations

import re
from random import Random

import pytest

from bot.core.engine import Engine
from bot.core.quiz.kinds import make, party_words
from bot.core.quiz.pending import Pending
from bot.core.quiz.pick import Scope, parse_scope, pick
from bot.core.quiz.question import BLANK, KINDS, Kind, Question
from bot.core.quiz.replies import question_reply
from bot.core.types import Actor
from bot.search.normalise import fold

SEEDS = range(3)
ACTOR = Actor(id="u-alice", name="Alice", platform="discord", place="g", channel="c")


def questions(engine: Engine, kind: Kind) -> list[Question]:
    snap = engine.snapshot
    found = []
    for seed in SEEDS:
        rng = Random(seed)
        for fact in snap.fb.facts.values():
            question = make(snap, fact, kind, rng)
            if question is not None:
                found.append(question)
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_makes_questions_from_the_real_base(engine: Engine, kind: Kind) -> None:
    """Each kind finds at least a handful of facts it can ask about."""
    assert len({q.fact_id for q in questions(engine, kind)}) >= 3


@pytest.mark.parametrize("kind", KINDS)
def test_four_distinct_options_and_exactly_one_right(engine: Engine, kind: Kind) -> None:
    """Four options, all different; the right one is what the fact itself says."""
    snap = engine.snapshot
    for q in questions(engine, kind):
        assert len(q.options) == 4 and len({fold(o) for o in q.options}) == 4, q
        fact = snap.fact(q.fact_id)
        right = q.options[q.correct]
        if kind == "when":
            assert fact.date is not None and right == fact.date.label
            wrong = [o for i, o in enumerate(q.options) if i != q.correct]
            assert fact.date.label not in wrong
        elif kind == "who":
            names = {snap.fb.name_of(p) for p in fact.people}
            assert right in names
            assert not names & {o for i, o in enumerate(q.options) if i != q.correct}
        elif kind == "whose":
            expected = {"russia": "Russia's", "pakistan": "Pakistan's", "shared": "Shared by both"}
            assert right == expected[fact.party or ""]
        else:
            [source] = fact.sources
            assert snap.fb.sources[source].title in right


@pytest.mark.parametrize("kind", KINDS)
def test_the_prompt_hides_the_answer_and_cites_its_article(engine: Engine, kind: Kind) -> None:
    """The answer is nowhere in the prompt, which is the fact's own text with a blank."""
    snap = engine.snapshot
    for q in questions(engine, kind):
        fact = snap.fact(q.fact_id)
        assert q.citations and {c.source_id for c in q.citations} == set(fact.sources)
        assert fact.verified
        right = q.options[q.correct]
        if kind == "when":
            assert fact.date is not None
            years = {int(y) for y in re.findall(r"\b(\d{4})", q.prompt)}
            assert not {y for y in years if fact.date.start.year <= y <= fact.date.end.year}
        elif kind == "who":
            person = next(p for p in fact.people if snap.fb.name_of(p) == right)
            assert not set(fold(q.prompt).split()) & snap.person_words[person]
        elif kind == "whose":
            assert not {fold(w) for w in party_words(snap)} & set(fold(q.prompt).split())
        else:
            assert right not in q.prompt
        pieces = [p for p in q.prompt.split(BLANK) if p.strip()]
        assert all(p.strip() in fact.text for p in pieces), (q.prompt, fact.text)


def test_disputed_facts_are_asked_as_one_article_s_view(engine: Engine) -> None:
    """A fact that is one side of a dispute says "According to …" in its question."""
    snap = engine.snapshot
    asked = [q for k in KINDS for q in questions(engine, k)]
    disputed = [q for q in asked if snap.fact(q.fact_id).dispute is not None]
    assert disputed
    assert all(q.text.startswith("According to ") for q in disputed)


def test_a_seed_repeats_a_quiz(engine: Engine) -> None:
    """The same seed asks the same questions in the same order with the same options."""
    scope = Scope("the whole fact base", None)

    def quiz(seed: int) -> list[Question | None]:
        rng = Random(seed)
        return [pick(engine.snapshot, scope, rng) for _ in range(8)]

    assert quiz(5) == quiz(5)
    assert quiz(5) != quiz(6)


def test_whose_options_read_as_english_possessives(engine: Engine) -> None:
    """The fourth party is `China's` or `the United States'`, never `United States's`."""
    fixed = {"Russia's", "Pakistan's", "Shared by both"}
    extra = {o for q in questions(engine, "whose") for o in q.options if o not in fixed}
    assert extra
    assert not {o for o in extra if o.endswith("s's")}
    assert all(o.endswith(("'s", "s'")) for o in extra), extra
    names = {o.removeprefix("the ").removesuffix("'s").removesuffix("'") for o in extra}
    parties = {p.name for p in engine.snapshot.fb.parties.values()}
    assert names <= parties, names - parties
    assert "United States's" not in extra and all(
        o == "the United States'" for o in extra if "United States" in o
    )


def _years(option: str) -> tuple[int, int]:
    """Read the first and last year an option covers (`1970s` → 1970–1979), independently."""
    found = [(int(y), int(y) + (9 if s else 0)) for y, s in re.findall(r"(\d{4})(s?)", option)]
    return found[0][0], found[-1][1]


def test_wrong_dates_stay_within_the_fact_base_and_near_the_right_one(engine: Engine) -> None:
    """No `1930s` (before Pakistan) nor `2020s` (after the articles); a decade at most 4 away."""
    first, last = 1947, 2018  # the earliest and latest dated facts in knowledge/
    asked = questions(engine, "when")
    assert asked
    for q in asked:
        right = _years(q.options[q.correct])
        for option in q.options:
            start, end = _years(option)
            assert end >= first and start <= last, (option, q.options)
            assert abs(start - right[0]) <= 40, (option, q.options)
    decades = {o for q in asked for o in q.options if o.endswith("0s")}
    assert decades and not decades & {"1930s", "2020s"}


def _scopes(engine: Engine) -> list[str]:
    fb = engine.snapshot.fb
    return [
        "",
        *(f"{d}s" for d in range(1940, 2020, 10)),
        *(p.name for p in fb.parties.values()),
        *(fb.name_of(p) for p in engine.snapshot.people_by_name),
        *(t.name for t in fb.topics.values()),
    ]


def test_nothing_shown_with_a_question_gives_its_answer_away(engine: Engine) -> None:
    """Heading, scope, text, what is asked and footer never name the right option alone.

    `quiz bhutto` once asked "____ persuaded the Soviet government…  Who?" under the heading
    "Quiz: Zulfikar Ali Bhutto"; `quiz russia` must not ask whose interest with "Russia's" right.
    """
    snap = engine.snapshot
    asked = 0
    for words in _scopes(engine):
        scope = parse_scope(snap, words)
        rng = Random(1)
        for _ in range(4):
            question = pick(snap, scope, rng)
            if question is None:
                break
            asked += 1
            entry = Pending().open(question, ACTOR, scope)
            reply = question_reply(entry, 90)
            shown = " ".join((reply.title, scope.label, reply.intro, question.stem, reply.footer))
            folded = f" {fold(shown)} "
            named = [f" {fold(o)} " in folded for o in question.options]
            assert not named[question.correct] or all(named), (words, shown, question.options)
    assert asked > 100


def test_in_a_period_every_date_offered_lies_in_that_period(engine: Engine) -> None:
    """`quiz 1970s` offering 1965 beside 1971 would give the answer away."""
    snap = engine.snapshot
    seen = 0
    for decade in range(1940, 2020, 10):
        scope = parse_scope(snap, f"{decade}s")
        rng = Random(2)
        for _ in range(12):
            when: tuple[Kind, ...] = ("when",)
            question = pick(snap, scope, rng, kinds=when)
            if question is None:
                break
            seen += 1
            for option in question.options:
                start, end = _years(option)
                assert end >= decade and start <= decade + 9, (decade, question.options)
    assert seen >= 10

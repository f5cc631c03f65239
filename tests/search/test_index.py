"""Free-text search over the real base: tags and aliases find facts, question words change
nothing, and stopping early never changes the ranking."""

from __future__ import annotations

import random

import pytest

from bot.core.engine import Engine
from bot.search.normalise import STOPWORDS, fold, words


def _queries(engine: Engine) -> list[str]:
    """Pairs and single words taken from the facts themselves, with a slip in some."""
    rng = random.Random(5)
    found: list[str] = []
    for fact in list(engine.snapshot.fb.facts.values())[::3]:
        plain = [w for w in words(fact.text) if w not in STOPWORDS]
        if len(plain) >= 2:
            first, second = rng.sample(plain, 2)
            found += [first, f"{first} {second}", f"{first[:-1]} {second}"]
    return found


@pytest.mark.parametrize("limit", [1, 3, 10, 30])
def test_search_top_k_equals_the_full_ranking_cut(engine: Engine, limit: int) -> None:
    """Stopping early never changes which entries come first, nor their scores."""
    search = engine.snapshot.search
    queries = _queries(engine)
    assert len(queries) >= 100
    for query in queries:
        assert search.search(query, limit).hits == search.search(query, None).hits[:limit]


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
    hits = search.search(question).hits
    assert hits and hits == search.search(plain).hits
    assert not search.search(question).unknown

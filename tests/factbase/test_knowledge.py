"""The real fact base: valid, sourced, and covering all five articles."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.factbase.load.loader import check, load
from bot.factbase.load.provenance import load_articles, normalise
from tests.conftest import KNOWLEDGE, SEEDS

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"source articles not found at {SEEDS}; provenance not checked"
)


def test_real_knowledge_validates() -> None:
    """`factbot check knowledge` finds no problem in the shipped fact base."""
    _, problems = check(KNOWLEDGE)
    assert [str(p) for p in problems] == []


def test_enough_sourced_entries_from_every_article() -> None:
    """At least 120 entries carry evidence, and every article is cited."""
    fb = load(KNOWLEDGE)
    cited = Counter(s for fact in fb.facts.values() for s in fact.sources)
    assert sum(1 for f in fb.facts.values() if f.evidence) >= 120
    assert set(cited) == set(fb.sources)
    assert min(cited.values()) >= 20


@needs_seeds
def test_every_evidence_phrase_is_in_its_article() -> None:
    """Each fact's evidence occurs verbatim (modulo whitespace, quotes, dashes) in each source."""
    fb = load(KNOWLEDGE, seeds=SEEDS)
    articles = load_articles(fb.sources, SEEDS)
    assert set(articles) == set(fb.sources), "every source's article must be present"
    missing = [
        (fact.id, source, phrase)
        for fact in fb.facts.values()
        for source, phrase in fact.evidence_by_source().items()
        if normalise(phrase) not in articles[source]
    ]
    assert missing == []


@needs_seeds
def test_evidence_is_short() -> None:
    """Evidence is a short phrase, not a copied paragraph."""
    fb = load(KNOWLEDGE, seeds=SEEDS)
    long = [f.id for f in fb.facts.values() for p in f.evidence if len(p.split()) > 20]
    assert long == []


@needs_seeds
def test_quotes_are_verbatim() -> None:
    """Every quotation's words appear in its article (omissions marked with …)."""
    fb = load(KNOWLEDGE, seeds=SEEDS)
    articles = load_articles(fb.sources, SEEDS)
    quotes = [f for f in fb.facts.values() if f.kind == "quote"]
    assert quotes
    for quote in quotes:
        parts = [p.strip(" .") for p in normalise(quote.text).replace("…", "...").split("...")]
        assert all(p in articles[quote.sources[0]] for p in parts if p), quote.id


def test_quotations_are_short() -> None:
    """A quotation is a short excerpt, like evidence; what else was said is in our words."""
    fb = load(KNOWLEDGE)
    quotes = [f for f in fb.facts.values() if f.kind == "quote"]
    assert quotes
    assert [q.id for q in quotes if len(q.text.split()) > 20] == []


def test_text_is_not_copied_from_the_article() -> None:
    """Facts are in our own words: no fact's text is a long verbatim run of its article."""
    if not SEEDS.is_dir():
        pytest.skip(f"source articles not found at {SEEDS}")
    fb = load(KNOWLEDGE, seeds=SEEDS)
    articles = load_articles(fb.sources, SEEDS)
    copied = []
    for fact in fb.facts.values():
        if fact.kind == "quote":
            continue
        words = normalise(fact.text).split()
        runs = (" ".join(words[i : i + 12]) for i in range(max(0, len(words) - 11)))
        if any(run in articles[s] for run in runs for s in fact.sources):
            copied.append(fact.id)
    assert copied == []


def test_disagreements_are_recorded_from_several_articles() -> None:
    """Each dispute has views from at least two different articles."""
    fb = load(KNOWLEDGE)
    assert len(fb.disputes) >= 3
    for dispute in fb.disputes:
        sources = {s for f in fb.facts.values() if f.dispute == dispute for s in f.sources}
        assert len(sources) >= 2, dispute


def test_source_dates_carry_their_certainty() -> None:
    """Only articles that print their own date have a stated date."""
    fb = load(KNOWLEDGE)
    for source in fb.sources.values():
        assert (source.published is not None) == (source.date_certainty != "unknown"), source.id

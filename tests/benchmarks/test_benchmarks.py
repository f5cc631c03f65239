"""Smoke test of the benchmark tooling at a tiny size: valid bases, honest queries, a full run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from benchmarks.queries import load_queries, words_of
from benchmarks.report import check_targets, render
from benchmarks.run_size import run
from bot.factbase.load.loader import check

FACTS = 120


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generate one tiny base for the whole module."""
    folder = tmp_path_factory.mktemp("bench") / "fb"
    generate(FACTS, folder)
    return folder


def test_generated_base_passes_the_real_validator_with_provenance(base: Path) -> None:
    """`factbot check DIR --seeds DIR/seeds` finds nothing wrong, evidence included."""
    _, problems = check(base, base / "seeds")
    assert [str(p) for p in problems] == []


def test_generated_base_holds_every_kind_of_entry(base: Path) -> None:
    """Sources, parties, people, topics, disputes, events, interests, claims, quotes, aliases."""
    fb, _ = check(base, base / "seeds")
    assert all(count > 0 for count in fb.counts().values()), fb.counts()


def test_generation_is_deterministic(base: Path, tmp_path: Path) -> None:
    """The same size and seed write byte-identical files."""
    generate(FACTS, tmp_path / "again")
    written = sorted(base.glob("*.yaml"))
    assert len(written) >= 5
    for path in written:
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes(), path.name


def test_typo_queries_use_words_the_base_does_not_contain(base: Path) -> None:
    """A typo query can only be answered by correcting it, never by matching it verbatim."""
    fb, _ = check(base)
    vocabulary = {w for fact in fb.facts.values() for w in words_of(fact.text)}
    queries = load_queries(base / "queries.json")
    assert queries["typo"], "no typo queries generated"
    for case in queries["typo"]:
        assert words_of(case["q"])[0] not in vocabulary, case


def test_every_search_query_has_ground_truth(base: Path) -> None:
    """Each exact query's words all occur in each of its relevant facts."""
    fb, _ = check(base)
    exact = load_queries(base / "queries.json")["exact"]
    assert exact, "no exact queries generated"
    for case in exact:
        assert case["relevant"], case
        for fact_id in case["relevant"]:
            assert set(words_of(case["q"])) <= set(words_of(fb.facts[fact_id].text)), case


def test_a_tiny_benchmark_run_measures_everything_and_renders(base: Path) -> None:
    """run_size reports latencies and hit rates, and the report renders them with targets."""
    size = run(base, budget_s=0.2, rounds=1)
    results: dict[str, Any] = {"sizes": {str(FACTS): size}}
    results["targets"] = check_targets(results)
    text = render(results)
    assert 0.0 <= size["engine"]["hit10_typo"] <= 1.0
    assert size["engine"]["search"]["n"] > 0 and size["rss_mb"] > 0
    assert "rapidfuzz WRatio scan" in text and "difflib titles" in text
    json.dumps(results)  # results.json must be plain JSON

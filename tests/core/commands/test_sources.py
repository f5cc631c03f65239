"""`sources` and `source <id or author>`: every article, its facts, its whole citation."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask, text_of


@pytest.mark.parametrize(
    ("arg", "source"),
    [
        ("aslam-joint-exercise", "aslam-joint-exercise"),
        ("aslam", "aslam-joint-exercise"),
        ("Sabah Aslam", "aslam-joint-exercise"),
        ("tauhidi", "tauhidi-strategic-realignment"),
        ("daily times", "tauhidi-strategic-realignment"),
        ("abasi", "abbasi-changing-dynamics"),
        ("challenges and prospects", "challenges-and-prospects"),
    ],
)
def test_source_shows_the_whole_citation(engine: Engine, arg: str, source: str) -> None:
    """Title, author, publication date and its certainty are all there."""
    s = engine.snapshot.fb.sources[source]
    text = text_of(engine, f"source {arg}")
    assert s.title in text
    assert (s.published or "no date") in text
    assert {"stated": "as printed", "unknown": "not known", "inferred": "inferred"}[
        s.date_certainty
    ] in text


def test_unknown_source_points_to_the_list(engine: Engine) -> None:
    """No matching article: not found, suggesting a real source, and pointing at the list."""
    reply = ask(engine, "source nytimes")
    assert reply.kind == "not_found" and reply.suggestions
    assert all(ask(engine, s).kind == "answer" for s in reply.suggestions)
    assert reply.footer == "`sources` lists the articles."


def test_sources_lists_each_article_with_its_fact_count(engine: Engine) -> None:
    """`sources` names every article and how many facts cite it."""
    text = text_of(engine, "sources")
    fb = engine.snapshot.fb
    assert len(fb.sources) == 5
    for source in fb.sources.values():
        count = sum(source.id in f.sources for f in fb.facts.values())
        assert source.title[:40] in text
        assert f"{count} facts" in text

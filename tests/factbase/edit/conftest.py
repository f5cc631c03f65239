"""A small hand-written base (comments, odd quoting, one article) for edits checked line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from tests.conftest import engine_over

SOURCES = """\
sources:
  - id: art
    title: An article
    author: unnamed
    seed: art.txt
    published: {certainty: unknown}
topics:
  - id: diplomacy
    name: Diplomacy
    text: Visits and talks.
"""
EVENTS = """\
# yaml-language-server: $schema=schema.json
# Hand-written notes that must survive every chat edit.
events:
  # the sixties
  - id: visit-1965
    date: "1965-04"   # month precision
    # the article says April
    text: Ayub Khan visited Moscow.
    sources: [art]
    evidence: visited Moscow in April 1965
    topics: [diplomacy]

  - id: talks-1966
    date: '1966-01'
    text: 'Talks were held in Tashkent.'
    sources: [art]
    evidence: talks in Tashkent
# end of file
"""
ARTICLE = "President Ayub Khan visited Moscow in April 1965; talks in Tashkent followed in 1966."


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Write a two-event base, with comments and mixed quoting, and its one article."""
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "sources.yaml").write_text(SOURCES)
    (folder / "events.yaml").write_text(EVENTS)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "art.txt").write_text(ARTICLE)
    return folder


@pytest.fixture
def small_engine(small: Path) -> Engine:
    """Give an engine over the small base, proving evidence against its article."""
    return engine_over(small, small.parent / "seeds")

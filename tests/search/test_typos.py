"""Typo correction against the base's own words: a slip is corrected, a real short word is not."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine


@pytest.mark.parametrize("word", ["oil", "war", "gas", "kgb"])
def test_a_known_or_unrelated_three_letter_word_is_left_alone(engine: Engine, word: str) -> None:
    """Short real words are not turned into other words (nothing, or themselves, comes back)."""
    corrector = engine.snapshot.search.corrector
    assert corrector.correct(word) in (word, None)


@pytest.mark.parametrize(
    ("typed", "meant"), [("declaraton", "declaration"), ("tashkant", "tashkent")]
)
def test_a_slip_in_a_known_word_is_corrected(engine: Engine, typed: str, meant: str) -> None:
    """A word one slip away from a word of the base is read as that word."""
    assert engine.snapshot.search.corrector.correct(typed) == meant

"""Replies as commands build them: lazy items behave like the tuple they stand for."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask


@pytest.mark.parametrize("line", ["timeline 1970s", "who bhutto", "interests russia"])
def test_lazy_items_read_like_a_tuple(engine: Engine, line: str) -> None:
    """Length, indexing from either end, slices and equality match a plain tuple."""
    items = ask(engine, line).items
    plain = tuple(items)
    assert len(items) == len(plain) >= 3
    assert (items[0], items[-1], items[1:3]) == (plain[0], plain[-1], plain[1:3])
    assert items == plain and items == ask(engine, line).items
    with pytest.raises(IndexError):
        items[len(plain)]

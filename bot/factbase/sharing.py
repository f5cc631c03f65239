"""Let facts share their equal parts, so a large fact base holds each id and date once.

A million facts repeat a few thousand source, person, topic and party ids and a few thousand
dates; parsed naively, each fact gets its own copies (~600 bytes a fact, measured at 100k
entries). Building every fact from one copy of each equal value keeps the base within the
memory budget (1.5 GB at 1M entries) without changing an answer: a shared value equals the
copies it replaces and, like the facts, is never mutated. The YAML loader shares through this
pool; the cache stores each shared value once and facts refer to it by number.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

_T = TypeVar("_T", bound=Hashable)


class SharedParts:
    """One copy of every equal id, id tuple and date seen so far (one load's worth)."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[Hashable, Hashable] = {}

    def one(self, value: _T) -> _T:
        """Give the copy of `value` kept so far, keeping `value` itself if it is the first."""
        return self._seen.setdefault(value, value)  # type: ignore[return-value]

    def ids(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        """Give the kept copy of an id tuple, its ids themselves shared too."""
        kept = self._seen.get(ids)
        if kept is None:
            kept = tuple([self.one(i) for i in ids])
            self._seen[kept] = kept
        return kept  # type: ignore[return-value]

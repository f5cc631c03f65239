"""Let facts share their equal parts, so a large fact base holds each id and date once.

A million facts repeat a few thousand source, person, topic and party ids, a few thousand dates
and one file path per kind; decoded or parsed, each fact gets its own copies (~600 bytes a fact,
measured at 100k entries). Pointing every fact at one copy of each equal value keeps the base
under the memory budget (1.5 GB at 1M entries) without changing a single answer: shared values
are equal to the copies they replace and, like the facts, never mutated.

Facts are frozen; their parts are re-pointed here, between building a fact and publishing it,
with `object.__setattr__`, the way a frozen dataclass's own `__init__` sets them.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

from bot.factbase.model import Fact

_T = TypeVar("_T", bound=Hashable)
_set = object.__setattr__
_ID_TUPLES = ("sources", "people", "topics", "parties")
_VALUES = ("dispute", "party", "stance", "speaker", "date")


class SharedParts:
    """One copy of every equal id, id tuple, date and file path seen so far (one load's worth)."""

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

    def share(self, fact: Fact) -> Fact:
        """Re-point `fact`'s repeated parts at the kept copies; give the same fact back."""
        for name in _ID_TUPLES:
            ids = getattr(fact, name)
            if ids:
                _set(fact, name, self.ids(ids))
        for name in _VALUES:
            value = getattr(fact, name)
            if value is not None:
                _set(fact, name, self.one(value))
        _set(fact.where, "file", self.one(fact.where.file))
        return fact

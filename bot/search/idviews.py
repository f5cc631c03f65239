"""Read-only views of ids picked out of an ordering, without copying them out of it.

A decade at 1M entries holds ~65k events and a party ~330k facts; a reply shows ten of them.
A view answers `len` and indexing in O(1) (or O(log runs)) and lists the rest only when iterated.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import overload

from bot.search.packed import Ints


class _IdsView(Sequence[str]):
    """Compare and print like the list of ids it stands for, so tests and logs read plainly."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class IdsAt(_IdsView):
    """The ids at the given positions of a list of ids (a group's fact numbers)."""

    __slots__ = ("_ids", "_positions")

    def __init__(self, ids: Sequence[str], positions: Ints) -> None:
        self._ids = ids
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._ids[p] for p in self._positions[index]]
        return self._ids[self._positions[index]]

    def __iter__(self) -> Iterator[str]:
        return map(self._ids.__getitem__, self._positions)


class IdsInRuns(_IdsView):
    """The ids of a list in runs of positions [start, end), in run order (a period's events)."""

    __slots__ = ("_before", "_ids", "_runs")

    def __init__(self, ids: Sequence[str], runs: list[tuple[int, int]]) -> None:
        self._ids = ids
        self._runs = [(start, end) for start, end in runs if end > start]
        self._before = [0]  # how many ids the runs before each hold
        for start, end in self._runs:
            self._before.append(self._before[-1] + end - start)

    def __len__(self) -> int:
        return self._before[-1]

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("index out of range")
        run = bisect_right(self._before, index) - 1
        return self._ids[self._runs[run][0] + index - self._before[run]]

    def __iter__(self) -> Iterator[str]:
        for start, end in self._runs:
            yield from islice(self._ids, start, end)

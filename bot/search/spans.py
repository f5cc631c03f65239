"""Find dated entries overlapping a period without looking at the others.

Entries are kept in one order, by (start, end, id), with their start and end days as ordinals.
Most entries are dated to a day, a month or a year, so they span at most SHORT_DAYS; the rest
(decades, ranges) are few, and their positions are kept apart. For a period [start, end]:

- every entry starting inside it overlaps it: one contiguous run found by two bisections;
- of those, the ones that also end inside it are all but the few starting in its last
  SHORT_DAYS and the broad ones: only those are checked;
- entries starting before it overlap it only if short and starting within SHORT_DAYS before,
  or broad and starting within the longest broad span before: only those are checked.

So a query costs O(log n) plus the entries near the period's edges and the broad entries nearby,
never one check per entry listed: the list itself is cut out of the ordering in slices.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from datetime import date

import msgspec

from bot.search.dates import DateSpan
from bot.search.idviews import IdsInRuns
from bot.search.ordering import sorted_in_runs
from bot.search.packed import Ints

SHORT_DAYS = 366  # a day, month or year never spans more; anything wider is "broad"
BROAD_PRECISIONS = ("decade", "part", "range")


class PeriodSplit(msgspec.Struct, frozen=True):
    """The entries overlapping a period, oldest first: inside it, then dated more broadly."""

    inside: Sequence[str]  # cut out of the ordering in runs, never copied
    wider: list[str]
    listed: Sequence[str]  # inside, then wider: the order an answer lists them, never copied
    flagged: list[str]  # the overlapping entries marked at build time (e.g. disputed), in order
    broad: bool  # some overlapping entry is dated only to a decade or a range

    def __len__(self) -> int:
        return len(self.inside) + len(self.wider)


class SpanArrays(msgspec.Struct, frozen=True):
    """The index in plain arrays, as the cache stores it: positions are indexes into `ids`."""

    order: Ints  # index of each entry in the caller's id list, by (start, end, id)
    starts: Ints  # day ordinals, in that order
    ends: Ints
    broad: Ints  # positions (in that order) of decade and range entries
    flagged: Ints  # positions of marked entries


class SpanIndex:
    """Dated ids, oldest first, queryable by overlapping period."""

    def __init__(self, ids: Sequence[str], arrays: SpanArrays) -> None:
        """Wrap prepared arrays (see `build_spans`); `ids` is the list `order` indexes into."""
        self.arrays = arrays
        self._ids = [ids[k] for k in arrays.order]
        self._starts, self._ends = arrays.starts, arrays.ends
        self._broad, self._flagged = arrays.broad, arrays.flagged
        self._is_broad = bytearray(len(self._ids))
        for p in arrays.broad:
            self._is_broad[p] = 1
        self._is_flagged = bytearray(len(self._ids))
        for p in arrays.flagged:
            self._is_flagged[p] = 1
        self._longest = max((self._ends[p] - self._starts[p] for p in arrays.broad), default=0)
        self._last_end = max(self._ends, default=0)

    def __len__(self) -> int:
        return len(self._ids)

    def all(self) -> list[str]:
        """Give every dated id, oldest first."""
        return list(self._ids)

    def overlapping(self, period: DateSpan) -> list[str]:
        """Give the ids whose span shares a day with `period`, oldest first."""
        first, last = period.start.toordinal(), period.end.toordinal()
        begin, end = bisect_left(self._starts, first), bisect_right(self._starts, last)
        ids = self._ids
        return [ids[p] for p in self._started_before(first, begin)] + ids[begin:end]

    def summary(self, period: DateSpan) -> tuple[int, str | None]:
        """Count the ids overlapping `period` and give the oldest, without listing them.

        An overview of every decade at a million entries would otherwise copy ~500k ids.
        """
        first, last = period.start.toordinal(), period.end.toordinal()
        begin, end = bisect_left(self._starts, first), bisect_right(self._starts, last)
        before = self._started_before(first, begin)
        oldest = before[0] if before else begin if begin < end else None
        return len(before) + end - begin, None if oldest is None else self._ids[oldest]

    def split(self, period: DateSpan) -> PeriodSplit:
        """Give the overlapping ids, those within the period apart from those dated wider."""
        first, last = period.start.toordinal(), period.end.toordinal()
        begin, end = bisect_left(self._starts, first), bisect_right(self._starts, last)
        before = self._started_before(first, begin)
        after = self._ending_after(last, begin, end)
        ids = self._ids
        runs: list[tuple[int, int]] = []
        at = begin
        for p in after:  # cut the entries that spill past the end out of the run
            runs.append((at, p))
            at = p + 1
        runs.append((at, end))
        flags = self._flagged
        marked = [p for p in before if self._is_flagged[p]]
        marked += flags[bisect_left(flags, begin) : bisect_left(flags, end)]
        broad = bisect_left(self._broad, end) > bisect_left(self._broad, begin)
        spill = (*before, *after)
        return PeriodSplit(
            inside=IdsInRuns(ids, runs),
            wider=[ids[p] for p in spill],
            listed=IdsInRuns(ids, [*runs, *((p, p + 1) for p in spill)]),
            flagged=[ids[p] for p in marked],
            broad=broad or any(self._is_broad[p] for p in before),
        )

    def _started_before(self, first: int, begin: int) -> list[int]:
        """Positions before `begin` (starting before day `first`) still running on `first`."""
        starts, ends, broad = self._starts, self._ends, self._broad
        near = bisect_left(starts, first - SHORT_DAYS, 0, begin)
        far = bisect_left(starts, first - self._longest, 0, near)
        wide = broad[bisect_left(broad, far) : bisect_left(broad, near)]
        found = [p for p in wide if ends[p] >= first]
        return found + [p for p in range(near, begin) if ends[p] >= first]

    def _ending_after(self, last: int, begin: int, end: int) -> list[int]:
        """Positions in [begin, end) (starting inside the period) that end after day `last`."""
        starts, ends, broad = self._starts, self._ends, self._broad
        edge = max(begin, bisect_right(starts, last - SHORT_DAYS, begin, end))
        wide = broad[bisect_left(broad, begin) : bisect_left(broad, edge)]
        found = [p for p in wide if ends[p] > last]
        return found + [p for p in range(edge, end) if ends[p] > last]

    def bounds(self) -> tuple[date, date] | None:
        """Give the earliest start and latest end, or None when nothing is dated."""
        if not self._ids:
            return None
        return date.fromordinal(self._starts[0]), date.fromordinal(self._last_end)

    def newest(self) -> date | None:
        """Give the latest start date, the point "recent" is counted back from."""
        return date.fromordinal(self._starts[-1]) if self._ids else None


def build_spans(
    ids: Sequence[str], spans: Sequence[DateSpan | None], flagged: Collection[str] = ()
) -> SpanArrays:
    """Order the dated entries among `ids` (spans[k] belongs to ids[k]; None = undated)."""
    dated = [(span.start, span.end, ids[k], k) for k, span in enumerate(spans) if span]
    ordered = sorted_in_runs(dated, key=lambda e: e[:3])
    arrays = SpanArrays(array("i"), array("i"), array("i"), array("i"), array("i"))
    for position, (start, end, entry_id, k) in enumerate(ordered):
        arrays.order.append(k)
        arrays.starts.append(start.toordinal())
        arrays.ends.append(end.toordinal())
        span = spans[k]
        if span is not None and (
            span.precision in BROAD_PRECISIONS or arrays.ends[-1] - arrays.starts[-1] > SHORT_DAYS
        ):
            arrays.broad.append(position)
        if entry_id in flagged:
            arrays.flagged.append(position)
    return arrays


def span_index(entries: Iterable[tuple[str, DateSpan]]) -> SpanIndex:
    """Index (id, span) pairs directly (tests, small tools)."""
    pairs = list(entries)
    ids = [i for i, _ in pairs]
    return SpanIndex(ids, build_spans(ids, [s for _, s in pairs]))

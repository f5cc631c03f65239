"""Dated entries overlapping a period, found without a scan, equal what a scan finds."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from bot.search.dates import DateSpan, parse_date
from bot.search.spans import SpanIndex, build_spans, span_index


def _random_spans(count: int, seed: int) -> list[tuple[str, DateSpan]]:
    """Spans of every precision, ranges of up to 40 years among them, in random order."""
    rng = random.Random(seed)
    spans: list[tuple[str, DateSpan]] = []
    for n in range(count):
        year = rng.randint(1947, 2024)
        text = rng.choice(
            [
                str(year),
                f"{year}-{rng.randint(1, 12):02d}",
                f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"{year // 10 * 10}s",
                f"{year}/{year + rng.randint(0, 40)}",
            ]
        )
        spans.append((f"e{n:04d}", parse_date(text)))
    return spans


def _periods(seed: int) -> list[DateSpan]:
    rng = random.Random(seed)
    found = [parse_date(p) for p in ("1970s", "1971", "1965/1972", "1947/2030", "2001-09")]
    for _ in range(60):
        start = date(1940, 1, 1) + timedelta(days=rng.randint(0, 32_000))
        found.append(DateSpan(start, start + timedelta(days=rng.randint(0, 5_000)), "range"))
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_period_split_equals_checking_every_entry(seed: int) -> None:
    """Inside, wider and marked entries match a scan of all entries, in (start, end, id) order."""
    entries = _random_spans(600, seed)
    marked = {i for i, _ in entries[::7]}
    ids = [i for i, _ in entries]
    index = SpanIndex(ids, build_spans(ids, [s for _, s in entries], marked))
    ordered = sorted(entries, key=lambda e: (e[1].start, e[1].end, e[0]))
    for period in _periods(seed):
        hits = [(i, s) for i, s in ordered if s.overlaps(period)]
        within = [i for i, s in hits if period.start <= s.start and s.end <= period.end]
        split = index.split(period)
        assert list(split.inside) == within and split.inside == within
        assert split.wider == [i for i, _ in hits if i not in set(within)]
        assert split.flagged == [i for i, _ in hits if i in marked]
        assert split.broad == any(s.precision in ("decade", "range") for _, s in hits)
        assert index.overlapping(period) == [i for i, _ in hits]


def test_bounds_and_newest_come_from_the_ordering() -> None:
    """The earliest start, the latest end and the latest start of the entries."""
    entries = _random_spans(200, 9)
    index = span_index(entries)
    assert index.bounds() == (min(s.start for _, s in entries), max(s.end for _, s in entries))
    assert index.newest() == max(s.start for _, s in entries)

"""Periods as people type them, read as date spans: decades, open starts, relative words."""

from __future__ import annotations

from datetime import date

import pytest

from bot.search.dates import parse_date
from bot.search.periods import parse_period


@pytest.mark.parametrize(
    ("year", "decade"), [("1970", "1970s"), ("1979", "1970s"), ("1980", "1980s")]
)
def test_edge_years_fall_in_their_decade(year: str, decade: str) -> None:
    """1970 and 1979 are in the 1970s; 1980 is not."""
    period = parse_period(decade)
    assert period is not None and parse_date(year).overlaps(period.span)
    previous = parse_period(f"{int(decade[:4]) - 10}s")
    assert previous is not None and not parse_date(year).overlaps(previous.span)


def test_open_start_period_reaches_the_first_event() -> None:
    """`before 1991` starts at the beginning of time, not at some guessed year."""
    period = parse_period("before 1991")
    assert period is not None
    assert period.span.start <= date(1947, 1, 1) and period.span.end == date(1990, 12, 31)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("1965 to 1972", date(1965, 1, 1), date(1972, 12, 31)),
        ("April 1965", date(1965, 4, 1), date(1965, 4, 30)),
        ("seventies", date(1970, 1, 1), date(1979, 12, 31)),
    ],
)
def test_typed_periods_become_their_spans(typed: str, start: date, end: date) -> None:
    """A range, a month and a decade in words each cover exactly their days."""
    period = parse_period(typed)
    assert period is not None
    assert (period.span.start, period.span.end) == (start, end)


def test_relative_periods_need_a_fact_base() -> None:
    """Without a newest date, `recent` is not a period (it stays a word to search for)."""
    assert parse_period("recent") is None


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("early-1950s", date(1950, 1, 1), date(1953, 12, 31)),
        ("mid-1970s", date(1974, 1, 1), date(1976, 12, 31)),
        ("late-1950s", date(1957, 1, 1), date(1959, 12, 31)),
    ],
)
def test_part_of_a_decade_keeps_the_articles_words(written: str, start: date, end: date) -> None:
    """`mid-1970s` covers 1974–1976 and is shown as the article wrote it, not as 1970s or 1974."""
    span = parse_date(written)
    assert (span.start, span.end, span.label) == (start, end, written)

"""Dates with their precision: a fact dated "1980s" must not pretend to be 1 Jan 1980."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Literal

import msgspec

Precision = Literal["day", "month", "year", "decade", "part", "range"]

_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DECADE = re.compile(r"^(\d{3})0s$")
_PART = re.compile(r"^(early|mid|late)-(\d{3})0s$")
# Which years of a decade "early", "mid" and "late" cover: the articles write "the mid-1970s",
# and a fact must not claim more (1974) or less (the whole 1970s) than that.
PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_MONTHS = calendar.month_abbr


class DateError(ValueError):
    """The text is not a date in one of the fact base's formats."""


class DateSpan(msgspec.Struct, frozen=True, order=True):
    """An inclusive span of days; `precision` says how the source dated it."""

    start: date
    end: date
    precision: Precision

    def overlaps(self, other: DateSpan) -> bool:
        """Tell whether two spans share at least one day (used for period queries)."""
        return self.start <= other.end and other.start <= self.end

    @property
    def label(self) -> str:
        """Render the span at its own precision, e.g. "May 1951", "1980s", "1948–1959"."""
        if self.precision == "range":
            first = _point_label(self.start, self._end_precision(True))
            return f"{first}–{_point_label(self.end, self._end_precision(False))}"
        if self.precision == "decade":
            return f"{self.start.year}s"
        if self.precision == "part":
            return f"{_part_of(self.start.year)}-{self.start.year // 10 * 10}s"
        return _point_label(self.start, self.precision)

    def _end_precision(self, at_start: bool) -> Precision:
        """Guess how precisely a range end was written from where it falls in the calendar."""
        d = self.start if at_start else self.end
        if (at_start and d.month == 1 and d.day == 1) or (
            not at_start and d.month == 12 and d.day == 31
        ):
            return "year"
        last = calendar.monthrange(d.year, d.month)[1]
        if (at_start and d.day == 1) or (not at_start and d.day == last):
            return "month"
        return "day"


def _part_of(year: int) -> str:
    """Name the part of its decade a year falls in."""
    return next(name for name, (_, last) in PARTS.items() if year % 10 <= last)


def _point_label(d: date, precision: Precision) -> str:
    if precision == "day":
        return f"{d.day} {_MONTHS[d.month]} {d.year}"
    if precision == "month":
        return f"{calendar.month_name[d.month]} {d.year}"
    return str(d.year)


def _parse_point(text: str) -> tuple[date, date, Precision]:
    match = _POINT.match(text)
    if not match:
        raise DateError(text)
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day is not None and month is not None:
            d = date(year, int(month), int(day))
            return d, d, "day"
        if month is not None:
            m = int(month)
            return date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]), "month"
        return date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError as exc:
        raise DateError(text) from exc


def parse_date(value: str | int) -> DateSpan:
    """Parse `1965`, `1965-04`, `2016-09-24`, `1980s`, `mid-1970s` or a range `1948/1959`."""
    text = str(value).strip()
    decade = _DECADE.match(text)
    if decade:
        year = int(decade[1]) * 10
        return DateSpan(date(year, 1, 1), date(year + 9, 12, 31), "decade")
    part = _PART.match(text)
    if part:
        opens, closes = PARTS[part[1]]
        year = int(part[2]) * 10
        return DateSpan(date(year + opens, 1, 1), date(year + closes, 12, 31), "part")
    if "/" in text:
        first, _, last = text.partition("/")
        start = _parse_point(first.strip())[0]
        end = _parse_point(last.strip())[1]
        if end < start:
            raise DateError(text)
        return DateSpan(start, end, "range")
    start, end, precision = _parse_point(text)
    return DateSpan(start, end, precision)


DATE_FORMATS_HINT = (
    "write a year (1965), month (1965-04), day (2016-09-24), decade (1980s), "
    "part of a decade (early-1950s, mid-1970s, late-1950s) or inclusive range (1948/1959)"
)

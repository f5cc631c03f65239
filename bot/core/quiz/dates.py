"""Dates for `when` questions: cut a fact's date out of its text, and make wrong dates.

Wrong dates keep the fact's own precision (a year for a year, "May 1951" for a month, a decade
for a decade), sit near the right one so they are plausible, stay within the dates the fact base
covers (a "1930s" before Pakistan existed, or a decade after the articles were written, would
be too easy to rule out), and never fall on a date at which the same thing is also recorded:
that would make a second option right.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from random import Random

from bot.core.quiz.question import BLANK
from bot.search.dates import DateSpan

_MONTH = "|".join(calendar.month_name[1:])
# `14 August 1948`, `May 1951`, `mid-1970s`, `the 1980s`, `1965`: a year, with what dates it.
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+)?(?:(?:{_MONTH})\s+)?(?:(?:early|mid|late)[- ])?(\d{{4}})(s?)\b"
)
_YEAR = re.compile(r"\b(\d{4})s?\b")
NEAREST = 6  # wrong options are drawn from this many nearest free dates


def hide_dates(text: str, span: DateSpan) -> str | None:
    """Blank every date in `text` that falls within `span`; None if one would still show."""

    def blank(found: re.Match[str]) -> str:
        year = int(found[1])
        last = year + 9 if found[2] else year
        return BLANK if year <= span.end.year and last >= span.start.year else found[0]

    hidden = _DATE.sub(blank, text)
    for found in _YEAR.finditer(hidden):
        if span.start.year <= int(found[1]) <= span.end.year:
            return None
    return hidden


def date_options(
    span: DateSpan,
    taken: Iterable[tuple[date, date]],
    rng: Random,
    covered: tuple[date, date],
    scope: DateSpan | None = None,
) -> list[str] | None:
    """Give three wrong dates at `span`'s precision, inside the `covered` dates and the scope.

    `covered` is the earliest and latest dated fact (a decade counts when it holds either);
    in a period scope a wrong date must share days with the period, as the facts asked do.
    None if there are not three: a question whose wrong dates could be ruled out at a glance is
    not asked.
    """
    first, last = covered
    if span.precision == "decade":
        first, last = date(first.year // 10 * 10, 1, 1), date(last.year // 10 * 10 + 9, 12, 31)
    busy = list(taken)
    free: list[DateSpan] = []
    seen = {span.label}
    for candidate in _shifted(span):
        if candidate.start < first or candidate.end > last:
            continue
        if scope is not None and not candidate.overlaps(scope):
            continue
        if candidate.label in seen or any(
            candidate.start <= e and s <= candidate.end for s, e in busy
        ):
            continue
        seen.add(candidate.label)
        free.append(candidate)
        if len(free) == NEAREST:
            break
    if len(free) < 3:
        return None
    return [d.label for d in rng.sample(free, 3)]


def _shifted(span: DateSpan) -> Iterable[DateSpan]:
    """Yield the span moved by growing steps, alternately later and earlier, at its precision."""
    step, limit = {"day": (1, 36), "month": (1, 36), "decade": (10, 6), "part": (10, 6)}.get(
        span.precision, (1, 40)
    )
    for size in range(1, limit + 1):
        for sign in (1, -1):
            moved = _move(span, sign * size * step)
            if moved is not None:
                yield moved


def _move(span: DateSpan, by: int) -> DateSpan | None:
    """Move a span by months (day and month precision) or years (the rest)."""
    if span.precision in ("day", "month"):
        start = _add_months(span.start, by)
        if span.precision == "month":
            last = calendar.monthrange(start.year, start.month)[1]
            return DateSpan(start, start.replace(day=last), "month")
        return DateSpan(start, start, "day")
    try:
        return DateSpan(
            span.start.replace(year=span.start.year + by),
            span.end.replace(year=span.end.year + by),
            span.precision,
        )
    except ValueError:  # 29 February in a year without one
        return None


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)

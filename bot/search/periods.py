"""Read the periods people type (`70s`, `1965 to 1972`, `since 2001`, `cold war`) as date spans.

Anything that is not a period gives None, so the caller can treat it as a word filter instead
(`timeline steel`). Spans come from `bot.search.dates`, the fact base's own date model.
"""

from __future__ import annotations

import re
from datetime import date

import msgspec

from bot.search.dates import DateError, DateSpan, parse_date
from bot.search.matcher import allowed_edits, edit_distance
from bot.search.normalise import fold

_OPEN_START = date(1, 1, 1)
_OPEN_END = date(9999, 12, 31)
_MIN_YEAR, _MAX_YEAR = 1000, 2999

_DECADE_WORDS = {
    "twenties": 1920,
    "thirties": 1930,
    "forties": 1940,
    "fifties": 1950,
    "sixties": 1960,
    "seventies": 1970,
    "eighties": 1980,
    "nineties": 1990,
    "noughties": 2000,
    "aughts": 2000,
}
_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_ERAS: dict[str, tuple[date, date, str]] = {
    "cold war": (date(1947, 1, 1), date(1991, 12, 31), "the Cold War (1947–1991)"),
    "post cold war": (date(1992, 1, 1), _OPEN_END, "after the Cold War (since 1992)"),
    "after cold war": (date(1992, 1, 1), _OPEN_END, "after the Cold War (since 1992)"),
    "post 9 11": (date(2001, 9, 11), _OPEN_END, "after 9/11 (since September 2001)"),
    "after 9 11": (date(2001, 9, 11), _OPEN_END, "after 9/11 (since September 2001)"),
    "post 911": (date(2001, 9, 11), _OPEN_END, "after 9/11 (since September 2001)"),
    # 9/11 alone asks what followed it: the articles tie it to what came after.
    "9 11": (date(2001, 9, 11), _OPEN_END, "after 9/11 (since September 2001)"),
    "911": (date(2001, 9, 11), _OPEN_END, "after 9/11 (since September 2001)"),
    "september 11": (date(2001, 9, 11), _OPEN_END, "after 9/11 (since September 2001)"),
    "war on terror": (date(2001, 9, 11), _OPEN_END, "the war on terror (since September 2001)"),
    "soviet era": (date(1947, 1, 1), date(1991, 12, 31), "the Soviet era (1947–1991)"),
}
# Relative periods, counted back from the newest event: how many years each word means.
_RECENT: dict[str, int] = {
    **dict.fromkeys(("latest", "newest", "most recent", "last", "lately", "just now"), 5),
    **dict.fromkeys(("recent", "recently", "recent times", "nowadays", "now", "today"), 10),
    **dict.fromkeys(("current", "currently", "present", "present day", "these days"), 10),
    **dict.fromkeys(("modern", "modern times", "decade"), 10),
}
_COUNTS: dict[str | None, int] = {
    "few": 5,
    "couple": 2,
    "couple of": 2,
    "two": 2,
    "three": 3,
    "five": 5,
    "ten": 10,
}
_LAST_N = re.compile(
    r"(?:last|past|previous|recent|latest|this)\s+"
    r"(\d{1,3}|few|couple of|couple|two|three|five|ten)?\s*(decades?|years?)?"
)
_UNTIL_NOW = re.compile(
    r"^(?:from |between )?(.+?) (?:to|until|till|through|and) (?:now|today|present|date)$"
)
_ERA_NAMES = {
    "cold war": "the Cold War",
    "soviet era": "the Soviet era",
    "9 11": "9/11",
    "911": "9/11",
    "september 11": "9/11",
    "war on terror": "the war on terror",
}
# Words around a period that do not change it: `in 1970s`, `circa 1965`, `the 1980s era`.
_FILLER = re.compile(
    r"^(?:in|during|between|of|era|years?|period|circa|ca|c|around|about|approx|approximately)\s+"
    r"|\s+(?:era|years?|period)$"
)
_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s+(?:to|until|till|through|and)\s+(.+)$")
_DASH_RANGE = re.compile(r"^(\d{4}s?)\s*[-/–—]\s*(\d{2,4}s?)$")
_NAMED = re.compile(r"(?:(early|mid|late)\s+)?([a-z]+)")
_DECADE_DIGITS = re.compile(r"(early|mid|late)?\s*(\d{3}0|\d0)s")
_YEAR = re.compile(r"\d{4}")
_MONTH_YEAR = re.compile(r"([a-z]+)\s+(\d{4})|(\d{4})\s+([a-z]+)")
_APOSTROPHE_S = re.compile(r"(\d)['’]s\b")
_OPEN = re.compile(r"^(before|until|till|pre|prior to|up to|since|after|post|from)\s+(.+)$")


class Period(msgspec.Struct, frozen=True):
    """A span to filter by, the words to describe it in a reply, and how it was reckoned."""

    span: DateSpan
    label: str
    note: str = ""


def parse_period(text: str, newest: date | None = None) -> Period | None:
    """Read `text` as a period, or give None when it is not one.

    With `newest` (the date of the fact base's latest event), relative periods like `recent`,
    `last decade` or `latest` are read too, counted back from that date rather than from today:
    the articles stop where they stop, and "recent" means recent in them.
    """
    raw = _APOSTROPHE_S.sub(r"\1s", text.strip().casefold())  # 1970's → 1970s
    plain = " ".join(w for w in fold(raw).split() if w != "the")
    plain = _UNTIL_NOW.sub(r"since \1", plain)  # `1947 to now` is `since 1947`
    key = _strip_filler(plain)
    if not key or len(key) > 40:
        return None
    if newest is not None:
        relative = _relative(plain, newest) or _relative(key, newest)
        if relative is not None:
            return relative
    dashed = _DASH_RANGE.match(raw.replace(" ", ""))
    ranged = _RANGE.match(key)
    opened = _OPEN.match(key)
    return (
        (_range(dashed[1], dashed[2]) if dashed else None)
        or _era(key)
        or (_range(ranged[1], ranged[2]) if ranged else None)
        or (_open(opened[1], opened[2]) if opened else None)
        or _whole(_point(key) or _iso(raw), key)
    )


def split_period(text: str, newest: date | None = None) -> tuple[str, Period | None]:
    """Separate a trailing or leading period from words: `steel 1970s` → (`steel`, 1970s)."""
    parts = text.split()
    for size in (3, 2, 1):
        if len(parts) <= size:
            continue
        tail = parse_period(" ".join(parts[-size:]), newest)
        if tail is not None:
            return " ".join(parts[:-size]), tail
        head = parse_period(" ".join(parts[:size]), newest)
        if head is not None:
            return " ".join(parts[size:]), head
    return text, None


def _relative(key: str, newest: date) -> Period | None:
    """Read `recent`, `latest`, `last decade`, `past 5 years` as the years up to `newest`."""
    years = _RECENT.get(key)
    counted = _LAST_N.fullmatch(key)
    if counted:
        number = int(counted[1]) if (counted[1] or "").isdigit() else _COUNTS.get(counted[1], 1)
        years = number * (10 if (counted[2] or "").startswith("decade") else 1)
    if years is None or not 0 < years <= 200:
        return None
    first = newest.year - years + 1
    span = DateSpan(date(first, 1, 1), date(newest.year, 12, 31), "range")
    label = (
        f"the last year in the articles ({first})"
        if years == 1
        else f"the last {years} years in the articles ({first}–{newest.year})"
    )
    note = f"Counted back from the newest event in the fact base ({newest.year}), not from today."
    return Period(span, label, note)


def _era(key: str) -> Period | None:
    era = _ERAS.get(key)
    return None if era is None else Period(DateSpan(era[0], era[1], "range"), era[2])


def _whole(span: DateSpan | None, key: str) -> Period | None:
    if span is None:
        return None
    part = key.split()[0]
    if part in _PARTS:  # `mid 70s` → "mid 1970s", not "1973–1976"
        return Period(span, f"{part} {span.start.year // 10 * 10}s")
    return Period(span, span.label)


def _strip_filler(key: str) -> str:
    """Drop `in`, `era`, `years` around a period: `in 1970s` is `1970s`."""
    previous = None
    while previous != key:
        previous, key = key, _FILLER.sub("", key).strip()
    return key


def _range(first: str, last: str) -> Period | None:
    first = re.sub(r"^(?:from|between)\s+", "", first)
    start = _point(_strip_filler(fold(first))) or _iso(first)
    last_key = _strip_filler(fold(last))
    if start is not None and re.fullmatch(r"\d{2}", last_key):
        last_key = f"{start.start.year // 100}{last_key}"  # 1965-72 → 1972
    end = _point(last_key) or _iso(last)
    if start is None or end is None:
        return None
    if end.end < start.start:  # `1991-1965`: the same years, typed latest first
        start, end = end, start
    span = DateSpan(start.start, end.end, "range")
    return Period(span, f"{start.label}–{end.label}")


def _open(word: str, rest: str) -> Period | None:
    key = _strip_filler(rest)
    point = _point(key) or _iso(rest)
    name = point.label if point is not None else ""
    if point is None:
        era = _era(key)
        if era is None:
            return None
        name = _ERA_NAMES.get(key, key)
        # An era that never ends (after 9/11) is a moment to count from: the day it began.
        start = era.span.start
        point = era.span if era.span.end != _OPEN_END else DateSpan(start, start, "day")
    if word == "since" or word == "from":
        return Period(DateSpan(point.start, _OPEN_END, "range"), f"since {name}")
    if word in ("after", "post"):
        later = date.fromordinal(min(point.end.toordinal() + 1, _OPEN_END.toordinal()))
        return Period(DateSpan(later, _OPEN_END, "range"), f"after {name}")
    if word in ("until", "till", "up to"):
        return Period(DateSpan(_OPEN_START, point.end, "range"), f"until {name}")
    earlier = date.fromordinal(max(point.start.toordinal() - 1, 1))
    return Period(DateSpan(_OPEN_START, earlier, "range"), f"before {name}")


def _decade_word(word: str) -> int | None:
    """Read a decade word, forgiving one slip (`sevnties`, `eightys`, `ninetees`)."""
    if word in _DECADE_WORDS:
        return _DECADE_WORDS[word]
    if len(word) < 5:
        return None
    if word.endswith("ys"):  # `sixtys` is how people spell `sixties`
        word = word[:-2] + "ies"
    allowed = allowed_edits(word)
    near = [known for known in _DECADE_WORDS if abs(len(known) - len(word)) <= allowed]
    if not near:  # every word of a search is tried as a period: most stop at this length check
        return None
    distance, nearest = min((edit_distance(word, known, allowed), known) for known in near)
    return _DECADE_WORDS[nearest] if distance <= allowed else None


def _point(key: str) -> DateSpan | None:
    """Read one decade, year or month-and-year from folded text."""
    named = _NAMED.fullmatch(key)
    decade_year = _decade_word(named[2]) if named else None
    if named and decade_year is not None:
        return _decade(decade_year, named[1])
    decade = _DECADE_DIGITS.fullmatch(key)
    if decade:
        digits = decade[2]
        year = int(digits) if len(digits) == 4 else _century(int(digits))
        return _decade(year, decade[1])
    if _YEAR.fullmatch(key) and _MIN_YEAR <= int(key) <= _MAX_YEAR:
        return parse_date(key)
    month_year = _MONTH_YEAR.fullmatch(key)
    if month_year:
        name, digits = (
            (month_year[1], month_year[2]) if month_year[1] else (month_year[4], month_year[3])
        )
        if name in _MONTHS and _MIN_YEAR <= int(digits) <= _MAX_YEAR:
            return parse_date(f"{digits}-{_MONTHS[name]:02d}")
    return None


def _century(two_digits: int) -> int:
    """Place `70s` in the 1900s and `10s` in the 2000s: the articles span 1947 to today."""
    return (1900 if two_digits >= 40 else 2000) + two_digits


def _decade(year: int, part: str | None) -> DateSpan | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    whole = parse_date(f"{year}s")
    if part is None:
        return whole
    first, last = _PARTS[part]
    return DateSpan(date(year + first, 1, 1), date(year + last, 12, 31), "range")


def _iso(text: str) -> DateSpan | None:
    """Accept the fact base's own formats too: `1965-04`, `2016-09-24`, `1948/1959`."""
    try:
        span = parse_date(text.strip())
    except DateError:
        return None
    return span if _MIN_YEAR <= span.start.year <= _MAX_YEAR else None

"""What a chart shows, as plain data: the facts of an answer placed on a date axis.

The core decides what is drawn (which facts, their dates at their own precision, their article
and tone); `bot.charts` decides how it looks. Keeping the two apart lets a test compare the
chart with the answer's facts without drawing anything, lets `--format json` hand the same data
to a script, and keys the rendered picture by what it shows, so an edit to the fact base that
changes a mark changes the key and a stale picture is never served.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

import msgspec

from bot.factbase.model import Fact
from bot.search.dates import DateSpan, Precision
from bot.store.snapshot import Snapshot

ChartKind = Literal["timeline", "climate"]
MarkShape = Literal["point", "span"]
FOOTER = "Source: factbot fact base, from five articles"
MAX_MARKS = 48  # more than this on a 800 px axis is a smear: the rest is counted, "+N more"
LABEL_LENGTH = 40  # characters of a mark's label (as `label:` in events.yaml), cut at a word
AXIS_SLACK_DAYS = 20 * 365  # a period bound this far past its events is open-ended: fit them
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
# Only a date, nothing else: "In April 1965, ", "During the 1990s, ", "In August 2013 Pakistan".
# "In the 1971 war Moscow …" is no bare date and keeps its opening, and with it its subject.
_DATED_OPENING = re.compile(
    r"^(?i:in|on|by|around|from|during|since|until)\s+(?:the\s+)?(?:(?:early|mid|late)[- ])?"
    rf"(?:\d{{1,2}}\s+)?(?:{_MONTH}\s+)?\d{{4}}s?(?:\s*,\s*|\s+(?=[A-Z]))"
)
# Which labels the picture keeps when it cannot write them all: wars and the Soviet break-up
# changed the frame of the relationship, so their events go first.
KEY_TOPICS = frozenset({"indo-pak-wars", "world-order"})


class Mark(msgspec.Struct, frozen=True):
    """One fact drawn: a point for a day, month or year; a span for a decade or range.

    A decade-dated event is a span (drawn faint), never a fake point on 1 January.
    """

    fact_id: str
    start: date
    end: date
    precision: Precision
    label: str
    article: str  # the source id it is coloured by (the first it cites)
    lane: int = 0  # the row it sits in: an article's row in the climate chart
    tone: str | None = None  # climate marks only
    disputed: bool = False  # one side of a recorded disagreement
    importance: int = 0  # the higher, the sooner its label is placed (see `importance`)

    @property
    def shape(self) -> MarkShape:
        """Tell how it is drawn: a point for a date within one year, a span for more."""
        return "point" if self.precision in ("day", "month", "year") else "span"


class Chart(msgspec.Struct, frozen=True):
    """A complete picture's data: its marks, axis, legend entries and small print."""

    kind: ChartKind
    title: str
    period: str  # the axis as a reader names it: "1960s", "1947–2018"
    start: date
    end: date
    marks: tuple[Mark, ...]
    # Every article, (source id, compact name), in the fact base's order: an article keeps its
    # colour from chart to chart, and the legend names all five.
    articles: tuple[tuple[str, str], ...]
    lanes: tuple[str, ...] = ()  # climate: one row per article, by source id
    more: int = 0  # facts of the answer not drawn (past MAX_MARKS)
    footer: str = FOOTER

    @property
    def key(self) -> str:
        """Name the picture by a hash of everything drawn: equal content, equal picture."""
        body = json.dumps(to_json(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(body.encode()).hexdigest()[:32]

    @property
    def filename(self) -> str:
        """Give the attachment's file name; Discord's `attachment://` must name it exactly."""
        return f"{self.kind}-{self.key[:12]}.png"


def to_json(chart: Chart) -> dict[str, Any]:
    """Give the chart as JSON-ready data: what `--format json` prints and the cache key hashes."""
    return {
        "kind": chart.kind,
        "title": chart.title,
        "period": chart.period,
        "start": chart.start.isoformat(),
        "end": chart.end.isoformat(),
        "articles": [{"id": i, "name": n} for i, n in chart.articles],
        "lanes": list(chart.lanes),
        "marks": [_mark_json(m) for m in chart.marks],
        "more": chart.more,
        "footer": chart.footer,
    }


def _mark_json(mark: Mark) -> dict[str, Any]:
    data: dict[str, Any] = {
        "fact_id": mark.fact_id,
        "shape": mark.shape,
        "start": mark.start.isoformat(),
        "end": mark.end.isoformat(),
        "precision": mark.precision,
        "label": mark.label,
        "article": mark.article,
        "disputed": mark.disputed,
        "importance": mark.importance,
    }
    if mark.tone is not None:
        data.update(tone=mark.tone, lane=mark.lane)
    return data


def label_of(fact: Fact) -> str:
    """Give the words a chart writes beside a fact's mark: its own `label`, else its text cut."""
    return fact.label or short_label(fact.text)


def short_label(text: str, limit: int = LABEL_LENGTH) -> str:
    """Cut a fact's text to a label: its first clause, at most `limit` characters, at a word.

    A leading bare date ("In April 1965, …") is dropped: the axis already says when. Anything
    more than a date stays, so the label keeps who did what (a fact added from the chat has no
    `label` of its own; the curated events all do).
    """
    clause = _DATED_OPENING.sub("", text.split("; ")[0]).rstrip(".")
    clause = clause[:1].upper() + clause[1:]
    if len(clause) <= limit:
        return clause
    return clause[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def timeline_chart(
    snap: Snapshot,
    title: str,
    period: str,
    facts: Sequence[Fact],
    *,
    more: int = 0,
    span: DateSpan | None = None,
    today: date | None = None,
) -> Chart | None:
    """Chart a timeline answer's events; None if none is dated.

    The axis is the period asked for (`span`: a decade is drawn whole), unless a bound lies far
    past the events (`before 1991` starts in year 1): then it is fitted to them. `more` counts
    the answer's events left out (past MAX_MARKS), for the "+N more" note.
    """
    marks = tuple(_mark(f, f.date) for f in facts[:MAX_MARKS] if f.date is not None)
    if not marks:
        return None
    start, end = _axis(marks, span, today or date.today())
    return Chart(
        kind="timeline",
        title=title,
        period=period,
        start=start,
        end=end,
        marks=marks,
        articles=_legend(snap),
        more=more + max(0, len(facts) - MAX_MARKS),
    )


def _axis(marks: tuple[Mark, ...], span: DateSpan | None, today: date) -> tuple[date, date]:
    """Give the axis' first and last day: the period's own bounds where they are near the marks."""
    first = min(m.start for m in marks)
    last = min(max(m.end for m in marks), max(today, first))
    if span is None:
        return first, last
    start = span.start if (first - span.start).days <= AXIS_SLACK_DAYS else first
    end = span.end if (span.end - last).days <= AXIS_SLACK_DAYS else last
    return start, min(end, max(today, start))


def climate_chart(
    snap: Snapshot,
    facts: Sequence[Fact],
    today: date,
    within: tuple[str, DateSpan] | None = None,
    title: str = "",
) -> Chart | None:
    """Chart climate spans: one row per article, from 1947 (or the earliest span) to today.

    `within` is the period the spans were picked for, if any (`climate 1990s`): its name and
    span, to which the axis is zoomed (spans reaching past it are drawn to its edge). `title`
    replaces the usual one (`climate good`: the warm and cordial spans).
    """
    spans = [f for f in facts if f.date is not None and f.tone is not None]
    if not spans:
        return None
    lanes = tuple(s for s in snap.fb.sources if any(f.sources[0] == s for f in spans))
    marks = tuple(
        _mark(f, f.date, lane=lanes.index(f.sources[0]), tone=f.tone)
        for f in spans
        if f.date is not None
    )
    if within is not None:
        start, end = within[1].start, min(within[1].end, max(today, within[1].start))
    else:
        start = min(date(1947, 1, 1), *(m.start for m in marks))
        end = max(today, *(m.end for m in marks))
    return Chart(
        kind="climate",
        # Short enough, with a period, for one line at the top of a 640 px picture.
        title=title
        or (f"How the articles describe ties: {within[0]}" if within else "")
        or "How each article describes Pakistan–Russia ties",
        period=within[0] if within else f"{start.year}–{end.year}",
        start=start,
        end=end,
        marks=marks,
        articles=_legend(snap),
        lanes=lanes,
    )


def importance(fact: Fact) -> int:
    """Score how much a reader needs this event's label, when a crowded chart drops some.

    A leader's act (a named person: every visit, Ayub Khan's efforts, Bhutto's steel mills)
    and a war or the Soviet break-up are what the articles build their story on: 2 each. An
    event more than one article tells gains 1 a further article. An event dated only to a
    decade (or part of one, `mid-1970s`) is background, drawn as a faint bar: -2, so its label
    comes last.
    """
    score = 2 * bool(fact.people) + 2 * bool(KEY_TOPICS.intersection(fact.topics))
    score += len(fact.sources) - 1
    broad = fact.date is not None and fact.date.precision in ("decade", "part")
    return score - (2 if broad else 0)


def _mark(fact: Fact, span: DateSpan, *, lane: int = 0, tone: str | None = None) -> Mark:
    return Mark(
        fact_id=fact.id,
        start=span.start,
        end=span.end,
        precision=span.precision,
        label=label_of(fact),
        article=fact.sources[0],
        lane=lane,
        tone=tone,
        disputed=fact.dispute is not None,
        importance=importance(fact),
    )


def _legend(snap: Snapshot) -> tuple[tuple[str, str], ...]:
    """Name every article, in the fact base's order of sources."""
    return tuple((s.id, s.short) for s in snap.fb.sources.values())

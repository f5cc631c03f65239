"""`timeline [period or word]`: dated events, oldest first, each at its own precision."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec.structs import replace

from bot.core.chart import MAX_MARKS, timeline_chart
from bot.core.parse import echo
from bot.core.replies import (
    LazyItems,
    dated_count,
    dispute_items,
    fact_items,
    plural,
    relevant,
    search_note,
)
from bot.core.table import Command, Context
from bot.core.types import Action, CommandSpec, Item, Reply, Request
from bot.errors import NotFound
from bot.search.dates import DateSpan, parse_date
from bot.search.periods import Period, parse_period, split_period
from bot.store.snapshot import Snapshot

TIMELINE = CommandSpec(
    name="timeline",
    summary="Dated events, oldest first, for a decade, year, range, era or word; `chart` draws.",
    usage="timeline [period or word] [chart]",
    arg="period",
    arg_name="period",
    chart_option=True,
    examples=(
        "timeline 1970s",
        "timeline 1960s chart",
        "timeline 1965 to 1972",
        "timeline cold war",
        "timeline since 2001",
        "timeline steel",
    ),
)
WIDER_HEADING = "Dated only more broadly, overlapping"
_OVERLAP_NOTE = "Events dated only to a decade or a range appear in every period they overlap."


CHART_WORD = "chart"
CHART_LABEL = "📈 Chart"


def timeline(ctx: Context, request: Request) -> Reply:
    """Answer with an overview, a period, or the events a word finds; `chart` adds a picture."""
    snap = ctx.snapshot
    args, charted = without_chart_word(request.args)
    if not args:
        return overview(snap)
    period = parse_period(args, snap.timeline.newest())
    if period is not None:
        reply, ids = in_period(snap, period)
    else:
        words, period = split_period(args, snap.timeline.newest())
        reply, ids = filtered(snap, words, period)
    return with_chart(snap, reply, ids, args, period if charted else False)


def without_chart_word(args: str) -> tuple[str, bool]:
    """Take the word `chart` out of a timeline's arguments; tell whether it was there."""
    words = args.split()
    kept = [w for w in words if w.casefold() != CHART_WORD]
    return " ".join(kept), len(kept) < len(words)


def with_chart(
    snap: Snapshot, reply: Reply, ids: Sequence[str], args: str, charted: Period | bool | None
) -> Reply:
    """Add the chart of the answer's events when asked, else a button that asks for it.

    `charted` is the period the chart was asked for (None: a word without one), or False
    when no chart was asked for. The chart draws the events the text lists (`ids`, in the
    answer's order), so the picture never says more than the answer does; past `MAX_MARKS`
    the rest are counted, not drawn.
    """
    if charted is False:
        action = Action(CHART_LABEL, f"timeline {args} {CHART_WORD}")
        return replace(reply, actions=(*reply.actions, action))
    shown = snap.facts(ids[:MAX_MARKS])
    label = reply.title.removeprefix("Timeline: ")
    span = charted.span if isinstance(charted, Period) else None
    chart = timeline_chart(snap, reply.title, label, shown, more=len(ids) - len(shown), span=span)
    return replace(reply, chart=chart)


def overview(snap: Snapshot) -> Reply:
    """Count the events of each decade and name the first of them."""
    items: list[Item] = []
    rows = 0
    for decade in decades(snap):
        count, oldest = snap.timeline.summary(decade)
        if oldest is None:
            continue
        rows += count
        first = snap.fact(oldest)
        items.append(
            Item(f"{plural(count, 'event')} — first: {_gist(first.text)}", date=decade.label)
        )
    return Reply(
        title="Timeline overview",
        intro=f"{dated_count(len(snap.timeline))} by decade."
        + (
            " One dated across two decades is counted in each." if rows > len(snap.timeline) else ""
        ),
        items=tuple(items),
        footer="Pick a period: `timeline 1970s`, `timeline 1965 to 1972`, `timeline cold war`, "
        "or a word: `timeline steel`.",
    )


def in_period(snap: Snapshot, period: Period) -> tuple[Reply, Sequence[str]]:
    """List the events overlapping a period, oldest first, the ones inside it before the rest.

    Those dated only more broadly (`1970s` for `timeline 1971`) come after the ones that fall
    inside it, under their own heading. The list is cut from the snapshot's date ordering, never
    sorted per query, and its items render when read.
    """
    found = snap.timeline.split(period.span)
    if not len(found):
        raise NotFound(
            f"Nothing in the timeline for {period.label}.",
            [f"timeline {d.label}" for d in nearest_decades(snap, period.span)],
        )
    heading = f"{WIDER_HEADING} {period.label}" if found.inside else None
    reply = Reply(
        title=f"Timeline: {period.label}",
        intro=_with_note(plural(len(found), "event"), period),
        items=LazyItems(
            snap,
            ((found.inside, None), (found.wider, heading)),
            dispute_items(snap, snap.facts(found.flagged)),
        ),
        footer=_OVERLAP_NOTE if found.broad else "",
    )
    return reply, found.listed


def filtered(snap: Snapshot, words: str, period: Period | None) -> tuple[Reply, Sequence[str]]:
    """List the dated events a word or name finds, oldest first, optionally within a period."""
    result = snap.search.search(words, limit=None)
    within = None if period is None else set(snap.timeline.overlapping(period.span))
    dated = [
        snap.fact(i)
        for i, _ in relevant(result.hits)
        if snap.fact(i).date is not None
        and snap.fact(i).kind != "climate"  # a span characterised, not an event
        and (within is None or i in within)
    ]
    where = f" in {period.label}" if period is not None else ""
    if not dated:
        hint = [f"search {words}"] if result.hits else []
        raise NotFound(
            f"No dated event mentions “{echo(words)}”{where}.",
            hint,
            "`timeline` alone gives an overview by decade.",
        )
    dated.sort(key=lambda f: (f.date, f.id))
    reply = Reply(
        title=f"Timeline: “{echo(words)}”{where}",
        intro=_with_note(search_note(result) or plural(len(dated), "event"), period),
        items=(*fact_items(snap, dated), *dispute_items(snap, dated)),
    )
    return reply, [f.id for f in dated]


def decades(snap: Snapshot) -> list[DateSpan]:
    """Give every decade that has at least one event, oldest first."""
    bounds = snap.timeline.bounds()
    if bounds is None:
        return []
    first, last = bounds[0].year // 10 * 10, min(bounds[1].year, date.today().year) // 10 * 10
    spans = (parse_date(f"{year}s") for year in range(first, last + 10, 10))
    return [span for span in spans if snap.timeline.summary(span)[0]]


def nearest_decades(snap: Snapshot, span: DateSpan, count: int = 3) -> list[DateSpan]:
    """Give the decades with events closest to a span, for "did you mean"."""
    middle = span.start.toordinal() // 2 + min(span.end, date.today()).toordinal() // 2
    ranked = sorted(decades(snap), key=lambda d: abs(d.start.toordinal() + 1826 - middle))
    return sorted(ranked[:count])


def _with_note(intro: str, period: Period | None) -> str:
    """Add how a relative period was reckoned (`recent` counts back from the newest event)."""
    if period is None or not period.note:
        return intro
    return f"{intro.rstrip('.')}. {period.note}"


def _gist(text: str, limit: int = 90) -> str:
    """Shorten a fact to its opening words for an overview line."""
    sentence = text.split("; ")[0].rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


COMMANDS = (Command(TIMELINE, timeline),)

"""`climate`: how each article characterises the relationship over time, warm … hostile.

The five articles describe the same decades in different words (affable, chilly, tense, in the
doldrums, a new era). Listed article by article, each span with its tone, and drawn one row per
article, the places where they agree and differ show at a glance; a span that is one side of a
recorded disagreement says so. `climate good` / `climate bad` (and "when were relations
good") keep only the warm and cordial, or the cool and hostile, spans: the answer to "when".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec.structs import replace

from bot.core.chart import climate_chart
from bot.core.commands.timeline import decades
from bot.core.parse import echo
from bot.core.replies import fact_item, plural
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.errors import NotFound
from bot.factbase.model import TONES, Fact
from bot.search.normalise import STOPWORDS, words
from bot.search.periods import Period, parse_period
from bot.store.snapshot import Snapshot

CLIMATE = CommandSpec(
    name="climate",
    summary="How each article characterises relations over time, warm to hostile, with a chart.",
    usage="climate [period] [good|bad|tone]",
    arg="period",
    arg_name="period",
    aliases=("relations", "mood"),
    examples=("climate", "climate 1990s", "climate good", "climate bad", "relations", "mood"),
)
SCALE = " · ".join(TONES)
# Words around a request for the whole picture (`relations over the years`, `mood between
# the two countries`): asking nothing of their own.
_ASIDES = STOPWORDS | {
    "over", "years", "time", "decades", "between", "two", "countries", "pakistan", "russia",
    "soviet", "union", "ussr", "relations", "relationship", "ties", "mood", "climate", "changed",
    "change", "evolved", "developed", "all", "whole", "picture", "overall", "history",
}  # fmt: skip
GOOD, BAD = ("warm", "cordial"), ("cool", "hostile")
# Words asking when relations were good or bad, as a question puts them ("when were relations
# at their worst"); a tone's own name keeps that tone alone.
TONE_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("good", "better", "best", "warmer", "warmest", "friendly", "close", "improve"), GOOD
    ),
    **dict.fromkeys(
        ("bad", "worse", "worst", "cold", "colder", "coldest", "tense", "sour", "deteriorate"),
        BAD,
    ),
    **{tone: (tone,) for tone in TONES},
}


def climate(ctx: Context, request: Request) -> Reply:
    """List every article's spans, oldest first, each with its tone; attach their chart.

    A period (`climate 1990s`) keeps the spans overlapping it and zooms the chart to it; a
    tone word (`good`, `worst`, `hostile`) keeps the spans of those tones. Other words
    (`relations over the years`, read as the alias `relations`) ask for the whole picture.
    """
    snap = ctx.snapshot
    tones, rest = tone_filter(request.args)
    period = parse_period(rest, snap.timeline.newest()) if rest else None
    every = snap.facts(snap.climate)
    if period is not None:
        every = [f for f in every if f.date is not None and f.date.overlaps(period.span)]
    spans = [f for f in every if f.tone in tones] if tones else every
    if not spans:
        raise NotFound(_nothing(tones, period), ["climate " + rest if every else "climate"])
    unread = [] if period is not None else [w for w in words(rest) if w not in _ASIDES]
    footer = _footer(snap, spans, tones, period)
    if unread:  # `climate banana`: say what was not read, rather than seem to have read it
        footer = f"Read no period or tone in “{echo(' '.join(unread), 40)}”. {footer}"
    return Reply(
        title=_title(tones, period),
        intro=_intro(spans, len(every), tones),
        items=tuple(i for s in snap.fb.sources for i in _article_items(snap, spans, s)),
        footer=footer,
        chart=climate_chart(
            snap,
            spans,
            date.today(),
            None if period is None else (period.label, period.span),
            _chart_title(tones),
        ),
    )


def tone_filter(args: str) -> tuple[tuple[str, ...], str]:
    """Take the tone words out of `args`: the tones they ask for (none: all), and the rest."""
    tones: list[str] = []
    rest: list[str] = []
    for word in args.split():
        asked = TONE_WORDS.get(word.casefold().strip("?!.,"))
        if asked is None:
            rest.append(word)
        else:
            tones += [t for t in asked if t not in tones]
    return tuple(t for t in TONES if t in tones), " ".join(rest)


def _tones_named(tones: Sequence[str]) -> str:
    return " or ".join(tones)


def _title(tones: Sequence[str], period: Period | None) -> str:
    where = f": {period.label}" if period is not None else ""
    if tones:
        return f"When the articles call relations {_tones_named(tones)}{where}"
    return f"Relations over time, as each article tells it{where}"


def _chart_title(tones: Sequence[str]) -> str:
    """Give the chart's own title when it shows some tones only; empty: the usual one."""
    return f"When the articles call relations {_tones_named(tones)}" if tones else ""


def _intro(spans: Sequence[Fact], total: int, tones: Sequence[str]) -> str:
    articles = plural(len({f.sources[0] for f in spans}), "article")
    if tones:
        verb = "calls" if len(spans) == 1 else "call"
        return (
            f"{len(spans)} of the {total} characterisations {verb} relations "
            f"{_tones_named(tones)}, from {articles}; only those are listed and drawn "
            f"(the scale: {SCALE})."
        )
    return (
        f"{plural(len(spans), 'characterisation')} from {articles}, on a scale {SCALE}. "
        "Where two spans of one article overlap, the narrower is the closer reading."
    )


def _footer(
    snap: Snapshot, spans: Sequence[Fact], tones: Sequence[str], period: Period | None
) -> str:
    """Point to what fits this answer: its period's events, the other tones, the disputes.

    `climate good` points to the events of the decade its spans cover most (the 2000s), so
    the reader can see what made relations warm; the whole picture points to the disputes.
    """
    if period is not None:
        events = f"`timeline {period.label}` lists the events"
    elif tones and (decade := _busiest_decade(snap, spans)):
        events = f"`timeline {decade}` lists the events of the decade most of these cover"
    else:
        events = "" if tones else "`disputes` lists where the articles disagree"
    if tones:
        other = "`climate bad`" if set(tones) <= set(GOOD) else "`climate good`"
        more = f"`climate` shows every tone; {other} the other side"
    else:
        more = "`climate good` / `climate bad` pick out when relations were warm or cold"
    return "; ".join(p for p in (more, events) if p) + "."


def _busiest_decade(snap: Snapshot, spans: Sequence[Fact]) -> str:
    """Name the decade (with events) that most of the listed spans cover; empty if none."""
    best, most = "", 0
    for decade in decades(snap):
        count = sum(1 for f in spans if f.date is not None and f.date.overlaps(decade))
        if count > most:
            best, most = decade.label, count
    return best


def _nothing(tones: Sequence[str], period: Period | None) -> str:
    where = f" for {period.label}" if period is not None else ""
    if tones:
        return f"No article calls relations {_tones_named(tones)}{where}."
    return f"No article characterises the relationship{where}."


def _article_items(snap: Snapshot, spans: Sequence[Fact], source_id: str) -> list[Item]:
    """Give one article's spans, oldest first, headed "According to …"."""
    heading = f"According to {snap.fb.sources[source_id].short}"
    own = [f for f in spans if f.sources[0] == source_id]
    return [_span_item(snap, f, heading) for f in own]


def _span_item(snap: Snapshot, fact: Fact, heading: str) -> Item:
    """Show a span as its tone, then our summary of what the article says of it."""
    item = fact_item(snap, fact, heading)
    return replace(item, text=f"{(fact.tone or '').capitalize()}: {item.text}")


COMMANDS = (Command(CLIMATE, climate),)

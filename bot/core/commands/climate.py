"""`climate`: how each article characterises the relationship over time, warm … hostile.

The five articles describe the same decades in different words (affable, chilly, tense, in the
doldrums, a new era). Listed article by article, each span with its tone, and drawn one row per
article, the places where they agree and differ show at a glance; a span that is one side of a
recorded disagreement says so.
"""

from __future__ import annotations

from datetime import date

from msgspec.structs import replace

from bot.core.chart import climate_chart
from bot.core.replies import fact_item, plural
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.errors import NotFound
from bot.factbase.model import TONES, Fact
from bot.search.periods import parse_period
from bot.store.snapshot import Snapshot

CLIMATE = CommandSpec(
    name="climate",
    summary="How each article characterises relations over time, warm to hostile, with a chart.",
    usage="climate [period]",
    arg="period",
    arg_name="period",
    aliases=("relations", "mood"),
    examples=("climate", "climate 1990s", "relations", "mood"),
)
SCALE = " · ".join(TONES)


def climate(ctx: Context, request: Request) -> Reply:
    """List every article's spans, oldest first, each with its tone; attach their chart.

    A period (`climate 1990s`) keeps the spans overlapping it; other words (`relations over
    the years`, read as the alias `relations`) ask for the whole picture.
    """
    snap = ctx.snapshot
    spans = snap.facts(snap.climate)
    period = parse_period(request.args, snap.timeline.newest()) if request.args else None
    if period is not None:
        spans = [f for f in spans if f.date is not None and f.date.overlaps(period.span)]
    if not spans:
        where = f" for {period.label}" if period is not None else ""
        raise NotFound(f"No article characterises the relationship{where}.", ["climate"])
    items = [
        item for source_id in snap.fb.sources for item in _article_items(snap, spans, source_id)
    ]
    articles = len({f.sources[0] for f in spans})
    return Reply(
        title="Relations over time, as each article tells it"
        + (f": {period.label}" if period is not None else ""),
        intro=f"{plural(len(spans), 'characterisation')} from {plural(articles, 'article')}, "
        f"on a scale {SCALE}. Where two spans of one article overlap, the narrower is "
        "the closer reading.",
        items=tuple(items),
        footer="`disputes` lists where the articles disagree; `timeline 1970s` lists events.",
        chart=climate_chart(snap, spans, date.today(), period.label if period else ""),
    )


def _article_items(snap: Snapshot, spans: list[Fact], source_id: str) -> list[Item]:
    """Give one article's spans, oldest first, headed "According to …"."""
    heading = f"According to {snap.fb.sources[source_id].short}"
    own = [f for f in spans if f.sources[0] == source_id]
    return [_span_item(snap, f, heading) for f in own]


def _span_item(snap: Snapshot, fact: Fact, heading: str) -> Item:
    """Show a span as its tone, then our summary of what the article says of it."""
    item = fact_item(snap, fact, heading)
    return replace(item, text=f"{(fact.tone or '').capitalize()}: {item.text}")


COMMANDS = (Command(CLIMATE, climate),)

"""`sources` and `source <id or author>`: the articles behind every fact."""

from __future__ import annotations

from bot.core.parse import echo
from bot.core.replies import did_you_mean, plural
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.errors import NotFound
from bot.factbase.model import Source
from bot.store.snapshot import Snapshot

SOURCES = CommandSpec(
    name="sources",
    summary="The articles the facts come from, with how many facts each supports.",
    usage="sources",
    examples=("sources",),
)
SOURCE = CommandSpec(
    name="source",
    summary="One article's full citation: title, author, outlet, publication date and certainty.",
    usage="source <id or author>",
    arg="source",
    arg_name="source",
    arg_required=True,
    examples=("source aslam", "source tauhidi-strategic-realignment"),
)
_CERTAINTY = {
    "stated": "as printed in the article",
    "inferred": "inferred from the page, not printed as the article's date",
    "unknown": "not known — the article carries no date of its own",
}


def sources(ctx: Context, request: Request) -> Reply:
    """List every article with its facts count."""
    snap = ctx.snapshot
    items = [
        Item(
            f"{s.title} — by {s.byline}{_outlet(s)}, {_published(s)}; "
            f"{plural(len(snap.by_source.get(s.id, ())), 'fact')}",
            heading=s.id,
        )
        for s in snap.fb.sources.values()
    ]
    return Reply(
        title="Sources",
        intro=f"Every fact cites at least one of these {plural(len(items), 'article')}.",
        items=tuple(items),
        footer="`source <id or author>` shows one in full.",
    )


def source(ctx: Context, request: Request) -> Reply:
    """Show one article's whole citation."""
    snap = ctx.snapshot
    match = snap.sources.best(request.args)
    if match is None:
        raise NotFound(
            f"No article matches “{echo(request.args)}”.",
            did_you_mean("source", snap.sources.suggest(request.args)),
            "`sources` lists the articles.",
        )
    return citation_reply(snap, snap.fb.sources[match.id])


def citation_reply(snap: Snapshot, s: Source) -> Reply:
    """Lay out every known detail of an article."""
    details = {
        "Title": s.title,
        "Author": s.author if s.author.lower() != "unnamed" else "not named in the article",
        **({"Affiliation": s.affiliation} if s.affiliation else {}),
        "Outlet": s.outlet or "not named",
        "Published": f"{s.published or 'no date'} ({_certainty(s)})",
        "Facts": str(len(snap.by_source.get(s.id, ()))),
        "Id": s.id,
    }
    if s.url:
        details["Link"] = s.url
    items = [Item(value, heading=key) for key, value in details.items()]
    if s.date_note:
        items.append(Item(s.date_note, heading="About the date"))
    # The details go in `items` only: as `extra` too, Discord would show each one twice.
    return Reply(
        title=s.title,
        items=tuple(items),
        footer=f"`search` finds facts; each one cites this article as “{s.short}”.",
    )


def _outlet(s: Source) -> str:
    return f" ({s.outlet})" if s.outlet else ""


def _published(s: Source) -> str:
    if s.published is None:
        return "undated"
    return s.published if s.date_certainty == "stated" else f"{s.published} ({s.date_certainty})"


def _certainty(s: Source) -> str:
    return _CERTAINTY.get(s.date_certainty, s.date_certainty)


COMMANDS = (Command(SOURCES, sources), Command(SOURCE, source))

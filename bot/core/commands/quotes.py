"""`quote [who or word]`: quotations printed in the articles, with speaker and occasion."""

from __future__ import annotations

from bot.core.parse import echo
from bot.core.replies import LazyItems, did_you_mean, fact_items, found_instead, plural
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Reply, Request
from bot.errors import NotFound
from bot.factbase.model import Fact
from bot.store.snapshot import Snapshot, date_order

QUOTE = CommandSpec(
    name="quote",
    summary="Quotations from the articles, with speaker, occasion and source.",
    usage="quote [who or word]",
    arg="text",
    arg_name="filter",
    examples=("quote", "quote kosygin", "quote zero-sum"),
)


def quote(ctx: Context, request: Request) -> Reply:
    """Show every quotation, or those by a speaker or containing a word."""
    snap = ctx.snapshot
    if not request.args:  # already in date order: only the page shown is rendered
        return Reply(
            title="Quotations",
            intro=plural(len(snap.quotes), "quotation"),
            items=LazyItems(snap, [(snap.quotes, None)]),
        )
    speaker = snap.people.best(request.args)
    if speaker is not None:
        involved = snap.facts(snap.by_person.get(speaker.id, ()))
        said = [f for f in involved if f.kind == "quote" and f.speaker == speaker.id]
        if said:
            return _reply(snap, f"Quotations: {speaker.name}", said)
        reported = [f for f in involved if f.kind != "person"]
        if speaker.exact and reported:
            return _reported(snap, speaker.name, reported)
    hits = snap.search.search(request.args, limit=None).hits
    matching = [f for f in snap.facts(i for i, _ in hits) if f.kind == "quote"]
    if not matching:
        missed = f"No quotation by or about “{echo(request.args)}”"
        found = found_instead(snap, request.args, missed, "`quote` alone lists the quotations.")
        if found is not None:
            return found
        quotes = snap.facts(snap.quotes)
        speakers = {q.speaker for q in quotes if q.speaker}
        near = [m for m in snap.people.suggest(request.args) if m.id in speakers]
        raise NotFound(
            f"{missed}.",
            did_you_mean("quote", near),
            f"`quote` alone lists all {plural(len(quotes), 'quotation')}.",
        )
    return _reply(snap, f"Quotations: “{echo(request.args)}”", matching)


def _reported(snap: Snapshot, name: str, facts: list[Fact]) -> Reply:
    """Answer `what did X say` for someone the articles report but never quote.

    The Russian Ground Forces commander's words are reported, not quoted: his statement is
    the answer, where a quotation sharing a word with his title (Kosygin's "forces") is not.
    """
    return Reply(
        title=f"No quotation by {name}; what the articles report of them:",
        intro=plural(len(facts), "fact"),
        items=tuple(fact_items(snap, sorted(facts, key=date_order))),
    )


def _reply(snap: Snapshot, title: str, quotes: list[Fact]) -> Reply:
    """List quotations oldest first.

    The sort is stable, so quotes of the same date keep the order they came in (by relevance,
    for a word filter).
    """
    ordered = sorted(quotes, key=date_order)
    return Reply(
        title=title, intro=plural(len(ordered), "quotation"), items=tuple(fact_items(snap, ordered))
    )


COMMANDS = (Command(QUOTE, quote),)

"""`search <words>` (also `ask`, `find`): the best-matching facts of any kind, ranked."""

from __future__ import annotations

import re

from bot.core.parse import echo
from bot.core.replies import dispute_items, fact_items, relevant, search_note
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Reply, Request
from bot.errors import BadArguments, NotFound
from bot.factbase.model import Fact
from bot.search.normalise import terms
from bot.search.periods import Period, split_period
from bot.store.snapshot import Snapshot

SEARCH = CommandSpec(
    name="search",
    summary="The facts that best match your words, of any kind, best first.",
    usage="search <words>",
    arg="text",
    arg_name="query",
    arg_required=True,
    aliases=("ask", "find"),
    examples=("search tashkent declaration", "search steel mills", "ask gas pipeline"),
)
MAX_HITS = 10


# `search when …` asks for a date: dated events go first (`when did musharraf visit moscow`).
_WHEN = re.compile(r"^\W*(?:when|what year|which year|what date|in what year)\b", re.IGNORECASE)


def search(ctx: Context, request: Request) -> Reply:
    """Rank every fact against the words and show the best few."""
    snap = ctx.snapshot
    if not terms(request.args):
        raise BadArguments(
            f"“{echo(request.args)}” is too common a word to search for on its own.",
            "Add what you are looking for, e.g. `search when tashkent` or `search steel mills`.",
        )
    when = _WHEN.match(request.args) is not None
    period = split_period(request.args, snap.timeline.newest())[1]
    wide = when or period is not None  # re-ordering: rank more than are shown
    result = snap.search.search(request.args, limit=MAX_HITS * 3 if wide else MAX_HITS)
    hits = relevant(result.hits)
    if not hits:
        raise NotFound(
            f"Nothing in the articles matches “{echo(request.args)}”.",
            suggestions(snap, request.args),
            "Try other words; `topics` lists the themes and `who` the people.",
        )
    facts, order = by_date_asked(snap.facts(i for i, _ in hits), when, period)
    return Reply(
        title=f"Search: {echo(request.args)}",
        intro=" ".join(p for p in (search_note(result), order) if p),
        items=(*fact_items(snap, facts), *dispute_items(snap, facts[:3])),
    )


def by_date_asked(facts: list[Fact], when: bool, period: Period | None) -> tuple[list[Fact], str]:
    """Put first what a question's dating asks for, keeping rank order otherwise.

    A period named among the words (`… in 1971`) brings its events forward; `when` brings
    every dated event before undated claims. Give the facts to show and a note saying so.
    """
    if period is not None:
        span = period.span
        facts = sorted(facts, key=lambda f: f.date is None or not f.date.overlaps(span))
        first = facts[0].date is not None and facts[0].date.overlaps(span)
        return facts[:MAX_HITS], f"Events of {period.label} first." if first else ""
    if when:
        facts = sorted(facts, key=lambda f: f.date is None)
        return facts[:MAX_HITS], "Dated events first." if facts[0].date is not None else ""
    return facts, ""


def suggestions(snap: Snapshot, text: str) -> list[str]:
    """Offer names and words the fact base does hold that look like what was typed."""
    found: list[str] = []
    for matcher, command in ((snap.people, "who"), (snap.topics, "topic")):
        found += [f"{command} {m.name}" for m in matcher.suggest(text, limit=2)]
    for word in terms(text)[:3]:
        found += [f"search {w}" for w in snap.search.corrector.candidates(word.casefold(), 2)[:2]]
    return list(dict.fromkeys(found))[:5]


COMMANDS = (Command(SEARCH, search),)

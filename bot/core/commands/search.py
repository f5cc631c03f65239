"""`search <words>` (also `ask`, `find`): the best-matching facts of any kind, ranked."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.core.items import dispute_items, fact_items
from bot.core.parse import echo
from bot.core.registry import register
from bot.core.snapshot import Snapshot
from bot.core.textsearch import relevant, search_note
from bot.core.types import CommandSpec, Reply, Request
from bot.errors import BadArguments, NotFound
from bot.factbase.model import Fact
from bot.search.normalise import terms

if TYPE_CHECKING:
    from bot.core.engine import Engine

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


@register(SEARCH)
def search(engine: Engine, request: Request) -> Reply:
    """Rank every fact against the words and show the best few."""
    snap = engine.snapshot
    if not terms(request.args):
        raise BadArguments(
            f"“{echo(request.args)}” is too common a word to search for on its own.",
            "Add what you are looking for, e.g. `search when tashkent` or `search steel mills`.",
        )
    when = _WHEN.match(request.args) is not None
    result = snap.search.search(request.args, limit=MAX_HITS * 3 if when else MAX_HITS)
    hits = relevant(result.hits)
    if not hits:
        raise NotFound(
            f"Nothing in the articles matches “{echo(request.args)}”.",
            suggestions(snap, request.args),
            "Try other words; `topics` lists the themes and `who` the people.",
        )
    facts = snap.facts(i for i, _ in hits)
    if when:
        facts = dated_first(facts)[:MAX_HITS]
    note = search_note(result)
    if when and facts[0].date is not None:
        note = f"{note} Dated events first.".strip()
    return Reply(
        title=f"Search: {echo(request.args)}",
        intro=note,
        items=(*fact_items(snap, facts), *dispute_items(snap, facts[:3])),
    )


def dated_first(facts: list[Fact]) -> list[Fact]:
    """Put dated facts before undated ones, each group keeping its rank order."""
    return sorted(facts, key=lambda f: f.date is None)


def suggestions(snap: Snapshot, text: str) -> list[str]:
    """Offer names and words the fact base does hold that look like what was typed."""
    found: list[str] = []
    for matcher, command in ((snap.people, "who"), (snap.topics, "topic")):
        found += [f"{command} {m.name}" for m in matcher.suggest(text, limit=2)]
    for word in terms(text)[:3]:
        found += [f"search {w}" for w in snap.search.corrector.candidates(word.casefold(), 2)[:2]]
    return list(dict.fromkeys(found))[:5]

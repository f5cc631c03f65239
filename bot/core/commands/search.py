"""`search <words>` (also `ask`, `find`): the best-matching facts of any kind, ranked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.items import dispute_items, fact_items
from bot.core.parse import echo
from bot.core.registry import register
from bot.core.snapshot import Snapshot
from bot.core.textsearch import relevant, search_note
from bot.core.types import CommandSpec, Reply, Request
from bot.errors import NotFound

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


@register(SEARCH)
def search(engine: Engine, request: Request) -> Reply:
    """Rank every fact against the words and show the best few."""
    snap = engine.snapshot
    result = snap.search.search(request.args, limit=MAX_HITS)
    hits = relevant(result.hits)
    if not hits:
        raise NotFound(
            f"Nothing in the articles matches “{echo(request.args)}”.",
            suggestions(snap, request.args),
        )
    facts = snap.facts(i for i, _ in hits)
    return Reply(
        title=f"Search: {echo(request.args)}",
        intro=search_note(result),
        items=(*fact_items(snap, facts), *dispute_items(snap, facts[:3])),
    )


def suggestions(snap: Snapshot, text: str) -> list[str]:
    """Offer names and words the fact base does hold that look like what was typed."""
    found: list[str] = []
    for matcher, command in ((snap.people, "who"), (snap.topics, "topic")):
        found += [f"{command} {m.name}" for m in matcher.suggest(text, limit=2)]
    for word in text.split()[:3]:
        found += [f"search {w}" for w in snap.search.corrector.candidates(word.casefold(), 2)[:2]]
    return list(dict.fromkeys(found))[:5]

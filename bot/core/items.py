"""Turn facts into reply items the same way in every command: text, date, compact source."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.core.snapshot import Snapshot
from bot.core.types import Citation, Item
from bot.factbase.model import Fact
from bot.search.matcher import Match

MAX_VIEWS_PER_SOURCE = 2  # a dispute shows each article's view, not every sentence of it
MAX_DISPUTES = 2
MAX_RENDERED = 100_000  # items kept per snapshot for reuse (~30 MB at most)


def citations(snap: Snapshot, fact: Fact) -> tuple[Citation, ...]:
    """Cite each source of a fact by its compact name."""
    sources = snap.fb.sources
    return tuple(Citation(s, sources[s].short if s in sources else s) for s in fact.sources)


def fact_item(snap: Snapshot, fact: Fact, heading: str | None = None) -> Item:
    """Render any fact as an item; quotes get their speaker and occasion."""
    if fact.kind == "quote":
        return replace(quote_item(snap, fact), heading=heading)
    date = fact.date.label if fact.date is not None else None
    return Item(fact.text, fact.id, date, citations(snap, fact), heading)


def quote_item(snap: Snapshot, fact: Fact) -> Item:
    """Show a quotation with its speaker before it and the occasion after it."""
    speaker = snap.fb.name_of(fact.speaker) if fact.speaker else "Unattributed"
    text = f"{speaker}: “{fact.text}”"
    if fact.occasion:
        text += f" ({fact.occasion})"
    date = fact.date.label if fact.date is not None else None
    return Item(text, fact.id, date, citations(snap, fact))


def fact_items(snap: Snapshot, facts: Iterable[Fact], heading: str | None = None) -> list[Item]:
    """Render facts in order, optionally all under one heading."""
    memo = snap.rendered
    if len(memo) > MAX_RENDERED:  # a crude bound keeps a million-fact base's memory flat
        memo.clear()
    items: list[Item] = []
    for fact in facts:
        key = (fact.id, heading)
        item = memo.get(key)
        if item is None:
            item = memo[key] = fact_item(snap, fact, heading)
        items.append(item)
    return items


def dispute_items(snap: Snapshot, shown: Sequence[Fact]) -> list[Item]:
    """Give both sides of each disagreement the shown facts touch, each per its article."""
    items: list[Item] = []
    disputes = list(dict.fromkeys(f.dispute for f in shown if f.dispute))[:MAX_DISPUTES]
    for dispute_id in disputes:
        dispute = snap.fb.disputes.get(dispute_id)
        if dispute is None:
            continue
        items.append(Item(dispute.question, heading="Where the articles disagree"))
        per_source: dict[str, list[Fact]] = {}
        for fact in snap.facts(snap.by_dispute.get(dispute_id, ())):
            views = per_source.setdefault(fact.sources[0], [])
            if len(views) < MAX_VIEWS_PER_SOURCE:
                views.append(fact)
        for source_id, views in per_source.items():
            source = snap.fb.sources.get(source_id)
            heading = f"According to {source.short if source else source_id}"
            items += [fact_item(snap, view, heading) for view in views]
    return items


def did_you_mean(command: str, matches: Iterable[Match]) -> list[str]:
    """Turn near matches into runnable suggestions like `who Zulfikar Ali Bhutto`."""
    return [f"{command} {m.name}" for m in matches][:5]

"""Turn facts into reply items the same way in every command: text, date, compact source."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import overload

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
    return [_rendered(snap, fact.id, heading) for fact in facts]


def _rendered(snap: Snapshot, fact_id: str, heading: str | None) -> Item:
    """Render one fact, reusing the item this snapshot already rendered for it."""
    memo = snap.rendered
    item = memo.get((fact_id, heading))
    if item is None:
        if len(memo) > MAX_RENDERED:  # a crude bound keeps a million-fact base's memory flat
            memo.clear()
        item = memo[fact_id, heading] = fact_item(snap, snap.fact(fact_id), heading)
    return item


class LazyItems(Sequence[Item]):
    """A reply's items, each rendered only when read: a decade at 10k entries lists ~650
    events, and an adapter showing the first page of ten should render ten, not 650.

    Parts are runs of fact ids, each under one heading, between items already made (`head`,
    `tail`).
    Equal to any sequence holding the same items, so tests compare it like a tuple.
    """

    __slots__ = ("_head", "_length", "_parts", "_render", "_snap", "_tail")

    def __init__(
        self,
        snap: Snapshot,
        parts: Iterable[tuple[Sequence[str], str | None]],
        tail: Sequence[Item] = (),
        head: Sequence[Item] = (),
        render: Callable[[Snapshot, str, str | None], Item] | None = None,
    ) -> None:
        """`render` makes one item from a fact id and its part's heading; by default the fact
        itself, rendered once per snapshot and reused."""
        self._snap = snap
        self._render = render or _rendered
        self._head = tuple(head)
        self._parts = [(ids, heading) for ids, heading in parts if ids]
        self._tail = tuple(tail)
        self._length = len(self._head) + sum(len(ids) for ids, _ in self._parts) + len(self._tail)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Item, ...]: ...

    def __getitem__(self, index: int | slice) -> Item | tuple[Item, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._length)))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("reply item index out of range")
        if index < len(self._head):
            return self._head[index]
        index -= len(self._head)
        for ids, heading in self._parts:
            if index < len(ids):
                return self._render(self._snap, ids[index], heading)
            index -= len(ids)
        return self._tail[index]

    def __iter__(self) -> Iterator[Item]:
        yield from self._head
        for ids, heading in self._parts:
            for fact_id in ids:
                yield self._render(self._snap, fact_id, heading)
        yield from self._tail

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyItems({self._length} items)"


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

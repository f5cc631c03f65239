"""How every command builds its reply: facts as items, counted words, search notes.

One module, so a reply reads the same whatever command made it: a fact shows its text, date and
compact source the same way everywhere, `1 event` / `3 events` is spelt once, and commands that
answer from free-text search share one relevance floor and one note on how the query was read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import overload

from msgspec.structs import replace

from bot.core.types import Citation, CommandSpec, Item, Reply
from bot.errors import Problem
from bot.factbase.model import SECTION_KINDS, Fact
from bot.search.index import SearchResult
from bot.search.matcher import Match
from bot.store.snapshot import Snapshot

APOLOGY = "Sorry — something went wrong while answering that. It has been logged; please try again."
MAX_PROBLEMS_SHOWN = 10
MAX_DISPUTES = 2
DISAGREE = "Where the articles disagree"
MAX_RENDERED = 100_000  # items kept per snapshot for reuse (~30 MB at most)


def citations(snap: Snapshot, fact: Fact) -> tuple[Citation, ...]:
    """Cite each source of a fact by its compact name."""
    sources = snap.fb.sources
    return tuple(Citation(s, sources[s].short if s in sources else s) for s in fact.sources)


def fact_item(
    snap: Snapshot, fact: Fact, heading: str | None = None, *, side_by_side: bool = False
) -> Item:
    """Render any fact as an item; quotes get their speaker and occasion.

    A person's card says "Pakistani President who …" and leaves the name to the card's title,
    so out of `who` it is shown with the name in front, or it names no one. A fact that is one
    view of a recorded disagreement says so, and where to see the others, unless it is shown
    `side_by_side` with them already.
    """
    if fact.kind == "quote":
        item = replace(quote_item(snap, fact), heading=heading)
    else:
        date = fact.date.label if fact.date is not None else None
        text = f"{fact.name}: {fact.text}" if fact.kind == "person" and fact.name else fact.text
        item = Item(text, fact.id, date, citations(snap, fact), heading)
    note = "" if side_by_side else dispute_note(snap, fact)
    return replace(item, verified=fact.verified, note=note) if note or not fact.verified else item


def dispute_note(snap: Snapshot, fact: Fact) -> str:
    """Give the one line that says a fact is one side of a disagreement, or ""."""
    if fact.dispute is None or fact.dispute not in snap.fb.disputes:
        return ""
    return f"Articles differ on this — `disputes {fact.dispute}`"


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
    memo = snap.memo
    item: Item | None = memo.get((fact_id, heading))
    if item is None:
        if len(memo) > MAX_RENDERED:  # a crude bound keeps a million-fact base's memory flat
            memo.clear()
        item = memo[fact_id, heading] = fact_item(snap, snap.fact(fact_id), heading)
    return item


class LazyItems(Sequence[Item]):
    """A reply's items, each rendered only when read.

    A decade at 10k entries lists ~650 events, and an adapter showing the first page of ten
    should render ten, not 650. Parts are runs of fact ids, each under one heading, between
    items already made (`head`, `tail`).

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
        """Render nothing yet: `render` later makes each item from a fact id and its heading.

        By default an item is the fact itself, rendered once per snapshot and reused.
        """
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
    """Name each disagreement the shown facts touch, one line each, with the command to open it.

    The facts of the answer already say "Articles differ on this"; setting out every article's
    view under a short answer buried it (a one-event `timeline steel` under two views), so the
    views are one command away, in `disputes`, where they stand side by side.
    """
    touched = list(dict.fromkeys(f.dispute for f in shown if f.dispute))
    found = [snap.fb.disputes[d] for d in touched if d in snap.fb.disputes]
    items = [
        Item(d.question, heading=DISAGREE, note=f"Each article's view: `disputes {d.id}`")
        for d in found[:MAX_DISPUTES]
    ]
    if len(found) > MAX_DISPUTES:  # named, not dropped: each fact's note points at its own
        more = len(found) - MAX_DISPUTES
        items.append(
            Item(
                f"{plural(more, 'more disagreement')} here: `disputes` lists them all.",
                heading=DISAGREE,
            )
        )
    return items


def views_by_source(
    snap: Snapshot, dispute_id: str, limit: int | None = None
) -> dict[str, list[Fact]]:
    """Group a disagreement's views by the article they come from, at most `limit` each.

    An article's climate span restates what its facts say of the same years; it is a view only
    where the article has no other.
    """
    per_source: dict[str, list[Fact]] = {}
    spans: dict[str, list[Fact]] = {}
    for fact in snap.facts(snap.by_dispute.get(dispute_id, ())):
        group = spans if fact.kind == "climate" else per_source
        views = group.setdefault(fact.sources[0], [])
        if limit is None or len(views) < limit:
            views.append(fact)
    for source, views in spans.items():
        per_source.setdefault(source, views)
    return per_source


def did_you_mean(command: str, matches: Iterable[Match]) -> list[str]:
    """Turn near matches into runnable suggestions like `who Zulfikar Ali Bhutto`."""
    return [f"{command} {m.name}" for m in matches][:5]


_PLURALS = {kind: section for section, kind in SECTION_KINDS.items()}
_NOUNS = {"climate": "climate span"}  # a kind named by an uncountable word: `23 climate spans`


def plural(count: int, noun: str) -> str:
    """Write `1 event`, `3 events`; kinds of entry take their section's name (`15 people`)."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {_PLURALS.get(noun, noun + 's')}"


def dated_count(count: int) -> str:
    """Count what the timeline lists, the one way `timeline` and `about` both say it.

    Every entry with a date is on the timeline, whatever its kind: events, and the odd dated
    quotation or claim.
    """
    return f"{count} dated {'entry' if count == 1 else 'entries'}"


def counts_line(counts: Mapping[str, int]) -> str:
    """Say what a fact base holds (`5 sources, 155 claims, 15 people`), leaving out empty kinds."""
    return ", ".join(plural(n, _NOUNS.get(kind, kind)) for kind, n in counts.items() if n)


RELEVANCE_FLOOR = 0.3  # hits scoring under 30% of the best are noise from one common word


def relevant(hits: list[tuple[str, float]], share: float | None = None) -> list[tuple[str, float]]:
    """Keep the hits worth showing: those within reach of the best one."""
    if not hits:
        return []
    floor = hits[0][1] * (RELEVANCE_FLOOR if share is None else share)
    return [(i, s) for i, s in hits if s >= floor]


MAX_FOUND_INSTEAD = 10


def found_instead(snap: Snapshot, words: str, missed: str, hint: str) -> Reply | None:
    """Answer a missed name (`topic agriculture`) with the facts that mention it, saying so.

    Better than near names that are not what was asked: the 1958 offer of help with
    agriculture is what `topic agriculture` wants, not People-to-people ties. None when the
    words find nothing, or hold a word no fact uses as typed (then the miss itself is the
    answer: `who imran khan` must not turn into facts about another Khan, nor about Iran).
    """
    result = snap.search.search(words, limit=MAX_FOUND_INSTEAD)
    if result.unknown or result.corrections or not result.hits:
        return None
    facts = snap.facts(i for i, _ in relevant(result.hits))
    return Reply(
        title=f"{missed}; facts that mention it:",
        intro=search_note(result),
        items=tuple(fact_items(snap, facts)),
        footer=hint,
    )


def search_note(result: SearchResult) -> str:
    """Say how the query was read: corrected spellings and words no entry uses."""
    notes: list[str] = []
    if result.corrections:
        fixed = ", ".join(f"“{typed}” as “{known}”" for typed, known in result.corrections.items())
        notes.append(f"Read {fixed}.")
    if result.unknown:
        missing = ", ".join(f"“{w}”" for w in result.unknown[:5])
        notes.append(f"No entry mentions {missing}.")
    return " ".join(notes)


def usage_of(spec: CommandSpec) -> str:
    """Give a command's usage line and first example, for usage replies."""
    example = f" — e.g. `{spec.examples[0]}`" if spec.examples else ""
    return f"Usage: `{spec.usage}`{example}"


def problems_reply(problems: Sequence[Problem], title: str, folder: Path | None) -> Reply:
    """List the first few problems with the knowledge files, as an admin should read them."""
    shown = [Item(text=_as_seen(p, folder)) for p in problems[:MAX_PROBLEMS_SHOWN]]
    more = len(problems) - len(shown)
    return Reply(
        title=title,
        items=tuple(shown),
        footer=f"…and {more} more (run `kb check`)." if more > 0 else "",
        kind="usage",
    )


def _as_seen(problem: Problem, folder: Path | None) -> str:
    """Show files as `knowledge/events.yaml`: chat users need no server paths."""
    text = str(problem)
    if folder is None:
        return text
    for base in {str(folder.parent), str(folder.resolve().parent)}:
        text = text.replace(base.rstrip(os.sep) + os.sep, "")
    return text

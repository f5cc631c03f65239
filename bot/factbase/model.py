"""The fact base as typed, immutable records: what every command reads and nothing mutates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import msgspec

from bot.search.dates import DateSpan

FactKind = Literal["event", "interest", "claim", "quote", "person", "climate"]
# How an article characterises the relationship over a span (`climate`), warmest first: the
# order charts draw their diverging scale in and `climate` sorts by.
TONES: tuple[str, ...] = ("warm", "cordial", "mixed", "cool", "hostile")
# Each top-level YAML key and the kind of entry it holds, in the order files conventionally hold
# them; the key is also the kind's plural, so replies count `15 people`, not `15 persons`.
SECTION_KINDS: Mapping[str, str] = {
    "sources": "source",
    "parties": "party",
    "people": "person",
    "topics": "topic",
    "disputes": "dispute",
    "events": "event",
    "interests": "interest",
    "claims": "claim",
    "quotes": "quote",
    "climate": "climate",
    "aliases": "alias",
}
FACT_SECTIONS: Mapping[str, FactKind] = {
    "events": "event",
    "interests": "interest",
    "claims": "claim",
    "quotes": "quote",
    "people": "person",
    "climate": "climate",
}


class Location(msgspec.Struct, frozen=True, gc=False):
    """Where an entry lives on disk, so errors and `fact show` can point at it.

    Like `Fact`, a msgspec Struct: one per entry, so its size and build time count a million
    times; it holds only strings and ints, so it can stay out of the garbage collector.
    """

    file: str
    line: int
    end_line: int = 0


class Source(msgspec.Struct, frozen=True):
    """One of the articles every fact must cite."""

    id: str
    title: str
    author: str
    outlet: str | None
    published: str | None
    date_certainty: str
    date_note: str | None
    seed: str
    url: str | None
    where: Location
    short_title: str | None = None
    date_evidence: str | None = None  # the article's own words that date it
    affiliation: str | None = None  # who the author is, as the article says: all an unnamed one has
    fingerprint: str | None = None  # "sha256:…" of the article's normalised text
    fingerprint_line: int = 0  # where `fingerprint:` is written, for a mismatch's file:line

    @property
    def byline(self) -> str:
        """Name the author for a reader: the name, else who the article says they are."""
        if self.author and self.author.lower() != "unnamed":
            return self.author + (f" ({self.affiliation})" if self.affiliation else "")
        if self.affiliation:
            return f"an unnamed {self.affiliation}"
        return "an unnamed author"

    @property
    def short(self) -> str:
        """Name the source compactly for a citation line: the author, else a short title."""
        if self.author and self.author.lower() != "unnamed":
            return self.author
        if self.short_title:
            return self.short_title
        return self.title if len(self.title) <= 48 else self.title[:45].rsplit(" ", 1)[0] + "…"


class Fact(msgspec.Struct, frozen=True, gc=False):
    """A sourced statement: an event, interest, claim, quote, climate span, or a person's card.

    A msgspec Struct rather than a dataclass: a million of them must fit the memory budget and
    be built quickly from the cache (~0.15 µs each against ~2.5 µs for a frozen dataclass, and
    32 bytes smaller without the garbage collector's header). Facts hold strings, tuples of
    strings, a Location and a DateSpan, never anything that could lead back to a fact, so
    there is no cycle for the collector to find.
    """

    id: str
    kind: FactKind
    text: str
    sources: tuple[str, ...]
    # One phrase per source, in the order of `sources`: a tuple, not a mapping, because a dict
    # per fact cost ~120 bytes more, and a million facts must fit in the memory budget.
    evidence: tuple[str, ...]
    where: Location
    date: DateSpan | None = None
    people: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    dispute: str | None = None
    # kind-specific
    name: str | None = None  # person
    party: str | None = None  # interest: russia | pakistan | shared
    stance: str | None = None  # claim: statement | assessment | recommendation
    speaker: str | None = None  # quote
    occasion: str | None = None  # quote
    tone: str | None = None  # climate: one of TONES; its `date` is the span characterised
    label: str | None = None  # event: a short name a chart writes beside its mark
    # False when an admin stored it while its articles could not be read (`unverified=yes`):
    # shown marked "(unverified)" until someone checks it against the article.
    verified: bool = True

    def evidence_by_source(self) -> dict[str, str]:
        """Pair each cited source with its phrase, for checks that go article by article.

        Provenance wants the pairs; a fact stores them as two tuples to keep itself small.
        """
        return dict(zip(self.sources, self.evidence, strict=True))


class Topic(msgspec.Struct, frozen=True):
    """A theme facts are filed under (energy, defence, …)."""

    id: str
    name: str
    text: str
    where: Location


class Party(msgspec.Struct, frozen=True):
    """A state or bloc that facts concern."""

    id: str
    name: str
    where: Location


class Dispute(msgspec.Struct, frozen=True):
    """A question the articles answer differently; facts point at it to show both views."""

    id: str
    question: str
    where: Location


class Alias(msgspec.Struct, frozen=True):
    """Other names and spellings for one entry (USSR → russia, Ayyub → ayub-khan)."""

    id: str
    names: tuple[str, ...]
    refers_to: str
    where: Location


class FactBase(msgspec.Struct, frozen=True):
    """Everything loaded from one knowledge folder; build indexes from it, never mutate it."""

    sources: Mapping[str, Source] = msgspec.field(default_factory=dict)
    facts: Mapping[str, Fact] = msgspec.field(default_factory=dict)
    topics: Mapping[str, Topic] = msgspec.field(default_factory=dict)
    parties: Mapping[str, Party] = msgspec.field(default_factory=dict)
    disputes: Mapping[str, Dispute] = msgspec.field(default_factory=dict)
    aliases: Mapping[str, Alias] = msgspec.field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Count entries by kind, for `factbot check` and `about`."""
        counts: dict[str, int] = {"source": len(self.sources)}
        for fact in self.facts.values():
            counts[fact.kind] = counts.get(fact.kind, 0) + 1
        counts.update(
            topic=len(self.topics),
            party=len(self.parties),
            dispute=len(self.disputes),
            alias=len(self.aliases),
        )
        return counts

    def name_of(self, entry_id: str) -> str:
        """Give a display name for any referenced id, falling back to the id itself."""
        for table in (self.parties, self.topics):
            if entry_id in table:
                return table[entry_id].name
        fact = self.facts.get(entry_id)
        if fact is not None and fact.name:
            return fact.name
        source = self.sources.get(entry_id)
        return source.short if source is not None else entry_id

"""One immutable view of the fact base with every index a command needs, built in one go.

The engine serves from exactly one Snapshot and replaces it whole on reload, so a request never
sees half of an old base and half of a new one. Build it off the event loop: it is pure work.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

import msgspec

from bot.factbase.model import Fact, FactBase
from bot.search.idviews import IdsAt
from bot.search.index import SearchIndex, SearchTable, build_search
from bot.search.matcher import MatcherTable, NameMatcher, build_matcher
from bot.search.normalise import fold, words
from bot.search.ordering import sorted_in_runs
from bot.search.packed import Ints
from bot.search.spans import SpanArrays, SpanIndex, build_spans
from bot.search.synonyms import SYNONYMS

_KeyFn = Callable[[Fact], Iterable[str]]

SHARED = "shared"  # the interests' own pseudo-party: points both countries agree on
SHARED_NAMES = ("shared", "both", "convergence", "common", "mutual", "joint", "together")
GROUPS = ("by_party", "interests", "by_person", "by_topic", "by_source", "by_dispute")
MATCHERS = ("parties", "people", "topics", "sources")
# Ranks and offices in people's names: `General Yahya Khan` is not who every "general" means.
_TITLES = frozenset(
    {
        *("general", "president", "premier", "prime", "minister", "field", "marshal"),
        *("mister", "chairman", "soviet", "former", "leader", "secretary", "foreign"),
        *("defence", "commander"),
    }
)


class Groups(Mapping[str, Sequence[str]]):
    """Fact ids filed under each key, kept as arrays of fact numbers (compact, quick to load).

    A key gives a view of them, so `interests russia` at 1M entries copies none of 33k ids.
    """

    def __init__(self, ids: Sequence[str], table: dict[str, Ints]) -> None:
        self._ids = ids
        self._table = table

    def __getitem__(self, key: str) -> Sequence[str]:
        return IdsAt(self._ids, self._table[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def count(self, key: str) -> int:
        """Give how many facts are filed under `key`, without listing them."""
        return len(self._table.get(key, ()))


class SnapshotTable(msgspec.Struct, frozen=True):
    """Every index of a snapshot as plain data: built from a fact base, or read from the cache.

    Fact numbers are positions in the fact base's own order (`list(fb.facts)`).
    """

    spans: SpanArrays
    groups: dict[str, dict[str, Ints]]
    quotes: Ints  # oldest first, undated last
    climate: Ints  # climate spans, oldest start first
    people: Ints  # person cards, by name
    person_words: dict[str, list[str]]
    matchers: dict[str, MatcherTable]
    search: SearchTable
    counts: dict[str, int]  # entries by kind (`FactBase.counts`), so `about` counts none


class Snapshot(msgspec.Struct, frozen=True, eq=False):
    """A fact base plus its indexes; never mutated after `build_snapshot` returns it."""

    fb: FactBase
    table: SnapshotTable
    timeline: SpanIndex
    by_party: Groups
    interests: Groups  # interest's own `party:` → ids
    by_person: Groups  # tagged, speaking or named; in a card's order (dated first, oldest first)
    person_words: Mapping[str, frozenset[str]]  # words naming one person only: `bhutto`, `ayub`
    by_topic: Groups
    by_source: Groups
    by_dispute: Groups
    quotes: Sequence[str]  # oldest first, undated last
    climate: Sequence[str]  # climate spans, oldest start first
    people_by_name: Sequence[str]  # person cards, for `who` alone
    parties: NameMatcher  # states and blocs, plus `shared`
    people: NameMatcher
    topics: NameMatcher  # themes and parties: `topic afghanistan` is a party here
    sources: NameMatcher
    search: SearchIndex
    counts: Mapping[str, int]  # entries by kind
    loaded_at: datetime
    # What the layers above derive from one fact and keep for this base's lifetime, by key (the
    # core keeps rendered items by (fact id, heading): a decade at 10k facts lists ~650 events,
    # and rendering each anew cost ~5 µs). Derived data: filling it never changes an answer.
    memo: dict[tuple[str, str | None], Any] = msgspec.field(default_factory=dict)

    def fact(self, fact_id: str) -> Fact:
        """Give the fact with this id (ids come from this snapshot's own indexes)."""
        return self.fb.facts[fact_id]

    def facts(self, ids: Iterable[str]) -> list[Fact]:
        """Give the facts for ids, in the given order."""
        table = self.fb.facts
        return [table[i] for i in ids]


def build_snapshot(fb: FactBase) -> Snapshot:
    """Index a fact base for every command; pure, so it can run in a worker thread."""
    return open_snapshot(fb, build_table(fb))


def open_snapshot(fb: FactBase, table: SnapshotTable) -> Snapshot:
    """Serve a fact base through indexes already built for it (`build_table` or the cache)."""
    ids = list(fb.facts)
    groups = {name: Groups(ids, table.groups[name]) for name in GROUPS}
    matchers = {name: NameMatcher.of(table.matchers[name]) for name in MATCHERS}
    return Snapshot(
        fb=fb,
        table=table,
        timeline=SpanIndex(ids, table.spans),
        **groups,  # type: ignore[arg-type]
        person_words={pid: frozenset(ws) for pid, ws in table.person_words.items()},
        quotes=IdsAt(ids, table.quotes),
        climate=IdsAt(ids, table.climate),
        people_by_name=IdsAt(ids, table.people),
        **matchers,  # type: ignore[arg-type]
        search=SearchIndex(ids, table.search),
        counts=table.counts,
        loaded_at=datetime.now(UTC),
    )


def build_table(fb: FactBase) -> SnapshotTable:
    """Build every index of a fact base: the slow part (seconds at 100k entries)."""
    facts = list(fb.facts.values())
    ids = [f.id for f in facts]
    disputed = {f.id for f in facts if f.dispute}
    person_words = _person_words(fb)
    return SnapshotTable(
        # A climate entry's date is the span it characterises, not an event: `climate` lists them.
        spans=build_spans(ids, [None if f.kind == "climate" else f.date for f in facts], disputed),
        groups={
            "by_party": _group(facts, lambda f: f.parties),
            "interests": _group(
                facts, lambda f: (f.party,) if f.kind == "interest" and f.party else ()
            ),
            "by_person": _card_order(facts, _group(facts, _people_involved(person_words))),
            "by_topic": _group(facts, lambda f: f.topics),
            "by_source": _group(facts, lambda f: f.sources),
            "by_dispute": _group(facts, lambda f: (f.dispute,) if f.dispute else ()),
        },
        quotes=_numbers(facts, "quote", date_order),
        climate=_numbers(facts, "climate", date_order),
        people=_numbers(facts, "person", lambda f: f.name or f.id),
        person_words={pid: sorted(ws) for pid, ws in person_words.items()},
        matchers=_matchers(fb, facts),
        search=build_search((_search_text(f) for f in facts), _related_words(fb), tag_names(fb)),
        counts=fb.counts(),
    )


def _numbers(facts: list[Fact], kind: str, key: Callable[[Fact], Any]) -> Ints:
    """Give the numbers of one kind's facts, sorted once here by `key`.

    A command listing all of them then renders only the page shown. The sort is stable: base
    order breaks ties.
    """
    numbers = [n for n, f in enumerate(facts) if f.kind == kind]
    return array("i", sorted_in_runs(numbers, key=lambda n: key(facts[n])))


def date_order(fact: Fact) -> tuple[bool, date | None]:
    """Order quotations the way `quote` lists them: dated ones oldest first, undated after."""
    return fact.date is None, fact.date.start if fact.date else None


def _matchers(fb: FactBase, facts: list[Fact]) -> dict[str, MatcherTable]:
    parties = {p.id: p.name for p in fb.parties.values()}
    return {
        "parties": _matcher(fb, {**parties, SHARED: "Shared"}),
        "people": _matcher(fb, {f.id: f.name or f.id for f in facts if f.kind == "person"}),
        "topics": _matcher(fb, {**{t.id: t.name for t in fb.topics.values()}, **parties}),
        "sources": _source_matcher(fb),
    }


def _group(facts: list[Fact], keys: _KeyFn) -> dict[str, Ints]:
    """File each fact's number under every key it carries, keeping the fact base's order."""
    groups: dict[str, Ints] = {}
    for number, fact in enumerate(facts):
        for key in dict.fromkeys(keys(fact)):
            found = groups.get(key)
            if found is None:
                found = groups[key] = array("i")
            found.append(number)
    return groups


def _people_involved(person_words: Mapping[str, frozenset[str]]) -> _KeyFn:
    """Say which people a fact involves, found once here rather than by reading on every `who`.

    Those it is tagged with or quotes, and those its text names by a word naming only them
    (`Kosygin said …` with no tag).
    """
    owner = {word: pid for pid, ws in person_words.items() for word in ws}

    def involved(fact: Fact) -> Iterable[str]:
        tagged = (*fact.people, *((fact.speaker,) if fact.speaker else ()))
        if fact.kind == "climate":  # a mood over years, not something a person did or said
            return ()
        if fact.kind == "person":
            return tagged
        named = (owner[w] for w in fold(fact.text).split() if w in owner)
        return (*tagged, *named)

    return involved


def card_key(fact: Fact) -> tuple[bool, date | None, str]:
    """Order facts as a person's card lists them: dated ones first, oldest first, then by kind."""
    return fact.date is None, fact.date.start if fact.date else None, fact.kind


def _card_order(facts: list[Fact], groups: dict[str, Ints]) -> dict[str, Ints]:
    """Sort each group once, at build time, the way a card shows it.

    The sort is stable, so facts equal by date and kind keep the base's order, whether tagged
    or only named.
    """
    return {
        key: array("i", sorted_in_runs(list(numbers), key=lambda n: card_key(facts[n])))
        for key, numbers in groups.items()
    }


def _person_words(fb: FactBase) -> dict[str, frozenset[str]]:
    """Find the words that name exactly one person (`khan` names three, so it is left out)."""
    names: dict[str, set[str]] = {}
    for fact in fb.facts.values():
        if fact.kind == "person" and fact.name and "unnamed" not in fact.name.casefold():
            names[fact.id] = {fact.name}
    for alias in fb.aliases.values():
        if alias.refers_to in names:
            names[alias.refers_to].update(alias.names)
    owned = {
        pid: {w for n in ns for w in fold(n).split() if len(w) >= 4 and w not in _TITLES}
        for pid, ns in names.items()
    }
    shared = Counter(w for ws in owned.values() for w in ws)
    return {pid: frozenset(w for w in ws if shared[w] == 1) for pid, ws in owned.items()}


def _matcher(fb: FactBase, display: dict[str, str]) -> MatcherTable:
    """Match every entry by id, display name and each alias that points at it."""
    names: list[tuple[str, str]] = []
    for entry_id, name in display.items():
        names += [(name, entry_id), (entry_id.replace("-", " "), entry_id)]
    for alias in fb.aliases.values():
        if alias.refers_to in display:
            names += [(n, alias.refers_to) for n in alias.names]
    if SHARED in display:
        names += [(n, SHARED) for n in SHARED_NAMES]
    return build_matcher(names, display)


def _source_matcher(fb: FactBase) -> MatcherTable:
    names: list[tuple[str, str]] = []
    for s in fb.sources.values():
        names += [(s.id.replace("-", " "), s.id), (s.title, s.id), (s.short, s.id)]
        # People cite an article by its file too: `source 004`, `004_2542c…txt`.
        names += [(s.seed, s.id), (s.seed.rsplit(".", 1)[0], s.id), (s.seed.split("_")[0], s.id)]
        if s.outlet:
            names.append((s.outlet, s.id))
        if s.author and s.author.lower() != "unnamed":
            names.append((s.author, s.id))
            names += [(part, s.id) for part in s.author.split() if len(part) > 3]
    return build_matcher(names, {s.id: s.title for s in fb.sources.values()})


@lru_cache(maxsize=65_536)  # a tag is folded once, not once per fact filed under it
def tag_term(tag_id: str) -> str:
    """Glue a tag id into one search word: `cold-war` → `coldwar`, so `war` alone never finds it."""
    return "".join(words(tag_id))


def _search_text(fact: Fact) -> str:
    """Give the words a fact is found by: its text, the articles' own words, and its tags.

    Students type the articles' words (`multi-vectored`, `felicitation`) while the text
    paraphrases them, so each word of the evidence phrases that the text lacks is added once:
    a quote finds the fact as the paraphrase does, and a word both use is not counted twice.
    A tag adds its glued id only when the text lacks it, so a fact filed under Energy that also
    says "energy" does not outrank facts matching more words; and a fact filed under Cold War
    gains `coldwar`, never a loose `war` for `timeline 1971 war`.
    """
    tags = [*fact.people, *fact.topics, *fact.parties, *((fact.speaker,) if fact.speaker else ())]
    own = " ".join(p for p in (fact.text, fact.name, fact.occasion) if p)
    present = set(words(own))
    roots = {_root(w) for w in present}
    quoted = dict.fromkeys(w for phrase in fact.evidence for w in words(phrase))
    extra = dict.fromkeys(w for w in quoted if _root(w) not in roots)
    present.update(extra)
    extra.update(dict.fromkeys(t for t in map(tag_term, tags) if t not in present))
    return " ".join((own, *extra))


def _root(word: str) -> str:
    """Give a word without its plural or tense, so `visited` in a quote adds nothing to `visit`."""
    for ending in ("ing", "ed", "es", "s", "d"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def tag_names(fb: FactBase) -> dict[str, str]:
    """Map every name of a tag to its glued term, so search counts it as a full match.

    The names are ids, display names, aliases of parties and people, and the words that name
    one person only (`kosygin`): `ussr` is Russia and `sco` is the SCO, not something near them.
    """
    names: dict[str, str] = {}
    for entry_id, name in _tag_display(fb).items():
        names[entry_id.replace("-", " ")] = tag_term(entry_id)
        names.setdefault(name, tag_term(entry_id))
    for alias in fb.aliases.values():
        if alias.refers_to in fb.parties or alias.refers_to in _people(fb):
            for name in alias.names:
                names.setdefault(name, tag_term(alias.refers_to))
    for person_id, owned in _person_words(fb).items():
        for word in owned:
            names.setdefault(word, tag_term(person_id))
    return names


def _related_words(fb: FactBase) -> dict[str, str]:
    """Map related words to glued terms, for weak expansion.

    Each theme's related words (`gas` → Energy) go to its term, and question verbs to the
    articles' wording (`join` → membership).
    """
    related = dict(SYNONYMS)
    for alias in fb.aliases.values():
        if alias.refers_to in fb.topics:
            related.update((name, tag_term(alias.refers_to)) for name in alias.names)
    return related


def _tag_display(fb: FactBase) -> dict[str, str]:
    return {
        **{t.id: t.name for t in fb.topics.values()},
        **{p.id: p.name for p in fb.parties.values()},
        **{pid: person.name or pid for pid, person in _people(fb).items()},
    }


def _people(fb: FactBase) -> dict[str, Fact]:
    return {f.id: f for f in fb.facts.values() if f.kind == "person"}

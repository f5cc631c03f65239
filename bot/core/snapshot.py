"""One immutable view of the fact base with every index a command needs, built in one go.

The engine serves from exactly one Snapshot and replaces it whole on reload, so a request never
sees half of an old base and half of a new one. Build it off the event loop: it is pure work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from bot.core.types import Item
from bot.factbase.model import Fact, FactBase
from bot.search.index import SearchIndex
from bot.search.matcher import NameMatcher
from bot.search.normalise import fold, words
from bot.search.spans import SpanIndex
from bot.search.synonyms import SYNONYMS

_KeyFn = Callable[[Fact], Iterable[str]]

SHARED = "shared"  # the interests' own pseudo-party: points both countries agree on
SHARED_NAMES = ("shared", "both", "convergence", "common", "mutual", "joint", "together")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A fact base plus its indexes; never mutated after `build_snapshot` returns it."""

    fb: FactBase
    timeline: SpanIndex
    by_party: Mapping[str, tuple[str, ...]]
    interests: Mapping[str, tuple[str, ...]]  # interest's own `party:` → ids
    by_person: Mapping[str, tuple[str, ...]]  # tagged or speaking
    person_words: Mapping[str, frozenset[str]]  # words naming one person only: `bhutto`, `ayub`
    by_topic: Mapping[str, tuple[str, ...]]
    by_source: Mapping[str, tuple[str, ...]]
    by_dispute: Mapping[str, tuple[str, ...]]
    quotes: tuple[str, ...]
    parties: NameMatcher  # states and blocs, plus `shared`
    people: NameMatcher
    topics: NameMatcher  # themes and parties: `topic afghanistan` is a party here
    sources: NameMatcher
    search: SearchIndex
    loaded_at: datetime
    # Items already rendered, by (fact id, heading): a decade's timeline at 10k facts lists ~650
    # events and rendering each anew cost ~5 µs. Derived data: filling it never changes an answer.
    rendered: dict[tuple[str, str | None], Item] = field(
        default_factory=dict, compare=False, repr=False
    )

    def fact(self, fact_id: str) -> Fact:
        """Give the fact with this id (ids come from this snapshot's own indexes)."""
        return self.fb.facts[fact_id]

    def facts(self, ids: Iterable[str]) -> list[Fact]:
        """Give the facts for ids, in the given order."""
        table = self.fb.facts
        return [table[i] for i in ids]


def build_snapshot(fb: FactBase) -> Snapshot:
    """Index a fact base for every command; pure, so it can run in a worker thread."""
    facts = list(fb.facts.values())
    return Snapshot(
        fb=fb,
        timeline=SpanIndex((f.id, f.date) for f in facts if f.date is not None),
        by_party=_group(facts, lambda f: f.parties),
        interests=_group(facts, lambda f: (f.party,) if f.kind == "interest" and f.party else ()),
        by_person=_group(facts, lambda f: (*f.people, *((f.speaker,) if f.speaker else ()))),
        person_words=_person_words(fb),
        by_topic=_group(facts, lambda f: f.topics),
        by_source=_group(facts, lambda f: f.sources),
        by_dispute=_group(facts, lambda f: (f.dispute,) if f.dispute else ()),
        quotes=tuple(f.id for f in facts if f.kind == "quote"),
        parties=_matcher(fb, {**{p.id: p.name for p in fb.parties.values()}, SHARED: "Shared"}),
        people=_matcher(fb, {f.id: f.name or f.id for f in facts if f.kind == "person"}),
        topics=_matcher(
            fb,
            {
                **{t.id: t.name for t in fb.topics.values()},
                **{p.id: p.name for p in fb.parties.values()},
            },
        ),
        sources=_source_matcher(fb),
        search=SearchIndex(
            ((f.id, _search_text(f)) for f in facts), _related_words(fb), tag_names(fb)
        ),
        loaded_at=datetime.now(UTC),
    )


def _group(facts: list[Fact], keys: _KeyFn) -> dict[str, tuple[str, ...]]:
    """Index fact ids by each key a fact carries, keeping the fact base's order."""
    groups: dict[str, list[str]] = {}
    for fact in facts:
        for key in dict.fromkeys(keys(fact)):
            groups.setdefault(key, []).append(fact.id)
    return {key: tuple(ids) for key, ids in groups.items()}


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
        pid: {w for n in ns for w in fold(n).split() if len(w) >= 4} for pid, ns in names.items()
    }
    shared = Counter(w for ws in owned.values() for w in ws)
    return {pid: frozenset(w for w in ws if shared[w] == 1) for pid, ws in owned.items()}


def _matcher(fb: FactBase, display: dict[str, str]) -> NameMatcher:
    """Match every entry by id, display name and each alias that points at it."""
    names: list[tuple[str, str]] = []
    for entry_id, name in display.items():
        names += [(name, entry_id), (entry_id.replace("-", " "), entry_id)]
    for alias in fb.aliases.values():
        if alias.refers_to in display:
            names += [(n, alias.refers_to) for n in alias.names]
    if SHARED in display:
        names += [(n, SHARED) for n in SHARED_NAMES]
    return NameMatcher(names, display)


def _source_matcher(fb: FactBase) -> NameMatcher:
    names: list[tuple[str, str]] = []
    for s in fb.sources.values():
        names += [(s.id.replace("-", " "), s.id), (s.title, s.id), (s.short, s.id)]
        if s.outlet:
            names.append((s.outlet, s.id))
        if s.author and s.author.lower() != "unnamed":
            names.append((s.author, s.id))
            names += [(part, s.id) for part in s.author.split() if len(part) > 3]
    return NameMatcher(names, {s.id: s.title for s in fb.sources.values()})


@lru_cache(maxsize=65_536)  # a tag is folded once, not once per fact filed under it
def tag_term(tag_id: str) -> str:
    """Glue a tag id into one search word: `cold-war` → `coldwar`, so `war` alone never finds it."""
    return "".join(words(tag_id))


def _search_text(fact: Fact) -> str:
    """Give the words a fact is found by: its text, plus one word per tag it is filed under.

    A tag adds its glued id only when the text lacks it, so a fact filed under Energy that also
    says "energy" does not count the word twice and outrank facts matching more words; and a
    fact filed under Cold War gains `coldwar`, never a loose `war` for `timeline 1971 war`.
    """
    tags = [*fact.people, *fact.topics, *fact.parties, *((fact.speaker,) if fact.speaker else ())]
    own = " ".join(p for p in (fact.text, fact.name, fact.occasion) if p)
    present = set(words(own))
    extra = dict.fromkeys(t for t in map(tag_term, tags) if t not in present)
    return " ".join((own, *extra))


def tag_names(fb: FactBase) -> dict[str, str]:
    """Map every name of a tag to its glued term: ids, display names, aliases of parties and
    people, and the words that name one person only (`kosygin`).

    These count as full matches: `ussr` is Russia and `sco` is the SCO, not something near them.
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
    """Map each theme's related words (`gas` → Energy) to its glued term, and question verbs to
    the articles' wording (`join` → membership), for weak expansion."""
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

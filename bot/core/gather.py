"""Pick the facts a gathering question lists: those about what was asked, not every loose match.

`which pakistani leaders visited moscow` wants the visits to Moscow by Pakistani leaders. A
ranked search also finds Kosygin's visit to Pakistan (tagged Russia, which Moscow names) and
Liaquat's trip to the United States (a visit by a leader), and a list that shows every match
shows those as if they answered. So a list keeps the facts that hold every word asked, each in
the fact's own words, the articles' words or a tag: a nationality (`pakistani`) counts through
the party a fact is filed under, while a city (`moscow`) must be named, as a visit to Moscow is
not everything about Russia. A list that names a theme outright (`which wars between india and
pakistan`) is the theme's facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from bot.factbase.model import Fact
from bot.search.index import SearchResult
from bot.search.normalise import STOPWORDS, words
from bot.search.synonyms import SYNONYMS
from bot.store.snapshot import Snapshot, tag_term

T = TypeVar("T")

# Words that tie a list's subject together without being what it is about.
LINKS = STOPWORDS | {"between", "among", "both"}
# Other names of a party that are places: a visit to Moscow is not every fact filed under Russia.
_PLACES = frozenset(
    ["moscow", "kremlin", "islamabad", "washington", "delhi", "new delhi", "beijing", "kabul"]
)
# Offices a list of people asks about (`which leaders`): met by a person's card, not any text.
_OFFICES = frozenset(["leader", "president", "premier", "prime", "minister", "head", "general"])
# Nationalities, by the party tag each names: `pakistani leaders` are leaders of Pakistan.
_NATIONS = {
    "pakistani": "pakistan",
    "russian": "russia",
    "soviet": "russia",
    "indian": "india",
    "american": "unitedstates",
    "chinese": "china",
    "afghan": "afghanistan",
}


def themed(snap: Snapshot, about: str) -> tuple[str, list[str]] | None:
    """Give the theme a list names outright, with its facts (`which wars …` → the wars)."""
    theme = snap.topics.best(" ".join(w for w in words(about) if w not in LINKS))
    if theme is None or theme.score < 100 or theme.id not in snap.fb.topics:
        return None
    return theme.name, list(snap.by_topic.get(theme.id, ()))


def about_all(snap: Snapshot, result: SearchResult, about: str) -> list[tuple[str, float]]:
    """Keep the hits whose fact holds every word of the question (person cards aside)."""
    asked = [result.corrections.get(w, w) for w in words(about) if w not in LINKS]
    needs = _needs(snap, [w for w in asked if w not in result.unknown])
    if not needs:
        return []
    kept = [(i, s) for i, s in result.hits if _holds(snap, snap.fact(i), needs)]
    events = [(i, s) for i, s in kept if snap.fact(i).kind != "person"]
    return events or kept


# A need is what one fact must hold: forms of a word in its own words, or (`pakistani leaders`)
# an office, with the nationality just before it, in the card of a person the fact is tagged with.
Need = tuple[frozenset[str] | None, frozenset[str]]
_ANY_FACT = frozenset(["*"])


def _needs(snap: Snapshot, asked: list[str]) -> list[Need]:
    """Read the words asked as needs: `pakistani leaders` is one need, met by one person."""
    needs: list[Need] = []
    for at, word in enumerate(asked):
        if _root(word) in _OFFICES:
            before = asked[at - 1] if at and asked[at - 1] in _NATIONS else None
            nation = frozenset() if before is None else _nation(snap, before)
            needs.append((nation, _forms(snap, word)))
        elif not (word in _NATIONS and at + 1 < len(asked) and _root(asked[at + 1]) in _OFFICES):
            needs.append((None, _forms(snap, word)))
    return needs


def _nation(snap: Snapshot, word: str) -> frozenset[str]:
    """Give every one-word name of the party a nationality names (`soviet`: russia, ussr …)."""
    term = _NATIONS[word]
    names = snap.search.table.names
    return frozenset([term, *(k for k, v in names.items() if term in v and " " not in k)])


def _forms(snap: Snapshot, word: str) -> frozenset[str]:
    """Give what a fact may hold to count as holding `word`: its forms, synonyms and tags."""
    forms = {_root(word)}
    for key in (word, _root(word)):
        forms.update(_root(w) for w in SYNONYMS.get(key, "").split())
    if word not in _PLACES:
        forms.update(snap.search.table.names.get(word, ()))
    return frozenset(forms)


def _holds(snap: Snapshot, fact: Fact, needs: list[Need]) -> bool:
    held = _remembered(snap, fact, "gather words", _fact_words)
    cards = [
        _remembered(snap, snap.fb.facts[p], "gather card", _card)
        for p in fact.people
        if p in snap.fb.facts
    ]
    return all(
        bool(forms & held) if nation is None else any(_office(c, nation, forms) for c in cards)
        for nation, forms in needs
    )


def _remembered(snap: Snapshot, fact: Fact, what: str, derive: Callable[[Fact], T]) -> T:
    """Derive a fact's words once per fact base: a list question reads every candidate's."""
    key = (fact.id, what)
    found: T | None = snap.memo.get(key)
    if found is None:
        found = snap.memo[key] = derive(fact)
    return found


def _card(person: Fact) -> list[str]:
    return [_root(w) for w in words(person.text)]


def _office(card: list[str], nation: frozenset[str], offices: frozenset[str]) -> bool:
    """Tell whether a card names the office, right after the nationality if one was asked.

    The card says who a person was (`Pakistani President …`); later words name the places
    they went (`… a visit to Moscow`), which say nothing of whose leader they were.
    """
    return any(
        word in offices and (not nation or (at > 0 and card[at - 1] in nation))
        for at, word in enumerate(card)
    )


def _fact_words(fact: Fact) -> frozenset[str]:
    """Give a fact's words as a list question reads them: text, evidence and tags."""
    own: Iterable[str] = (fact.text, fact.name or "", fact.occasion or "", *fact.evidence)
    held = {_root(w) for text in own for w in words(text)}
    tags = (*fact.people, *fact.topics, *fact.parties, *((fact.speaker,) if fact.speaker else ()))
    held.update(tag_term(t) for t in tags)
    return frozenset(held)


def _root(word: str) -> str:
    """Give a word without its plural or tense: `visited`, `visits` and `visit` are one."""
    for ending in ("ing", "ed", "es", "s", "d"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word

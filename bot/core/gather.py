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

from collections.abc import Iterable

from bot.factbase.model import Fact
from bot.search.index import SearchResult
from bot.search.normalise import STOPWORDS, words
from bot.search.synonyms import SYNONYMS
from bot.store.snapshot import Snapshot, tag_term

# Words that tie a list's subject together without being what it is about.
LINKS = STOPWORDS | {"between", "among", "both"}
# Other names of a party that are places: a visit to Moscow is not every fact filed under Russia.
_PLACES = frozenset(
    ["moscow", "kremlin", "islamabad", "washington", "delhi", "new delhi", "beijing", "kabul"]
)


def themed(snap: Snapshot, about: str) -> tuple[str, list[str]] | None:
    """Give the theme a list names outright, with its facts (`which wars …` → the wars)."""
    theme = snap.topics.best(" ".join(w for w in words(about) if w not in LINKS))
    if theme is None or theme.score < 100 or theme.id not in snap.fb.topics:
        return None
    return theme.name, list(snap.by_topic.get(theme.id, ()))


def about_all(snap: Snapshot, result: SearchResult, about: str) -> list[tuple[str, float]]:
    """Keep the hits whose fact holds every word of the question (person cards aside)."""
    asked = [result.corrections.get(w, w) for w in words(about) if w not in LINKS]
    wanted = [_forms(snap, w) for w in asked if w not in result.unknown]
    if not wanted:
        return []
    kept = [(i, s) for i, s in result.hits if _holds(snap.fact(i), wanted)]
    events = [(i, s) for i, s in kept if snap.fact(i).kind != "person"]
    return events or kept


def _forms(snap: Snapshot, word: str) -> frozenset[str]:
    """Give what a fact may hold to count as holding `word`: its forms, synonyms and tags."""
    forms = {_root(word)}
    for key in (word, _root(word)):
        forms.update(_root(w) for w in SYNONYMS.get(key, "").split())
    if word not in _PLACES:
        forms.update(snap.search.table.names.get(word, ()))
    return frozenset(forms)


def _holds(fact: Fact, wanted: list[frozenset[str]]) -> bool:
    held = _fact_words(fact)
    return all(forms & held for forms in wanted)


def _fact_words(fact: Fact) -> set[str]:
    """Give a fact's words as a list question reads them: text, evidence and tags."""
    own: Iterable[str] = (fact.text, fact.name or "", fact.occasion or "", *fact.evidence)
    held = {_root(w) for text in own for w in words(text)}
    tags = (*fact.people, *fact.topics, *fact.parties, *((fact.speaker,) if fact.speaker else ()))
    held.update(tag_term(t) for t in tags)
    return held


def _root(word: str) -> str:
    """Give a word without its plural or tense: `visited`, `visits` and `visit` are one."""
    for ending in ("ing", "ed", "es", "s", "d"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word

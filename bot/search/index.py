"""Free-text search over every entry: typo correction, alias expansion, BM25 over an index.

Built once per fact base. A query touches only the posting lists of its own terms, never the
entries that share none of them, so its cost follows the answer's size, not the base's.

Two kinds of phrase expansion: `names` are other names of the very thing an entry is tagged
with (`ussr` → the Russia tag, `sco` → the SCO tag), so they count as a full match of the words
they cover; `aliases` are only related words (`gas` → Energy), so they add a little and cover
nothing.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.search.normalise import STOPWORDS, stem, terms, terms_of, words
from bot.search.typos import TypoCorrector

K1, B = 1.2, 0.75  # the usual BM25 constants
EXPANSION_WEIGHT = 0.5  # `gas` also finds entries filed under Energy, but below those saying gas
COMMON_SHARE = 0.25  # a term in more than this share of entries only re-ranks, never adds hits
_MAX_ALIAS_WORDS = 4


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked hits plus what the query was read as, so the reply can say so."""

    hits: list[tuple[str, float]]
    corrections: dict[str, str] = field(default_factory=dict)  # typed word → known word
    unknown: list[str] = field(default_factory=list)  # words no entry uses, even corrected


class SearchIndex:
    """An inverted index of entry texts with precomputed BM25 weights."""

    def __init__(
        self,
        docs: Iterable[tuple[str, str]],
        aliases: Mapping[str, str],
        names: Mapping[str, str] | None = None,
    ) -> None:
        """Index (id, text) pairs; `aliases` and `names` map a phrase to the text it stands for."""
        self._ids: list[str] = []
        counts: list[Counter[str]] = []
        surface: Counter[str] = Counter()
        for doc_id, text in docs:
            self._ids.append(doc_id)
            folded = words(text)
            counts.append(Counter(terms_of(folded)))
            surface.update(set(folded) - STOPWORDS)
        self._postings = _bm25_postings(counts)
        self._aliases = _phrases(aliases)
        self._names = _phrases(names or {})
        alias_words = {w for phrase in (*self._aliases, *self._names) for w in phrase.split()}
        self._corrector = TypoCorrector({**dict.fromkeys(alias_words, 1), **surface})

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def corrector(self) -> TypoCorrector:
        """Expose the vocabulary's typo corrector, for "did you mean" on empty answers."""
        return self._corrector

    def search(self, text: str, limit: int | None = 10) -> SearchResult:
        """Rank entries for a free-text query, best first."""
        typed = [w for w in words(text) if w not in STOPWORDS][:32]
        fixed, corrections, unknown = self._correct(typed)
        query: dict[str, tuple[float, int]] = {}
        for position, word in enumerate(fixed):
            for form in (word, *self._inflections(word)):
                _add(query, stem(form), 1.0, 1 << position)
        for term, covered in _expand(fixed, self._names):
            _add(query, term, 1.0, covered)
        for term, _covered in _expand(fixed, self._aliases):
            _add(query, term, EXPANSION_WEIGHT, 0)
        scores = self._score(query, len(fixed))
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        hits = [(self._ids[i], s) for i, s in (ranked if limit is None else ranked[:limit])]
        return SearchResult(hits, corrections, unknown)

    def _correct(self, typed: list[str]) -> tuple[list[str], dict[str, str], list[str]]:
        fixed: list[str] = []
        corrections: dict[str, str] = {}
        unknown: list[str] = []
        for word in typed:
            known = self._corrector.correct(word)
            if known is None:
                unknown.append(word)
                continue
            if known != word:
                corrections[word] = known
            fixed.append(known)
        return fixed, corrections, unknown

    def _inflections(self, word: str) -> list[str]:
        """Give the other forms of a word that the entries use: `visit` → `visited`, `visiting`.

        Questions ask `when did X visit`, the articles narrate `X visited`; the same word in
        another tense is a full match. Only forms in the vocabulary count, so no guessed stem
        (`united` → `unit`) can match anything the entries do not say.
        """
        forms = [word + "ed", word + "d", word + "ing", word[:-1] + "ing", word + "s"]
        if word.endswith("ed"):
            forms += [word[:-2], word[:-1]]
        if word.endswith("ing"):
            forms += [word[:-3], word[:-3] + "e"]
        return [f for f in forms if len(f) > 3 and f != word and f in self._corrector]

    def _score(self, query: Mapping[str, tuple[float, int]], typed: int) -> dict[int, float]:
        """Sum BM25 weights, favouring entries that match more of the typed words.

        Common terms only re-rank entries a rarer term already found. The coordination factor
        keeps a short entry repeating one word from beating one that has every word asked for;
        a word counts as matched through the text or through a tag it names.
        """
        scores: dict[int, float] = {}
        covered: dict[int, int] = {}
        common = COMMON_SHARE * len(self._ids)
        for term in sorted(query, key=lambda t: len(self._postings.get(t, ()))):
            postings = self._postings.get(term, [])
            weight, mask = query[term]
            only_known = bool(scores) and len(postings) > common
            for doc, w in postings:
                if only_known and doc not in scores:
                    continue
                scores[doc] = scores.get(doc, 0.0) + weight * w
                covered[doc] = covered.get(doc, 0) | mask
        share = 1.0 / (typed or 1)
        return {
            doc: s * (0.5 + 0.5 * min(1.0, covered[doc].bit_count() * share))
            for doc, s in scores.items()
        }


def _phrases(mapping: Mapping[str, str]) -> dict[str, list[str]]:
    """Key each phrase by its words as a query is read (no stopwords), valued by its terms."""
    found: dict[str, list[str]] = {}
    for phrase, text in mapping.items():
        key = " ".join(w for w in words(phrase) if w not in STOPWORDS)
        if key:
            known = found.setdefault(key, [])
            known += [t for t in dict.fromkeys(terms(text)) if t not in known]
    return found


def _expand(fixed: list[str], phrases: Mapping[str, list[str]]) -> list[tuple[str, int]]:
    """Give the terms of every phrase found among the words, with the word positions it spans."""
    expanded: list[tuple[str, int]] = []
    for size in range(min(_MAX_ALIAS_WORDS, len(fixed)), 0, -1):
        for start in range(len(fixed) - size + 1):
            found = phrases.get(" ".join(fixed[start : start + size]), ())
            mask = ((1 << size) - 1) << start
            expanded += [(term, mask) for term in found]
    return expanded


def _add(query: dict[str, tuple[float, int]], term: str, weight: float, mask: int) -> None:
    """Merge a term into the query: the stronger weight wins, covered words add up."""
    old_weight, old_mask = query.get(term, (0.0, 0))
    query[term] = (max(old_weight, weight), old_mask | mask)


def _bm25_postings(counts: list[Counter[str]]) -> dict[str, list[tuple[int, float]]]:
    """Turn per-document term counts into postings carrying each term's BM25 weight."""
    total = len(counts)
    average = sum(sum(c.values()) for c in counts) / total if total else 1.0
    postings: dict[str, list[tuple[int, float]]] = {}
    for doc, counter in enumerate(counts):
        norm = K1 * (1 - B + B * sum(counter.values()) / (average or 1.0))
        for term, tf in counter.items():
            postings.setdefault(term, []).append((doc, tf * (K1 + 1) / (tf + norm)))
    for term, plist in postings.items():
        idf = math.log(1 + (total - len(plist) + 0.5) / (len(plist) + 0.5))
        postings[term] = [(doc, idf * w) for doc, w in plist]
    return postings

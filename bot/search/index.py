"""Free-text search over every entry: typo correction, alias expansion, BM25 over an index.

Built once per fact base. A query touches only the posting lists of its own terms, never the
entries that share none of them, so its cost follows the answer's size, not the base's.
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

    def __init__(self, docs: Iterable[tuple[str, str]], aliases: Mapping[str, str]) -> None:
        """Index (id, text) pairs; `aliases` maps an alias phrase to the text it stands for."""
        self._ids: list[str] = []
        counts: list[Counter[str]] = []
        surface: Counter[str] = Counter()
        for doc_id, text in docs:
            self._ids.append(doc_id)
            folded = words(text)
            counts.append(Counter(terms_of(folded)))
            surface.update(set(folded) - STOPWORDS)
        self._postings = _bm25_postings(counts)
        self._aliases = {" ".join(words(k)): terms(v) for k, v in aliases.items() if words(k)}
        alias_words = {w for phrase in self._aliases for w in phrase.split()}
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
        weights: dict[str, float] = {}
        for term in (stem(w) for w in fixed):
            weights[term] = 1.0
        for term in self._expand(fixed):
            weights.setdefault(term, EXPANSION_WEIGHT)
        scores = self._score(weights)
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

    def _expand(self, fixed: list[str]) -> list[str]:
        """Give the terms of every alias phrase found among the words."""
        expanded: list[str] = []
        for size in range(min(_MAX_ALIAS_WORDS, len(fixed)), 0, -1):
            for start in range(len(fixed) - size + 1):
                expanded.extend(self._aliases.get(" ".join(fixed[start : start + size]), ()))
        return expanded

    def _score(self, weights: Mapping[str, float]) -> dict[int, float]:
        """Sum BM25 weights, favouring entries that match more of the typed words.

        Common terms only re-rank entries a rarer term already found. The coordination factor
        keeps a short entry repeating one word from beating one that has every word asked for.
        """
        scores: dict[int, float] = {}
        matched: Counter[int] = Counter()
        common = COMMON_SHARE * len(self._ids)
        for term in sorted(weights, key=lambda t: len(self._postings.get(t, ()))):
            postings = self._postings.get(term, [])
            weight = weights[term]
            only_known = bool(scores) and len(postings) > common
            for doc, w in postings:
                if only_known and doc not in scores:
                    continue
                scores[doc] = scores.get(doc, 0.0) + weight * w
                if weight == 1.0:
                    matched[doc] += 1
        typed = sum(1 for w in weights.values() if w == 1.0) or 1
        return {doc: s * (0.5 + 0.5 * matched[doc] / typed) for doc, s in scores.items()}


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

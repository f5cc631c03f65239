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
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import msgspec
import msgspec.structs

from bot.search.normalise import STOPWORDS, stem, terms, terms_of, words
from bot.search.noticed import notice
from bot.search.packed import FLOAT, INT, Floats, Ints
from bot.search.scoring import Scores, coordination
from bot.search.typos import TypoCorrector, TypoTable, build_table

K1, B = 1.2, 0.75  # the usual BM25 constants
EXPANSION_WEIGHT = 0.5  # `gas` also finds entries filed under Energy, but below those saying gas
COMMON_SHARE = 0.25  # a term in more than this share of entries only re-ranks, never adds hits
_MAX_ALIAS_WORDS = 4


class SearchResult(msgspec.Struct, frozen=True):
    """Ranked hits plus what the query was read as, so the reply can say so."""

    hits: list[tuple[str, float]]
    corrections: dict[str, str] = msgspec.field(default_factory=dict)  # typed word → known word
    unknown: list[str] = msgspec.field(default_factory=list)  # words no entry uses, even corrected


class SearchTable(msgspec.Struct, frozen=True):
    """The index as plain lists and arrays: what the cache stores.

    Doc numbers are positions in the id list the index is opened with.
    """

    terms: list[str]
    offsets: Ints  # terms[t]'s postings are docs/weights[offsets[t] : offsets[t + 1]]
    docs: Ints  # ascending within each term
    weights: Floats  # BM25 weight of the term in that doc
    peaks: Floats  # each term's largest weight, to know when a term can still matter
    typos: TypoTable
    aliases: dict[str, list[str]]
    names: dict[str, list[str]]


def build_search(
    texts: Iterable[str], aliases: Mapping[str, str], names: Mapping[str, str] | None = None
) -> SearchTable:
    """Index entry texts; `aliases` and `names` map a phrase to the text it stands for."""
    counts: list[Counter[str]] = []
    surface: Counter[str] = Counter()
    for text in texts:
        folded = words(text)
        counts.append(Counter(terms_of(folded)))
        surface.update(set(folded) - STOPWORDS)
    postings = _bm25_postings(counts)
    del counts
    table = SearchTable(
        [], array(INT, [0]), array(INT), array(FLOAT), array(FLOAT), build_table({}), {}, {}
    )
    for term, plist in postings.items():
        table.terms.append(term)
        table.docs.extend(doc for doc, _ in plist)
        first = len(table.weights)
        table.weights.extend(w for _, w in plist)
        table.offsets.append(len(table.docs))
        table.peaks.append(max(table.weights[first:]))  # as stored: rounded to single precision
    phrases, named = _phrases(aliases), _phrases(names or {})
    alias_words = {w for phrase in (*phrases, *named) for w in phrase.split()}
    typos = build_table({**dict.fromkeys(alias_words, 1), **surface})
    return msgspec.structs.replace(table, typos=typos, aliases=phrases, names=named)


class SearchIndex:
    """An inverted index of entry texts with precomputed BM25 weights."""

    def __init__(self, ids: Sequence[str], table: SearchTable) -> None:
        """Open a prepared table (`build_search` or the cache) over the entries' ids."""
        self.table = table
        self._ids = ids
        self._term_numbers = {t: n for n, t in enumerate(table.terms)}
        self._aliases = table.aliases
        self._names = table.names
        self._corrector = TypoCorrector(table.typos)

    @classmethod
    def of(
        cls,
        docs: Iterable[tuple[str, str]],
        aliases: Mapping[str, str],
        names: Mapping[str, str] | None = None,
    ) -> SearchIndex:
        """Index (id, text) pairs directly (tests, small tools)."""
        pairs = list(docs)
        return cls([i for i, _ in pairs], build_search((t for _, t in pairs), aliases, names))

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
        notice(corrections, unknown)
        query: dict[str, tuple[float, int]] = {}
        for position, word in enumerate(fixed):
            for form in (word, *self._inflections(word)):
                _add(query, stem(form), 1.0, 1 << position)
        for term, covered in _expand(fixed, self._names):
            _add(query, term, 1.0, covered)
        for term, _covered in _expand(fixed, self._aliases):
            _add(query, term, EXPANSION_WEIGHT, 0)
        scored = self._score(query, len(fixed), limit)
        ids = self._ids
        return SearchResult([(ids[i], s) for i, s in scored], corrections, unknown)

    def holding(self, words: Iterable[str]) -> list[str]:
        """Give the entries whose text holds any of these words (or their plural), in order."""
        numbers: set[int] = set()
        for word in words:
            numbers.update(self._postings(stem(word))[0])
        ids = self._ids
        return [ids[n] for n in sorted(numbers)]

    def _correct(self, typed: list[str]) -> tuple[list[str], dict[str, str], list[str]]:
        fixed: list[str] = []
        corrections: dict[str, str] = {}
        unknown: list[str] = []
        for word in typed:
            known = self._corrector.correct(word)
            if known is None:
                unknown.append(word)
                continue
            if not _same_word(word, known):
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

    def _postings(self, term: str) -> tuple[Ints, Floats, float]:
        """Give a term's docs, their weights, and the largest weight (empty if unknown)."""
        number = self._term_numbers.get(term)
        if number is None:
            return array(INT), array(FLOAT), 0.0
        t = self.table
        first, last = t.offsets[number], t.offsets[number + 1]
        return t.docs[first:last], t.weights[first:last], t.peaks[number]

    def _score(
        self, query: Mapping[str, tuple[float, int]], typed: int, limit: int | None
    ) -> list[tuple[int, float]]:
        """Sum BM25 weights, favouring entries that match more of the typed words; best first.

        Common terms only re-rank entries a rarer term already found. The coordination factor
        keeps a short entry repeating one word from beating one that has every word asked for;
        a word counts as matched through the text or through a tag it names. Rarer terms go
        first; once the `limit`-th best so far cannot be overtaken by an entry holding only the
        terms left (by their largest weights), those terms only add to entries already found.
        """
        terms = [(self._postings(term), query[term]) for term in query]
        terms.sort(key=lambda tq: len(tq[0][0]))
        scores = Scores()
        common = COMMON_SHARE * len(self._ids)
        share = 1.0 / (typed or 1)
        settled = False
        for at, ((docs, weights, _peak), (weight, mask)) in enumerate(terms):
            settled = settled or _settled(scores, terms[at:], share, limit)
            if settled or (scores and len(docs) > common):
                scores.add_known(docs, weights, weight, mask)
            else:
                scores.add_all(docs, weights, weight, mask)
        return scores.best(limit, share)


def _settled(
    scores: Scores,
    rest: list[tuple[tuple[Ints, Floats, float], tuple[float, int]]],
    share: float,
    limit: int | None,
) -> bool:
    """Tell whether no entry found only by the `rest` of the terms can reach the top `limit`.

    Scores only grow as terms are added, so the `limit`-th best so far is a floor; an entry
    not found yet can gain at most each remaining term's largest weight.
    """
    if limit is None or len(scores) < limit:
        return False
    reach = sum(peak * weight for (_d, _w, peak), (weight, _m) in rest)
    masks = 0
    for _postings, (_weight, mask) in rest:
        masks |= mask
    return scores.floor(limit, share) > reach * coordination(masks, share)


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


def _same_word(typed: str, known: str) -> bool:
    """Tell a plural or tense of a word from a typo: `articles` read as `article` is no news."""
    if stem(typed) == stem(known):
        return True
    short, long = sorted((typed, known), key=len)
    return long in (short + "s", short + "es", short + "d", short + "ed", short + "ing")


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

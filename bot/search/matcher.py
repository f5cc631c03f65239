"""Match a typed name against a short list of names: the one place that calls rapidfuzz.

Short lists only (parties, people, topics, sources, aliases, command names): a few hundred names
at most, so `process.extract` over all of them is cheap. Free text over every fact goes through
`bot.search.index` instead, which never scans.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from types import ModuleType

import msgspec

from bot.search.distance import allowed_edits, edit_distance
from bot.search.normalise import fold, words
from bot.search.noticed import notice
from bot.search.packed import Ints
from bot.search.typos import TypoCorrector, TypoTable, build_table

__all__ = [
    "Match",
    "MatcherTable",
    "NameMatcher",
    "allowed_edits",
    "edit_distance",
    "group_similar",
    "name_score",
    "nearest_ids",
]

MATCH_CUTOFF = 80.0  # a confident match: `rusia`→Russia 91, `bhuto`→Bhutto 91
SUGGEST_CUTOFF = 70.0  # close enough to offer as "did you mean", not to answer with
_PREFIX_SCORE = 95.0  # `zulfi` is the start of `zulfikar`: nearly as good as the whole word
_SHORTLIST = 60  # candidates the C pre-filter hands to the word-level scorer
_RANKED = 6  # entries ranked per fuzzy pass: `who` looks at six, `best` at two
_MAX_NEAR = 400  # names reached through the word index; more is a vague query: scan them all
_MAX_NEAR_WORDS = 200
_ROUGH_CUTOFF = 45.0  # WRatio scores anything name_score accepts well above this
_TYPO_SCORE = 92.0  # one slip (`bhuto`, `rusia`): a confident match
_SIMILAR_CAP = 75.0  # below MATCH_CUTOFF, above SUGGEST_CUTOFF
_PART_FACTOR = (
    0.9  # a name found inside a longer query (`gas pipeline` → gas) ranks below a full match
)
# Words people put before names that no name in the fact base is matched by.
_HONORIFIC_TEXT = "mr mrs ms dr sir president general gen prime minister premier pm chairman the"
_HONORIFICS = frozenset(_HONORIFIC_TEXT.split())


# rapidfuzz is imported on first use, not at import: it is about a tenth of a one-shot
# `factbot ask`, and most asks (`timeline 1970s`, a question without typos) never need it.
@cache
def _fuzz() -> ModuleType:
    """Give `rapidfuzz.fuzz`, imported on first use."""
    from rapidfuzz import fuzz

    return fuzz


@cache
def _process() -> ModuleType:
    """Give `rapidfuzz.process`, imported on first use."""
    from rapidfuzz import process

    return process


@cache
def _utils() -> ModuleType:
    """Give `rapidfuzz.utils`, imported on first use."""
    from rapidfuzz import utils

    return utils


def name_score(query: str, choice: str, **_: object) -> float:
    """Score how well a typed name fits a known one, word by word (0–100).

    Each typed word is matched to its closest word of the name, so a surname alone, a first
    name with a typo or a different word order all score high; a name sharing only a common
    word (`imran khan` vs `Yahya Khan`) does not, because the other typed word finds nothing.
    """
    typed, known = query.split(), choice.split()
    if not typed or not known:
        return 0.0
    whole = float(_fuzz().ratio(query.replace(" ", ""), choice.replace(" ", "")))
    return max(whole, _coverage(typed, known), _PART_FACTOR * _coverage(known, typed))


def _coverage(typed: list[str], known: list[str]) -> float:
    """Average, weighted by length, how well each typed word matches its closest known word."""
    total = sum(len(w) * max(_word_score(w, k) for k in known) for w in typed)
    return total / sum(len(w) for w in typed)


def _word_score(typed: str, known: str) -> float:
    """Score one typed word against one known word: exact, prefix, typo, or merely similar."""
    if typed == known:
        return 100.0
    if len(typed) <= 2:
        return 0.0  # `us` must not half-match `russia`
    if known.startswith(typed):
        return _PREFIX_SCORE
    edits = edit_distance(typed, known, 2)
    if edits <= allowed_edits(typed):
        return _TYPO_SCORE - 4.0 * (edits - 1)
    # Similar but beyond a typo (`nytimes`/`times`): enough to suggest, never to answer.
    return min(float(_fuzz().ratio(typed, known)), _SIMILAR_CAP)


# Names resolved during the request being answered: the plain-words reader and the command it
# hands over to ask about the same name (`who bhuto` is read, then answered). Never shared
# between requests, so no answer is ever served from an earlier one.
_REQUEST: ContextVar[dict[tuple[int, str, float], tuple[int, list[Match]]] | None] = ContextVar(
    "factbot_names_this_request", default=None
)


@contextmanager
def one_request() -> Iterator[None]:
    """Resolve each name at most once inside the block (one request)."""
    token = _REQUEST.set({})
    try:
        yield
    finally:
        _REQUEST.reset(token)


def key_of(name: str) -> str:
    """Fold a name and drop honorifics, the form both sides are compared in."""
    kept = [w for w in words(name) if w not in _HONORIFICS]
    return " ".join(kept) or " ".join(words(name))


class Match(msgspec.Struct, frozen=True):
    """One matched entry: its id, its display name, and how sure we are (0–100)."""

    id: str
    name: str
    score: float
    exact: bool = False  # the typed text is one of the entry's names, not just close to one


class MatcherTable(msgspec.Struct, frozen=True):
    """A name matcher's data as plain lists and arrays (what the cache stores)."""

    display: dict[str, str]
    keys: list[str]  # every spelling of every entry, folded
    ids: list[str]  # the entry each key names
    words: TypoTable  # the keys' words, sorted, with their typo table
    offsets: Ints  # words.words[n] occurs in keys numbered targets[offsets[n]:offsets[n+1]]
    targets: Ints


def build_matcher(names: Iterable[tuple[str, str]], display: dict[str, str]) -> MatcherTable:
    """Fold (name, id) pairs — every spelling of every entry — and index their words."""
    keys: list[str] = []
    ids: list[str] = []
    seen: set[tuple[str, str]] = set()
    for name, entry_id in names:
        key = key_of(name)
        if key and (key, entry_id) not in seen:  # `Thir Trou` and `thir-trou` are one key
            seen.add((key, entry_id))
            keys.append(key)
            ids.append(entry_id)
    in_keys: dict[str, list[int]] = {}
    for number, key in enumerate(keys):
        for word in dict.fromkeys(key.split()):
            in_keys.setdefault(word, []).append(number)
    ordered = sorted(in_keys)
    offsets, targets = array("i", [0]), array("i")
    for word in ordered:
        targets.extend(in_keys[word])
        offsets.append(len(targets))
    table = build_table({w: len(in_keys[w]) for w in ordered})
    return MatcherTable(dict(display), keys, ids, table, offsets, targets)


class NameMatcher:
    """Resolve typed names, aliases and typos to entry ids, best first.

    A typed word finds the names holding it, a word it starts or that starts it, or one within
    its typo allowance, through a word index; only those names are scored. The full fuzzy pass
    over every name runs only when that finds nothing or too much, and for suggestions.
    """

    def __init__(self, names: Iterable[tuple[str, str]], display: dict[str, str]) -> None:
        """Take (name, id) pairs — every spelling of every entry — and each id's display name."""
        self.restore(build_matcher(names, display))

    @classmethod
    def of(cls, table: MatcherTable) -> NameMatcher:
        """Wrap a prepared table (from `build_matcher` or the cache)."""
        matcher = cls.__new__(cls)
        matcher.restore(table)
        return matcher

    def restore(self, table: MatcherTable) -> None:
        """Serve `table`; the lookups derived here are cheap next to building it."""
        self.table = table
        self._display = table.display
        self._ids = table.ids
        self._exact: dict[str, str] = {}
        for key, entry_id in zip(table.keys, table.ids, strict=True):
            self._exact.setdefault(key, entry_id)
        self._choices: dict[int, str] = dict(enumerate(table.keys))
        self._words = table.words.words
        self._word_numbers = {w: n for n, w in enumerate(self._words)}
        self._typos = TypoCorrector(table.words)

    @property
    def display(self) -> dict[str, str]:
        """Map each id to its display name."""
        return self._display

    def resolve(self, query: str, limit: int = 5, cutoff: float = MATCH_CUTOFF) -> list[Match]:
        """Give distinct entries matching `query` at `cutoff` or better, best first."""
        key = key_of(query)
        if not key:
            return []
        exact = self._exact.get(key)
        if exact is not None:  # a known name: nothing can beat it, skip the fuzzy pass
            return [Match(exact, self._display.get(exact, exact), 100.0, True)]
        if cutoff >= MATCH_CUTOFF and " " not in key and key in self._word_numbers:
            return self._holding(key, limit)
        scope, asked = _REQUEST.get(), (id(self), key, cutoff)
        earlier = scope.get(asked) if scope is not None else None
        if earlier is not None and earlier[0] >= limit:
            return earlier[1][:limit]
        depth = max(limit, _RANKED)
        ranked = self._fuzzy(key, depth, cutoff)
        if scope is not None:
            scope[asked] = (depth, ranked)
        if ranked and cutoff >= MATCH_CUTOFF:  # read as a name, not merely offered as one
            notice({key: fold(ranked[0].name)})
        return ranked[:limit]

    def _fuzzy(self, key: str, limit: int, cutoff: float) -> list[Match]:
        """Score the names that could match `key` (all of them for suggestions), best first."""
        near = self._near(key) if cutoff >= MATCH_CUTOFF else None
        choices = self._choices if not near else {i: self._choices[i] for i in near}
        if len(choices) > _SHORTLIST:
            # WRatio in C narrows the field cheaply; the word-level scorer then ranks the few left.
            rough = _process().extract(
                key,
                choices,
                scorer=_fuzz().WRatio,
                processor=_utils().default_process,
                limit=_SHORTLIST,
                score_cutoff=_ROUGH_CUTOFF,
            )
            choices = {index: choices[index] for _, _, index in rough}
        found = _process().extract(
            key,
            choices,
            scorer=name_score,
            processor=_utils().default_process,
            limit=limit * 4 + 4,
            score_cutoff=cutoff,
        )
        best: dict[str, float] = {}
        for _name, score, index in found:
            entry_id = self._ids[index]
            best[entry_id] = max(best.get(entry_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], self._display.get(kv[0], kv[0])))
        return [Match(i, self._display.get(i, i), s) for i, s in ranked[:limit]]

    def _holding(self, word: str, limit: int) -> list[Match]:
        """Give the entries with a name holding `word`, a single typed word.

        Each scores 100 (`name_score` of a word found in a name), so they rank by display name
        alone.
        """
        number, table = self._word_numbers[word], self.table
        found = table.targets[table.offsets[number] : table.offsets[number + 1]]
        ids = sorted(dict.fromkeys(self._ids[k] for k in found), key=self._display_of)
        return [Match(i, self._display_of(i), 100.0) for i in ids[:limit]]

    def _display_of(self, entry_id: str) -> str:
        return self._display.get(entry_id, entry_id)

    def _near(self, key: str) -> set[int] | None:
        """Give the names sharing a word with `key`, exactly, as a prefix or within a typo.

        A name can reach the match cutoff only through such a word (`name_score` gives any
        other pair of words 75 at most); None when there are too many to be worth it.
        """
        numbers: set[int] = set()
        for typed in key.split():
            numbers.update(self._words_like(typed))
        if len(numbers) > _MAX_NEAR_WORDS:
            return None
        table = self.table
        near: set[int] = set()
        for n in numbers:
            near.update(table.targets[table.offsets[n] : table.offsets[n + 1]])
        return near if len(near) <= _MAX_NEAR else None

    def _words_like(self, typed: str) -> list[int]:
        """Give the numbers of the known words equal to `typed`, or else near it.

        Near: starting it, started by it, or one slip off it. A word known as typed outscores
        any of those (100 against 95 at most), so it comes back alone.
        """
        exact = self._word_numbers.get(typed)
        if exact is not None:
            return [exact]
        found = [self._word_numbers.get(typed[:end], -1) for end in range(3, len(typed))]
        if len(typed) >= 3:
            first = bisect_left(self._words, typed)
            last = bisect_left(self._words, typed + "\U0010ffff", first)
            found += range(first, min(last, first + _MAX_NEAR_WORDS + 1))
        # One slip scores above two (92 against 88), so two are looked for only if none has one.
        slips = self._typos.candidates(typed, 1) if len(typed) >= 3 else []
        if not slips and allowed_edits(typed) == 2:
            slips = self._typos.candidates(typed, 2)
        found += [self._word_numbers[w] for w in slips]
        return [n for n in found if n >= 0]

    def best(self, query: str) -> Match | None:
        """Give the single confident match, or None when there is none or it is a tie."""
        found = self.resolve(query, limit=2)
        if not found:
            return None
        if len(found) == 2 and not found[0].exact and found[0].score == found[1].score:
            return None
        return found[0]

    def suggest(self, query: str, limit: int = 5) -> list[Match]:
        """Give near misses worth offering as "did you mean"."""
        return self.resolve(query, limit=limit, cutoff=SUGGEST_CUTOFF)


def nearest_ids(wrong: str, ids: Iterable[str], limit: int = 1, cutoff: float = 60.0) -> list[str]:
    """Give the existing ids closest to a mistyped one, for "did you mean" in validator errors."""
    found = _process().extract(
        wrong, list(ids), processor=_utils().default_process, limit=limit, score_cutoff=cutoff
    )
    return [match[0] for match in found]


GROUP_CUTOFF = 80.0  # `ruski`/`russki`, `tashkent pact`/`tashkent pakt`: one question, retyped


def group_similar(texts: Sequence[str], cutoff: float = GROUP_CUTOFF) -> list[list[int]]:
    """Group texts that say nearly the same thing; give each group's positions, first kept first.

    Greedy and order-preserving: a text joins the first group whose first text is close enough,
    so when `texts` come most frequent first, each group is led by its most frequent spelling.
    """
    leaders: dict[int, str] = {}
    groups: dict[int, list[int]] = {}
    for position, text in enumerate(texts):
        found = _process().extractOne(
            text,
            leaders,
            scorer=_fuzz().token_sort_ratio,
            processor=_utils().default_process,
            score_cutoff=cutoff,
        )
        if found is None:
            leaders[position] = text
            groups[position] = [position]
        else:
            groups[found[2]].append(position)
    return list(groups.values())

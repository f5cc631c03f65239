"""Correct a misspelt word against the fact base's own vocabulary (SymSpell-style).

Every vocabulary word is stored under each of its one-letter deletions. A typed word's own
deletions are looked up in that table, so candidates within one edit (insertion, deletion,
substitution, transposition) are found by lookups instead of comparing the word with the whole
vocabulary; each candidate is then verified with a real edit distance.

The table is kept flat (`TypoTable`: sorted deletion keys, each pointing at a run of word
numbers), so the cache stores it as a few arrays and loads it without rebuilding ~300k lists.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping

import msgspec

from bot.search.distance import allowed_edits, edit_distance
from bot.search.ordering import sorted_in_runs
from bot.search.packed import Ints

_PREFIX = 10  # only the first letters are indexed: typos past them still verify, index stays small


class TypoTable(msgspec.Struct, frozen=True):
    """The vocabulary and its deletion table, as plain arrays (what the cache stores)."""

    words: list[str]
    counts: Ints  # how many entries use each word
    keys: list[str]  # every deletion, sorted
    offsets: Ints  # keys[i]'s words are targets[offsets[i] : offsets[i + 1]]
    targets: Ints  # word numbers


def _deletions(word: str, depth: int) -> Iterator[str]:
    """Yield `word` and every string made by deleting up to `depth` letters from it."""
    seen = {word}
    frontier = [word]
    yield word
    for _ in range(depth):
        following: list[str] = []
        for current in frontier:
            for i in range(len(current)):
                shorter = current[:i] + current[i + 1 :]
                if shorter not in seen:
                    seen.add(shorter)
                    following.append(shorter)
                    yield shorter
        frontier = following


def build_table(frequencies: Mapping[str, int]) -> TypoTable:
    """Index every word of four letters or more under its one-letter deletions.

    Words are kept sorted, so the table is the same in every process (a vocabulary gathered
    through sets comes in hash order, which differs from one process to the next).
    """
    words = sorted_in_runs(list(frequencies), key=None)
    deletes: dict[str, list[int]] = {}
    for number, word in enumerate(words):
        if len(word) < 4 or word.isdigit():
            continue
        for shorter in _deletions(word[:_PREFIX], 1):
            deletes.setdefault(shorter, []).append(number)
    keys = sorted_in_runs(list(deletes), key=None)
    offsets, targets = array("i", [0]), array("i")
    for key in keys:
        targets.extend(deletes[key])
        offsets.append(len(targets))
    counts = array("i", [frequencies[word] for word in words])
    return TypoTable(words, counts, keys, offsets, targets)


class TypoCorrector:
    """Map unknown words to the closest known ones, preferring common words on ties."""

    def __init__(self, table: TypoTable) -> None:
        self.table = table
        self._freq = dict(zip(table.words, table.counts, strict=True))

    @classmethod
    def of(cls, frequencies: Mapping[str, int]) -> TypoCorrector:
        """Build the corrector of a vocabulary (word → how many entries use it)."""
        return cls(build_table(frequencies))

    def __contains__(self, word: str) -> bool:
        return word in self._freq

    def frequency(self, word: str) -> int:
        """Give how many entries use `word` (0 when unknown)."""
        return self._freq.get(word, 0)

    def _indexed(self, shorter: str) -> Ints:
        """Give the numbers of the words stored under one deletion."""
        keys, offsets = self.table.keys, self.table.offsets
        at = bisect_left(keys, shorter)
        if at == len(keys) or keys[at] != shorter:
            return array("i")
        return self.table.targets[offsets[at] : offsets[at + 1]]

    def candidates(self, word: str, max_edits: int) -> list[str]:
        """Give known words within `max_edits` of `word`, best first."""
        if max_edits <= 0 or word.isdigit():
            return []
        words = self.table.words
        found: dict[str, int] = {}
        for shorter in _deletions(word[:_PREFIX], max_edits):
            for number in self._indexed(shorter):
                known = words[number]
                if known not in found:
                    found[known] = edit_distance(word, known, max_edits)
        close = [(d, w) for w, d in found.items() if d <= max_edits]
        close.sort(key=lambda dw: (dw[0], dw[1][0] != word[0], -self._freq[dw[1]], dw[1]))
        return [w for _, w in close]

    def correct(self, word: str) -> str | None:
        """Give `word` if known, else its best correction, else None."""
        if word in self._freq:
            return word
        if any(ch.isdigit() for ch in word):  # `1960s` is never a slip for `1970s`
            return None
        if len(word) == 3 and word.isalpha():
            return self._lengthen(word)
        found = self.candidates(word, allowed_edits(word))
        if len(word) <= 5:  # short real words (`bold`) sit one edit from others (`cold`)
            found = [w for w in found if w[0] == word[0]]
        return found[0] if found else None

    def _lengthen(self, word: str) -> str | None:
        """Read a three-letter slip only as a dropped last letter (`mil` → `mill`, `nat` → `nato`).

        Swapping a letter of so short a word reaches too many real words (`oil`, `war`), but an
        unknown word that is the start of a known four-letter one is almost always that word.
        """
        longer = [w for w in self.candidates(word, 1) if len(w) == 4 and w.startswith(word)]
        return longer[0] if longer else None

"""Sum BM25 weights per entry in C: a query costs dict merges, not a Python step per posting.

`scores` and `covered` always gain the same keys in the same order, so their values line up
and the final scores are computed by mapping over both at once; only entries holding two or
more of the query's terms take a Python step each.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from itertools import compress
from operator import mul, neg

from bot.search.packed import Floats, Ints


def coordination(mask: int, share: float) -> float:
    """Favour entries matching more of the typed words: half the score for none, all for all."""
    return 0.5 + 0.5 * min(1.0, mask.bit_count() * share)


class Scores:
    """Each entry's summed weight, and the typed words (a bit each) it matched."""

    def __init__(self) -> None:
        self.scores: dict[int, float] = {}
        self.covered: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.scores)

    def add_all(self, docs: Ints, weights: Floats, weight: float, mask: int) -> None:
        """Add a term to every entry holding it."""
        gained = dict(
            zip(docs, weights if weight == 1.0 else map(weight.__mul__, weights), strict=True)
        )
        both = gained.keys() & self.scores.keys()
        before = {doc: self.covered[doc] for doc in both}
        for doc in both:
            gained[doc] += self.scores[doc]
        self.scores.update(gained)
        self.covered.update(dict.fromkeys(gained, mask))
        for doc, old in before.items():
            self.covered[doc] = old | mask

    def add_known(self, docs: Ints, weights: Floats, weight: float, mask: int) -> None:
        """Add a term only to the entries already found."""
        scores, covered = self.scores, self.covered
        if len(docs) < 4 * len(scores):
            gained = dict(zip(docs, weights, strict=True))
            for doc in gained.keys() & scores.keys():
                scores[doc] += weight * gained[doc]
                covered[doc] |= mask
            return
        for doc in sorted(scores):  # a long posting list: look each found entry up in it
            at = bisect_left(docs, doc)
            if at < len(docs) and docs[at] == doc:
                scores[doc] += weight * weights[at]
                covered[doc] |= mask

    def finals(self, share: float) -> list[float]:
        """Give every entry's score with the coordination factor, in key order."""
        factor = {m: coordination(m, share) for m in set(self.covered.values())}
        return list(map(mul, self.scores.values(), map(factor.__getitem__, self.covered.values())))

    def floor(self, limit: int, share: float) -> float:
        """Give the `limit`-th best final score so far (needs at least `limit` entries)."""
        return heapq.nlargest(limit, self.finals(share))[-1]

    def best(self, limit: int | None, share: float) -> list[tuple[int, float]]:
        """Give (entry, final score), best first, ties by entry number; all if no limit."""
        finals = self.finals(share)
        keys = list(self.scores)
        if limit is None:
            return [
                (doc, -negative)
                for negative, doc in sorted(zip(map(neg, finals), keys, strict=True))
            ]
        if len(finals) > limit:
            cut = heapq.nlargest(limit, finals)[-1]
            kept = list(compress(zip(keys, finals, strict=True), map(cut.__le__, finals)))
        else:
            kept = list(zip(keys, finals, strict=True))
        return sorted(kept, key=_rank)[:limit]


def _rank(scored: tuple[int, float]) -> tuple[float, int]:
    return -scored[1], scored[0]

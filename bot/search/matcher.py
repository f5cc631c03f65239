"""Match a typed name against a short list of names: the one place that calls rapidfuzz.

Short lists only (parties, people, topics, sources, aliases, command names): a few hundred names
at most, so `process.extract` over all of them is cheap. Free text over every fact goes through
`bot.search.index` instead, which never scans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA

from bot.search.normalise import fold

MATCH_CUTOFF = 80.0  # a confident match: `rusia`→Russia 91, `bhuto`→Bhutto 91
SUGGEST_CUTOFF = 55.0  # close enough to offer as "did you mean", not to answer with
_SHORT = 4  # below this many letters partial matching finds nonsense (`us` in `russia`)


@dataclass(frozen=True, slots=True)
class Match:
    """One matched entry: its id, its display name, and how sure we are (0–100)."""

    id: str
    name: str
    score: float


class NameMatcher:
    """Resolve typed names, aliases and typos to entry ids, best first."""

    def __init__(self, names: Iterable[tuple[str, str]], display: dict[str, str]) -> None:
        """Take (name, id) pairs — every spelling of every entry — and each id's display name."""
        self._display = dict(display)
        self._exact: dict[str, str] = {}
        self._ids: list[str] = []
        choices: list[str] = []
        for name, entry_id in names:
            key = fold(name)
            if not key:
                continue
            self._exact.setdefault(key, entry_id)
            self._ids.append(entry_id)
            choices.append(name)
        self._choices: dict[int, str] = dict(enumerate(choices))

    @property
    def display(self) -> dict[str, str]:
        """Map each id to its display name."""
        return self._display

    def resolve(self, query: str, limit: int = 5, cutoff: float = MATCH_CUTOFF) -> list[Match]:
        """Give distinct entries matching `query` at `cutoff` or better, best first."""
        key = fold(query)
        if not key:
            return []
        exact = self._exact.get(key)
        scorer = fuzz.WRatio if len(key) >= _SHORT else fuzz.ratio
        found = process.extract(
            key,
            self._choices,
            scorer=scorer,
            processor=utils.default_process,
            limit=limit * 4 + 4,
            score_cutoff=cutoff,
        )
        best: dict[str, float] = {exact: 101.0} if exact is not None else {}
        for _name, score, index in found:
            entry_id = self._ids[index]
            best[entry_id] = max(best.get(entry_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], self._display.get(kv[0], kv[0])))
        return [Match(i, self._display.get(i, i), min(s, 100.0)) for i, s in ranked[:limit]]

    def best(self, query: str) -> Match | None:
        """Give the single confident match, or None when there is none or it is a tie."""
        found = self.resolve(query, limit=2)
        if not found:
            return None
        if len(found) == 2 and found[0].score == found[1].score and found[0].score < 100:
            return None
        return found[0]

    def suggest(self, query: str, limit: int = 5) -> list[Match]:
        """Give near misses worth offering as "did you mean"."""
        return self.resolve(query, limit=limit, cutoff=SUGGEST_CUTOFF)


def edit_distance(a: str, b: str, cutoff: int) -> int:
    """Count edits (with transpositions) between two words; more than `cutoff` = cutoff + 1."""
    return int(OSA.distance(a, b, score_cutoff=cutoff))

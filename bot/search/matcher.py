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

from bot.search.normalise import words

MATCH_CUTOFF = 80.0  # a confident match: `rusia`→Russia 91, `bhuto`→Bhutto 91
SUGGEST_CUTOFF = 70.0  # close enough to offer as "did you mean", not to answer with
_PREFIX_SCORE = 95.0  # `zulfi` is the start of `zulfikar`: nearly as good as the whole word
_SHORTLIST = 60  # candidates the C pre-filter hands to the word-level scorer
_ROUGH_CUTOFF = 45.0  # WRatio scores anything name_score accepts well above this
_TYPO_SCORE = 92.0  # one slip (`bhuto`, `rusia`): a confident match
_SIMILAR_CAP = 75.0  # below MATCH_CUTOFF, above SUGGEST_CUTOFF
_PART_FACTOR = (
    0.9  # a name found inside a longer query (`gas pipeline` → gas) ranks below a full match
)
# Words people put before names that no name in the fact base is matched by.
_HONORIFIC_TEXT = "mr mrs ms dr sir president general gen prime minister premier pm chairman the"
_HONORIFICS = frozenset(_HONORIFIC_TEXT.split())


def name_score(query: str, choice: str, **_: object) -> float:
    """Score how well a typed name fits a known one, word by word (0–100).

    Each typed word is matched to its closest word of the name, so a surname alone, a first
    name with a typo or a different word order all score high; a name sharing only a common
    word (`imran khan` vs `Yahya Khan`) does not, because the other typed word finds nothing.
    """
    typed, known = query.split(), choice.split()
    if not typed or not known:
        return 0.0
    whole = fuzz.ratio(query.replace(" ", ""), choice.replace(" ", ""))
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
    return min(float(fuzz.ratio(typed, known)), _SIMILAR_CAP)


def allowed_edits(word: str) -> int:
    """Tolerate more typos in longer words: none up to 3 letters, 1 up to 7, then 2."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 7 else 2


def key_of(name: str) -> str:
    """Fold a name and drop honorifics, the form both sides are compared in."""
    kept = [w for w in words(name) if w not in _HONORIFICS]
    return " ".join(kept) or " ".join(words(name))


@dataclass(frozen=True, slots=True)
class Match:
    """One matched entry: its id, its display name, and how sure we are (0–100)."""

    id: str
    name: str
    score: float
    exact: bool = False  # the typed text is one of the entry's names, not just close to one


class NameMatcher:
    """Resolve typed names, aliases and typos to entry ids, best first."""

    def __init__(self, names: Iterable[tuple[str, str]], display: dict[str, str]) -> None:
        """Take (name, id) pairs — every spelling of every entry — and each id's display name."""
        self._display = dict(display)
        self._exact: dict[str, str] = {}
        self._ids: list[str] = []
        choices: list[str] = []
        for name, entry_id in names:
            key = key_of(name)
            if not key:
                continue
            self._exact.setdefault(key, entry_id)
            self._ids.append(entry_id)
            choices.append(key)
        self._choices: dict[int, str] = dict(enumerate(choices))

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
        # WRatio in C narrows the field cheaply; the word-level scorer then ranks the few left.
        rough = process.extract(
            key,
            self._choices,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=_SHORTLIST,
            score_cutoff=_ROUGH_CUTOFF,
        )
        shortlist = {index: self._choices[index] for _, _, index in rough}
        found = process.extract(
            key,
            shortlist,
            scorer=name_score,
            processor=utils.default_process,
            limit=limit * 4 + 4,
            score_cutoff=cutoff,
        )
        best: dict[str, float] = {}
        for _name, score, index in found:
            entry_id = self._ids[index]
            best[entry_id] = max(best.get(entry_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], self._display.get(kv[0], kv[0])))
        return [Match(i, self._display.get(i, i), s) for i, s in ranked[:limit]]

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
    found = process.extract(
        wrong, list(ids), processor=utils.default_process, limit=limit, score_cutoff=cutoff
    )
    return [match[0] for match in found]


def edit_distance(a: str, b: str, cutoff: int) -> int:
    """Count edits (with transpositions) between two words; more than `cutoff` = cutoff + 1."""
    return int(OSA.distance(a, b, score_cutoff=cutoff))

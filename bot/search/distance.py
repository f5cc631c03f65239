"""How far apart two words are, and how many slips a typed word may hold."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


def allowed_edits(word: str) -> int:
    """Tolerate more typos in longer words: none up to 3 letters, 1 up to 7, then 2."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 7 else 2


def edit_distance(a: str, b: str, cutoff: int) -> int:
    """Count edits (with transpositions) between two words; more than `cutoff` = cutoff + 1."""
    return int(_osa_distance()(a, b, score_cutoff=cutoff))


@cache
def _osa_distance() -> Callable[..., int]:
    """Import rapidfuzz on the first typo, not at start-up: most one-shot asks never need it."""
    from rapidfuzz.distance import OSA

    return OSA.distance

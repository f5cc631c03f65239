"""Words and names for synthetic fact bases: a Zipf-distributed vocabulary that looks like text.

Real prose has a few very common words and a long tail of rare ones; search cost and typo recall
both depend on that shape, so a uniform vocabulary would flatter every approach.
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect_right
from collections.abc import Sequence

# The head of any English text: these make up a large share of the tokens, as in real articles.
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "was",
    "were",
    "from",
    "is",
    "at",
    "its",
    "their",
    "which",
    "this",
    "between",
    "relations",
    "two",
    "countries",
    "both",
    "also",
    "after",
    "had",
    "has",
    "have",
    "been",
    "over",
    "into",
    "than",
    "more",
    "said",
    "during",
    "while",
    "when",
    "would",
    "could",
    "under",
    "against",
    "first",
    "new",
    "since",
    "year",
    "later",
]

# Domain words so that synthetic facts read like the real ones and share their frequent terms.
DOMAIN_WORDS = [
    "pakistan",
    "russia",
    "soviet",
    "moscow",
    "islamabad",
    "visit",
    "treaty",
    "trade",
    "energy",
    "defence",
    "military",
    "pipeline",
    "agreement",
    "minister",
    "president",
    "prime",
    "talks",
    "cooperation",
    "exercise",
    "security",
    "region",
    "afghanistan",
    "india",
    "china",
    "kashmir",
    "nuclear",
    "steel",
    "mill",
    "gas",
    "economic",
    "strategic",
    "alliance",
    "war",
    "cold",
    "terrorism",
    "investment",
    "corridor",
    "delegation",
    "summit",
    "sanctions",
    "arms",
    "bilateral",
    "policy",
]

_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "dr",
    "gr",
    "kr",
    "pl",
    "st",
    "tr",
    "sh",
    "ch",
    "th",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "t", "k"]


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def pseudo_words(count: int, rng: random.Random, min_len: int = 4) -> list[str]:
    """Make `count` distinct pronounceable lowercase words, none of them an English word above."""
    taken = set(FUNCTION_WORDS) | set(DOMAIN_WORDS)
    words: list[str] = []
    while len(words) < count:
        word = "".join(_syllable(rng) for _ in range(rng.choice((1, 2, 2, 2, 3))))
        if len(word) >= min_len and word not in taken:
            taken.add(word)
            words.append(word)
    return words


class Zipf:
    """Draw items with probability ∝ 1 / rank**s, the law word frequencies follow."""

    def __init__(self, items: Sequence[str], s: float, rng: random.Random) -> None:
        self.items = items
        self.rng = rng
        self.cum = list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, len(items) + 1)))
        self.total = self.cum[-1]
        self.rank = {item: i for i, item in enumerate(items)}

    def draw(self, k: int) -> list[str]:
        """Draw k items (with replacement)."""
        rand, cum, total, items = self.rng.random, self.cum, self.total, self.items
        return [items[bisect_right(cum, rand() * total)] for _ in range(k)]


def vocabulary(facts: int, rng: random.Random) -> list[str]:
    """Return the word list in rank order; it grows with the base like real text (Heaps' law)."""
    size = int(min(120_000, max(3_000, 3_000 * (facts / 1_000) ** 0.5)))
    tail = pseudo_words(size - len(FUNCTION_WORDS) - len(DOMAIN_WORDS), rng)
    return [*FUNCTION_WORDS, *DOMAIN_WORDS, *tail]


def person_names(count: int, rng: random.Random) -> list[str]:
    """Make `count` distinct two- or three-part names (first, optional middle, last)."""
    firsts = [w.capitalize() for w in pseudo_words(400, rng)]
    lasts = [w.capitalize() for w in pseudo_words(max(400, count // 50), rng)]
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        parts = [rng.choice(firsts), rng.choice(lasts)]
        if len(seen) > count // 2 and rng.random() < 0.5:
            parts.insert(1, rng.choice(firsts))
        name = " ".join(parts)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def slug(text: str) -> str:
    """Turn words into an id slug (lowercase letters and digits joined by hyphens)."""
    cleaned = "".join(c if c.isalnum() else " " for c in text.lower())
    return "-".join(cleaned.split())


def one_typo(word: str, rng: random.Random) -> str:
    """Apply one random edit (delete, substitute, transpose or insert) inside the word."""
    i = rng.randrange(1, len(word) - 1)  # keep the first letter, as people mostly do
    letters = "abcdefghijklmnopqrstuvwxyz"
    op = rng.choice(("delete", "substitute", "transpose", "insert"))
    if op == "delete":
        return word[:i] + word[i + 1 :]
    if op == "substitute":
        return word[:i] + rng.choice(letters.replace(word[i], "")) + word[i + 1 :]
    if op == "transpose" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(letters) + word[i:]

"""Query sets with ground truth for a generated base: what users type, and what should come back.

A search query is the rarest one or two words of a target fact (as a user remembers them); its
relevant set is every fact whose text holds all of those words, since no ranker can tell those
apart. The typo set is the same queries with one edit in the rarest word, never producing a word
the base already contains, so a hit proves the typo was corrected rather than matched.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from random import Random
from typing import Any

from benchmarks.synthetic import Base
from benchmarks.vocab import one_typo

_WORD = re.compile(r"[a-z0-9]+")
SEARCH_QUERIES = 200
PERIODS = [
    "1950s",
    "1960s",
    "1970s",
    "1980s",
    "1990s",
    "2000s",
    "2010s",
    "70s",
    "1965",
    "1971",
    "1999",
    "2016",
    "1965-1972",
    "1948 to 1959",
    "before 1960",
    "since 2020",
    "cold war",
    "post-9/11",
]
PARTIES = ["russia", "pakistan", "shared", "both", "moscow", "ussr", "islamabad", "rusia"]


def words_of(text: str) -> list[str]:
    """Tokenise as the ground truth sees words: lowercase letters and digits."""
    return _WORD.findall(text.lower())


def _texts(base: Base) -> dict[str, str]:
    """Map every searchable fact id to its text."""
    texts: dict[str, str] = {}
    for section in ("people", "events", "interests", "claims", "quotes"):
        for entry in base.sections[section]:
            values = dict(entry.fields)
            texts[str(values["id"])] = str(values["text"])
    return texts


def _postings(texts: Mapping[str, str], wanted: set[str]) -> dict[str, set[str]]:
    """Collect, for the wanted words only, the facts that contain them (one pass)."""
    postings: dict[str, set[str]] = defaultdict(set)
    for fact_id, text in texts.items():
        for word in set(words_of(text)) & wanted:
            postings[word].add(fact_id)
    return postings


def search_queries(
    texts: Mapping[str, str], rng: Random, count: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Build matching exact and one-typo query lists with their relevant fact ids."""
    targets = rng.sample(sorted(texts), min(count, len(texts)))
    wanted = {w for t in targets for w in words_of(texts[t])}
    postings = _postings(texts, wanted)
    vocabulary = {w for text in texts.values() for w in words_of(text)}
    exact: list[dict[str, Any]] = []
    typo: list[dict[str, Any]] = []
    for i, target in enumerate(targets):
        ranked = sorted(set(words_of(texts[target])), key=lambda w: (len(postings[w]), w))
        chosen = [w for w in ranked if len(w) >= 5 and not w.isdigit()][: 1 + i % 2]
        if not chosen:
            continue
        relevant = sorted(set.intersection(*(postings[w] for w in chosen)))
        misspelt = _typo(chosen[0], vocabulary, rng)
        if misspelt is None:
            continue
        exact.append({"q": " ".join(chosen), "relevant": relevant})
        typo.append({"q": " ".join([misspelt, *chosen[1:]]), "relevant": relevant})
    return exact, typo


def _typo(word: str, vocabulary: set[str], rng: Random) -> str | None:
    """Misspell a word so that the result is not itself a word of the base."""
    for _ in range(20):
        candidate = one_typo(word, rng)
        if candidate not in vocabulary:
            return candidate
    return None


def people_queries(people: Iterable[tuple[str, str]], rng: Random) -> list[dict[str, str]]:
    """Ask for people by full name, by surname, and by a misspelt surname."""
    picked = rng.sample(sorted(people), min(60, len(list(people))))
    queries: list[dict[str, str]] = []
    for n, (person_id, name) in enumerate(picked):
        surname = name.split()[-1]
        form = (name, surname, one_typo(surname, rng) if len(surname) >= 5 else surname)[n % 3]
        queries.append({"q": form, "id": person_id})
    return queries


def write_queries(base: Base, path: Path, rng: Random) -> None:
    """Write queries.json: search (exact, typo), periods, parties and people."""
    texts = _texts(base)
    exact, typo = search_queries(texts, rng, SEARCH_QUERIES)
    people = [
        (str(dict(e.fields)["id"]), str(dict(e.fields)["name"])) for e in base.sections["people"]
    ]
    data = {
        "exact": exact,
        "typo": typo,
        "periods": PERIODS,
        "parties": PARTIES,
        "people": people_queries(people, rng),
    }
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def load_queries(path: Path) -> dict[str, Sequence[Any]]:
    """Read a queries.json written by write_queries."""
    data: dict[str, Sequence[Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data

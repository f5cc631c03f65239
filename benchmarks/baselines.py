"""What typical bots do on every query: scan every entry with difflib or rapidfuzz.

Both are given their best fair chance: choices are prepared once at start-up, not per query.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from rapidfuzz import fuzz, process, utils

from bot.factbase.model import Fact


def title_of(fact: Fact) -> str:
    """Give the headline a naive bot would match against: a person's name, else the id's words."""
    return fact.name or fact.id.replace("-", " ")


class DifflibTitles:
    """`difflib.get_close_matches` over entry titles, the standard-library way."""

    name = "difflib titles"

    def __init__(self, facts: Mapping[str, Fact]) -> None:
        self.by_title: dict[str, str] = {}
        for fact in facts.values():
            self.by_title.setdefault(title_of(fact).lower(), fact.id)
        self.titles = list(self.by_title)

    def search(self, query: str) -> list[str]:
        """Return up to ten fact ids, best first."""
        found = difflib.get_close_matches(query.lower(), self.titles, n=10, cutoff=0.6)
        return [self.by_title[t] for t in found]


class RapidfuzzScan:
    """rapidfuzz `WRatio` over every entry's text, processed once up front."""

    name = "rapidfuzz WRatio scan"

    def __init__(self, facts: Mapping[str, Fact]) -> None:
        self.ids = list(facts)
        self.texts = [utils.default_process(f.text) for f in facts.values()]

    def search(self, query: str) -> list[str]:
        """Return up to ten fact ids, best first."""
        found = process.extract(
            utils.default_process(query), self.texts, scorer=fuzz.WRatio, limit=10
        )
        return [self.ids[index] for _, _, index in found]

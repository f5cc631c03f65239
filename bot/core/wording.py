"""How replies count things — `1 event`, `3 events`, `15 people` — spelt one way everywhere."""

from __future__ import annotations

from collections.abc import Mapping

from bot.factbase.model import SECTION_KINDS

_PLURALS = {kind: section for section, kind in SECTION_KINDS.items()}


def plural(count: int, noun: str) -> str:
    """Write `1 event`, `3 events`; kinds of entry take their section's name (`15 people`)."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {_PLURALS.get(noun, noun + 's')}"


def counts_line(counts: Mapping[str, int]) -> str:
    """Say what a fact base holds (`5 sources, 155 claims, 15 people`), leaving out empty kinds."""
    return ", ".join(plural(n, kind) for kind, n in counts.items() if n)

"""What commands answering from free-text search share: a relevance floor and a reading note."""

from __future__ import annotations

from bot.search.index import SearchResult

RELEVANCE_FLOOR = 0.3  # hits scoring under 30% of the best are noise from one common word


def relevant(hits: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Keep the hits worth showing: those within reach of the best one."""
    if not hits:
        return []
    floor = hits[0][1] * RELEVANCE_FLOOR
    return [(i, s) for i, s in hits if s >= floor]


def search_note(result: SearchResult) -> str:
    """Say how the query was read: corrected spellings and words no entry uses."""
    notes: list[str] = []
    if result.corrections:
        fixed = ", ".join(f"“{typed}” as “{known}”" for typed, known in result.corrections.items())
        notes.append(f"Read {fixed}.")
    if result.unknown:
        missing = ", ".join(f"“{w}”" for w in result.unknown[:5])
        notes.append(f"No entry mentions {missing}.")
    return " ".join(notes)

"""Refusals an edit can meet before anything is planned, each naming what the admin can do."""

from __future__ import annotations

from bot.errors import BadArguments
from bot.factbase.edit.recheck import entries
from bot.factbase.model import FactBase
from bot.search.matcher import nearest_ids


def has_another(fb: FactBase, section: str, entry_id: str) -> bool:
    """Tell whether the section holds an entry besides this one (a section may not be empty)."""
    return any(s == section and i != entry_id for s, i, _ in entries(fb))


def refuse_if_referenced(fb: FactBase, entry_id: str) -> None:
    """Name every entry that still points at `entry_id`, so the admin can fix them first."""
    users = sorted(
        fact.id
        for fact in fb.facts.values()
        if entry_id in (*fact.sources, *fact.people, *fact.topics, *fact.parties)
        or entry_id in (fact.speaker, fact.dispute)
    )
    users += sorted(a.id for a in fb.aliases.values() if a.refers_to == entry_id)
    if users:
        shown = ", ".join(f"`{u}`" for u in users[:8]) + (" …" if len(users) > 8 else "")
        raise BadArguments(
            f"`{entry_id}` is still used by {len(users)} entr{'y' if len(users) == 1 else 'ies'}: "
            f"{shown}. Remove those references first."
        )


def near_ids(wrong: str, ids: list[str]) -> list[str]:
    """Offer `fact show` for up to three ids close to a mistyped one."""
    return [f"fact show {found}" for found in nearest_ids(wrong, ids, limit=3, cutoff=70)]

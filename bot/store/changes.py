"""What a reload would change, per kind of entry, and whether it is too much to take unasked.

Deleting `quotes.yaml` used to be accepted in silence: the bot answered with no quotations and
logged "reloaded". So every reload is compared with the base it replaces — entries added,
removed and changed per kind, files gone — and that is logged and shown to the admin. A reload
that drops a whole file, or more than `HOLD_SHARE` of all entries, is held until an admin says
`reload confirm`; the last good base keeps serving meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec
import msgspec.structs

from bot.factbase.model import FactBase, Location

HOLD_SHARE = 0.2  # a reload removing more than this share of entries waits for `reload confirm`
_TABLES = ("sources", "facts", "topics", "parties", "disputes", "aliases")
_NOWHERE = Location("", 0)
_KIND_OF_TABLE = {  # the names `FactBase.counts` uses
    "sources": "source",
    "topics": "topic",
    "parties": "party",
    "disputes": "dispute",
    "aliases": "alias",
}


class KindChange(msgspec.Struct, frozen=True):
    """How many entries of one kind a reload adds, removes and changes."""

    added: int = 0
    removed: int = 0
    changed: int = 0

    def __str__(self) -> str:
        parts = [f"+{self.added}" if self.added else "", f"−{self.removed}" if self.removed else ""]
        parts.append(f"~{self.changed}" if self.changed else "")
        return " ".join(p for p in parts if p)


class Changes(msgspec.Struct, frozen=True):
    """Everything a reload changes: per kind, and the knowledge files that are gone."""

    kinds: Mapping[str, KindChange] = msgspec.field(default_factory=dict)
    files_gone: tuple[str, ...] = ()
    before: int = 0  # entries in the base being replaced

    @property
    def removed(self) -> int:
        """Count entries removed, of every kind."""
        return sum(k.removed for k in self.kinds.values())

    def risky(self, share: float = HOLD_SHARE) -> str:
        """Say why this reload should wait for an admin's confirmation, or give ""."""
        if self.files_gone:
            return (
                f"{', '.join(self.files_gone)} {'is' if len(self.files_gone) == 1 else 'are'} gone"
            )
        if self.before and self.removed > share * self.before:
            return f"it removes {self.removed} of {self.before} entries (over {share:.0%})"
        return ""

    def summary(self) -> str:
        """Say it in one line: `event +2 −1 ~3; quotation −12; files gone: quotes.yaml`."""
        parts = [f"{kind} {change}" for kind, change in self.kinds.items()]
        if self.files_gone:
            parts.append(f"files gone: {', '.join(self.files_gone)}")
        return "; ".join(parts) or "no entries changed"


def compare(
    old: FactBase, new: FactBase, old_files: Mapping[str, Any], new_files: Mapping[str, Any]
) -> Changes:
    """Compare two bases entry by entry (where an entry sits in its file does not count)."""
    counts: dict[str, list[int]] = {}
    before = 0
    for table in _TABLES:
        was, now = getattr(old, table), getattr(new, table)
        before += len(was)
        for entry_id, record in was.items():
            tally = counts.setdefault(_kind(table, record), [0, 0, 0])
            other = now.get(entry_id)
            if other is None:
                tally[1] += 1
            elif other != record and _placeless(other) != _placeless(record):
                tally[2] += 1
        for entry_id, record in now.items():
            if entry_id not in was:
                counts.setdefault(_kind(table, record), [0, 0, 0])[0] += 1
    kinds = {k: KindChange(*n) for k, n in counts.items() if any(n)}
    gone = tuple(sorted(set(old_files) - set(new_files)))
    return Changes(kinds, gone, before)


def _kind(table: str, record: Any) -> str:
    return str(record.kind) if table == "facts" else _KIND_OF_TABLE[table]


def _placeless(record: Any) -> Any:
    return msgspec.structs.replace(record, where=_NOWHERE)

"""Where each entry of a file starts right now, kept exact across edits at list speed.

The FactBase records each entry's line as loaded; after a chat edit that adds or drops lines,
the entries below it move. Rebuilding 10,000 frozen records to fix their `where` costs ~70 ms,
so the writer tracks current positions here instead (one list of ints per file) and the
records' own `where` stays as loaded until the next full load (nothing outside the writer
reads it, and the edited entry's own location is always exact).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.factbase.edit.lines import Patch


@dataclass(frozen=True)
class FileIndex:
    """Entry ids of one file in file order, with their current 0-based first lines."""

    starts: tuple[int, ...]
    ids: tuple[str, ...]
    _position: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, spots: Iterable[tuple[int, str]]) -> FileIndex:
        """Build from (0-based line, id) pairs in any order."""
        ordered = sorted(spots)
        return cls(tuple(s for s, _ in ordered), tuple(i for _, i in ordered))

    def start_of(self, entry_id: str) -> int | None:
        """Give the entry's current first line, or None if this file does not hold it."""
        index = self._index(entry_id)
        return None if index is None else self.starts[index]

    def moved(self, patch: Patch, removed: str | None, added: tuple[int, str] | None) -> FileIndex:
        """Give the index after `patch`: entries below it shift, `removed` goes, `added` comes."""
        if removed is not None and added == (self.start_of(removed), removed) and not patch.delta:
            return self  # an edit that kept the line count moves nothing
        starts, ids = list(self.starts), list(self.ids)
        if removed is not None and (index := self._index(removed)) is not None:
            del starts[index], ids[index]
        cut = bisect_left(starts, patch.at + len(patch.old))
        if patch.delta:
            starts[cut:] = [start + patch.delta for start in starts[cut:]]
        if added is not None:
            at = bisect_left(starts, added[0])
            starts.insert(at, added[0])
            ids.insert(at, added[1])
        return FileIndex(tuple(starts), tuple(ids))

    def _index(self, entry_id: str) -> int | None:
        if not self._position:
            self._position.update((i, n) for n, i in enumerate(self.ids))
        return self._position.get(entry_id)

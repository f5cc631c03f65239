"""The one door to the fact base: open it, serve its snapshot, reload it, edit it, publish.

Everything above this package sees a `Store`: `store.snapshot` is what to answer from, and the
few verbs here change it. How that is done quickly at a million entries (caches, a child
process, a paused collector, freeing old snapshots in slices) stays behind this boundary, and
only a large base takes that path (`LARGE_BYTES`): the real fact base, a few hundred entries,
is read, indexed and swapped by plain code.

Edits and reloads finish in any order on different threads; each carries the writer's version
number, and only a newer version is swapped in, so a slow reload can never hide a later edit.
`snapshot` is replaced by one attribute assignment, so a request that already read it finishes
on the base it started with.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from bot.errors import Problem, UserError
from bot.factbase.edit.atomic import remove_stale_temps
from bot.factbase.load.files import Signature, knowledge_files, signatures
from bot.factbase.load.provenance import default_seeds_dir
from bot.factbase.model import FactBase
from bot.store import paths
from bot.store.changes import HOLD_SHARE, Changes, compare
from bot.store.indexcache import load_snapshot
from bot.store.large.child import (
    Children,
    ReloadCancelled,
    ReloadTooBig,
    check_and_index_in_child,
    remove_stale_reload_folders,
)
from bot.store.large.limits import Limits
from bot.store.large.memory import paused_gc, quick_handover, release_freed_memory
from bot.store.snapshot import Snapshot, SnapshotTable, build_snapshot, open_snapshot

# The edit machinery (YAML, jsonschema, file locks: ~0.1 s of imports) loads on the first edit,
# reload or check, not at start-up: `factbot ask` never needs it.
if TYPE_CHECKING:
    from bot.factbase.edit.audit import AuditRecord, Editor
    from bot.factbase.edit.writer import EditResult, KnowledgeState, KnowledgeWriter

_log = logging.getLogger("factbot.store")

# Knowledge files this big (some 10,000 entries) take the large path: parsed and indexed in a
# child process on reload, the collector paused while building, old snapshots freed in slices.
LARGE_BYTES = 4_000_000


class ReloadResult(msgspec.Struct, frozen=True):
    """What a reload did: swapped in a new base, kept the old one, or found nothing new."""

    swapped: bool
    problems: tuple[Problem, ...] = ()
    counts: dict[str, int] = msgspec.field(default_factory=dict)
    note: str = ""
    failed: bool = False  # stopped by a limit: worth telling the admins
    changes: Changes | None = None  # what it changed, or would change if confirmed
    held: str = ""  # why it waits for `reload confirm` (a file gone, too many entries removed)


class Store:
    """Serves one knowledge folder's snapshot (or an in-memory base) and changes it safely."""

    def __init__(
        self,
        snapshot: Snapshot,
        folder: Path | None = None,
        *,
        seeds: Path | None = None,
        cache: Path | None = None,
        state: Path | None = None,
        large: bool = False,
        loaded: Mapping[str, Signature] | None = None,
    ) -> None:
        """Serve `snapshot`; with a `folder`, reload and edit it (`Store.open` fills the rest).

        `one_shot` (set by `factbot ask`): the process answers one command and exits, so an
        edit is not indexed and served afterwards. `on_wait` is told when an edit has to queue
        behind other processes' edits.
        """
        self.snapshot = snapshot
        self.limits = Limits()
        self.hold_share = HOLD_SHARE
        self._held: tuple[KnowledgeState, SnapshotTable | None] | None = None
        self._children = Children()
        self._closed = False
        self.one_shot = False
        self.on_wait: Callable[[], object] | None = None
        self.folder = folder
        self.seeds = seeds if seeds is not None or folder is None else default_seeds_dir(folder)
        self.large = large
        self._cache = cache if cache is not None or folder is None else paths.cache_dir(folder)
        self._state = state if state is not None or folder is None else paths.state_dir(folder)
        self._loaded = dict(loaded or {})  # the files `snapshot` was read from, at open
        self._writer: KnowledgeWriter | None = None
        self._published = -1
        self._lock = threading.Lock()

    @classmethod
    def open(
        cls,
        folder: Path,
        seeds: Path | None = None,
        *,
        cache_root: Path | None = None,
        state_root: Path | None = None,
        large: bool | None = None,
    ) -> Store:
        """Load, validate and index a folder; raises KnowledgeError if it is invalid.

        `large` forces the large path on or off; by default the files' size decides.
        """
        cache, state = paths.cache_dir(folder, cache_root), paths.state_dir(folder, state_root)
        for leftovers in (folder, cache):  # what writes killed mid-way left behind
            remove_stale_temps(leftovers)
        remove_stale_reload_folders(cache)  # and reloads of a bot that was killed
        large = _is_large(folder) if large is None else large
        before = signatures(folder)  # taken first, so a file changed mid-load reads as changed
        if not large:
            snapshot = load_snapshot(folder, seeds, cache)
        else:
            with paused_gc():  # millions of long-lived objects: collecting midway is pure waste
                snapshot = load_snapshot(folder, seeds, cache)
            gc.freeze()  # and keep them out of every later collection (no pauses while serving)
            release_freed_memory(len(snapshot.fb.facts))
        return cls(
            snapshot, folder, seeds=seeds, cache=cache, state=state, large=large, loaded=before
        )

    @classmethod
    def of(cls, fb: FactBase) -> Store:
        """Serve a base already in memory; it has no folder, so it cannot be edited or reloaded."""
        return cls(build_snapshot(fb))

    # ---- the writer ------------------------------------------------------------------------

    @property
    def writer(self) -> KnowledgeWriter:
        """Give the folder's writer, made on first use from the base loaded at start-up."""
        if self.folder is None or self._state is None:
            raise UserError(
                "This bot was started without a knowledge folder, so it cannot edit it."
            )
        from bot.factbase.edit.writer import KnowledgeWriter

        with self._lock:
            if self._writer is None:
                self._writer = KnowledgeWriter(
                    self.folder, self.seeds, self._state, on_wait=self._waiting
                )
                if self._loaded:  # the start-up load: 5 s at 10k entries, not twice
                    self._writer.start_from(self.snapshot.fb, self._loaded)
            return self._writer

    def _waiting(self) -> None:
        if self.on_wait is not None:
            self.on_wait()

    def show(self, entry_id: str) -> tuple[str, int, str]:
        """Give (file, 1-based line, text as stored) for an entry."""
        return self.writer.show(entry_id)

    def history(self) -> list[AuditRecord]:
        """Give every recorded chat edit, oldest first."""
        return self.writer.audit.records()

    def check(self) -> tuple[FactBase, list[Problem]]:
        """Check the files on disk exactly as `factbot check` does, whatever is served."""
        from bot.factbase.load.loader import check

        writer = self.writer
        return check(writer.folder, writer.seeds)

    def unverified_sources(self) -> list[str]:
        """Name the sources whose article is not at hand: their evidence cannot be checked."""
        if self.seeds is None:
            return []
        from bot.factbase.load.provenance import missing_articles

        return [s.id for s in missing_articles(self.snapshot.fb.sources, self.seeds)]

    def articles_notice(self, fb: FactBase) -> list[str]:
        """Say which of `fb`'s sources could not be verified, as `factbot check` does."""
        if self.seeds is None:
            return []
        from bot.factbase.load.provenance import articles_notice

        return articles_notice(fb.sources, self.seeds)

    def list_keys(self) -> frozenset[str]:
        """Ask the schema which keys hold lists, so `people=a,b` splits and `text=a,b` does not."""
        from bot.factbase.load.schema import schema_path, validator_for

        schema: Any = validator_for(schema_path(self.writer.folder)).schema
        keys = set()
        for definition in schema.get("$defs", {}).values():
            for key, prop in definition.get("properties", {}).items():
                if prop.get("type") == "array" or prop.get("$ref") == "#/$defs/ids":
                    keys.add(key)
        return frozenset(keys)

    # ---- edits -----------------------------------------------------------------------------

    def add(self, section: str, values: Mapping[str, Any], who: Editor, command: str) -> EditResult:
        """Append a new entry to `section` and serve the result."""
        return self._published_edit(lambda w: w.add(section, values, who, command))

    def edit(
        self, entry_id: str, changes: Mapping[str, Any | None], who: Editor, command: str
    ) -> EditResult:
        """Change some keys of an entry (`None` removes one) and serve the result."""
        return self._published_edit(lambda w: w.edit(entry_id, changes, who, command))

    def remove(self, entry_id: str, who: Editor, command: str) -> EditResult:
        """Delete an entry nothing refers to and serve the result."""
        return self._published_edit(lambda w: w.remove(entry_id, who, command))

    def undo(self, who: Editor, command: str) -> EditResult:
        """Reverse this person's latest edit not undone yet and serve the result."""
        return self._published_edit(lambda w: w.undo(who, command))

    def _published_edit(self, edit: Callable[[KnowledgeWriter], EditResult]) -> EditResult:
        result = edit(self.writer)
        if not self.one_shot:  # nobody asks a one-shot process anything after its edit
            self.publish(result.factbase, result.version)
        return result

    # ---- reloads ---------------------------------------------------------------------------

    def reload(self, only_if_changed: bool = False) -> ReloadResult:
        """Load the folder again and serve it if valid; blocking, so call it off the event loop."""
        writer = self.writer
        if self._closed:
            return ReloadResult(False, note="the bot is shutting down")
        if only_if_changed and writer.known_signatures() == signatures(writer.folder):
            return ReloadResult(False, note="no change since the last load or edit")
        self._children.reset()
        if self.large:
            # The collector stays off from decoding to the swap: with it on, the first collection
            # after decoding walks ~1.5M young objects in one go, holding the GIL (a 1.3 s
            # event-loop stall at 100k entries); and the event loop gets the GIL back quickly.
            with paused_gc(), quick_handover():
                return self._reload_large(writer)
        from bot.factbase.edit.writer import load_state

        state, problems = load_state(writer.folder, writer.seeds)
        return self._adopt(writer, state, problems, None)

    def _reload_large(self, writer: KnowledgeWriter) -> ReloadResult:
        """Parse and index in a child process, away from this process's GIL.

        libyaml and the index build would otherwise hold it for seconds (see
        `bot.store.large.child`).
        """
        from bot.factbase.edit.writer import load_state

        tables: list[SnapshotTable] = []
        cache = self._cache
        assert cache is not None  # a store with a folder always has a cache directory

        def checker(folder: Path, seeds: Path | None) -> tuple[FactBase, list[Problem]]:
            fb, problems, table = check_and_index_in_child(
                folder, seeds, cache, self.limits, self._children
            )
            tables.extend([table] if table is not None else [])
            return fb, problems

        try:
            state, problems = load_state(writer.folder, writer.seeds, checker=checker)
        except ReloadCancelled:
            _log.info("reload of %s cancelled (newer files, or shutting down)", writer.folder)
            return ReloadResult(
                False, note="cancelled: newer files arrived, or the bot is stopping"
            )
        except ReloadTooBig as exc:
            _log.error(
                "reload of %s stopped: %s; still serving the last good base", writer.folder, exc
            )
            return ReloadResult(False, note=f"stopped: {exc}", failed=True)
        return self._adopt(writer, state, problems, tables[0] if tables else None)

    def cancel_reload(self) -> None:
        """Stop a reload in progress at once (its child is killed): newer files are coming."""
        self._children.cancel()

    def close(self) -> None:
        """Stop any reload and refuse new ones: the bot is shutting down."""
        self._closed = True
        self._children.cancel()

    def _adopt(
        self,
        writer: KnowledgeWriter,
        state: KnowledgeState,
        problems: list[Problem],
        table: SnapshotTable | None,
    ) -> ReloadResult:
        if problems:
            for problem in problems:
                _log.warning("reload refused: %s", problem)
            return ReloadResult(False, tuple(problems), note="kept serving the last good fact base")
        changes = compare(
            self.snapshot.fb, state.factbase, writer.known_signatures(), state.signatures
        )
        why = changes.risky(self.hold_share)
        if why:
            self._held = (state, table)
            _log.warning("reload held until `reload confirm`: %s (%s)", why, changes.summary())
            return ReloadResult(False, changes=changes, held=why, note="held")
        return self._serve(writer, state, table, changes)

    def confirm_reload(self) -> ReloadResult:
        """Serve the reload that was held, if the files are still exactly what it read."""
        held, self._held = self._held, None
        if held is None:
            return ReloadResult(False, note="there is no held reload to confirm")
        state, table = held
        writer = self.writer
        changes = compare(
            self.snapshot.fb, state.factbase, writer.known_signatures(), state.signatures
        )
        return self._serve(writer, state, table, changes)

    def _serve(
        self,
        writer: KnowledgeWriter,
        state: KnowledgeState,
        table: SnapshotTable | None,
        changes: Changes,
    ) -> ReloadResult:
        version = writer.adopt(state)
        if version is None:
            return ReloadResult(False, note="the files changed since they were read; reload again")
        self._held = None
        self.publish(state.factbase, version, table)
        _log.info("reloaded %s: %s", writer.folder, changes.summary())
        return ReloadResult(True, counts=state.factbase.counts(), changes=changes)

    # ---- publishing ------------------------------------------------------------------------

    def publish(self, fb: FactBase, version: int, table: SnapshotTable | None = None) -> bool:
        """Index `fb` and serve it, unless a newer version was already served; tell if it was."""
        if not self.large:
            return self._swap(_snapshot_of(fb, table), version) is not None
        # Beside a live event loop nothing here may hold the GIL for long: the collector stays
        # off while the new indexes are built (one full collection over two bases takes ~0.2 s
        # at 100k entries), the live base is then frozen out of future collections, and the old
        # snapshot is taken apart in slices rather than freed in one ~0.2 s cascade.
        from bot.store.large.retire import retire

        with paused_gc(), quick_handover():
            old = self._swap(_snapshot_of(fb, table), version)
            if old is None:
                return False
            gc.freeze()
        retire(old)
        return True

    def _swap(self, snapshot: Snapshot, version: int) -> list[Snapshot] | None:
        """Serve `snapshot` if `version` is the newest; give the old one, alone in a list."""
        with self._lock:
            if version <= self._published:
                return None
            old = [self.snapshot]
            self.snapshot = snapshot
            self._published = version
            return old


def _snapshot_of(fb: FactBase, table: SnapshotTable | None) -> Snapshot:
    """Index `fb`, or open it through the indexes a reload's child process built."""
    return build_snapshot(fb) if table is None else open_snapshot(fb, table)


def _is_large(folder: Path) -> bool:
    """Tell by the files' size, before reading them, whether the folder needs the large path."""
    total = 0
    for path in knowledge_files(folder):
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total >= LARGE_BYTES

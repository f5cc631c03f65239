"""Safe edits to the knowledge files: validated first, written atomically, serialised, audited.

Why line patches and not ruamel.yaml: a ruamel round trip re-emits the whole file (12.7 s for
one edit in a 10,000-entry file, and it re-wraps long lines unless told not to); patching the
entry's own lines costs milliseconds and leaves every other byte alone by construction.

One edit, start to finish: refresh the known state if any file changed on disk → plan the
patch → re-check the would-be fact base exactly as `factbot check` does (`recheck.py`) — all of
that outside the cross-process file lock, so fifty admins' processes prepare their edits side by
side — then, under the lock: if no file moved meanwhile, append the audit record as an intent →
write beside the file, fsync, `os.replace`, fsync the folder → confirm the record (see
`audit.py` for why it comes first) → hand back the new FactBase. If another process wrote in
between, the state is refreshed and the edit re-planned and re-checked under the lock, which by
then is a warm re-read of a few hundred entries. The lock is waited for as long as it takes;
`on_wait` is told once when the wait is more than a moment, so the admin hears why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, suppress
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import msgspec.structs

from bot.errors import BadArguments, BrokenOnDisk, KnowledgeError, NotFound, Problem, UserError
from bot.factbase.edit import plan as edits
from bot.factbase.edit.atomic import remove_stale_temps, write_atomic
from bot.factbase.edit.audit import AUDIT_NAME, Action, AuditLog, AuditRecord, Editor, new_record
from bot.factbase.edit.guards import has_another, near_ids, refuse_if_referenced
from bot.factbase.edit.lineindex import FileIndex
from bot.factbase.edit.lines import Entry, EntryMoved, Patch, apply, read_entry, split_lines
from bot.factbase.edit.lock import EditLock
from bot.factbase.edit.recheck import entries, find, recheck
from bot.factbase.edit.slugs import new_id
from bot.factbase.edit.undo import plan_undo
from bot.factbase.load.files import Signature, signatures
from bot.factbase.load.loader import check
from bot.factbase.load.provenance import default_seeds_dir
from bot.factbase.model import FactBase

_log = logging.getLogger("factbot.writer")
T = TypeVar("T")


class KnowledgeState(msgspec.Struct, frozen=True):
    """A valid fact base and the exact files it was read from."""

    factbase: FactBase
    signatures: Mapping[str, Signature]
    index: Mapping[str, FileIndex]  # file → where its entries start now
    lines: dict[str, list[str]] = msgspec.field(default_factory=dict)  # cache, filled on first edit

    @classmethod
    def of(cls, fb: FactBase, sigs: Mapping[str, Signature]) -> KnowledgeState:
        """Index a freshly loaded base, whose recorded lines are exact."""
        spots: dict[str, list[tuple[int, str]]] = {}
        for _, entry_id, record in entries(fb):
            spots.setdefault(record.where.file, []).append((record.where.line - 1, entry_id))
        return cls(fb, sigs, {file: FileIndex.of(s) for file, s in spots.items()})


Checker = Callable[[Path, Path | None], tuple[FactBase, list[Problem]]]


def load_state(
    folder: Path, seeds: Path | None = None, checker: Checker = check
) -> tuple[KnowledgeState, list[Problem]]:
    """Load and check a folder; fingerprints are taken first, so a racing change is re-read.

    `checker` is `loader.check` or a drop-in such as `background.check_in_child`, which a reload
    beside a live event loop uses so that parsing never holds this process's GIL.
    """
    before = signatures(folder)
    fb, problems = checker(folder, seeds)
    return KnowledgeState.of(fb, before), problems


class Change(msgspec.Struct, frozen=True):
    """One planned change to one file, as `_commit` checks and writes it.

    `entry_start` is where the entry stands after the patch (None when it is gone);
    `removed` names the entry the patch takes out or replaces (None for an add).
    """

    file: str
    section: str
    patch: Patch
    action: Action
    entry_id: str
    entry_start: int | None = None
    removed: str | None = None
    undoes: str | None = None


class Prepared(msgspec.Struct, frozen=True):
    """An edit planned and re-checked against `state`, ready to write if the files still match."""

    state: KnowledgeState
    change: Change
    factbase: FactBase
    new_lines: list[str]
    entry_text: str
    entry_line: int | None
    gone: bool


class EditResult(msgspec.Struct, frozen=True):
    """What an edit did: the new fact base to serve, its audit record, and the entry's text."""

    factbase: FactBase
    record: AuditRecord
    version: int  # grows with every commit or adopted reload; newer wins when publishing
    entry_text: str = ""  # the entry as now stored, or as it stood if the edit removed it
    entry_gone: bool = False
    waited_s: float = 0.0  # how long other edits held the lock first


class KnowledgeWriter:
    """The one way the bot changes knowledge files; safe to share between threads and tasks."""

    def __init__(
        self,
        folder: Path,
        seeds: Path | None,
        state: Path,
        on_wait: Callable[[], object] | None = None,
    ) -> None:
        """Edit `folder`, checking evidence against `seeds`.

        The audit log and the lock live in `state`, outside the folder (the admins' git checkout).
        `on_wait` is called once per edit that has to queue behind other processes' edits.
        """
        self.folder = folder
        self.seeds = seeds if seeds is not None else default_seeds_dir(folder)
        self.audit = AuditLog(state / AUDIT_NAME, folder)
        self._lock = EditLock(folder, state, on_wait)
        self._thread_lock = self._lock.thread
        self._state: KnowledgeState | None = None
        self._version = 0

    def locked(self) -> AbstractContextManager[None]:
        """Hold the edit lock: threads of this process, then other processes (`lock.py`)."""
        return self._lock.held()

    def adopt(self, state: KnowledgeState) -> int | None:
        """Take a state the reloader loaded, unless the files changed since; give its version."""
        with self.locked():
            if state.signatures != signatures(self.folder):
                return None
            self._state = state
            self._version += 1
            return self._version

    def start_from(self, fb: FactBase, sigs: Mapping[str, Signature]) -> None:
        """Take a valid fact base already loaded from these files (the engine's, at start-up).

        Nothing is trusted blindly: every edit compares the fingerprints with the disk first
        and re-reads the folder if anything changed since.
        """
        with self._thread_lock:
            if self._state is None:
                self._state = KnowledgeState.of(fb, sigs)

    def known_signatures(self) -> Mapping[str, Signature]:
        """Give the fingerprints of the files as last loaded or written (empty before a load)."""
        state = self._state
        return {} if state is None else state.signatures

    def state(self) -> KnowledgeState:
        """Give the current valid state, re-reading the folder if anything changed on disk."""
        with self.locked():
            return self._fresh(force=False)

    def _fresh(self, force: bool) -> KnowledgeState:
        current = self._state
        if not force and current is not None and current.signatures == signatures(self.folder):
            return current
        state, problems = load_state(self.folder, self.seeds)
        if problems:
            raise BrokenOnDisk(problems)
        self._state = state
        return state

    def _read(self, operation: Callable[[KnowledgeState], T]) -> T:
        """Read the current state without the file lock (files are only ever renamed in)."""
        with self._thread_lock:
            return self._attempt(operation)

    def _attempt(self, operation: Callable[[KnowledgeState], T]) -> T:
        """Run on the fresh state; if the files moved under us, reload once and retry."""
        try:
            return operation(self._fresh(force=False))
        except EntryMoved:
            return operation(self._fresh(force=True))

    def _run(
        self, operation: Callable[[KnowledgeState], Prepared], actor: Editor, command: str
    ) -> EditResult:
        """Prepare and check outside the file lock; under it, write if no file moved meanwhile.

        Otherwise another process wrote first: prepare again on its files (the re-read is warm
        by now), under the lock this time so nothing can move again.
        """
        with self._thread_lock:
            prepared: Prepared | None = None
            # Files mid-change by other processes, or a re-check that failed on them: judge again
            # under the lock, where nothing moves.
            with suppress(EntryMoved, KnowledgeError):
                prepared = self._attempt(operation)
            with self.locked():
                if prepared is None or prepared.state.signatures != signatures(self.folder):
                    prepared = self._attempt(operation)
                return self._write_prepared(prepared, actor, command)

    # ---- what an entry looks like on disk ------------------------------------------------

    def show(self, entry_id: str) -> tuple[str, int, str]:
        """Give (file, 1-based line, text as stored) for an entry."""

        def operation(state: KnowledgeState) -> tuple[str, int, str]:
            file, entry = self._entry(state, entry_id)
            return file, entry.start + 1, entry.text(self._lines(state, file))

        return self._read(operation)

    def _entry(self, state: KnowledgeState, entry_id: str) -> tuple[str, Entry]:
        found = find(state.factbase, entry_id)
        if found is None:
            taken = [i for _, i, _ in entries(state.factbase)]
            raise NotFound(f"There is no entry `{entry_id}`.", near_ids(entry_id, taken))
        file = found[1].where.file
        start = state.index[file].start_of(entry_id)
        lines = self._lines(state, file)
        if start is None:
            raise EntryMoved(f"{file} no longer indexes `{entry_id}`")
        return file, read_entry(lines, start, len(lines), entry_id)

    def _lines(self, state: KnowledgeState, file: str) -> list[str]:
        cached = state.lines.get(file)
        if cached is None:
            path = Path(file)
            cached = split_lines(path.read_bytes().decode("utf-8"))
            if signatures(self.folder).get(path.name) != state.signatures.get(path.name):
                raise EntryMoved(f"{file} changed while it was read")
            state.lines[file] = cached
        return cached

    # ---- the four edits -------------------------------------------------------------------

    def add(
        self, section: str, values: Mapping[str, Any], actor: Editor, command: str
    ) -> EditResult:
        """Append a new entry at the end of its section."""

        def operation(state: KnowledgeState) -> Prepared:
            fb = state.factbase
            fields = dict(values)
            if not fields.get("id"):
                taken = {i for _, i, _ in entries(fb)}
                fields = {"id": new_id(section, fields, taken), **fields}
            last = _last_of_section(state, section)
            file, anchor = self._entry(state, last)
            lines = self._lines(state, file)
            patch, start = edits.plan_add(lines, anchor, fields)
            change = Change(file, section, patch, "add", fields["id"], entry_start=start)
            return self._prepare(state, change)

        return self._run(operation, actor, command)

    def edit(
        self, entry_id: str, changes: Mapping[str, Any | None], actor: Editor, command: str
    ) -> EditResult:
        """Change some keys of an entry; `None` removes a key."""

        def operation(state: KnowledgeState) -> Prepared:
            if "id" in changes and changes["id"] != entry_id:
                raise BadArguments("Ids stay fixed; add a new entry and remove this one instead.")
            file, entry = self._entry(state, entry_id)
            section = _section(state.factbase, entry_id)
            patch = edits.plan_edit(self._lines(state, file), entry, changes)
            change = Change(
                file, section, patch, "edit", entry_id, entry_start=entry.start, removed=entry_id
            )
            return self._prepare(state, change)

        return self._run(operation, actor, command)

    def remove(self, entry_id: str, actor: Editor, command: str) -> EditResult:
        """Delete an entry nothing else refers to."""

        def operation(state: KnowledgeState) -> Prepared:
            file, entry = self._entry(state, entry_id)
            refuse_if_referenced(state.factbase, entry_id)
            section = _section(state.factbase, entry_id)
            if not has_another(state.factbase, section, entry_id):
                raise BadArguments(
                    f"`{entry_id}` is the last entry of `{section}:`; keep at least one."
                )
            patch = edits.plan_remove(self._lines(state, file), entry)
            change = Change(file, section, patch, "remove", entry_id, removed=entry_id)
            return self._prepare(state, change)

        return self._run(operation, actor, command)

    def undo(self, actor: Editor, command: str) -> EditResult:
        """Reverse this actor's latest edit that is not undone yet, byte for byte."""

        def operation(state: KnowledgeState) -> Prepared:
            records = self.audit.records()
            plan = plan_undo(records, actor, self.folder, lambda f: self._lines(state, f))
            rec = plan.record
            removed = None if rec.action == "remove" else rec.entry_id
            change = Change(
                plan.file,
                rec.section,
                plan.patch,
                "undo",
                rec.entry_id,
                entry_start=plan.entry_start,
                removed=removed,
                undoes=rec.id,
            )
            return self._prepare(state, change)

        return self._run(operation, actor, command)

    # ---- validate, write, record ------------------------------------------------------------

    def _prepare(self, state: KnowledgeState, change: Change) -> Prepared:
        """Re-check the base the change would make; raise KnowledgeError if it would break."""
        file, entry_start, removed = change.file, change.entry_start, change.removed
        new_lines = apply(self._lines(state, file), change.patch)
        entry_text, gone = "", entry_start is None and removed is not None
        line = entry_start
        if entry_start is not None:
            entry = read_entry(new_lines, entry_start, len(new_lines), change.entry_id)
            entry_text = entry.text(new_lines)
        elif removed is not None:  # a removal, or the undo of an add: where the entry stood
            old = self._entry(state, removed)[1]
            entry_text, line = old.text(self._lines(state, file)), old.start
        added = None if entry_start is None else (entry_start, entry_text)
        fb, problems = recheck(state.factbase, file, change.section, added, removed, self.seeds)
        if problems:
            raise KnowledgeError(problems)
        return Prepared(state, change, fb, new_lines, entry_text, line, gone)

    def _write_prepared(self, prepared: Prepared, actor: Editor, command: str) -> EditResult:
        """Write a prepared edit with its audit record and make it the known state."""
        state, change = prepared.state, prepared.change
        file, patch, entry_id = change.file, change.patch, change.entry_id
        path = Path(file)
        record = new_record(
            actor,
            command,
            change.action,
            entry_id,
            path.name,
            patch,
            entry_line=(prepared.entry_line or 0) + 1,
            section=change.section,
            undoes=change.undoes,
        )
        self._write_logged(path, "".join(prepared.new_lines).encode("utf-8"), record)
        sigs = dict(state.signatures)
        sigs.update({k: v for k, v in signatures(self.folder).items() if k == path.name})
        start = change.entry_start
        new_entry = None if start is None else (start, entry_id)
        index = {**state.index, file: state.index[file].moved(patch, change.removed, new_entry)}
        lines = {**state.lines, file: prepared.new_lines}
        fb = prepared.factbase
        self._state = msgspec.structs.replace(
            state, factbase=fb, signatures=sigs, index=index, lines=lines
        )
        self._version += 1
        return EditResult(
            fb, record, self._version, prepared.entry_text, prepared.gone, self._lock.waited_s
        )

    def _write_logged(self, path: Path, data: bytes, record: AuditRecord) -> None:
        """Log the edit as an intent, replace the file, then confirm it (see `audit.py`)."""
        try:
            self.audit.settle()  # a crash may have left the previous edit open
            remove_stale_temps(path.parent)  # and its half-written temporary file
            self.audit.append(record)
            write_atomic(path, data)
        except OSError as exc:
            _log.exception("could not write %s", path)
            with suppress(OSError):
                self.audit.settle()  # the file is unchanged, so this voids the intent
            raise UserError(
                f"Could not save {path.name} ({exc.strerror or exc}); nothing was changed."
            ) from exc
        try:
            self.audit.confirm(record)
        except OSError:  # the edit is saved; readers find it on disk, the next edit settles it
            _log.exception("saved %s, but could not confirm edit %s", path.name, record.id)


def _section(fb: FactBase, entry_id: str) -> str:
    found = find(fb, entry_id)
    if found is None:
        raise NotFound(f"There is no entry `{entry_id}`.")
    return found[0]


def _last_of_section(state: KnowledgeState, section: str) -> str:
    """Pick the entry a new one goes after: the last of its section in the file holding most."""
    per_file: dict[str, int] = {}
    for s, _, record in entries(state.factbase):
        if s == section:
            per_file[record.where.file] = per_file.get(record.where.file, 0) + 1
    if not per_file:
        raise BadArguments(f"There is no `{section}:` list yet; add its first entry by hand.")
    home = max(per_file, key=lambda f: per_file[f])
    for entry_id in reversed(state.index[home].ids):
        found = find(state.factbase, entry_id)
        if found is not None and found[0] == section:
            return entry_id
    raise EntryMoved(f"no `{section}` entry indexed in {home}")

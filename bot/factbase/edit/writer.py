"""Safe edits to the knowledge files: validated first, written atomically, serialised, audited.

Why line patches and not ruamel.yaml: a ruamel round trip re-emits the whole file (12.7 s for
one edit in a 10,000-entry file, and it re-wraps long lines unless told not to); patching the
entry's own lines costs milliseconds and leaves every other byte alone by construction.

One edit, start to finish, under a thread lock plus a cross-process file lock:
refresh the known state if any file changed on disk → plan the patch → re-check the would-be
fact base exactly as `factbot check` does (`recheck.py`) → append the audit record as an
intent → write beside the file, fsync, `os.replace`, fsync the folder → confirm the record
(see `audit.py` for why it comes first) → hand back the new FactBase.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout

from bot.errors import BadArguments, BrokenOnDisk, KnowledgeError, NotFound, Problem, UserError
from bot.factbase.edit import plan as edits
from bot.factbase.edit.atomic import write_atomic
from bot.factbase.edit.audit import AUDIT_NAME, Action, AuditLog, AuditRecord, Editor, new_record
from bot.factbase.edit.guards import has_another, near_ids, refuse_if_referenced
from bot.factbase.edit.lineindex import FileIndex
from bot.factbase.edit.lines import Entry, EntryMoved, Patch, apply, read_entry, split_lines
from bot.factbase.edit.recheck import entries, find, recheck
from bot.factbase.edit.slugs import new_id
from bot.factbase.edit.undo import plan_undo
from bot.factbase.load.files import Signature, signatures
from bot.factbase.load.loader import check
from bot.factbase.load.provenance import default_seeds_dir
from bot.factbase.model import FactBase

_log = logging.getLogger("factbot.writer")
LOCK_NAME = "edit.lock"
LOCK_TIMEOUT_S = 30.0
T = TypeVar("T")


@dataclass(frozen=True)
class KnowledgeState:
    """A valid fact base and the exact files it was read from."""

    factbase: FactBase
    signatures: Mapping[str, Signature]
    index: Mapping[str, FileIndex]  # file → where its entries start now
    lines: dict[str, list[str]] = field(default_factory=dict)  # cache, filled on first edit

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


@dataclass(frozen=True, slots=True)
class Change:
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


@dataclass(frozen=True)
class EditResult:
    """What an edit did: the new fact base to serve, its audit record, and the entry's text."""

    factbase: FactBase
    record: AuditRecord
    version: int  # grows with every commit or adopted reload; newer wins when publishing
    entry_text: str = ""  # the entry as now stored, or as it stood if the edit removed it
    entry_gone: bool = False


class KnowledgeWriter:
    """The one way the bot changes knowledge files; safe to share between threads and tasks."""

    def __init__(self, folder: Path, seeds: Path | None, state: Path) -> None:
        """Edit `folder`, checking evidence against `seeds`.

        The audit log and the lock live in `state`, outside the folder (the admins' git checkout).
        """
        self.folder = folder
        self.seeds = seeds if seeds is not None else default_seeds_dir(folder)
        self.audit = AuditLog(state / AUDIT_NAME, folder)
        self._thread_lock = threading.RLock()
        self._state_dir = state
        # Poll often: filelock is not fair, and a busy writer elsewhere re-takes it at once.
        self._file_lock = FileLock(
            str(state / LOCK_NAME), timeout=LOCK_TIMEOUT_S, poll_interval=0.005
        )
        self._state: KnowledgeState | None = None
        self._version = 0

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold both locks: threads of this process, then other processes."""
        with self._thread_lock:
            try:
                self._state_dir.mkdir(parents=True, exist_ok=True)
                self._file_lock.acquire()
            except Timeout as exc:
                raise UserError("Another edit is still running; try again in a moment.") from exc
            except OSError as exc:  # e.g. a read-only folder
                raise UserError(f"Cannot edit {self.folder} ({exc.strerror or exc}).") from exc
            try:
                yield
            finally:
                self._file_lock.release()

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

    def _run(self, operation: Callable[[KnowledgeState], T]) -> T:
        """Run under the locks; if the files moved under us, reload once and retry."""
        with self.locked():
            try:
                return operation(self._fresh(force=False))
            except EntryMoved:
                return operation(self._fresh(force=True))

    # ---- what an entry looks like on disk ------------------------------------------------

    def show(self, entry_id: str) -> tuple[str, int, str]:
        """Give (file, 1-based line, text as stored) for an entry."""

        def operation(state: KnowledgeState) -> tuple[str, int, str]:
            file, entry = self._entry(state, entry_id)
            return file, entry.start + 1, entry.text(self._lines(state, file))

        return self._run(operation)

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

        def operation(state: KnowledgeState) -> EditResult:
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
            return self._commit(state, change, actor, command)

        return self._run(operation)

    def edit(
        self, entry_id: str, changes: Mapping[str, Any | None], actor: Editor, command: str
    ) -> EditResult:
        """Change some keys of an entry; `None` removes a key."""

        def operation(state: KnowledgeState) -> EditResult:
            if "id" in changes and changes["id"] != entry_id:
                raise BadArguments("Ids stay fixed; add a new entry and remove this one instead.")
            file, entry = self._entry(state, entry_id)
            section = _section(state.factbase, entry_id)
            patch = edits.plan_edit(self._lines(state, file), entry, changes)
            change = Change(
                file, section, patch, "edit", entry_id, entry_start=entry.start, removed=entry_id
            )
            return self._commit(state, change, actor, command)

        return self._run(operation)

    def remove(self, entry_id: str, actor: Editor, command: str) -> EditResult:
        """Delete an entry nothing else refers to."""

        def operation(state: KnowledgeState) -> EditResult:
            file, entry = self._entry(state, entry_id)
            refuse_if_referenced(state.factbase, entry_id)
            section = _section(state.factbase, entry_id)
            if not has_another(state.factbase, section, entry_id):
                raise BadArguments(
                    f"`{entry_id}` is the last entry of `{section}:`; keep at least one."
                )
            patch = edits.plan_remove(self._lines(state, file), entry)
            change = Change(file, section, patch, "remove", entry_id, removed=entry_id)
            return self._commit(state, change, actor, command)

        return self._run(operation)

    def undo(self, actor: Editor, command: str) -> EditResult:
        """Reverse this actor's latest edit that is not undone yet, byte for byte."""

        def operation(state: KnowledgeState) -> EditResult:
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
            return self._commit(state, change, actor, command)

        return self._run(operation)

    # ---- validate, write, record ------------------------------------------------------------

    def _commit(
        self, state: KnowledgeState, change: Change, actor: Editor, command: str
    ) -> EditResult:
        """Re-check the base the change would make, then write it with its audit record."""
        file, section, patch, entry_id = change.file, change.section, change.patch, change.entry_id
        entry_start, removed = change.entry_start, change.removed
        new_lines = apply(self._lines(state, file), patch)
        entry_text, gone = "", entry_start is None and removed is not None
        line = entry_start
        if entry_start is not None:
            entry = read_entry(new_lines, entry_start, len(new_lines), entry_id)
            entry_text = entry.text(new_lines)
        elif removed is not None:  # a removal, or the undo of an add: where the entry stood
            old = self._entry(state, removed)[1]
            entry_text, line = old.text(self._lines(state, file)), old.start
        added = None if entry_start is None else (entry_start, entry_text)
        fb, problems = recheck(state.factbase, file, section, added, removed, self.seeds)
        if problems:
            raise KnowledgeError(problems)
        path = Path(file)
        record = new_record(
            actor,
            command,
            change.action,
            entry_id,
            path.name,
            patch,
            entry_line=(line or 0) + 1,
            section=section,
            undoes=change.undoes,
        )
        self._write_logged(path, "".join(new_lines).encode("utf-8"), record)
        sigs = dict(state.signatures)
        sigs.update({k: v for k, v in signatures(self.folder).items() if k == path.name})
        new_entry = None if entry_start is None else (entry_start, entry_id)
        index = {**state.index, file: state.index[file].moved(patch, removed, new_entry)}
        lines = {**state.lines, file: new_lines}
        self._state = replace(state, factbase=fb, signatures=sigs, index=index, lines=lines)
        self._version += 1
        return EditResult(fb, record, self._version, entry_text, gone)

    def _write_logged(self, path: Path, data: bytes, record: AuditRecord) -> None:
        """Log the edit as an intent, replace the file, then confirm it (see `audit.py`)."""
        try:
            self.audit.settle()  # a crash may have left the previous edit open
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

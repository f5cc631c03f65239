"""The append-only record of every chat edit: who, when, which command, and the exact lines.

One JSON object a line in `audit.jsonl`, in the knowledge folder's state directory (never inside
the folder: see `bot.store.paths`). Each record keeps the patch itself — the lines before and
after, with one line of context — so `fact undo` can put the file back byte for byte and
`fact history` can show it.

Crash consistency, write-ahead style: the record is appended (fsynced) *before* the file is
replaced, as an intent, and a `{"done": id}` line follows once the file is in place. A crash in
between leaves an intent with no marker; whether its edit landed is then read off the file
itself (are its `after` lines where the record says?). The next edit, under the writer's lock,
settles it for good with `done` or `void`; until then readers resolve it the same way. So an
edit on disk always has its history entry, and a history entry always has its edit.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Literal, Protocol, cast

import msgspec
import msgspec.structs

from bot.factbase.edit.lines import Patch, split_lines

_log = logging.getLogger("factbot.audit")
AUDIT_NAME = "audit.jsonl"
Action = Literal["add", "edit", "remove", "undo"]
Marker = Literal["done", "void"]
MARKERS = ("done", "void")
TAIL_CHUNK = 64 * 1024


class Editor(Protocol):
    """Who makes an edit, as far as the record cares; the core's `Actor` is one.

    A protocol rather than the core's type, so the fact base never imports the layer above it.
    """

    @property
    def id(self) -> str:
        """A platform's stable id for the person."""
        ...

    @property
    def name(self) -> str:
        """The name shown in `fact history`."""
        ...

    @property
    def platform(self) -> str:
        """Where they typed the edit: ids are only unique per platform."""
        ...


class AuditRecord(msgspec.Struct, frozen=True):
    """One edit as it happened; `undoes` names the record an undo reversed."""

    id: str
    at: str  # ISO 8601, UTC
    actor_id: str
    actor_name: str
    platform: str
    command: str
    action: Action
    entry_id: str
    file: str  # the file's name inside the knowledge folder
    line: int  # 1-based line where the patch starts
    before: str
    after: str
    entry_line: int = 0  # 1-based first line of the entry itself (before for removals)
    section: str = ""
    undoes: str | None = None
    intent: bool = False  # logged before the file changed: a `done` or `void` line settles it

    @property
    def patch(self) -> Patch:
        """Rebuild the exact change this record describes."""
        return Patch(self.line - 1, tuple(split_lines(self.before)), tuple(split_lines(self.after)))

    def by(self, actor: Editor) -> bool:
        """Tell whether this actor made the edit (ids are per platform)."""
        return self.actor_id == actor.id and self.platform == actor.platform


def new_record(
    actor: Editor,
    command: str,
    action: Action,
    entry_id: str,
    file: str,
    patch: Patch,
    **extra: int | str | None,
) -> AuditRecord:
    """Stamp a record with a fresh id and the current time."""
    return AuditRecord(
        id=uuid.uuid4().hex[:12],
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        actor_id=actor.id,
        actor_name=actor.name,
        platform=actor.platform,
        command=command,
        action=action,
        entry_id=entry_id,
        file=file,
        line=patch.at + 1,
        before="".join(patch.old),
        after="".join(patch.new),
        intent=True,
        **extra,  # type: ignore[arg-type]
    )


class AuditLog:
    """Append and read the log; every line is fsynced so an acknowledged edit is never forgotten."""

    def __init__(self, path: Path, folder: Path) -> None:
        """Keep the log at `path`; the files its records name are in the knowledge `folder`."""
        self.path = path
        self.folder = folder

    def append(self, record: AuditRecord) -> None:
        """Log an edit about to be made (call `settle` first, under the writer's lock)."""
        self._write(msgspec.structs.asdict(record))

    def confirm(self, record: AuditRecord) -> None:
        """Mark an intent as done: its file is in place."""
        self._write({"done": record.id})

    def settle(self) -> None:
        """Mark the last intent done or void by what the file holds, if a crash left it open.

        Edits are serialised, so only the newest record can be open; reading the log's tail
        keeps this cheap however long the log grows.
        """
        text = _tail(self.path)
        tail = list(_parse(text.splitlines()[-2:]))
        if not tail or not isinstance(tail[-1], AuditRecord) or not tail[-1].intent:
            return
        open_record = tail[-1]
        marker: Marker = "done" if self._landed(open_record) else "void"
        _log.warning("edit %s was left open (crash or failed write): %s", open_record.id, marker)
        self._write({marker: open_record.id})

    def records(self) -> list[AuditRecord]:
        """Read every edit that happened, oldest first; voided and unlanded intents are left out.

        A torn last line (a crash mid-append) is skipped.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        parsed = list(_parse(text.splitlines()))
        marks = {m[1]: m[0] for m in parsed if isinstance(m, tuple)}
        return [
            r
            for r in parsed
            if isinstance(r, AuditRecord)
            and (marks.get(r.id) == "done" or (r.id not in marks and self._landed(r)))
        ]

    def _landed(self, record: AuditRecord) -> bool:
        """Tell whether the record's edit is on disk: its `after` lines sit where it says."""
        if not record.intent:
            return True  # written after its file, by an older version of the writer
        try:
            text = (self.folder / record.file).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        lines, after = split_lines(text), split_lines(record.after)
        start = record.line - 1
        return lines[start : start + len(after)] == after

    def _write(self, data: dict[str, object]) -> None:
        line = json.dumps(data, ensure_ascii=False) + "\n"
        with self.path.open("a+b") as handle:
            if handle.tell() and _last_byte(handle) != b"\n":
                line = "\n" + line  # a torn line must not swallow this one
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())


def _last_byte(handle: BinaryIO) -> bytes:
    handle.seek(-1, os.SEEK_END)
    last = handle.read(1)
    handle.seek(0, os.SEEK_END)
    return last


def _tail(path: Path) -> str:
    """Read the end of the log: enough for its last two whole lines, not the whole file."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            chunk = TAIL_CHUNK
            while True:
                handle.seek(max(0, size - chunk))
                data = handle.read()
                if chunk >= size or data.count(b"\n") > 2:
                    return data.decode("utf-8", errors="replace")
                chunk *= 4
    except FileNotFoundError:
        return ""


def _parse(lines: Iterable[str]) -> Iterable[AuditRecord | tuple[Marker, str]]:
    fields = set(AuditRecord.__struct_fields__)
    for line in lines:
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict):
                continue
            if len(raw) == 1 and next(iter(raw)) in MARKERS:
                marker, record_id = next(iter(raw.items()))
                yield (cast(Marker, marker), str(record_id))
                continue
            yield AuditRecord(**{k: v for k, v in raw.items() if k in fields})
        except (json.JSONDecodeError, TypeError):
            continue


def last_undoable(records: list[AuditRecord], actor: Editor) -> AuditRecord | None:
    """Find this actor's latest edit that no undo has reversed yet."""
    undone = {r.undoes for r in records if r.action == "undo"}
    for record in reversed(records):
        if record.by(actor) and record.action != "undo" and record.id not in undone:
            return record
    return None


def later_in_file(records: list[AuditRecord], record: AuditRecord) -> list[AuditRecord]:
    """List the edits made to the same file after `record`, oldest first."""
    index = next(i for i, r in enumerate(records) if r.id == record.id)
    return [r for r in records[index + 1 :] if r.file == record.file]

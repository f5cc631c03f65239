"""The append-only record of every chat edit: who, when, which command, and the exact lines.

One JSON object a line in `knowledge/.audit.jsonl` (gitignored; the loader and the watcher skip
dot-files). Each record keeps the patch itself — the lines before and after, with one line of
context — so `fact undo` can put the file back byte for byte and `fact history` can show it.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from bot.core.types import Actor
from bot.factbase.filetext import Patch, split_lines

AUDIT_NAME = ".audit.jsonl"
Action = Literal["add", "edit", "remove", "undo"]


@dataclass(frozen=True, slots=True)
class AuditRecord:
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

    @property
    def patch(self) -> Patch:
        """Rebuild the exact change this record describes."""
        return Patch(self.line - 1, tuple(split_lines(self.before)), tuple(split_lines(self.after)))

    def by(self, actor: Actor) -> bool:
        """Tell whether this actor made the edit (ids are per platform)."""
        return self.actor_id == actor.id and self.platform == actor.platform


def new_record(
    actor: Actor,
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
        **extra,  # type: ignore[arg-type]
    )


class AuditLog:
    """Append and read the log; appends are fsynced so an acknowledged edit is never forgotten."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, record: AuditRecord) -> None:
        line = json.dumps(asdict(record), ensure_ascii=False) + "\n"
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def records(self) -> list[AuditRecord]:
        """Read every record, oldest first; a torn last line (a crash mid-append) is skipped."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        return list(_parse(text.splitlines()))


def _parse(lines: Iterable[str]) -> Iterable[AuditRecord]:
    fields = set(AuditRecord.__dataclass_fields__)
    for line in lines:
        try:
            raw = json.loads(line)
            yield AuditRecord(**{k: v for k, v in raw.items() if k in fields})
        except (json.JSONDecodeError, TypeError):
            continue


def last_undoable(records: list[AuditRecord], actor: Actor) -> AuditRecord | None:
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

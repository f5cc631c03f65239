"""`fact history [id]`: who changed what and when, newest first, read from the audit log.

The newest change is also shown as a diff of the file's own lines, so an admin sees exactly
what it did (and what `fact undo` would put back) without opening the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.core.parse import echo
from bot.core.types import Item, Reply

if TYPE_CHECKING:  # records come from the store, which loads the edit machinery on demand
    from bot.factbase.edit.audit import AuditRecord

MAX_SHOWN = 15
_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):")


def history_reply(records: Sequence[AuditRecord], entry_id: str | None) -> Reply:
    """List the latest edits, all of them or one entry's."""
    chosen = [r for r in records if entry_id is None or r.entry_id == entry_id]
    if not chosen:
        about = f" of `{entry_id}`" if entry_id else ""
        return Reply(title=f"No chat edits{about} are recorded yet.", kind="admin")
    shown = chosen[-MAX_SHOWN:][::-1]
    items = tuple(
        Item(text=f"{r.at[11:16]} {_line(r)}", date=r.at[:10], fact_id=r.entry_id) for r in shown
    )
    title = f"History of `{entry_id}`" if entry_id else "Latest edits"
    older = len(chosen) - len(shown)
    footer = f"{older} older edit(s) not shown." if older else ""
    newest = shown[0]
    return Reply(
        title=title,
        intro=f"The newest change, {newest.file} from line {newest.line}:",
        block=diff(newest),
        block_syntax="diff",
        items=items,
        footer=footer,
        kind="admin",
    )


def diff(record: AuditRecord) -> str:
    """Give the record's change as diff lines (` ` kept, `-` before, `+` after), no headers."""
    before, after = list(record.patch.old), list(record.patch.new)
    rows = difflib.unified_diff(before, after, n=max(len(before), len(after)), lineterm="")
    body = [row for row in rows if not row.startswith(("---", "+++", "@@"))]
    return "".join(row if row.endswith("\n") else row + "\n" for row in body)


def _line(record: AuditRecord) -> str:
    what = {
        "add": "added",
        "remove": "removed",
        "edit": f"changed {_changed_keys(record)} of",
        "undo": "undid an edit of",
    }[record.action]
    command = echo(record.command, 80)
    return f"{record.actor_name} {what} `{record.entry_id}` ({record.file}) — `{command}`"


def _changed_keys(record: AuditRecord) -> str:
    """Name the keys whose lines differ between before and after."""
    before, after = list(record.patch.old), list(record.patch.new)
    changed = set(before).symmetric_difference(after)
    keys: list[str] = []
    for line in [*before, *after]:
        match = _KEY.match(line)
        if match and line in changed and match[1] not in keys:
            keys.append(match[1])
    return ", ".join(f"`{k}`" for k in keys) or "the layout"

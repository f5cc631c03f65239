"""Turn an audit record back into the patch that reverses it, where the file now has it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec

from bot.errors import BadArguments, NotFound
from bot.factbase.edit.audit import AuditRecord, Editor, last_undoable, later_in_file
from bot.factbase.edit.lines import Patch


class UndoPlan(msgspec.Struct, frozen=True):
    """The record to reverse, the file it is in, and the inverse patch at today's line."""

    record: AuditRecord
    file: str
    patch: Patch
    entry_start: int | None  # 0-based line of the entry the undo puts back, if any


def plan_undo(
    records: list[AuditRecord],
    actor: Editor,
    folder: Path,
    lines_of: Callable[[str], list[str]],
) -> UndoPlan:
    """Plan the reversal of this actor's latest edit; refuse if the file moved on under it."""
    record = last_undoable(records, actor)
    if record is None:
        raise NotFound("You have no edit left to undo.")
    file = str(folder / record.file)
    inverse = record.patch.inverted()
    at = _current_line(records, record)
    lines = lines_of(file)
    if at < 0 or tuple(lines[at : at + len(inverse.old)]) != inverse.old:
        raise BadArguments(
            f"Cannot undo your {record.action} of `{record.entry_id}`: its lines in "
            f"{record.file} have changed since. Use `fact history {record.entry_id}` and fix it "
            "by hand."
        )
    patch = Patch(at, inverse.old, inverse.new)
    offset = record.entry_line - record.line
    entry_start = None if record.action == "add" else at + offset
    return UndoPlan(record, file, patch, entry_start)


def _current_line(records: list[AuditRecord], record: AuditRecord) -> int:
    """Follow the record's lines through the later edits of the same file, to where they are now.

    An edit above them moves them by its size. An edit that swallows them (a `fact remove` of
    the entry) holds them inside its old lines; an edit that puts exactly those lines back (the
    undo of that remove) returns them, at the same offset inside. Any other overlap loses them,
    and the content check in `plan_undo` then refuses.
    """
    at, size = record.patch.at, len(record.patch.new)
    held: tuple[tuple[str, ...], int] | None = None  # (the lines that swallowed ours, offset)
    for later in later_in_file(records, record):
        patch = later.patch
        if held is not None:
            block, offset = held
            if patch.new == block:
                at, held = patch.at + offset, None
            continue
        if patch.at + len(patch.old) <= at:
            at += patch.delta
        elif patch.at <= at and at + size <= patch.at + len(patch.old):
            held = (patch.old, at - patch.at)
        elif patch.at < at + size:
            return -1  # partly rewritten: nothing to match
    return -1 if held is not None else at

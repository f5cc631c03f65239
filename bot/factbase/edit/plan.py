"""Plan one edit as a line patch: which lines go, which come, and every other line untouched.

Pure functions over a file's lines; `writer.py` validates the result and writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.errors import BadArguments
from bot.factbase.edit.layout import entry_lines, joined, key_lines, key_rank, ordered
from bot.factbase.edit.lines import Entry, Patch, newline_of


def plan_add(lines: list[str], last: Entry, values: Mapping[str, Any]) -> tuple[Patch, int]:
    """Append an entry after the section's last one; give the patch and the new entry's line."""
    newline = newline_of(lines)
    context = lines[last.end - 1]
    anchor = context if context.endswith("\n") else context + newline
    # Follow the file: a blank line between entries if the last entry has one above it.
    blank = last.start > 0 and not lines[last.start - 1].strip()
    separator = [newline] if blank else []
    body = joined(entry_lines(ordered(values), last.dash_indent, last.key_indent), newline)
    patch = Patch(last.end - 1, (context,), (anchor, *separator, *body))
    return patch, last.end + len(separator)


def plan_edit(lines: list[str], entry: Entry, changes: Mapping[str, Any | None]) -> Patch:
    """Replace only the changed keys' lines; unchanged keys and comments stay as written."""
    values = dict(entry.values)
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    if values == dict(entry.values):
        raise BadArguments("That changes nothing: the entry already says exactly that.")
    body: list[str] = []
    for index, key in enumerate(_new_key_order(list(entry.spans), values)):
        if key in values:
            body.extend(_key_block(lines, entry, key, values[key], first=index == 0))
        else:  # a removed key: drop its lines, keep the comments that followed it
            body.extend(_gap_after(lines, entry, key))
    old = tuple(lines[entry.start - 1 : entry.end])
    return Patch(entry.start - 1, old, (old[0], *body))


def _new_key_order(existing: list[str], values: Mapping[str, Any]) -> list[str]:
    """Keep the entry's keys (removed ones too, for their comments); slot new ones in."""
    if existing and existing[0] not in values:
        raise BadArguments(f"`{existing[0]}` holds the entry's first line and cannot be removed.")
    order = list(existing)
    for key in sorted((k for k in values if k not in existing), key=key_rank):
        position = 1
        for index, other in enumerate(order):
            if key_rank(other) <= key_rank(key):
                position = index + 1
        order.insert(position, key)
    return order


def _key_block(lines: list[str], entry: Entry, key: str, value: Any, first: bool) -> list[str]:
    """Give one key's lines: as stored if its value is unchanged, else rendered, then its gap."""
    span = entry.spans.get(key)
    if span is not None and entry.values.get(key) == value:
        return [*lines[span[0] : span[1]], *_gap_after(lines, entry, key)]
    rendered = key_lines(key, value, entry.key_indent)
    if first:
        prefix = lines[entry.start][: entry.key_indent]
        rendered[0] = prefix + rendered[0][entry.key_indent :]
    newline = newline_of(lines)
    gap = _gap_after(lines, entry, key) if span is not None else []
    return [*joined(rendered, newline), *gap]


def _gap_after(lines: list[str], entry: Entry, key: str) -> list[str]:
    """Give the comment or blank lines between a key's content and the next key."""
    span = entry.spans[key]
    later = [start for start, _ in entry.spans.values() if start >= span[1]]
    stop = min(later, default=entry.end)
    return lines[span[1] : stop]


def plan_remove(lines: list[str], entry: Entry) -> Patch:
    """Cut the entry and one blank separator line, so the file keeps its rhythm."""
    start, end = entry.start, entry.end
    if start >= 2 and not lines[start - 1].strip():
        start -= 1  # take the blank line above
    elif end < len(lines) and not lines[end].strip():
        end += 1  # first in its section: take the blank line below
    context = lines[start - 1]
    return Patch(start - 1, tuple(lines[start - 1 : end]), (context,))

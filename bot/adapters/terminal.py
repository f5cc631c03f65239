"""Render a Reply as plain terminal text: dates in a column, sources dimmed, wrapped to width.

A reply's `block` (an entry as stored, a diff) is the exception: printed verbatim, never wrapped.

Plain `textwrap` and two ANSI codes rather than `rich`: the console must start in a fraction of
a second, and this is all the styling a reply needs.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence

import msgspec
import msgspec.structs

from bot.core.chart import to_json
from bot.core.types import Item, Reply

UNVERIFIED = "(unverified)"
_MARKER = re.compile(r"(?:[A-Z]\)|\d{1,2}\.) ")
MAX_DATE_COLUMN = 14  # longer dates (ranges) take a line of their own
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


class _Style:
    """Apply ANSI styles only when the output is a terminal."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def bold(self, text: str) -> str:
        return f"{_BOLD}{text}{_RESET}" if self.color and text else text

    def dim(self, text: str) -> str:
        return f"{_DIM}{text}{_RESET}" if self.color and text else text


def render(reply: Reply, width: int = 80, color: bool = False) -> str:
    """Lay a reply out for a terminal of `width` columns."""
    style = _Style(color)
    width = max(width, 40)
    lines = [style.bold(line) for line in textwrap.wrap(reply.title, width) or [""]]
    if reply.intro:
        for paragraph in reply.intro.split("\n"):  # a line break in the intro is meant
            lines += textwrap.wrap(paragraph, width)
    lines += _verbatim(reply.block)
    if reply.block and reply.items:
        lines.append("")
    lines += _items(reply.items, width, style)
    if reply.suggestions:
        lines.append("")
        lines.append(reply.suggestions_heading)
        lines += [f"  {s}" for s in reply.suggestions]
    if reply.footer:
        lines.append("")
        lines += [
            style.dim(line)
            for part in reply.footer.splitlines()
            for line in textwrap.wrap(part, width)
        ]
    return "\n".join(lines)


def _verbatim(block: str) -> list[str]:
    """Keep preformatted lines exactly as given.

    YAML read back from the console must paste into the file unchanged, so no wrapping, indent
    or styling is added.
    """
    return block.rstrip("\r\n").split("\n") if block else []


UNDATED = "undated"


def _items(items: Sequence[Item], width: int, style: _Style) -> list[str]:
    fitting = [len(i.date) for i in items if i.date and len(i.date) <= MAX_DATE_COLUMN]
    column = max(fitting, default=MAX_DATE_COLUMN if any(i.date for i in items) else 0)
    lines: list[str] = []
    heading: str | None = None
    dated: set[str | None] = {i.heading for i in items if i.date}  # groups with a date column
    for item in items:
        if item.heading != heading:
            heading = item.heading
            if heading:
                lines += ["", style.bold(heading)]
        if column and not item.date and item.fact_id and item.heading in dated:
            # A blank date under dated rows reads as the date above (a 2018 remark under 1968).
            item = msgspec.structs.replace(item, date=UNDATED)
        lines += _item(item, width, column, style)
    return lines


def _item(item: Item, width: int, column: int, style: _Style) -> list[str]:
    """Wrap one item beside a fixed date column; its sources follow, dimmed."""
    date = item.date or ""
    indent = "  " + " " * (column + 2) if column else "  "
    lines: list[str] = []
    first = indent
    if column and len(date) <= column:
        first = "  " + date.ljust(column) + "  "
    elif date:
        lines.append("  " + date)
    text = item.text if item.verified else f"{item.text} {UNVERIFIED}"
    marker = _MARKER.match(text)  # `B) …`, `2. …`: wrapped lines hang under the text
    hanging = indent + " " * len(marker[0]) if marker and not date else indent
    lines += textwrap.wrap(text, width, initial_indent=first, subsequent_indent=hanging)
    sources = "; ".join(c.short for c in item.citations)
    if sources:
        tag = f"— {sources}"
        if lines and len(lines[-1]) + 1 + len(tag) <= width:
            lines[-1] += " " + style.dim(tag)
        else:
            lines.append(indent + style.dim(tag))
    if item.note:
        lines += [
            style.dim(line)
            for line in textwrap.wrap(
                item.note, width, initial_indent=indent, subsequent_indent=indent
            )
        ]
    return lines


def render_json(reply: Reply) -> str:
    """Give the reply as JSON, for scripts; a chart as the data it draws (marks with fact ids)."""
    data = msgspec.to_builtins(msgspec.structs.replace(reply, items=tuple(reply.items), chart=None))
    data["chart"] = None if reply.chart is None else to_json(reply.chart)
    return json.dumps(data, ensure_ascii=False, indent=2)

"""Find one entry's exact lines in a knowledge file and change only those lines.

A whole-file YAML round trip (ruamel.yaml) costs seconds on a 10,000-entry file and re-flows
what it does not understand; here only the entry's own lines are parsed and replaced, and every
other byte of the file is carried over untouched. Line numbers are 0-based indexes into a list
of lines that keep their own endings.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
import yaml

from bot.factbase.load.yamlfile import LineDict, load_with_lines

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


class EntryMoved(Exception):
    """The file no longer holds the entry where the index said; reload and try again."""


def split_lines(text: str) -> list[str]:
    r"""Split on "\n" only, keeping endings, so joining gives the text back byte for byte."""
    return _LINE.findall(text)


def newline_of(lines: list[str]) -> str:
    """Use the file's own line ending for new lines."""
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


class Patch(msgspec.Struct, frozen=True):
    """At line `at`, the lines `old` became `new`; both hold one line of context first."""

    at: int
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def delta(self) -> int:
        """How many lines the patch adds (negative when it removes)."""
        return len(self.new) - len(self.old)

    def inverted(self) -> Patch:
        """Give the patch that undoes this one (`fact undo`): same place, old and new swapped."""
        return Patch(self.at, self.new, self.old)


def apply(lines: list[str], patch: Patch) -> list[str]:
    """Give a new list of lines with the patch applied; the old lines must be where it says."""
    end = patch.at + len(patch.old)
    if tuple(lines[patch.at : end]) != patch.old:
        raise EntryMoved(f"line {patch.at + 1} no longer holds what the change expects")
    return [*lines[: patch.at], *patch.new, *lines[end:]]


class Entry(msgspec.Struct, frozen=True):
    """An entry as it sits in a file: where its content starts and ends, and each key's span."""

    start: int
    end: int  # exclusive; trailing blank and comment lines are not part of the entry
    values: LineDict
    spans: dict[str, tuple[int, int]]  # key → (first line, end exclusive) of its own content
    dash_indent: int
    key_indent: int

    def text(self, lines: list[str]) -> str:
        """Give the entry exactly as stored."""
        return "".join(lines[self.start : self.end])


def read_entry(lines: list[str], start: int, limit: int, entry_id: str) -> Entry:
    """Parse the entry whose `- ` line is `start`, reading no further than line `limit`."""
    first = lines[start] if start < len(lines) else ""
    dash = len(first) - len(first.lstrip(" "))
    if not first.lstrip(" ").startswith("-"):
        raise EntryMoved(f"line {start + 1} does not start an entry")
    stop = start + 1
    while stop < limit and not _ends_region(lines[stop], dash):
        stop += 1
    region = "".join(lines[start:stop])
    try:
        node = yaml.compose(region, Loader=yaml.CSafeLoader)
        data = load_with_lines(region)
    except yaml.YAMLError as exc:
        raise EntryMoved(f"the entry at line {start + 1} cannot be parsed: {exc}") from exc
    if not isinstance(data, list) or len(data) != 1 or not isinstance(data[0], LineDict):
        raise EntryMoved(f"line {start + 1} does not hold exactly one entry")
    if data[0].get("id") != entry_id:
        raise EntryMoved(f"line {start + 1} holds `{data[0].get('id')}`, not `{entry_id}`")
    assert isinstance(node, yaml.SequenceNode)
    mapping = node.value[0]
    spans = {
        str(key.value): (start + key.start_mark.line, start + _last_line(value, lines, start) + 1)
        for key, value in mapping.value
    }
    end = max(span_end for _, span_end in spans.values())
    key_indent = mapping.start_mark.column
    return Entry(start, end, data[0], spans, dash, key_indent)


def _ends_region(line: str, dash: int) -> bool:
    """Tell whether `line` starts the next item or section, ending the entry's region.

    Any line that is neither blank nor a comment and starts at or left of the entry's dash does.
    """
    body = line.lstrip(" ")
    if not body.strip() or body.startswith("#"):
        return False
    return len(line) - len(body) <= dash


def _last_line(node: yaml.Node, lines: list[str], offset: int) -> int:
    """Give the last region line holding the node's own content (comments excluded)."""
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
        if not node.value:
            return node.start_mark.line
        last: Any = node.value[-1]
        return _last_line(last[1] if isinstance(node, yaml.MappingNode) else last, lines, offset)
    mark = node.end_mark
    line = mark.line - 1 if mark.column == 0 else mark.line
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        while line > node.start_mark.line and not lines[offset + line].strip():
            line -= 1  # a block scalar's end mark sits past its trailing blank lines
    return line

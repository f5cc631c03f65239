"""Parse YAML while remembering line numbers, so every problem can name its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import yaml

from bot.errors import Problem

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class LineDict(dict[str, Any]):
    """A mapping that knows its own first/last line and the line of each key."""

    line: int = 0
    end_line: int = 0
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A sequence that knows the line of each item."""

    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.CSafeLoader):  # libyaml parses ~10x faster than pure Python
    """Safe loader that keeps line numbers and leaves dates as the text the admin wrote."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override,unused-ignore]
        result = LineDict(super().construct_mapping(node, deep=True))  # type: ignore[arg-type]
        result.line = node.start_mark.line + 1
        result.end_line = _end_line(node)
        result.key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:  # type: ignore[override,unused-ignore]
        result = LineList(super().construct_sequence(node, deep=True))
        result.line = node.start_mark.line + 1
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result


def _end_line(node: yaml.Node) -> int:
    """Give the last line holding the node's content (end_mark may sit on the next line)."""
    mark = node.end_mark
    return mark.line if mark.column == 0 else mark.line + 1


# Dates stay strings: "1965-04" and "2016-09-24" are our own formats, not datetimes.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def load_with_lines(text: str) -> Any:
    """Parse YAML text into LineDicts and LineLists (raises `yaml.YAMLError`).

    The one door to the line-keeping loader: the checker reads whole files through it, and an
    edit reads a single entry's lines through it, so both see entries the same way.
    """
    return yaml.load(text, Loader=_LineLoader)  # a safe loader subclass


class ParsedFile(msgspec.Struct):
    """One knowledge file after parsing: its data, or the problems that stopped us."""

    path: Path
    data: LineDict | None = None
    problems: list[Problem] = msgspec.field(default_factory=list)


def parse_text(text: str, path: Path) -> ParsedFile:
    """Parse one file's text; never raises for bad input, reports it instead."""
    name = str(path)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        fix = "add a section such as `events:` with a list of entries, or delete the file"
        return ParsedFile(path, problems=[Problem(name, 1, "the file is empty", fix)])
    try:
        data = load_with_lines(text)
    except yaml.MarkedYAMLError as exc:
        return ParsedFile(path, problems=[_syntax_problem(exc, name)])
    except yaml.YAMLError as exc:
        what = f"this is not valid YAML ({exc})"
        return ParsedFile(path, problems=[Problem(name, 1, what, "fix the YAML syntax")])
    if not isinstance(data, LineDict):
        what = "the file must be a mapping of sections (`events:`, `people:`, …)"
        fix = "start the file with a section name followed by a list of entries"
        return ParsedFile(path, problems=[Problem(name, 1, what, fix)])
    return ParsedFile(path, data=data)


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    """Point at the line a person must fix: where an unclosed construct began, if it ran off."""
    mark = exc.problem_mark
    if exc.context_mark is not None and (mark is None or "end of stream" in (exc.problem or "")):
        mark = exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    detail = " ".join(p for p in (exc.problem, exc.context) if p)
    what = f"this is not valid YAML ({detail})"
    fix = "check the indentation and closing quotes; quote values that contain ': '"
    return Problem(file, line, what, fix)


def parse_file(path: Path) -> ParsedFile:
    """Read and parse one file, turning unreadable or undecodable files into problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        what = f"the file is not UTF-8 text (byte {exc.start})"
        return ParsedFile(path, problems=[Problem(str(path), 1, what, "save it as UTF-8")])
    except OSError as exc:
        what = f"cannot read the file ({exc.strerror})"
        fix = "check that it exists and that the bot may read it"
        return ParsedFile(path, problems=[Problem(str(path), 1, what, fix)])
    return parse_text(text, path)

"""Split a typed line into command and arguments, the same way for every text adapter."""

from __future__ import annotations

PREFIXES = ("!", "/")


def split_line(line: str) -> tuple[str, str] | None:
    """Read `!timeline 1970s` or `timeline 1970s` as ("timeline", "1970s"); None if empty."""
    text = line.strip()
    while text[:1] in PREFIXES and text:
        text = text[1:].lstrip()
    if not text:
        return None
    command, _, args = text.partition(" ")
    return command.casefold(), args.strip()

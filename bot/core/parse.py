"""Split a typed line into command and arguments, the same way for every text adapter."""

from __future__ import annotations

import re
import unicodedata

PREFIXES = ("!", "/")
MAX_ARGS = 200  # longer input is cut here: no question about five articles needs more
MAX_ADMIN_ARGS = 2000  # `fact add` carries a whole entry; a Discord message holds 2,000
_SPACE = re.compile(r"\s+")
# The command is the first word; a colon may end it (`interests: russia`, `who:bhutto`).
_COMMAND = re.compile(r"([^\s:]+)(?::+|\s)\s*(.*)", re.DOTALL)


def split_line(line: str) -> tuple[str, str] | None:
    """Read `!timeline 1970s`, `timeline 1970s` or `timeline: 1970s` as ("timeline", "1970s").

    None if the line is empty; a line of prefixes alone (`!!!`) is an empty command.
    """
    text = line.strip()
    while text[:1] in PREFIXES and text:
        text = text[1:].lstrip()
    if not text:
        return ("", "") if line.strip() else None  # `!!!` gets told how to ask, not silence
    found = _COMMAND.match(text)
    command, args = (found[1], found[2]) if found else (text, "")
    return command.casefold(), args.strip()


def clean_text(text: str, limit: int = MAX_ARGS) -> str:
    """Drop control and format characters, collapse whitespace, cap the length."""
    kept = text[: limit * 4]
    if not kept.isprintable():  # printable text has none of those: skip the per-letter pass
        kept = "".join(
            " " if ch.isspace() else ch
            for ch in kept
            if ch.isspace() or unicodedata.category(ch)[0] != "C"
        )
    kept = _SPACE.sub(" ", kept).strip()
    if len(kept) <= limit:
        return kept
    cut = kept[: limit + 1].rsplit(" ", 1)[0]  # at a word boundary: never a query for `bhu`
    return (cut if " " in kept[: limit + 1] else kept[:limit]).strip()


def echo(text: str, limit: int = 60) -> str:
    """Shorten user text before repeating it in a reply (adapters still escape markup)."""
    text = clean_text(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

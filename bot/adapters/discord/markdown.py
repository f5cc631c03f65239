"""Make engine text safe for Discord markdown and fit it into limits without cutting words.

The engine writes plain text and uses `code spans` for commands and echoed input. Everything
outside code spans is escaped here (markdown and mentions), so a user who types `**@everyone**`
sees exactly that; code spans are already inert in Discord and are kept as they are.
"""

from __future__ import annotations

import re

import discord

_CODE_SPAN = re.compile(r"(`[^`\n]+`)")
_SYNTAX = re.compile(r"[a-z0-9+#-]{1,20}")
FENCE = "```"


def escape(text: str) -> str:
    """Escape markdown and mentions outside `code spans`; a stray backtick is escaped too."""
    parts = _CODE_SPAN.split(text)
    return "".join(part if i % 2 else _escape_plain(part) for i, part in enumerate(parts))


def _escape_plain(text: str) -> str:
    text = discord.utils.escape_markdown(text, as_needed=False)
    return discord.utils.escape_mentions(text)


def code(text: str) -> str:
    """Show `text` as inline code; backticks in it cannot end the span early."""
    return f"`{text.replace('`', 'ˋ')}`" if text else ""


def code_blocks(text: str, syntax: str, limit: int) -> list[str]:
    """Fence preformatted text as code, in pieces of at most `limit` characters cut between lines.

    Inside a fence nothing is markdown, so nothing is escaped, except a run of three backticks,
    which would close the fence early (a zero-width space breaks it up).
    """
    if not text.strip():
        return []
    lang = syntax if _SYNTAX.fullmatch(syntax) else ""
    body = text.replace("\r\n", "\n").rstrip("\n").replace(FENCE, "``\u200b`")
    room = limit - len(f"{FENCE}{lang}\n\n{FENCE}")
    pieces: list[str] = []
    for line in body.split("\n"):
        while len(line) > room:  # only a pathological line; cut it, indentation intact
            pieces.append(line[:room])
            line = line[room:]
        pieces.append(line)
    return [f"{FENCE}{lang}\n{chunk}\n{FENCE}" for chunk in _join_lines(pieces, room)]


def _join_lines(lines: list[str], limit: int) -> list[str]:
    """Join lines into chunks of at most `limit` characters, never splitting a line."""
    chunks: list[str] = []
    current: str | None = None
    for line in lines:
        if current is not None and len(current) + 1 + len(line) <= limit:
            current = f"{current}\n{line}"
            continue
        if current is not None:
            chunks.append(current)
        current = line
    if current is not None:
        chunks.append(current)
    return chunks

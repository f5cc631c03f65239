"""Make engine text safe for Discord markdown and fit it into limits without cutting words.

The engine writes plain text and uses `code spans` for commands and echoed input. Everything
outside code spans is escaped here (markdown and mentions), so a user who types `**@everyone**`
sees exactly that; code spans are already inert in Discord and are kept as they are.
"""

from __future__ import annotations

import re

import discord

_CODE_SPAN = re.compile(r"(`[^`\n]+`)")
_SPACE = re.compile(r"\s+")
ELLIPSIS = "…"


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


def clamp(text: str, limit: int) -> str:
    """Shorten to at most `limit` characters at a word boundary, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def split_words(text: str, limit: int) -> list[str]:
    """Split text into chunks of at most `limit` characters, only ever between words.

    A single "word" longer than the limit (a pasted URL, say) is the one thing split inside,
    because there is no other way to fit it.
    """
    chunks: list[str] = []
    current = ""
    for word in _SPACE.split(text.strip()):
        while len(word) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = word
    if current:
        chunks.append(current)
    return chunks


def split_block(text: str, limit: int) -> list[str]:
    """Split a multi-line block into chunks of at most `limit`, preferring line breaks."""
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        pieces = [line] if len(line) <= limit else split_words(line, limit)
        for piece in pieces:
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks

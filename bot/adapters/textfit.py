"""Fit text into a platform's limits without cutting words: shorten, or split into pieces.

Every chat platform caps its texts (Discord's embeds, Slack's blocks); how to shorten at a word
boundary or split between lines does not depend on which one, so both adapters use this.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
ELLIPSIS = "…"


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

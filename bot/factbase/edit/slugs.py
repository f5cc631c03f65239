"""Make a stable, readable id for a new entry from what it says, like the hand-written ones."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Mapping
from typing import Any

_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)")
_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "its",
        "it",
        "their",
        "his",
        "her",
        "has",
        "had",
        "have",
        "which",
        "who",
        "into",
        "over",
        "after",
        "before",
        "between",
        "during",
        "about",
    }
)
MAX_WORDS = 6


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Ayub Khan's visit" → "ayub-khan-visit"."""
    ascii_text = (
        unicodedata.normalize("NFKD", _POSSESSIVE.sub("", text)).encode("ascii", "ignore").decode()
    )
    return "-".join(_WORD.findall(ascii_text.lower()))


def new_id(section: str, values: Mapping[str, Any], taken: Container[str]) -> str:
    """Derive an id from the entry's name, title or text (plus its year), unique in `taken`."""
    if section == "aliases" and values.get("refers_to"):
        base = f"alias-{slugify(str(values['refers_to']))}"
    else:
        words = [w for w in slugify(_label(values)).split("-") if w and w not in _STOP]
        base = "-".join(words[:MAX_WORDS]) or section.rstrip("s")
        year = _YEAR.search(str(values.get("date") or ""))
        if year and year.group(1) not in base:
            base = f"{base}-{year.group(1)}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _label(values: Mapping[str, Any]) -> str:
    for key in ("name", "title", "question", "text"):
        value = values.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""

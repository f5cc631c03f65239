"""Write entries the way the hand-written knowledge files look, so a chat edit reads like a human's.

House style: `  - id: …` then one key a line at the next indent, ids and names as flow lists
`[a, b]`, long text on one line (never re-wrapped), a nested block mapping for per-source
evidence, and quotes only where a plain scalar would be read back differently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

# The order keys appear in across knowledge/*.yaml; new keys are placed by it.
KEY_ORDER: tuple[str, ...] = (
    "id",
    "kind",
    "party",
    "date",
    "label",
    "speaker",
    "occasion",
    "name",
    "title",
    "author",
    "affiliation",
    "outlet",
    "url",
    "seed",
    "fingerprint",
    "published",
    "certainty",
    "note",
    "refers_to",
    "names",
    "question",
    "text",
    "sources",
    "evidence",
    "people",
    "topics",
    "parties",
    "dispute",
    "verified",
)
_RANK = {key: rank for rank, key in enumerate(KEY_ORDER)}
# Dates are always quoted in the house files: `date: "1965"` must not become the integer 1965.
_DATE_LIKE = re.compile(r"^[0-9][0-9/s-]*$")
# YAML 1.1 treats these as line breaks even inside quotes; escape them.
_BREAKS = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def key_rank(key: str) -> int:
    """Rank a key by house order; unknown keys sort after every known one."""
    return _RANK.get(key, len(KEY_ORDER))


def ordered(values: Mapping[str, Any]) -> dict[str, Any]:
    """Give a new entry's keys in house order (stable for keys of equal rank)."""
    return {key: values[key] for key in sorted(values, key=key_rank)}


def scalar(value: Any, *, in_flow: bool = False) -> str:
    """Render one scalar: plain when it reads back identically, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return text if _plain_ok(text, in_flow) else _quoted(text)


def _plain_ok(text: str, in_flow: bool) -> bool:
    if not text or text != text.strip() or _DATE_LIKE.match(text):
        return False
    if any(ch in text for ch in "\n\r\t\x85\u2028\u2029") or not text.isprintable():
        return False
    if in_flow and any(ch in text for ch in ",[]{}"):
        return False
    probe = f"k: [{text}]" if in_flow else f"k: {text}"
    try:
        back = yaml.safe_load(probe)
    except yaml.YAMLError:
        return False
    expected: Any = [text] if in_flow else text
    return isinstance(back, dict) and back.get("k") == expected


def _quoted(text: str) -> str:
    """Double-quote; YAML double-quoted strings are a superset of JSON strings."""
    out = json.dumps(text, ensure_ascii=False)
    for raw, escaped in _BREAKS.items():
        out = out.replace(raw, escaped)
    return out


def key_lines(key: str, value: Any, indent: int) -> list[str]:
    """Render one key and its value as lines (without line endings) at `indent` spaces."""
    pad = " " * indent
    if isinstance(value, list | tuple):
        items = ", ".join(scalar(item, in_flow=True) for item in value)
        return [f"{pad}{key}: [{items}]"]
    if isinstance(value, Mapping):
        if not value:
            return [f"{pad}{key}: {{}}"]
        lines = [f"{pad}{key}:"]
        for sub_key, sub_value in value.items():
            lines.extend(key_lines(str(sub_key), sub_value, indent + 2))
        return lines
    return [f"{pad}{key}: {scalar(value)}"]


def entry_lines(values: Mapping[str, Any], dash_indent: int, key_indent: int) -> list[str]:
    """Render a whole entry as a sequence item: `- ` on the first key's line."""
    lines: list[str] = []
    for key, value in values.items():
        lines.extend(key_lines(key, value, key_indent))
    prefix = " " * dash_indent + "- "
    lines[0] = prefix + lines[0][len(prefix) :] if key_indent >= len(prefix) else lines[0]
    return lines


def joined(lines: Iterable[str], newline: str) -> list[str]:
    """Give each rendered line the file's own line ending."""
    return [line + newline for line in lines]

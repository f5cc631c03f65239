"""The shape of a generated fact base, shared by the generator and the query writer.

Kept apart so `generate` (which builds a base) and `queries` (which reads one to write the
benchmark's queries) both depend on it and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Entry:
    """One YAML entry as ordered (key, value) pairs; values are str, int, list or dict."""

    fields: list[tuple[str, object]]


@dataclass
class Base:
    """Everything generated, by section, plus the article text each source accumulates."""

    sections: dict[str, list[Entry]] = field(default_factory=dict)
    articles: dict[str, list[str]] = field(default_factory=dict)

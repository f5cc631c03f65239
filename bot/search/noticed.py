"""What the search layer noticed while reading one request: words it corrected or could not read.

The engine opens a `noticing()` scope around each request; the name matcher and the search index
note their corrections into it (`rusia` → `russia`) and the words no entry uses. The usage log
records them, so admins see which spellings people need. Outside a scope, noting does nothing:
a test or a benchmark calling the index directly pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

import msgspec


class Noticed(msgspec.Struct):
    """Corrections (typed → read as) and unread words of one request, in the order met."""

    corrections: dict[str, str] = msgspec.field(default_factory=dict)
    unknown: list[str] = msgspec.field(default_factory=list)


_NOTICED: ContextVar[Noticed | None] = ContextVar("factbot_noticed", default=None)


@contextmanager
def noticing() -> Iterator[Noticed]:
    """Collect what is noticed inside the block (one request)."""
    noticed = Noticed()
    token = _NOTICED.set(noticed)
    try:
        yield noticed
    finally:
        _NOTICED.reset(token)


def notice(corrections: Mapping[str, str], unknown: Iterable[str] = ()) -> None:
    """Note corrections and unread words, if a request is being read."""
    noticed = _NOTICED.get()
    if noticed is None:
        return
    for typed, known in corrections.items():
        noticed.corrections.setdefault(typed, known)
    noticed.unknown.extend(w for w in unknown if w not in noticed.unknown)

"""One request as the usage log keeps it, and the outcomes a request can have."""

from __future__ import annotations

from typing import Literal

import msgspec

Outcome = Literal["answered", "weak", "missed", "usage", "refused", "error"]
OUTCOMES: tuple[Outcome, ...] = ("answered", "weak", "missed", "usage", "refused", "error")
QUESTION_OUTCOMES = frozenset({"answered", "weak", "missed"})  # what the answer rate counts
OUTCOME_NAMES: dict[str, str] = {
    "answered": "answered",
    "weak": "weakly answered",
    "missed": "nothing found",
    "usage": "usage error",
    "refused": "refused",
    "error": "error",
}
PLAIN_WORDS = "(plain words)"  # the command of a line that named none: read as a question


class Event(msgspec.Struct, frozen=True):
    """A request as captured on the event loop: raw, cheap to make, normalised later.

    `user` and `place` are the platform's own ids here; they are hashed with the salt before
    anything reaches the disk, and `query` is normalised there too (`bot.usage.privacy`).
    """

    at: float  # Unix time
    platform: str
    place: str
    user: str
    command: str  # the command that was named, or PLAIN_WORDS
    query: str  # what was asked of it, as typed (admin commands: empty, never their text)
    outcome: Outcome
    facts: tuple[str, ...]  # fact ids shown on the first page
    corrections: tuple[tuple[str, str], ...]  # ("rusia", "russia"), …
    suggested: tuple[str, ...]  # what the bot offered instead, for a miss
    latency: float  # seconds spent answering


def outcome_of(kind: str, unread_words: bool) -> Outcome:
    """Classify a reply: an answer that left some words unread is a weak one."""
    if kind in ("answer", "admin"):
        return "weak" if unread_words and kind == "answer" else "answered"
    if kind == "not_found":
        return "missed"
    if kind in ("usage", "refused"):
        return "usage" if kind == "usage" else "refused"
    return "error"

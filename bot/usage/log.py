"""The usage log as the engine sees it: record an event, read stats and gaps, close.

`open_usage` gives the real log (SQLite, written off the event loop) or, with statistics off,
`NoUsage`, which stores nothing at all. Reading never raises past a `UserError`: a broken or
locked file becomes a sentence for the admin, not a crash.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from bot.errors import UserError
from bot.usage.database import UsageDatabase, now
from bot.usage.events import Event
from bot.usage.recorder import Recorder

if TYPE_CHECKING:  # the reports (and the fuzzy grouping they use) load when read
    from bot.usage.reports import Gap, Stats


_log = logging.getLogger("factbot.usage")

DATABASE_NAME = "usage.sqlite3"
SALT_NAME = "usage.salt"
T = TypeVar("T")
OFF = "Usage statistics are off here (`stats.enabled: false` in the config)."


class UsageLog(Protocol):
    """What the engine and the usage commands need from a usage log."""

    public: bool  # `stats` open to everyone, not only admins

    def record(self, event: Event) -> None:
        """Keep one request; cheap, never raises."""

    def stats(self, days: int) -> Stats:
        """Sum the last `days` days; raise UserError if the log cannot be read."""

    def gaps(self, days: int) -> list[Gap]:
        """Group the last `days` days' misses; raise UserError if the log cannot be read."""

    def close(self) -> None:
        """Write what is queued and stop."""


class NoUsage:
    """Statistics off: nothing is recorded, and reading says so."""

    public = False

    def record(self, event: Event) -> None:
        """Drop the event: nothing is stored."""

    def stats(self, days: int) -> Stats:
        """Refuse: there is nothing to read."""
        raise UserError(OFF)

    def gaps(self, days: int) -> list[Gap]:
        """Refuse: there is nothing to read."""
        raise UserError(OFF)

    def close(self) -> None:
        """Nothing to close."""


class Usage:
    """Records through a background `Recorder`, reads with a connection of its own per report."""

    def __init__(
        self, database: Path, retention_days: int, public: bool = False, interval: float = 1.0
    ) -> None:
        """Log into `database`; the salt file lives beside it."""
        self.database = UsageDatabase(database)
        self.public = public
        self.recorder = Recorder(
            self.database, database.with_name(SALT_NAME), retention_days, interval
        )

    def record(self, event: Event) -> None:
        """Queue the event for the writer thread."""
        self.recorder.record(event)

    def stats(self, days: int) -> Stats:
        """Read the roll-ups, the requests just made included."""
        from bot.usage.reports import read_stats

        return self._read(lambda c: read_stats(c, days, now()))

    def gaps(self, days: int) -> list[Gap]:
        """Read and group the misses, the requests just made included."""
        from bot.usage.reports import read_gaps

        return self._read(lambda c: read_gaps(c, days, now()))

    def flush(self) -> None:
        """Write what is queued now and wait for it."""
        self.recorder.flush()

    def close(self) -> None:
        """Write what is queued and stop the writer thread."""
        self.recorder.close()

    def _read(self, read: Callable[[sqlite3.Connection], T]) -> T:
        self.recorder.flush()
        if not self.database.path.exists():
            raise UserError("No usage recorded yet: ask the bot something first.")
        try:
            with self.database.connect() as connection:
                return read(connection)
        except sqlite3.Error as exc:
            _log.error("usage: cannot read %s: %s", self.database.path, exc)
            raise UserError(
                "The usage statistics cannot be read right now (the log says why); "
                "answers are not affected."
            ) from None


def open_usage(
    enabled: bool, database: Path, retention_days: int, public: bool = False
) -> UsageLog:
    """Give the usage log the settings ask for."""
    if not enabled:
        return NoUsage()
    return Usage(database, retention_days, public)

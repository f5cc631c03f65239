"""The usage database: one SQLite file in WAL mode, shared safely by every bot process.

WAL lets readers (`stats`, `gaps`) run while a writer commits, and `busy_timeout` makes a second
process wait its turn instead of failing. Every write is one short `BEGIN IMMEDIATE` transaction
holding a whole batch, its roll-ups included, so a batch is stored whole or not at all.
Connections are opened per thread and per use: sqlite3 connections must not cross threads.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

import msgspec

from bot.usage.events import Event
from bot.usage.privacy import Hasher, normalise_query
from bot.usage.schema import migrate

BUSY_MS = 5_000  # how long a writer waits for another process's transaction before giving up
DAY = 86_400
_BUCKET_BASE = math.log(1.2)  # latency buckets 20% wide: percentiles to within ±10%


def day_of(at: float) -> int:
    """Give the number of a Unix time's UTC day (days since 1970-01-01)."""
    return int(at // DAY)


def bucket_of(latency_ms: float) -> int:
    """Put a latency in its 20%-wide bucket."""
    return round(math.log(max(latency_ms, 0.001)) / _BUCKET_BASE)


def bucket_ms(bucket: int) -> float:
    """Give the latency a bucket stands for."""
    return math.exp(bucket * _BUCKET_BASE)


class Row(msgspec.Struct, frozen=True):
    """An event as stored: hashed, normalised, flattened to text."""

    at: float
    day: int
    platform: str
    place: str
    user: str
    command: str
    query: str
    outcome: str
    facts: str
    corrections: str
    suggested: str
    latency_ms: float


def row_of(event: Event, hasher: Hasher) -> Row:
    """Hash the ids and normalise the query: nothing identifying goes further than this."""
    return Row(
        at=event.at,
        day=day_of(event.at),
        platform=event.platform,
        place=hasher(event.platform, event.place),
        user=hasher(event.platform, event.user),
        command=event.command,
        query=normalise_query(event.query),
        outcome=event.outcome,
        facts=" ".join(event.facts),
        corrections="; ".join(f"{normalise_query(a)} → {b}" for a, b in event.corrections),
        suggested=" | ".join(event.suggested[:3]),
        latency_ms=event.latency * 1000,
    )


class UsageDatabase:
    """Opens the file, brings its schema up to date, writes batches and prunes old rows."""

    def __init__(self, path: Path, busy_ms: int = BUSY_MS) -> None:
        self.path = path
        self.busy_ms = busy_ms

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """Open a connection for this thread, migrated, and close it after the block."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=self.busy_ms / 1000, isolation_level=None)
        with closing(connection):
            connection.execute(f"PRAGMA busy_timeout = {int(self.busy_ms)}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints
            migrate(connection)
            yield connection

    def write(self, connection: sqlite3.Connection, rows: Sequence[Row]) -> None:
        """Store a batch and its roll-ups in one transaction."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.executemany(
                "INSERT INTO events (at, day, platform, place, user, command, query, outcome,"
                " facts, corrections, suggested, latency_ms)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_values(r) for r in rows],
            )
            _roll_up(connection, rows)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def prune(self, connection: sqlite3.Connection, keep_days: int, now: float) -> int:
        """Delete what is older than `keep_days`; give how many requests went.

        Quiz scores go when their player has not answered for that long (a score's `at` is its
        last answer), and a missed question once it has been due for that long unasked: what
        the bot keeps about a person lasts no longer than their requests do.
        """
        oldest = now - keep_days * DAY
        connection.execute("BEGIN IMMEDIATE")
        try:
            gone = connection.execute("DELETE FROM events WHERE at < ?", (oldest,)).rowcount
            for table in ("daily", "latency", "platform_latency", "query_days", "fact_days"):
                connection.execute(f"DELETE FROM {table} WHERE day < ?", (day_of(oldest),))
            connection.execute("DELETE FROM quiz_scores WHERE at < ?", (oldest,))
            connection.execute("DELETE FROM quiz_review WHERE due < ?", (day_of(oldest),))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return gone


def _values(r: Row) -> tuple[object, ...]:
    return (
        r.at, r.day, r.platform, r.place, r.user, r.command, r.query, r.outcome,
        r.facts, r.corrections, r.suggested, r.latency_ms,
    )  # fmt: skip


def _roll_up(connection: sqlite3.Connection, rows: Iterable[Row]) -> None:
    """Add a batch to the per-day counts that `stats` reads."""
    daily: Counter[tuple[int, str, str, str]] = Counter()
    latency: Counter[tuple[str, int, int]] = Counter()
    platform_latency: Counter[tuple[str, int, int]] = Counter()
    queries: Counter[tuple[str, int]] = Counter()
    facts: Counter[tuple[str, int]] = Counter()
    for r in rows:
        daily[r.day, r.platform, r.command, r.outcome] += 1
        bucket = bucket_of(r.latency_ms)
        latency[r.command, r.day, bucket] += 1
        platform_latency[r.platform, r.day, bucket] += 1
        if r.query:
            queries[r.query, r.day] += 1
        for fact in r.facts.split():
            facts[fact, r.day] += 1
    _add(connection, "daily", "day, platform, command, outcome", daily.items())
    _add(connection, "latency", "command, day, bucket", latency.items())
    _add(connection, "platform_latency", "platform, day, bucket", platform_latency.items())
    _add(connection, "query_days", "query, day", queries.items())
    _add(connection, "fact_days", "fact, day", facts.items())


def _add(
    connection: sqlite3.Connection,
    table: str,
    keys: str,
    counts: Iterable[tuple[tuple[object, ...], int]],
) -> None:
    marks = ", ".join("?" * (keys.count(",") + 2))
    connection.executemany(
        f"INSERT INTO {table} ({keys}, n) VALUES ({marks})"
        f" ON CONFLICT ({keys}) DO UPDATE SET n = n + excluded.n",  # a target: SQLite < 3.35
        [(*key, n) for key, n in counts],
    )


def now() -> float:
    """Give the time now (one place, so reports and writes agree)."""
    return time.time()

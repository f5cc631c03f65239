"""The usage database's tables, and the migrations that bring any older file up to date.

`PRAGMA user_version` holds the number of migrations applied. Each migration runs in a write
transaction that first re-reads the version, so two bot processes starting together apply it
once. A newer file than this code knows (a downgrade) is left alone and refused.

Quiz scores and the misses due for review (migration 2) sit in the same file: one store of
what the bot keeps about people, hashed the same way (only the display name `quiz top` shows is
plain), pruned by the same retention sweep as the requests.

Requests are kept row by row in `events` (what `gaps` reads: misses and what the same person
asked next); `stats` reads per-day roll-ups written in the same transaction, so its cost grows
with days and distinct queries, not with the number of requests.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        day INTEGER NOT NULL,
        platform TEXT NOT NULL,
        place TEXT NOT NULL,
        user TEXT NOT NULL,
        command TEXT NOT NULL,
        query TEXT NOT NULL,
        outcome TEXT NOT NULL,
        facts TEXT NOT NULL,
        corrections TEXT NOT NULL,
        suggested TEXT NOT NULL,
        latency_ms REAL NOT NULL
    );
    CREATE INDEX events_at ON events (at);
    CREATE INDEX events_outcome ON events (outcome, at);
    CREATE INDEX events_user ON events (user, at);
    CREATE TABLE daily (
        day INTEGER NOT NULL, platform TEXT NOT NULL, command TEXT NOT NULL,
        outcome TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (day, platform, command, outcome)
    ) WITHOUT ROWID;
    CREATE TABLE latency (
        command TEXT NOT NULL, day INTEGER NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (command, day, bucket)
    ) WITHOUT ROWID;
    CREATE TABLE platform_latency (
        platform TEXT NOT NULL, day INTEGER NOT NULL, bucket INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (platform, day, bucket)
    ) WITHOUT ROWID;
    CREATE TABLE query_days (
        query TEXT NOT NULL, day INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (query, day)
    ) WITHOUT ROWID;
    CREATE TABLE fact_days (
        fact TEXT NOT NULL, day INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (fact, day)
    ) WITHOUT ROWID;
    CREATE INDEX query_days_day ON query_days (day);
    CREATE INDEX fact_days_day ON fact_days (day);
    """,
    # 2: study mode. Scores per person per server (both hashed), and the questions each person
    # missed with when to ask them again (`step` 0, 1, 2: tomorrow, in 3 days, in a week).
    """
    CREATE TABLE quiz_scores (
        platform TEXT NOT NULL, place TEXT NOT NULL, user TEXT NOT NULL, name TEXT NOT NULL,
        points INTEGER NOT NULL, answered INTEGER NOT NULL,
        streak INTEGER NOT NULL, best_streak INTEGER NOT NULL, at REAL NOT NULL,
        PRIMARY KEY (platform, place, user)
    ) WITHOUT ROWID;
    CREATE INDEX quiz_scores_rank ON quiz_scores (platform, place, points);
    CREATE TABLE quiz_review (
        platform TEXT NOT NULL, place TEXT NOT NULL, user TEXT NOT NULL,
        fact TEXT NOT NULL, kind TEXT NOT NULL, step INTEGER NOT NULL, due INTEGER NOT NULL,
        PRIMARY KEY (platform, place, user, fact, kind)
    ) WITHOUT ROWID;
    """,
)
VERSION = len(MIGRATIONS)


class NewerSchema(sqlite3.DatabaseError):
    """The file was written by a newer factbot; this one must not touch it."""


def migrate(connection: sqlite3.Connection) -> int:
    """Apply every migration the file lacks; give the version it is at now."""
    version = _version(connection)
    if version == VERSION:
        return version
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _version(connection)  # another process may have migrated meanwhile
        if version > VERSION:
            raise NewerSchema(
                f"usage database is at schema {version}; this factbot knows {VERSION}"
            )
        for number in range(version, VERSION):
            for statement in _statements(MIGRATIONS[number]):
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return VERSION


def _version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _statements(script: str) -> list[str]:
    """Split a migration into statements (`executescript` would commit our transaction)."""
    return [s.strip() for s in script.split(";") if s.strip()]

"""Quiz scores, streaks and review of misses, in the usage database, per person per server.

People are known only by the salted hashes the usage log uses (`bot.usage.privacy`), plus the
display name they last answered under, in plain text, which is what `quiz top` shows: never a
platform id. The usage log's retention sweep deletes scores not played for `retention_days`
and reviews due that long ago (`UsageDatabase.prune`).
Review follows a simple spacing: a miss comes back tomorrow; answered right then, in 3 days;
right again, in a week; right once more, it is learned and leaves the list. A miss at any step
starts it over. Every call opens its own connection: commands call it from worker threads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import msgspec

from bot.errors import UserError
from bot.usage.database import UsageDatabase, day_of, now
from bot.usage.privacy import Hasher, load_salt

SPACING = (1, 3, 7)  # days until a missed question is asked again, step by step
T = TypeVar("T")


class Player(msgspec.Struct, frozen=True):
    """Who answers, as the platform names them; ids are hashed before they are stored."""

    platform: str
    place: str
    user: str
    name: str


class Standing(msgspec.Struct, frozen=True):
    """A person's score in one server."""

    name: str
    points: int
    answered: int
    streak: int
    best_streak: int
    mine: bool = False  # the asker's own row (`top`): by hashed id, since names may repeat


class QuizBook:
    """Reads and writes scores and reviews; sqlite errors become a sentence for the user."""

    def __init__(self, database: UsageDatabase, salt_path: Path) -> None:
        self.database = database
        self.salt_path = salt_path
        self._hasher: Hasher | None = None

    def record(self, player: Player, fact_id: str, kind: str, right: bool) -> Standing:
        """Count an answer: points and streak, and the fact's place in the review list."""

        def write(c: sqlite3.Connection, place: str, user: str) -> Standing:
            self._score(c, player, place, user, right)
            self._review(c, player.platform, place, user, fact_id, kind, right)
            return self._standing(c, player.platform, place, user) or Standing("", 0, 0, 0, 0)

        return self._write(player, write)

    def standing(self, player: Player) -> Standing | None:
        """Give a person's score here, or None before their first answer."""
        return self._read(player, lambda c, p, u: self._standing(c, player.platform, p, u))

    def top(self, player: Player, limit: int = 10) -> list[Standing]:
        """Give the best scores in the player's server, best first."""

        def read(c: sqlite3.Connection, place: str, user: str) -> list[Standing]:
            rows = c.execute(
                "SELECT name, points, answered, streak, best_streak, user = ? FROM quiz_scores"
                " WHERE platform = ? AND place = ? AND answered > 0"
                " ORDER BY points DESC, best_streak DESC, name LIMIT ?",
                (user, player.platform, place, limit),
            ).fetchall()
            return [Standing(n, p, a, s, b, mine=bool(m)) for n, p, a, s, b, m in rows]

        return self._read(player, read)

    def due(self, player: Player, at: float | None = None) -> tuple[list[tuple[str, str]], int]:
        """Give the (fact, kind) pairs due for review now, and how many wait for later days."""
        today = day_of(now() if at is None else at)

        def read(c: sqlite3.Connection, place: str, user: str) -> tuple[list[tuple[str, str]], int]:
            rows = c.execute(
                "SELECT fact, kind, due FROM quiz_review"
                " WHERE platform = ? AND place = ? AND user = ? ORDER BY due, fact",
                (player.platform, place, user),
            ).fetchall()
            ready = [(str(f), str(k)) for f, k, d in rows if d <= today]
            return ready, len(rows) - len(ready)

        return self._read(player, read)

    def next_review(self, player: Player) -> int | None:
        """Give the day number of the player's next review, if any."""

        def read(c: sqlite3.Connection, place: str, user: str) -> int | None:
            row = c.execute(
                "SELECT MIN(due) FROM quiz_review WHERE platform = ? AND place = ? AND user = ?",
                (player.platform, place, user),
            ).fetchone()
            return None if row is None or row[0] is None else int(row[0])

        return self._read(player, read)

    def _score(
        self, c: sqlite3.Connection, player: Player, place: str, user: str, right: bool
    ) -> None:
        c.execute(
            "INSERT INTO quiz_scores (platform, place, user, name, points, answered, streak,"
            " best_streak, at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)"
            " ON CONFLICT (platform, place, user) DO UPDATE SET name = excluded.name,"
            " points = points + excluded.points,"
            " answered = answered + 1,"
            " streak = CASE WHEN excluded.points > 0 THEN streak + 1 ELSE 0 END,"
            " best_streak = MAX(best_streak, CASE WHEN excluded.points > 0 THEN streak + 1"
            " ELSE 0 END), at = excluded.at",
            (player.platform, place, user, player.name[:80], int(right), int(right),
             int(right), now()),
        )  # fmt: skip

    def _review(
        self,
        c: sqlite3.Connection,
        platform: str,
        place: str,
        user: str,
        fact_id: str,
        kind: str,
        right: bool,
    ) -> None:
        key = (platform, place, user, fact_id, kind)
        today = day_of(now())
        if not right:
            c.execute(
                "INSERT INTO quiz_review (platform, place, user, fact, kind, step, due)"
                " VALUES (?, ?, ?, ?, ?, 0, ?)"
                " ON CONFLICT (platform, place, user, fact, kind)"
                " DO UPDATE SET step = 0, due = excluded.due",
                (*key, today + SPACING[0]),
            )
            return
        row = c.execute(
            "SELECT step, due FROM quiz_review WHERE platform = ? AND place = ? AND user = ?"
            " AND fact = ? AND kind = ?",
            key,
        ).fetchone()
        if row is None or row[1] > today:  # not in review, or answered before it was due
            return
        step = int(row[0]) + 1
        if step >= len(SPACING):
            c.execute(
                "DELETE FROM quiz_review WHERE platform = ? AND place = ? AND user = ?"
                " AND fact = ? AND kind = ?",
                key,
            )
        else:
            c.execute(
                "UPDATE quiz_review SET step = ?, due = ? WHERE platform = ? AND place = ?"
                " AND user = ? AND fact = ? AND kind = ?",
                (step, today + SPACING[step], *key),
            )

    @staticmethod
    def _standing(c: sqlite3.Connection, platform: str, place: str, user: str) -> Standing | None:
        row = c.execute(
            "SELECT name, points, answered, streak, best_streak FROM quiz_scores"
            " WHERE platform = ? AND place = ? AND user = ?",
            (platform, place, user),
        ).fetchone()
        return None if row is None else Standing(*row)

    def _write(self, player: Player, write: Callable[[sqlite3.Connection, str, str], T]) -> T:
        with self._connect(player) as (connection, place, user):
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = write(connection, place, user)
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            return result

    def _read(self, player: Player, read: Callable[[sqlite3.Connection, str, str], T]) -> T:
        with self._connect(player) as (connection, place, user):
            return read(connection, place, user)

    @contextmanager
    def _connect(self, player: Player) -> Iterator[tuple[sqlite3.Connection, str, str]]:
        """Open the database and hash the player's ids; explain any failure in one sentence."""
        try:
            hasher = self._hasher = self._hasher or Hasher(load_salt(self.salt_path))
            with self.database.connect() as connection:
                yield (
                    connection,
                    hasher(player.platform, player.place),
                    hasher(player.platform, player.user),
                )
        except (sqlite3.Error, OSError, ValueError) as exc:
            raise UserError(
                f"Quiz scores cannot be read or saved right now ({type(exc).__name__}); "
                "the questions still work."
            ) from None

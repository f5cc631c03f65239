"""What the engine records of each request, and that a broken usage log never stops it answering."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.core.commands import ALL
from bot.core.engine import Engine
from bot.core.table import CommandTable
from bot.store.store import Store
from bot.usage.log import Usage
from tests.conftest import ADMIN, KNOWLEDGE, say
from tests.core.commands.test_gaps import STUDENT


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(KNOWLEDGE)


def recorded(database: Path, columns: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(f"SELECT {columns} FROM events ORDER BY id").fetchall()


def asked(store: Store, database: Path, *lines: str) -> None:
    usage = Usage(database, retention_days=90, interval=0.02)
    engine = Engine(store, CommandTable(ALL), usage)
    for line in lines:
        say(engine, line, STUDENT)
    usage.close()


def test_corrections_are_recorded(store: Store, tmp_path: Path) -> None:
    """`interests rusia` is kept with the correction `rusia → russia`."""
    asked(store, tmp_path / "u.db", "interests rusia", "search tashkent declaraton")
    assert recorded(tmp_path / "u.db", "command, query, outcome, corrections") == [
        ("interests", "rusia", "answered", "rusia → russia"),
        ("search", "tashkent declaraton", "answered", "declaraton → declaration"),
    ]


def test_outcomes_of_each_kind_of_reply(store: Store, tmp_path: Path) -> None:
    """Answered, weak (a word matched nothing), missed, usage error, refused."""
    asked(store, tmp_path / "u.db", "who bhutto", "search steel zzyzx", "who gandhi", "search",
          "reload")  # fmt: skip
    assert [o for (o,) in recorded(tmp_path / "u.db", "outcome")] == [
        "answered", "weak", "missed", "usage", "refused",
    ]  # fmt: skip


def test_a_miss_keeps_what_the_bot_suggested(store: Store, tmp_path: Path) -> None:
    """A miss (`ruski`) is kept with the suggestions the bot offered instead."""
    asked(store, tmp_path / "u.db", "ruski")
    assert recorded(tmp_path / "u.db", "command, outcome, suggested") == [
        ("(plain words)", "missed", "topic Russia")
    ]


def test_the_first_page_facts_are_recorded(store: Store, tmp_path: Path) -> None:
    """The ids of the facts shown first are kept, for `stats`' most-read list."""
    asked(store, tmp_path / "u.db", "who bhutto")
    [(facts,)] = recorded(tmp_path / "u.db", "facts")
    assert "bhutto" in str(facts) and len(str(facts).split()) >= 2


def test_a_corrupt_database_never_stops_answers(store: Store, tmp_path: Path) -> None:
    """With a garbage usage file, questions are answered and `stats` explains, kindly."""
    database = tmp_path / "u.db"
    database.write_bytes(b"garbage" * 1000)
    usage = Usage(database, retention_days=90, interval=0.02)
    engine = Engine(store, CommandTable(ALL), usage)
    assert say(engine, "who bhutto", STUDENT).kind == "answer"
    reply = say(engine, "stats", ADMIN)
    assert say(engine, "timeline 1970s", STUDENT).kind == "answer"
    usage.close()
    assert reply.kind == "usage" and "cannot be read right now" in reply.title


def test_a_locked_database_never_stops_answers(store: Store, tmp_path: Path) -> None:
    """While another process holds the file locked, answers flow; the events arrive later."""
    database = tmp_path / "u.db"
    asked(store, database, "who bhutto")
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    usage = Usage(database, retention_days=90, interval=0.02)
    usage.database.busy_ms = 20
    engine = Engine(store, CommandTable(ALL), usage)
    replies = [say(engine, "timeline 1970s", STUDENT).kind for _ in range(3)]
    usage.recorder.flush()
    blocker.execute("ROLLBACK")
    blocker.close()
    usage.close()
    assert replies == ["answer"] * 3
    assert len(recorded(database, "id")) == 4

"""The usage log on disk: what it keeps, what it never keeps, and how it survives trouble."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.errors import UserError
from bot.usage.database import DAY
from bot.usage.log import NoUsage, Usage
from bot.usage.schema import VERSION
from tests.usage.conftest import DISCORD_GUILD, DISCORD_USER, event


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_the_database_is_in_wal_mode_at_the_current_schema(usage: Usage, database: Path) -> None:
    """A first write creates the file in WAL mode, migrated to this code's schema version."""
    usage.record(event())
    usage.recorder.flush()
    assert rows(database, "PRAGMA journal_mode") == [("wal",)]
    assert rows(database, "PRAGMA user_version") == [(VERSION,)]


def test_no_id_or_name_is_stored_in_clear(usage: Usage, database: Path) -> None:
    """The database files hold neither the user's nor the server's id, only the query."""
    usage.record(event("when did ruski visit"))
    usage.recorder.flush()
    stored = b"".join(p.read_bytes() for p in database.parent.glob("usage.sqlite3*"))
    assert b"when did ruski visit" in stored  # the file really was read
    assert DISCORD_USER.encode() not in stored
    assert DISCORD_GUILD.encode() not in stored
    users = rows(database, "SELECT DISTINCT user, place FROM events")
    assert len(users) == 1 and len(str(users[0][0])) == 16 and users[0][0] != DISCORD_USER


def test_a_long_message_is_kept_only_normalised_and_cut(usage: Usage, database: Path) -> None:
    """Queries are folded (case, accents, punctuation) and cut to 100 characters."""
    usage.record(event("Wéll, WHAT did " + "the soviets do? " * 20))
    usage.recorder.flush()
    [(query,)] = rows(database, "SELECT query FROM events")
    assert str(query).startswith("well what did the soviets do the soviets")
    assert len(str(query)) <= 100


def test_disabled_stats_store_nothing(tmp_path: Path) -> None:
    """With `stats.enabled: false` no file is made and `stats` says statistics are off."""
    log = NoUsage()
    log.record(event())
    with pytest.raises(UserError, match="off"):
        log.stats(30)
    assert list(tmp_path.iterdir()) == []


def test_retention_prunes_old_requests(database: Path) -> None:
    """Requests older than `retention_days` are deleted, recent ones kept."""
    now = time.time()
    log = Usage(database, retention_days=7, interval=0.02)
    log.record(event("old question", at=now - 8 * DAY))
    log.record(event("new question", at=now - 1 * DAY))
    log.recorder.flush()
    log.close()
    again = Usage(database, retention_days=7, interval=0.02)  # prunes when it first writes
    again.record(event("today", at=now))
    again.close()
    kept = sorted(str(q) for (q,) in rows(database, "SELECT query FROM events"))
    assert kept == ["new question", "today"]
    assert rows(database, "SELECT COUNT(*) FROM query_days WHERE query = 'old question'") == [(0,)]


WRITER = """
import sys, time
from pathlib import Path
from bot.usage.log import Usage
from tests.usage.conftest import event
log = Usage(Path(sys.argv[1]), retention_days=90, interval=0.001)
for n in range(int(sys.argv[2])):
    log.record(event(f"q {sys.argv[3]} {n}", at=time.time()))
    if n % 50 == 0:
        log.recorder.flush()
log.close()
"""


def test_two_processes_writing_at_once_lose_nothing(database: Path) -> None:
    """Two bot processes recording 400 requests each into one file store all 800."""
    root = Path(__file__).resolve().parents[2]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(database), "400", name], cwd=root)
        for name in ("a", "b")
    ]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    assert rows(database, "SELECT COUNT(*), COUNT(DISTINCT query) FROM events") == [(800, 800)]
    assert rows(database, "SELECT SUM(n) FROM daily") == [(800,)]


def test_a_corrupt_file_stops_recording_and_says_so(
    database: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A file that is not a database is logged once; recording stops, nothing raises."""
    database.parent.mkdir(parents=True)
    database.write_bytes(b"this is not a database" * 100)
    log = Usage(database, retention_days=90, interval=0.02)
    with caplog.at_level(logging.ERROR, logger="factbot.usage"):
        log.record(event())
        log.recorder.flush()
        log.record(event())  # after it broke: dropped quietly
        with pytest.raises(UserError, match="cannot be read"):
            log.stats(30)
    log.close()
    assert "recording stopped" in caplog.text
    assert database.read_bytes().startswith(b"this is not a database")


def test_a_locked_file_delays_writes_without_losing_them(database: Path) -> None:
    """While another process holds the write lock, events wait; once it lets go, all are kept."""
    log = Usage(database, retention_days=90, interval=0.02)
    log.record(event("first"))
    log.recorder.flush()
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    log.database.busy_ms = 50  # give up waiting quickly: the batch must wait for the next round
    log.record(event("while locked"))
    time.sleep(0.5)
    assert log.recorder.broken == ""
    blocker.execute("ROLLBACK")
    blocker.close()
    log.recorder.flush()
    log.close()
    kept = sorted(str(q) for (q,) in rows(database, "SELECT query FROM events"))
    assert kept == ["first", "while locked"]

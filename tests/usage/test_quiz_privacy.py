"""What the quiz book keeps about people, for how long, and how it tells people apart."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

import bot.usage
from bot.core.engine import Engine
from bot.core.types import Actor
from bot.store.store import Store
from bot.usage import quizbook
from bot.usage.database import DAY, UsageDatabase
from bot.usage.log import SALT_NAME, Usage
from bot.usage.quizbook import Player, QuizBook
from tests.conftest import KNOWLEDGE, shown
from tests.core.quiz.play import say
from tests.usage.conftest import event


def count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_retention_deletes_old_scores_and_long_overdue_reviews(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A player gone for longer than `retention_days` leaves no score, name or review behind."""
    now = time.time()
    book = QuizBook(UsageDatabase(database), database.parent / SALT_NAME)
    gone, stays = Player("discord", "g", "u-gone", "Gone"), Player("discord", "g", "u-here", "Here")
    monkeypatch.setattr(quizbook, "now", lambda: now - 10 * DAY)  # a miss due 9 days ago
    book.record(gone, "tashkent-declaration-1966", "when", right=False)
    monkeypatch.setattr(quizbook, "now", lambda: now - 1 * DAY)
    book.record(stays, "tashkent-declaration-1966", "when", right=False)
    assert count(database, "quiz_scores") == 2 and count(database, "quiz_review") == 2
    again = Usage(database, retention_days=7, interval=0.02)  # prunes when it first writes
    again.record(event("today", at=now))
    again.close()
    with sqlite3.connect(database) as connection:
        names = connection.execute("SELECT name FROM quiz_scores").fetchall()
    assert names == [("Here",)]
    assert count(database, "quiz_review") == 1


def test_every_upsert_names_its_conflict_columns() -> None:
    """`ON CONFLICT DO UPDATE` without columns needs SQLite 3.35; some systems ship older."""
    folder = Path(bot.usage.__file__).parent
    for module in folder.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"ON CONFLICT\s+DO", text), module.name


def test_the_asker_sharing_a_name_with_someone_on_the_board_still_sees_their_score(
    tmp_path: Path,
) -> None:
    """Two Alexes: the board's Alex once hid the other Alex's "You:" line."""
    usage = Usage(tmp_path / "usage.sqlite3", retention_days=90, interval=0.02)
    try:
        assert usage.quiz is not None
        for n in range(10):
            name = "Alex" if n == 0 else f"Player{n}"
            usage.quiz.record(Player("discord", "g", f"u-{n}", name), "f", "when", right=True)
        usage.quiz.record(Player("discord", "g", "u-other-alex", "Alex"), "f", "when", False)
        engine = Engine(Store.open(KNOWLEDGE), usage=usage)
        other_alex = Actor(id="u-other-alex", name="Alex", platform="discord", place="g")
        board = say(engine, "quiz top", other_alex)
        assert board.footer == "You: 0 points of 1."
        assert "Alex (you)" not in shown(board)
        first_alex = Actor(id="u-0", name="Alex", platform="discord", place="g")
        assert "Alex (you) — 1 point of 1" in shown(say(engine, "quiz top", first_alex))
    finally:
        usage.close()

"""Smoke test of the usage benchmark at a tiny size: it fills, reads, and reports every figure."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.usage import fill, reading
from bot.usage.database import UsageDatabase
from bot.usage.reports import read_stats


def test_fill_writes_every_event_and_the_roll_ups_agree(tmp_path: Path) -> None:
    """2,000 synthetic events are stored, and `stats 90` counts all of them."""
    database = tmp_path / "usage.sqlite3"
    fill(database, 2_000)
    with UsageDatabase(database).connect() as connection:
        assert connection.execute("SELECT COUNT(*) FROM events").fetchone() == (2_000,)
        stats = read_stats(connection, 90, time.time())
    assert stats.requests == 2_000
    assert stats.queries and stats.facts and stats.latency


def test_reading_reports_each_figure(tmp_path: Path) -> None:
    """The reading benchmark times stats, gaps and the naive baseline, with their ratio."""
    database = tmp_path / "usage.sqlite3"
    fill(database, 500)
    figures = reading(database, rounds=1)
    assert set(figures) == {
        "stats_30_days_ms",
        "stats_90_days_ms",
        "gaps_30_days_ms",
        "naive_stats_90_days_ms",
        "naive_over_stats_90",
    }

"""`stats`: requests, answer rate, top commands, queries and facts, speed — from real requests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.commands import ALL
from bot.core.commands.usage import opened_stats
from bot.core.engine import Engine
from bot.core.table import CommandTable
from bot.store.store import Store
from bot.usage.log import Usage
from tests.conftest import ADMIN, KNOWLEDGE, MEMBER, say, shown
from tests.core.commands.test_gaps import STUDENT


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(KNOWLEDGE)


def engine_with(store: Store, tmp_path: Path, public: bool = False) -> Engine:
    usage = Usage(tmp_path / "usage.sqlite3", retention_days=90, public=public, interval=0.02)
    table = CommandTable(opened_stats(ALL) if public else ALL)
    return Engine(store, table, usage)


@pytest.fixture
def engine(store: Store, tmp_path: Path) -> Iterator[Engine]:
    engine = engine_with(store, tmp_path)
    yield engine
    engine.usage.close()


def test_stats_counts_requests_and_the_answer_rate(engine: Engine) -> None:
    """Three answered questions and one miss: 4 requests, 75% answered, 1 nothing found."""
    for line in ("timeline 1970s", "who bhutto", "who bhutto", "who gandhi"):
        say(engine, line, STUDENT)
    text = shown(say(engine, "stats", ADMIN))
    assert "4 requests · 75% of 4 questions answered · 1 nothing found." in text


def test_stats_lists_top_commands_queries_and_facts(engine: Engine) -> None:
    """`who` twice leads the commands, “bhutto” the questions; the facts shown are counted."""
    for line in ("who bhutto", "who bhutto", "timeline 1970s"):
        say(engine, line, STUDENT)
    text = shown(say(engine, "stats 7", ADMIN))
    assert "Commands\n  `who` — 2 (67%)\n  `timeline` — 1 (33%)" in text
    assert "Most asked\n  “bhutto” — 2\n  “1970s” — 1" in text
    assert "Most read\n" in text and "— 3 times" in text  # Bhutto's facts, on all three pages


def test_stats_shows_latency_per_command_and_platform(engine: Engine) -> None:
    """Each command and each platform gets a p50 and a p99."""
    say(engine, "who bhutto", STUDENT)
    text = shown(say(engine, "stats", ADMIN))
    assert "Speed by command\n  `who` — p50 " in text
    assert "Speed by platform\n  discord — p50 " in text


def test_stats_carries_the_per_day_series_for_a_chart(engine: Engine) -> None:
    """The reply holds 30 days of answered / not answered counts, today's last."""
    say(engine, "who bhutto", STUDENT)
    say(engine, "who gandhi", STUDENT)
    series = say(engine, "stats", ADMIN).series
    assert series is not None and len(series.labels) == 30
    assert [(name, values[-1]) for name, values in series.lines] == [
        ("answered", 1),
        ("not answered", 1),
    ]


def test_stats_is_refused_to_members_by_default(engine: Engine) -> None:
    """Without `stats.public`, a member's `stats` is refused."""
    assert say(engine, "stats", MEMBER).kind == "refused"


def test_public_stats_answer_members(store: Store, tmp_path: Path) -> None:
    """With `stats.public: true` a member gets the stats."""
    engine = engine_with(store, tmp_path, public=True)
    say(engine, "who bhutto", STUDENT)
    reply = say(engine, "stats", MEMBER)
    engine.usage.close()
    assert reply.kind == "admin" and reply.title == "Usage, last 30 days"


def test_admin_commands_keep_no_text(engine: Engine, tmp_path: Path) -> None:
    """A `fact` command is counted, but what was typed after it is not stored."""
    say(engine, "fact show some-secret-looking-id", ADMIN)
    engine.usage.stats(1)  # writes what is queued
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("usage.sqlite3*"))
    assert b"fact" in stored and b"some-secret-looking-id" not in stored

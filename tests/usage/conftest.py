"""A usage log on a file of the test's own, written quickly (no one-second batching wait)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.usage.events import Event, Outcome
from bot.usage.log import Usage

DISCORD_USER = "424242424242424242"
DISCORD_GUILD = "987654321987654321"


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Give where this test's usage log lives."""
    return tmp_path / "state" / "usage.sqlite3"


@pytest.fixture
def usage(database: Path) -> Iterator[Usage]:
    """Give a usage log that writes every 20 ms, closed after the test."""
    log = Usage(database, retention_days=90, interval=0.02)
    yield log
    log.close()


def event(
    query: str = "ruski",
    outcome: Outcome = "missed",
    *,
    at: float | None = None,
    user: str = DISCORD_USER,
    command: str = "search",
    facts: tuple[str, ...] = (),
    latency: float = 0.001,
) -> Event:
    """Make an event as the engine would for a Discord member."""
    return Event(
        at=time.time() if at is None else at,
        platform="discord",
        place=DISCORD_GUILD,
        user=user,
        command=command,
        query=query,
        outcome=outcome,
        facts=facts,
        corrections=(),
        suggested=(),
        latency=latency,
    )

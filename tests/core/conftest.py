"""One engine over the real fact base for the whole session: building it is the slow part."""

from __future__ import annotations

import pytest

from bot.adapters.terminal import render
from bot.core.engine import Engine
from bot.core.parse import split_line
from bot.core.types import Actor, Reply, Request
from bot.store.store import Store
from tests.conftest import KNOWLEDGE

MEMBER = Actor(id="member", name="member", is_admin=False, platform="test")


@pytest.fixture(scope="session")
def engine() -> Engine:
    """Give an engine over the repo's own knowledge/ folder."""
    return Engine(Store.open(KNOWLEDGE))


def ask(engine: Engine, line: str, actor: Actor = MEMBER) -> Reply:
    """Send one typed line through the front door, as an adapter would."""
    parsed = split_line(line)
    assert parsed is not None, line
    return engine.handle(Request(parsed[0], parsed[1], actor))


def text_of(engine: Engine, line: str) -> str:
    """Give the reply to a line as the console prints it."""
    return render(ask(engine, line), width=100)

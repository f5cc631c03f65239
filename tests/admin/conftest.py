"""An engine over a private copy of the fact base, driven as the console drives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.console import answer
from bot.adapters.terminal import render
from bot.core.engine import Engine
from bot.core.types import Actor, Reply
from bot.store.store import Store
from tests.conftest import SEEDS

ADMIN = Actor(id="console:tester", name="tester", is_admin=True, platform="console")
OTHER_ADMIN = Actor(id="console:other", name="other", is_admin=True, platform="console")
MEMBER = Actor(id="member", name="member", is_admin=False, platform="test")


def engine_over(folder: Path, seeds: Path = SEEDS) -> Engine:
    """Load an engine over `folder` whose edits check provenance against `seeds`."""
    return Engine(Store.open(folder, seeds))


@pytest.fixture
def engine(knowledge_copy: Path) -> Engine:
    """Give an engine over this test's own copy of knowledge/."""
    return engine_over(knowledge_copy)


def say(engine: Engine, line: str, actor: Actor = ADMIN) -> Reply:
    """Type one line into the console adapter."""
    reply = answer(engine, line, actor)
    assert reply is not None, line
    return reply


def shown(reply: Reply) -> str:
    """Give the reply as the console prints it."""
    return render(reply, width=200)


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Snapshot every knowledge file's exact bytes (hidden files aside)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}

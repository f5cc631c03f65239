"""One fake Slack and one real bot (slack_bolt over Socket Mode) per test module."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from pydantic import SecretStr

from bot.adapters.slack.pagestate import PageState, Style
from bot.adapters.slack.render import Message, render
from bot.adapters.slack.runner import serve
from bot.config import Cooldown, SlackSettings, SlackTokens
from bot.core.engine import Engine
from bot.core.types import Actor, Request
from bot.store.store import Store
from tests.conftest import KNOWLEDGE
from tests.fakes.slack.server import FakeSlack

TOKENS = SlackTokens(bot=SecretStr("xoxb-fake-bot-token"), app=SecretStr("xapp-fake-app-token"))
ADMIN = "U0ADMIN"  # listed in admin_user_ids
OWNER = "U0OWNER"  # a workspace owner by users.info


def settings_for(fake: FakeSlack, **overrides: Any) -> SlackSettings:
    """Tight cooldowns so tests can reach them; everything else as shipped."""
    values: dict[str, Any] = {
        "api_base": fake.api_base,
        "cooldown": Cooldown(rate=3, per=60),
        "channel_cooldown": Cooldown(rate=1000, per=60),
        "page_size": 6,
        "admin_user_ids": [ADMIN],
    }
    return SlackSettings.model_validate(values | overrides)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Store.open(KNOWLEDGE))


@contextlib.asynccontextmanager
async def running_bot(
    settings: SlackSettings, engine: Engine, fake: FakeSlack
) -> AsyncIterator[asyncio.Task[int]]:
    """Start the production Slack adapter against the fake; stop it cleanly afterwards."""
    stopping = asyncio.Event()
    task = asyncio.create_task(serve(settings, engine, TOKENS, stopping, ping_interval=0.5))
    try:
        await fake.wait_until(lambda: fake.connections > 0 or task.done(), timeout=10)
        yield task
    finally:
        stopping.set()
        assert await asyncio.wait_for(task, 10) == 0


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    server.users[OWNER] = {"id": OWNER, "is_owner": True, "is_admin": False}
    server.users["U0MEMBER"] = {"id": "U0MEMBER", "is_admin": False, "is_owner": False}
    await server.start()
    yield server
    await server.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeSlack, engine: Engine) -> AsyncIterator[asyncio.Task[int]]:
    async with running_bot(settings_for(fake), engine, fake) as task:
        yield task
    assert fake.errors == []


def expected(
    engine: Engine, command: str, args: str, owner: str, style: Style = "prefix", page: int = 0
) -> Message:
    """The message the bot should send, computed from the engine and the renderer."""
    reply = engine.handle(Request(command, args, Actor(owner, owner, platform="slack")))
    typed = (lambda line: "/factbot " + line) if style == "slash" else (lambda line: "!" + line)
    state = PageState(command, args, owner, style)
    return render(reply, page_size=6, page=page, as_typed=typed, page_value=state.at)


_users = iter(range(10**6))


def new_user() -> str:
    """A fresh member, so one test's cooldown never reaches another's."""
    return f"U{next(_users):08d}"

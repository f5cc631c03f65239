"""One fake Discord and one real bot per test module: discord.py clients cannot restart."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from bot.adapters.discord.client import AnyBot, create_bot, start
from bot.adapters.discord.render import render
from bot.config import Cooldown, DiscordSettings
from bot.core.engine import Engine
from bot.core.types import Actor, Request
from bot.store.store import Store
from tests.conftest import KNOWLEDGE
from tests.fake_discord import FakeDiscord


def settings_for(fake: FakeDiscord, **overrides: Any) -> DiscordSettings:
    """Tight cooldowns so tests can reach them; everything else as shipped."""
    values: dict[str, Any] = {
        "api_base": fake.api_base,
        "cooldown": Cooldown(rate=3, per=60),
        "channel_cooldown": Cooldown(rate=25, per=60),
        "page_size": 6,
        "page_timeout": 2,
    }
    return DiscordSettings.model_validate(values | overrides)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Store.open(KNOWLEDGE))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


@contextlib.asynccontextmanager
async def running_bot(settings: DiscordSettings, engine: Engine) -> AsyncIterator[AnyBot]:
    """Start the production bot against a fake; stop it cleanly afterwards."""
    client = await create_bot(settings, engine, guild_ready_timeout=0.05)
    task = asyncio.create_task(start(client, "fake-token"))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 10)
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(task, 10)


TRUSTED_USER_ID = 424_242_424_242_424_242  # an admin by `admin_user_ids`


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeDiscord, engine: Engine) -> AsyncIterator[AnyBot]:
    settings = settings_for(
        fake,
        admin_user_ids=[TRUSTED_USER_ID],
        admin_role_ids=[fake.guild.moderator_role_id],  # a string id, as YAML may give it
    )
    async with running_bot(settings, engine) as client:
        yield client
    assert fake.errors == []


def expected_pages(engine: Engine, command: str, args: str, page_size: int = 6) -> list[Any]:
    """The embeds the bot should send, computed from the engine itself, as JSON."""
    reply = engine.handle(Request(command, args, Actor("0", "member", platform="discord")))
    return [json.loads(json.dumps(e.to_dict())) for e in render(reply, page_size=page_size)]

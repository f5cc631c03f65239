"""One fake Discord and one real bot per test module: discord.py clients cannot restart."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import pytest_asyncio

from bot.adapters.discord.client import AnyBot, create_bot, start
from bot.adapters.discord.render import render
from bot.config import Cooldown, DiscordSettings
from bot.core import registry
from bot.core.engine import Engine
from bot.core.types import Actor, CommandSpec, Reply, Request
from tests.conftest import KNOWLEDGE
from tests.fake_discord import FakeDiscord

ADMIN_SPEC = CommandSpec(
    name="testadmin", summary="An admin-only command that exists only in these tests.",
    usage="testadmin", admin=True,
)  # fmt: skip


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


def _admin_answer(engine: Engine, request: Request) -> Reply:
    return Reply(title=f"Admin tools for {request.actor.name}", kind="admin")


@pytest.fixture(scope="module")
def admin_command() -> Iterator[CommandSpec]:
    """Register a tiny admin-only command for these tests, and remove it afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(
            registry._REGISTRY, ADMIN_SPEC.name, registry.Command(ADMIN_SPEC, _admin_answer)
        )
        yield ADMIN_SPEC


@pytest.fixture(scope="module")
def engine(admin_command: CommandSpec) -> Engine:
    return Engine.from_folder(KNOWLEDGE)


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

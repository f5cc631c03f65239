"""One fake Discord and one real bot per test module: discord.py clients cannot restart.

The bot serves the session's read-only `engine` over the repo's knowledge/ (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio

from bot.adapters.discord.client import AnyBot
from bot.config import Cooldown, DiscordSettings
from bot.core.engine import Engine
from tests.fakes.discord import FakeDiscord, running_bot


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


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake() -> AsyncIterator[FakeDiscord]:
    """Give this module's fake Discord, listening on a free port of 127.0.0.1."""
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


TRUSTED_USER_ID = 424_242_424_242_424_242  # an admin by `admin_user_ids`


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeDiscord, engine: Engine) -> AsyncIterator[AnyBot]:
    """Give this module's running bot; the fake must have seen no malformed request."""
    settings = settings_for(
        fake,
        admin_user_ids=[TRUSTED_USER_ID],
        admin_role_ids=[fake.guild.moderator_role_id],  # a string id, as YAML may give it
    )
    async with running_bot(settings, engine) as client:
        yield client
    assert fake.errors == []

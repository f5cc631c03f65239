"""`sharding: true` runs discord.py's AutoShardedBot, which must answer just the same."""

from __future__ import annotations

import pytest
from discord.ext import commands

from bot.core.engine import Engine
from tests.adapters.discord.conftest import settings_for
from tests.adapters.discord.expected import TIMELINE_1970S
from tests.fakes.discord import FakeDiscord, running_bot

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(30)]


async def test_sharded_bot_identifies_with_a_shard_and_answers(engine: Engine) -> None:
    """The sharded client identifies as shard 0 of 1 and answers `!timeline 1970s`."""
    fake = FakeDiscord()
    await fake.start()
    try:
        async with running_bot(settings_for(fake, sharding=True), engine) as bot:
            assert isinstance(bot, commands.AutoShardedBot)
            asked = await fake.say(fake.member(), "!timeline 1970s")
            sent = await fake.reply_to(asked)
    finally:
        await fake.stop()
    assert fake.gateway.identifies[0]["shard"] == [0, 1]
    assert sent.body["embeds"] == [TIMELINE_1970S]
    assert fake.errors == []

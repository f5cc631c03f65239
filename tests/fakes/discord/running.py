"""Run the production bot against a fake Discord for the length of a `with` block."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from bot.adapters.discord.client import AnyBot, create_bot, start
from bot.charts.service import ChartRenderer
from bot.config import DiscordSettings
from bot.core.engine import Engine


@contextlib.asynccontextmanager
async def running_bot(
    settings: DiscordSettings, engine: Engine, charts: ChartRenderer | None = None
) -> AsyncIterator[AnyBot]:
    """Start the production bot against a fake; stop it cleanly afterwards."""
    client = await create_bot(settings, engine, charts, guild_ready_timeout=0.05)
    task = asyncio.create_task(start(client, "fake-token"))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 10)
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(task, 10)

"""A Discord bot given no chart renderer draws with one of its own, and stops it when it closes
(its own module: one bot per fake Discord)."""

from __future__ import annotations

import multiprocessing

import pytest

from bot.core.engine import Engine
from tests.adapters.discord.conftest import settings_for
from tests.fakes.discord import FakeDiscord, running_bot

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(90)]


async def test_a_bot_stops_its_own_chart_worker_when_it_closes(
    fake: FakeDiscord, engine: Engine
) -> None:
    """A bot given no renderer draws with one of its own; closing the bot ends that worker."""
    before = set(multiprocessing.active_children())
    async with running_bot(settings_for(fake), engine):
        asked = await fake.say(fake.member(), "!timeline 1970s chart", channel=fake.channel(1))
        sent = await fake.reply_to(asked, timeout=60)
        assert sent.files  # drawn by the bot's own worker
        workers = set(multiprocessing.active_children()) - before
        assert workers
    for worker in workers:
        worker.join(10)
        assert not worker.is_alive()

"""A chart that takes too long never holds up its answer on Discord: past the renderer's time
limit the text goes alone."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.adapters.discord.client import AnyBot
from bot.charts.service import ChartRenderer
from bot.core.engine import Engine
from tests.adapters.discord.conftest import settings_for
from tests.fakes.discord import FakeDiscord, running_bot

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(90)]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeDiscord, engine: Engine) -> AsyncIterator[AnyBot]:
    """A bot whose charts may take a millisecond: a cold worker never makes it."""
    charts = ChartRenderer(limit=0.001)
    charts.start()
    try:
        async with running_bot(settings_for(fake), engine, charts) as client:
            yield client
    finally:
        charts.close()
    assert fake.errors == []


async def test_a_chart_past_the_limit_leaves_a_complete_text_answer(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """`!timeline 1960s chart` with no picture in time: the whole text answer, no attachment."""
    asked = await fake.say(fake.member(), "!timeline 1960s chart", channel=fake.channel(1))
    sent = await fake.reply_to(asked, timeout=10)
    embed = sent.body["embeds"][0]
    assert embed["title"] == "Timeline: 1960s" and "Tashkent" in str(embed)
    assert "image" not in embed and sent.files == {}

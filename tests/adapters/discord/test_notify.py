"""Admins hear of held and failed reloads in `discord.admin_channel`, posted by the real bot."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.discord.client import AnyBot
from bot.adapters.discord.notify import admin_notifier
from bot.store.store import Store
from tests.fakes.discord import FakeDiscord

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]


async def test_a_held_reload_is_posted_to_the_admin_channel(
    bot: AnyBot, fake: FakeDiscord, knowledge_copy: Path
) -> None:
    """Deleting quotes.yaml: the admin channel gets the held notice, pinging no one."""
    store = Store.open(knowledge_copy)
    (knowledge_copy / "quotes.yaml").unlink()
    channel = fake.channel(2)
    admin_notifier(bot, int(channel))(store.reload(only_if_changed=True))
    posted = await fake.wait_for(lambda r: r.path == f"/api/v10/channels/{channel}/messages")
    assert posted.body["content"].startswith("Reload held: quotes.yaml is gone")
    assert posted.body["allowed_mentions"] == {"parse": []}


async def test_a_good_reload_posts_nothing(
    bot: AnyBot, fake: FakeDiscord, knowledge_copy: Path
) -> None:
    """A reload with nothing to tell leaves the admin channel quiet."""
    store = Store.open(knowledge_copy)
    channel = fake.channel(3)
    admin_notifier(bot, int(channel))(store.reload())
    await fake.reply_to(await fake.say(fake.member(), "!sources", channel=fake.channel(4)))
    assert not [r for r in fake.requests if channel in r.path]

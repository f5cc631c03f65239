"""Tell the admins' channel (`discord.admin_channel`) about failed and held reloads.

The file watcher hands each reload's result to this callback; the text comes from the
platform-neutral `bot.core.notices`, so a Slack adapter posts the very same words its own way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import discord

from bot.core.notices import reload_notice
from bot.store.store import ReloadResult

_log = logging.getLogger("factbot.discord")
LIMIT = 2000  # characters in one Discord message


def admin_notifier(
    client: discord.Client, channel_id: int | None
) -> Callable[[ReloadResult], None]:
    """Give the watcher's callback: post what admins should hear, when a channel is set."""
    tasks: set[asyncio.Task[None]] = set()

    def notify(result: ReloadResult) -> None:
        text = reload_notice(result)
        if text is None or channel_id is None:
            return
        task = asyncio.get_running_loop().create_task(_post(client, channel_id, text))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    return notify


async def _post(client: discord.Client, channel_id: int, text: str) -> None:
    shown = text if len(text) <= LIMIT else text[: LIMIT - 1] + "…"
    channel = client.get_partial_messageable(channel_id)
    try:
        await channel.send(shown, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as exc:  # a deleted channel, or no right to post there
        _log.warning("could not tell the admin channel %s: %s", channel_id, exc)

"""Build and start the bot: a stock `commands.Bot` (or `AutoShardedBot`) plus the factbot cog.

No Bot subclass: everything factbot adds lives in the cog, so switching to the sharded client is
a one-word choice here, and a test can start exactly the bot that production starts.
"""

from __future__ import annotations

from typing import Any

import discord
from discord.ext import commands

from bot.adapters.discord.cog import FactbotCog
from bot.adapters.discord.endpoints import use_api_base, use_discovered_gateway
from bot.adapters.interaction import AnswerEngine
from bot.charts.service import ChartRenderer
from bot.config import DiscordSettings

AnyBot = commands.Bot | commands.AutoShardedBot


def intents_for(settings: DiscordSettings) -> discord.Intents:
    """Only what we use: message content only when prefix commands are on."""
    prefix = settings.commands.prefix
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = prefix
    intents.dm_messages = prefix and settings.dms != "ignore"
    intents.message_content = prefix
    return intents


async def create_bot(
    settings: DiscordSettings,
    engine: AnswerEngine,
    charts: ChartRenderer | None = None,
    **options: Any,
) -> AnyBot:
    """Build a stock bot with the factbot cog loaded, ready for `start`.

    `charts` draws the pictures (one renderer shared with Slack); `options` go straight to
    discord.py's constructor (tests shorten timeouts with them).
    """
    use_api_base(settings.api_base)
    # A text bot: "PyNaCl/davey is not installed, voice will NOT be supported" is only noise.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    cls = commands.AutoShardedBot if settings.sharding else commands.Bot
    prefix = settings.prefix if settings.commands.prefix else commands.when_mentioned
    bot = cls(
        command_prefix=prefix,
        intents=intents_for(settings),
        allowed_mentions=discord.AllowedMentions.none(),
        help_command=None,  # the engine's `help` command is generated from the same table
        case_insensitive=True,
        strip_after_prefix=True,
        max_messages=None,  # we never look back at old messages
        activity=discord.CustomActivity(name=f"{settings.prefix}help · /help"),
        **options,
    )
    await bot.add_cog(FactbotCog(bot, engine, settings, charts))
    return bot


async def start(bot: AnyBot, token: str) -> None:
    """Log in, find the gateway through the configured API root, and stay connected."""
    await bot.login(token)
    await use_discovered_gateway(bot.http)
    await bot.connect(reconnect=True)

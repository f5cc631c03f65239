"""Discord's part of `factbot run` (`serve`), and `factbot sync`.

Exit codes: 0 clean stop, 1 Discord or the fact base refused us, 2 unusable configuration.
Every failure an operator can fix is one line on stderr, never a traceback.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import discord

from bot.adapters.discord.client import AnyBot, create_bot, start
from bot.adapters.discord.notify import admin_notifier
from bot.adapters.serving import open_engine
from bot.charts.service import ChartRenderer
from bot.config import Settings, load_settings, require_token
from bot.core.engine import Engine
from bot.errors import ConfigError
from bot.store.store import ReloadResult

_log = logging.getLogger("factbot.discord")

INTENT_HELP = (
    "Discord refused the Message Content intent: enable it for the bot in the Developer Portal "
    "(Bot → Privileged Gateway Intents), or set discord.commands.prefix: false for slash only"
)


def sync(config_path: Path | None, guild: int | None) -> int:
    """Register the slash commands globally, or in one guild (instant, for testing)."""
    loaded = _load(config_path)
    if isinstance(loaded, int):
        return loaded
    settings, token, engine = loaded
    engine.usage.close()  # syncing answers nothing
    return asyncio.run(_sync(settings, engine, token, guild))


def _load(
    config_path: Path | None, articles: Path | None = None
) -> tuple[Settings, str, Engine] | int:
    try:
        settings = load_settings(config_path)
        if articles is not None:
            settings = settings.model_copy(update={"articles": articles})
        token = require_token(settings)
    except ConfigError as exc:
        print(f"factbot: {exc}", file=sys.stderr)
        return 2
    level = getattr(logging, settings.discord.log_level)
    discord.utils.setup_logging(level=level, root=True)
    engine = open_engine(settings)
    return 1 if engine is None else (settings, token, engine)


async def serve(
    settings: Settings,
    engine: Engine,
    token: str,
    stopping: asyncio.Event,
    listeners: list[Callable[[ReloadResult], None]] | None = None,
    charts: ChartRenderer | None = None,
) -> int:
    """Answer on Discord until `stopping` is set; 0 on a clean stop, 1 if Discord refused us."""
    bot = await create_bot(settings.discord, engine, charts=charts)
    closer = asyncio.create_task(_close_when(stopping, bot))
    if listeners is not None:  # reload failures and held reloads reach discord.admin_channel
        listeners.append(admin_notifier(bot, settings.discord.admin_channel))
    try:
        return await _connect(bot, token, settings.discord.api_base)
    finally:
        closer.cancel()


async def _close_when(stopping: asyncio.Event, bot: discord.Client) -> None:
    await stopping.wait()
    await bot.close()


async def _connect(bot: AnyBot, token: str, api_base: str) -> int:
    async with bot:
        try:
            await start(bot, token)
        except (TimeoutError, aiohttp.ClientConnectionError, OSError) as exc:
            _log.error(unreachable(api_base, exc))
            return 1
        except discord.LoginFailure:
            _log.error("Discord refused the token (check DISCORD_TOKEN or discord.token_file)")
            return 1
        except discord.PrivilegedIntentsRequired:
            _log.error(INTENT_HELP)
            return 1
    _log.info("stopped cleanly")
    return 0


def unreachable(api_base: str, exc: BaseException) -> str:
    """Say in one line which host could not be reached and why (no 80-line traceback)."""
    host = urlsplit(api_base).netloc or api_base
    cause = getattr(exc, "os_error", None) or exc
    reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
    return f"cannot reach {host}: {reason} (check the network, or discord.api_base)"


async def _sync(settings: Settings, engine: Engine, token: str, guild_id: int | None) -> int:
    bot = await create_bot(settings.discord, engine)
    async with bot:
        try:
            await bot.login(token)
            if guild_id is None:
                synced = await bot.tree.sync()
            else:
                guild = discord.Object(id=guild_id)
                bot.tree.copy_global_to(guild=guild)
                synced = await bot.tree.sync(guild=guild)
        except discord.LoginFailure:
            print("factbot: Discord refused the token", file=sys.stderr)
            return 1
        except (TimeoutError, aiohttp.ClientConnectionError, OSError) as exc:
            print(f"factbot: {unreachable(settings.discord.api_base, exc)}", file=sys.stderr)
            return 1
        except discord.HTTPException as exc:
            where = f"guild {guild_id}" if guild_id else "globally"
            print(f"factbot: could not sync {where}: {exc.text or exc.status}", file=sys.stderr)
            return 1
    where = f"in guild {guild_id}" if guild_id else "globally (may take up to an hour to show)"
    names = ", ".join("/" + c.name for c in synced)
    print(f"Synced {len(synced)} slash commands {where}: {names}")
    return 0

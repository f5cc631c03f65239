"""`factbot run` and `factbot sync`: settings in, a running bot (or synced commands) out.

Exit codes: 0 clean stop, 1 Discord or the fact base refused us, 2 unusable configuration.
Every failure an operator can fix is one line on stderr, never a traceback.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import discord

from bot.adapters.discord.client import AnyBot, create_bot, start
from bot.adapters.discord.notify import admin_notifier
from bot.config import Settings, load_settings, require_token
from bot.core.engine import Engine
from bot.errors import ConfigError, KnowledgeError
from bot.store.large.limits import Limits
from bot.store.store import Store
from bot.store.watch import watch

_log = logging.getLogger("factbot.discord")

INTENT_HELP = (
    "Discord refused the Message Content intent: enable it for the bot in the Developer Portal "
    "(Bot → Privileged Gateway Intents), or set discord.commands.prefix: false for slash only"
)


def run(config_path: Path | None) -> int:
    """Run the bot until SIGINT/SIGTERM."""
    loaded = _load(config_path)
    if isinstance(loaded, int):
        return loaded
    settings, token, engine = loaded
    return asyncio.run(_serve(settings, engine, token))


def sync(config_path: Path | None, guild: int | None) -> int:
    """Register the slash commands globally, or in one guild (instant, for testing)."""
    loaded = _load(config_path)
    if isinstance(loaded, int):
        return loaded
    settings, token, engine = loaded
    return asyncio.run(_sync(settings, engine, token, guild))


def _load(config_path: Path | None) -> tuple[Settings, str, Engine] | int:
    try:
        settings = load_settings(config_path)
        token = require_token(settings)
    except ConfigError as exc:
        print(f"factbot: {exc}", file=sys.stderr)
        return 2
    level = getattr(logging, settings.discord.log_level)
    discord.utils.setup_logging(level=level, root=True)
    try:
        store = Store.open(
            settings.knowledge, cache_root=settings.cache_dir, state_root=settings.state_dir
        )
        limits = settings.reload
        store.limits = Limits(seconds=limits.timeout_s, memory_mb=limits.memory_mb)
        store.hold_share = limits.hold_share
        engine = Engine(store)
    except KnowledgeError as exc:
        print(f"factbot: the fact base in {settings.knowledge} is invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"factbot: cannot read the fact base {settings.knowledge}: {exc}", file=sys.stderr)
        return 1
    return settings, token, engine


async def _serve(settings: Settings, engine: Engine, token: str) -> int:
    bot = await create_bot(settings.discord, engine)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, _stop, bot, engine.store, sig)
    # Hand edits to knowledge/ go live while the bot runs; a broken file is logged, not served.
    notify = admin_notifier(bot, settings.discord.admin_channel)
    watcher = asyncio.create_task(
        watch(engine.store, on_result=notify), name="factbot-knowledge-watch"
    )
    try:
        return await _connect(bot, token, settings.discord.api_base)
    finally:
        watcher.cancel()


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


def _stop(bot: discord.Client, store: Store, sig: signal.Signals) -> None:
    _log.info("received %s, closing the connection", sig.name)
    store.close()  # a reload in progress ends now (its child is killed), not in minutes
    asyncio.get_running_loop().create_task(bot.close())


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

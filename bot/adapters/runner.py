"""`factbot run`: start every chat platform whose tokens are set, on one loop, with one engine.

Discord (`DISCORD_TOKEN`) and Slack (`SLACK_BOT_TOKEN` + `SLACK_APP_TOKEN`) each run as a task
on the same event loop, answering from the same engine, so an edit made in one is served in
the other at once. SIGINT or SIGTERM stops them all; the exit code is the worst of theirs.
Exit codes: 0 clean stop, 1 a platform or the fact base refused us, 2 unusable configuration.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from bot.adapters.serving import open_engine
from bot.charts.service import ChartRenderer, charts_dir
from bot.config import Settings, load_settings
from bot.core.engine import Engine
from bot.errors import ConfigError
from bot.store.paths import cache_root
from bot.store.watch import watch

_log = logging.getLogger("factbot")

NO_TOKENS = (
    "no chat platform to run: set DISCORD_TOKEN for Discord, or SLACK_BOT_TOKEN and "
    "SLACK_APP_TOKEN for Slack (or `make run` without them for the console chat)"
)


def run(config_path: Path | None, articles: Path | None = None) -> int:
    """Run every configured platform until SIGINT/SIGTERM; `articles` overrides the config's."""
    try:
        settings = load_settings(config_path)
        if articles is not None:
            settings = settings.model_copy(update={"articles": articles})
    except ConfigError as exc:
        print(f"factbot: {exc}", file=sys.stderr)
        return 2
    if settings.token is None and settings.slack_tokens is None:
        print(f"factbot: {NO_TOKENS}", file=sys.stderr)
        return 2
    levels = [settings.discord.log_level] if settings.token else []
    levels += [settings.slack.log_level] if settings.slack_tokens else []
    logging.basicConfig(
        level=min(getattr(logging, level) for level in levels),
        format="%(asctime)s %(levelname)-8s %(name)s: %(message)s",
    )
    engine = open_engine(settings)
    if engine is None:
        return 1
    try:
        return asyncio.run(_serve(settings, engine))
    finally:
        engine.usage.close()  # the last batch of usage events reaches the database


async def _serve(settings: Settings, engine: Engine) -> int:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, _stop, stopping, sig)
    # Hand edits to knowledge/ go live while the bot runs; a broken file is logged, not served.
    watcher = asyncio.create_task(watch(engine.store), name="factbot-knowledge-watch")
    # One chart worker for every platform, started (and matplotlib imported in it) right now.
    charts = ChartRenderer(charts_dir(settings.cache_dir or cache_root()))
    charts.start()
    try:
        codes = await asyncio.gather(*_platforms(settings, engine, stopping, charts))
    finally:
        watcher.cancel()
        charts.close()
    return max(codes)


def _platforms(
    settings: Settings, engine: Engine, stopping: asyncio.Event, charts: ChartRenderer
) -> list[Coroutine[Any, Any, int]]:
    """Start each platform with tokens; its adapter is imported only then (discord.py is big)."""
    started: list[Coroutine[Any, Any, int]] = []
    if settings.token is not None:
        from bot.adapters.discord import runner as discord_runner

        token = settings.token.get_secret_value()
        started.append(discord_runner.serve(settings, engine, token, stopping, charts=charts))
    if settings.slack_tokens is not None:
        from bot.adapters.slack import runner as slack_runner

        tokens = settings.slack_tokens
        started.append(slack_runner.serve(settings.slack, engine, tokens, stopping, charts=charts))
    return started


def _stop(stopping: asyncio.Event, sig: signal.Signals) -> None:
    _log.info("received %s, closing the connections", sig.name)
    stopping.set()

"""Build the engine an adapter serves from the settings: fact base, command table, usage log.

One place, so the console, `factbot stats` and the Discord bot serve the same thing the same way.
"""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from bot.core.commands import ALL
from bot.core.commands.usage import opened_stats
from bot.core.engine import Engine
from bot.core.table import CommandTable
from bot.store.paths import state_dir
from bot.store.store import Store
from bot.usage.log import DATABASE_NAME, UsageLog, open_usage


def open_engine(settings: Settings) -> Engine:
    """Open the fact base and the usage log; raises KnowledgeError if the base is invalid."""
    store = Store.open(
        settings.knowledge, cache_root=settings.cache_dir, state_root=settings.state_dir
    )
    table = CommandTable(opened_stats(ALL) if settings.stats.public else ALL)
    return Engine(store, table, usage_log(settings))


def usage_database(settings: Settings) -> Path:
    """Give where usage is recorded: `stats.database`, else the fact base's state directory."""
    if settings.stats.database is not None:
        return settings.stats.database
    return state_dir(settings.knowledge, settings.state_dir) / DATABASE_NAME


def usage_log(settings: Settings) -> UsageLog:
    """Open the usage log the settings ask for (nothing at all with `stats.enabled: false`)."""
    stats = settings.stats
    return open_usage(stats.enabled, usage_database(settings), stats.retention_days, stats.public)

"""Build the engine an adapter serves from the settings: fact base, command table, usage log.

One place, so the console, `factbot stats`, `factbot run` (Discord, Slack or both) and
`factbot sync` serve the same thing the same way, and an operator sees the same one-line
reasons (`file:line: what — fix`) whichever they ran.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.commands import ALL
from bot.core.commands.usage import opened_stats
from bot.core.engine import Engine
from bot.core.table import CommandTable
from bot.errors import KnowledgeError
from bot.store.large.limits import Limits
from bot.store.paths import state_dir
from bot.store.store import Store
from bot.usage.log import DATABASE_NAME, UsageLog, open_usage

if TYPE_CHECKING:  # pydantic costs ~0.5 s to import: `factbot ask` without a config skips it
    from bot.config import Settings

_log = logging.getLogger("factbot")
RETENTION_DAYS = 90  # the `stats.retention_days` default, for a console run with no config


def build_engine(settings: Settings) -> Engine:
    """Open the fact base and the usage log; raises KnowledgeError if the base is invalid."""
    store = Store.open(
        settings.knowledge,
        settings.articles,
        cache_root=settings.cache_dir,
        state_root=settings.state_dir,
    )
    limits = settings.reload
    store.limits = Limits(seconds=limits.timeout_s, memory_mb=limits.memory_mb)
    store.hold_share = limits.hold_share
    table = CommandTable(opened_stats(ALL) if settings.stats.public else ALL)
    return Engine(store, table, usage_log(settings))


def default_engine(knowledge: Path, articles: Path | None = None) -> Engine:
    """Open the engine as the default settings would, without reading any (the console).

    Same store, table and usage log as `build_engine(Settings())`, minus the cost of loading
    pydantic for a one-shot `factbot ask`.
    """
    store = Store.open(knowledge, articles)
    database = state_dir(knowledge) / DATABASE_NAME
    return Engine(store, CommandTable(ALL), open_usage(True, database, RETENTION_DAYS, False))


def open_engine(settings: Settings) -> Engine | None:
    """Open the engine for a long-running bot; None (and why, on stderr) if it cannot be."""
    try:
        engine = build_engine(settings)
    except KnowledgeError as exc:
        print(f"factbot: the fact base in {settings.knowledge} is invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None
    except OSError as exc:
        print(f"factbot: cannot read the fact base {settings.knowledge}: {exc}", file=sys.stderr)
        return None
    if engine.store.unverified_sources():
        _log.warning(
            "the articles are not at %s: evidence is not checked, and chat edits need "
            "unverified=yes (set `articles:` in the config or $FACTBOT_ARTICLES)",
            engine.store.seeds,
        )
    return engine


def usage_database(settings: Settings) -> Path:
    """Give where usage is recorded: `stats.database`, else the fact base's state directory."""
    if settings.stats.database is not None:
        return settings.stats.database
    return state_dir(settings.knowledge, settings.state_dir) / DATABASE_NAME


def usage_log(settings: Settings) -> UsageLog:
    """Open the usage log the settings ask for (nothing at all with `stats.enabled: false`)."""
    stats = settings.stats
    return open_usage(stats.enabled, usage_database(settings), stats.retention_days, stats.public)

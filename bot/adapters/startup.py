"""Open the fact base for a long-running bot, explaining on stderr why it cannot be opened.

`factbot run` and `factbot sync` both start here, so an operator sees the same one-line
reasons (`file:line: what — fix`) whichever they ran.
"""

from __future__ import annotations

import logging
import sys

from bot.config import Settings
from bot.core.engine import Engine
from bot.errors import KnowledgeError
from bot.store.store import Store

_log = logging.getLogger("factbot")


def open_engine(settings: Settings) -> Engine | None:
    """Open the fact base once for every platform; None (and why, on stderr) if it cannot be."""
    try:
        store = Store.open(
            settings.knowledge,
            settings.articles,
            cache_root=settings.cache_dir,
            state_root=settings.state_dir,
        )
    except KnowledgeError as exc:
        print(f"factbot: the fact base in {settings.knowledge} is invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None
    except OSError as exc:
        print(f"factbot: cannot read the fact base {settings.knowledge}: {exc}", file=sys.stderr)
        return None
    if store.unverified_sources():
        _log.warning(
            "the articles are not at %s: evidence is not checked, and chat edits need "
            "unverified=yes (set `articles:` in the config or $FACTBOT_ARTICLES)",
            store.seeds,
        )
    return Engine(store)

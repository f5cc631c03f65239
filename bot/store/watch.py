"""Reload the fact base whenever its files change: `Store.reload`, run on every change.

`watch` is for adapters with an event loop (a background task); `watch_in_thread` for the
blocking console. `Store.reload` serves a new base only if the files are valid and unchanged
since it started reading; otherwise the last good fact base stays in service.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.factbase.load.files import SCHEMA_NAME
from bot.store.store import ReloadResult, Store

if TYPE_CHECKING:  # asyncio and watchfiles only once something watches: `ask` never does
    import asyncio

    from watchfiles import Change

_log = logging.getLogger("factbot.reload")
DEBOUNCE_MS = 400  # editors save in bursts (temp file, rename, chmod); wait for the last one
KNOWLEDGE_SUFFIXES = (".yaml", ".yml")


def is_knowledge_file(change: Change, path: str) -> bool:
    """Watch the YAML files and the schema; skip hidden files (temp files, lock, audit log)."""
    name = Path(path).name
    return not name.startswith(".") and (name.endswith(KNOWLEDGE_SUFFIXES) or name == SCHEMA_NAME)


async def watch(
    store: Store,
    folder: Path | None = None,
    on_result: Callable[[ReloadResult], object] | None = None,
    stop_event: asyncio.Event | None = None,
) -> None:
    """Reload whenever knowledge files change, until cancelled or `stop_event` is set.

    A change that arrives while a reload is still running cancels it (its child is killed) and
    starts a new one: the newest files win, and a fix saved during a slow reload is served as
    soon as it is read, not after the slow one ends.
    """
    import asyncio

    from watchfiles import awatch

    target = folder or store.writer.folder
    running: asyncio.Task[None] | None = None
    try:
        async for _changes in awatch(
            target, watch_filter=is_knowledge_file, debounce=DEBOUNCE_MS, stop_event=stop_event
        ):
            if running is not None and not running.done():
                _log.info("newer files arrived: cancelling the reload in progress")
                store.cancel_reload()
                await asyncio.wait({running})
            running = asyncio.create_task(_reload(store, on_result), name="factbot-reload")
    finally:
        if running is not None and not running.done():
            store.cancel_reload()
            await asyncio.wait({running}, timeout=5)


async def _reload(store: Store, on_result: Callable[[ReloadResult], object] | None) -> None:
    import asyncio

    try:
        result = await asyncio.to_thread(store.reload, True)
    except Exception:  # a watcher that dies silently is worse than one that logs and goes on
        _log.exception("reload after a file change failed")
        return
    if on_result is not None:
        on_result(result)


def watch_in_thread(
    store: Store, on_result: Callable[[ReloadResult], object] | None = None
) -> Callable[[], None]:
    """Run `watch` on its own loop in a daemon thread (for the blocking console); give a stop."""
    import asyncio

    loop = asyncio.new_event_loop()
    stop = asyncio.Event()

    def run() -> None:
        try:
            loop.run_until_complete(watch(store, on_result=on_result, stop_event=stop))
        except Exception:
            _log.exception("the knowledge watcher stopped")
        finally:
            loop.close()

    thread = threading.Thread(target=run, name="factbot-watch", daemon=True)
    thread.start()

    def halt() -> None:
        if not loop.is_closed():
            loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=5)

    return halt

"""Reload the fact base when its files change, without ever serving a broken one.

`reload_now` loads, checks and indexes (slow, so async callers run it in a worker thread) and
swaps the new snapshot in only if the files are valid and unchanged since it started reading;
otherwise the last good fact base stays in service and the problems are reported. `watch` runs
it on every change under the folder, debounced, for adapters to start as a background task.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.editing import publish, writer_for
from bot.core.snapcache import check_and_index_in_child
from bot.core.snapshot import SnapshotTable
from bot.errors import Problem
from bot.factbase.memory import paused_gc, quick_handover
from bot.factbase.model import FactBase
from bot.factbase.schema import SCHEMA_NAME
from bot.factbase.writer import load_state, signatures

if TYPE_CHECKING:  # asyncio and watchfiles only once something watches: `ask` never does
    import asyncio

    from watchfiles import Change

    from bot.core.engine import Engine

_log = logging.getLogger("factbot.reload")
DEBOUNCE_MS = 400  # editors save in bursts (temp file, rename, chmod); wait for the last one
KNOWLEDGE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did: swapped in a new base, kept the old one, or found nothing new."""

    swapped: bool
    problems: tuple[Problem, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    note: str = ""


def reload_now(engine: Engine, only_if_changed: bool = False) -> ReloadResult:
    """Load the folder again and serve it if valid; blocking, so call it off the event loop."""
    # The collector stays off from decoding to the swap (`publish` freezes the new base): with it
    # on, the first collection after decoding walks ~1.5M young objects in one go, holding the
    # GIL (measured: a 1.3 s event-loop stall at 100k entries).
    with paused_gc(), quick_handover():  # and the event loop gets the GIL back quickly
        return _reload(engine, only_if_changed)


def _reload(engine: Engine, only_if_changed: bool) -> ReloadResult:
    writer = writer_for(engine)
    if only_if_changed and writer.known_signatures() == signatures(writer.folder):
        return ReloadResult(False, note="no change since the last load or edit")
    # Parsed and indexed in a child process: libyaml would hold our GIL for seconds, and the
    # indexes take seconds of this process's time (see factbase.background, core.snapcache).
    tables: list[SnapshotTable] = []

    def checker(folder: Path, seeds: Path | None) -> tuple[FactBase, list[Problem]]:
        fb, problems, table = check_and_index_in_child(folder, seeds)
        tables.extend([table] if table is not None else [])
        return fb, problems

    state, problems = load_state(writer.folder, writer.seeds, checker=checker)
    if problems:
        for problem in problems:
            _log.warning("reload refused: %s", problem)
        return ReloadResult(False, tuple(problems), note="kept serving the last good fact base")
    version = writer.adopt(state)
    if version is None:
        return ReloadResult(False, note="the files changed while loading; loading again")
    publish(engine, state.factbase, version, tables[0] if tables else None)
    _log.info("reloaded %s", writer.folder)
    return ReloadResult(True, counts=state.factbase.counts())


def is_knowledge_file(change: Change, path: str) -> bool:
    """Watch the YAML files and the schema; skip hidden files (temp files, lock, audit log)."""
    name = Path(path).name
    return not name.startswith(".") and (name.endswith(KNOWLEDGE_SUFFIXES) or name == SCHEMA_NAME)


async def watch(
    engine: Engine,
    folder: Path | None = None,
    on_result: Callable[[ReloadResult], object] | None = None,
    stop_event: asyncio.Event | None = None,
) -> None:
    """Reload whenever knowledge files change, until cancelled or `stop_event` is set."""
    import asyncio

    from watchfiles import awatch

    target = folder or writer_for(engine).folder
    async for _changes in awatch(
        target, watch_filter=is_knowledge_file, debounce=DEBOUNCE_MS, stop_event=stop_event
    ):
        try:
            result = await asyncio.to_thread(reload_now, engine, True)
        except Exception:  # a watcher that dies silently is worse than one that logs and goes on
            _log.exception("reload after a file change failed")
            continue
        if on_result is not None:
            on_result(result)


def watch_in_thread(
    engine: Engine, on_result: Callable[[ReloadResult], object] | None = None
) -> Callable[[], None]:
    """Run `watch` on its own loop in a daemon thread (for the blocking console); give a stop."""
    import asyncio

    loop = asyncio.new_event_loop()
    stop = asyncio.Event()

    def run() -> None:
        try:
            loop.run_until_complete(watch(engine, on_result=on_result, stop_event=stop))
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

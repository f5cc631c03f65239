"""Measure event-loop stalls while a large fact base reloads beside a serving engine.

    python -m benchmarks.stall benchmarks/data/fb-100000

An edit adds one event with a unique word; then the bot's own reload (`Store.reload`, run
with `asyncio.to_thread` as the Discord runner and the `reload` command do) runs while a ticker
measures how late a 1 ms sleep wakes up (the loop's stall) and a client searches for the new word
every 5 ms.
Before the swap every answer must come from the old base (no hit), after it from the new one.
The edit is undone afterwards. Prints one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.measure import percentile
from bot.core.engine import Engine
from bot.core.types import Actor, Request
from bot.store import store as store_module
from bot.store.basecache import cache_path
from bot.store.indexcache import index_path
from bot.store.large import child, retire
from bot.store.paths import cache_dir
from bot.store.store import Store

MARKER = "zyzzyvaquux"
TICK_S = 0.001
MARKER_EVENT = f"""
  - id: "reload-marker-event"
    date: "1999"
    text: "The {MARKER} reload marker."
    sources: ["source-0000"]
    evidence: "{MARKER} reload marker"
"""


@dataclass
class Observed:
    """What the ticker and the client saw while the reload ran."""

    lateness_ms: list[float] = field(default_factory=list)
    phase: str = "before"
    worst_by_phase: dict[str, float] = field(default_factory=dict)
    before_swap: list[bool] = field(default_factory=list)  # marker found?
    after_swap: list[bool] = field(default_factory=list)
    done: bool = False


def _label_phases(seen: Observed) -> None:
    """Wrap the reload's steps so each stall is charged to the step that was running."""
    for module, name, label in (
        (child, "check_and_index_in_child", "reload (other steps)"),
        (subprocess, "run", "parse+validate+index in child"),
        (child, "read_cache", "decode base"),
        (child, "read_table", "decode indexes"),
        (store_module, "open_snapshot", "open indexes"),
        (store_module, "build_snapshot", "build indexes"),
        (retire, "dismantle", "take old snapshot apart"),
    ):
        original = getattr(module, name)

        def labelled(*args: Any, _f: Any = original, _label: str = label, **kwargs: Any) -> Any:
            seen.phase = _label
            result = _f(*args, **kwargs)
            seen.phase = "reload (other steps)"
            return result

        setattr(module, name, labelled)


async def _ticker(seen: Observed) -> None:
    loop = asyncio.get_running_loop()
    while not seen.done:
        start = loop.time()
        await asyncio.sleep(TICK_S)
        late = (loop.time() - start - TICK_S) * 1000
        seen.lateness_ms.append(late)
        seen.worst_by_phase[seen.phase] = max(late, seen.worst_by_phase.get(seen.phase, 0.0))


async def _client(engine: Engine, seen: Observed) -> None:
    old = id(engine.snapshot)  # not the object: holding it would keep it from being taken apart
    request = Request("search", MARKER, Actor("bench", "bench"))
    while not seen.done:
        served = id(engine.snapshot)
        reply = engine.handle(request)
        found = any(item.fact_id == "reload-marker-event" for item in reply.items)
        if id(engine.snapshot) == served:  # one asked while the swap happened could be either
            (seen.before_swap if served == old else seen.after_swap).append(found)
        await asyncio.sleep(0.005)


async def _measure(engine: Engine) -> dict[str, Any]:
    seen = Observed()
    tasks = [asyncio.create_task(_ticker(seen)), asyncio.create_task(_client(engine, seen))]
    await asyncio.sleep(0.2)
    start = time.perf_counter()
    seen.phase = "reload (other steps)"
    _label_phases(seen)
    result = await asyncio.to_thread(engine.store.reload)
    elapsed = time.perf_counter() - start
    seen.phase = "after"
    await asyncio.sleep(0.2)
    seen.done = True
    await asyncio.gather(*tasks)
    return {
        "entries": len(engine.snapshot.fb.facts),
        "swapped": result.swapped,
        "reload_s": round(elapsed, 2),
        "max_stall_ms": round(max(seen.lateness_ms), 1),
        "p99_stall_ms": round(percentile(seen.lateness_ms, 99), 1),
        "ticks": len(seen.lateness_ms),
        "max_stall_ms_by_phase": {k: round(v, 1) for k, v in seen.worst_by_phase.items()},
        "old_answers": len(seen.before_swap),
        "early_new_answers": sum(seen.before_swap),
        "new_answers_missing_edit": sum(not found for found in seen.after_swap),
    }


def main() -> None:
    folder = Path(sys.argv[1])
    engine = Engine(Store.open(folder))  # the base as it was, before the edit
    cache = cache_dir(folder)
    events, caches = folder / "events.yaml", (cache_path(cache), index_path(cache))
    original, cached = events.read_bytes(), [cache.read_bytes() for cache in caches]
    events.write_bytes(original + MARKER_EVENT.encode())
    try:
        result = asyncio.run(_measure(engine))
    finally:  # undo the edit, and put back the caches of the unedited base
        events.write_bytes(original)
        for cache, content in zip(caches, cached, strict=True):
            cache.write_bytes(content)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Reload the fact base while the bot serves, without ever stalling its event loop.

Measured at 100k entries on 2 cores: parsing YAML in a worker thread stalls the loop for ~2 s
(libyaml composes each file in one C call that never releases the GIL), a full garbage collection
over two bases for ~0.2 s, and dropping the old base for ~0.2 s. `reload_engine` avoids all three
(see `bot.factbase.background`); the largest stall it leaves is in benchmarks/results.json.

Until the swap every request is answered from the old snapshot; a base that fails validation
raises KnowledgeError and the old snapshot simply stays.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from pathlib import Path

from bot.core.engine import Engine, Snapshot, build_snapshot
from bot.factbase.background import dismantle, load_in_child


async def reload_engine(
    engine: Engine,
    folder: Path,
    seeds: Path | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> Snapshot:
    """Load, validate and index `folder` off the loop, then swap it in; return the new snapshot.

    Requests must not keep a snapshot across an `await` (the engine's handlers are synchronous),
    because the old one is taken apart once the new one is live. `on_phase` hears "validate",
    "index", "discard" and "done" as each step starts, for logs and benchmarks.
    """
    phase = on_phase or (lambda _name: None)
    # The collector stays off from decoding to the swap: with it on, the first collection after
    # decoding walks ~1.5M young objects in one go (measured: a 1.3 s stall at 100k entries).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        phase("validate")
        fb = await asyncio.to_thread(load_in_child, folder, seeds)
        phase("index")
        snapshot = await asyncio.to_thread(build_snapshot, fb)
        old = engine.snapshot
        engine.swap(snapshot)
    finally:
        gc.freeze()  # the live base is long-lived: keep it out of every future collection
        if was_enabled:
            gc.enable()
    phase("discard")
    if old.fb is not snapshot.fb:
        await asyncio.to_thread(dismantle, old)
    phase("done")
    return snapshot

"""The watcher: a valid change on disk is served, a broken one reported and not served."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.core.engine import Engine
from bot.store.store import ReloadResult
from bot.store.watch import watch
from tests.conftest import say

HAND_ADDED = """
  - id: hand-added-kasuri-visit-2003
    date: "2003"
    text: Kasuri paid a hand-written visit to Moscow in 2003.
    sources: [challenges-and-prospects]
    evidence: since Pakistan's emergence in 1947
    topics: [diplomacy]
"""
BROKEN = "  - id: [unclosed\n"


def test_watcher_reloads_good_files_and_keeps_serving_through_broken_ones(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """The watcher swaps in a valid change, and reports (without swapping) a broken one."""
    events = knowledge_copy / "events.yaml"
    original = events.read_text(encoding="utf-8")

    async def scenario() -> tuple[ReloadResult, ReloadResult]:
        results: asyncio.Queue[ReloadResult] = asyncio.Queue()
        stop = asyncio.Event()
        task = asyncio.create_task(
            watch(engine_on_copy.store, knowledge_copy, results.put_nowait, stop)
        )
        await asyncio.sleep(0.3)  # let the watcher start
        events.write_text(original + HAND_ADDED, encoding="utf-8")
        good = await asyncio.wait_for(results.get(), timeout=20)
        events.write_text(original + HAND_ADDED + BROKEN, encoding="utf-8")
        bad = await asyncio.wait_for(results.get(), timeout=20)
        stop.set()
        await asyncio.wait_for(task, timeout=10)
        return good, bad

    good, bad = asyncio.run(scenario())
    assert good.swapped
    assert not bad.swapped
    assert "this is not valid YAML" in str(bad.problems[0])
    reply = say(engine_on_copy, "search kasuri hand-written visit")
    assert reply.items and reply.items[0].fact_id == "hand-added-kasuri-visit-2003"

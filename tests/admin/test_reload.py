"""Hot reload: hand edits are picked up; a broken file keeps the last good fact base serving."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.core.engine import Engine
from bot.errors import Problem
from bot.factbase.load.loader import check
from bot.store.store import ReloadResult
from bot.store.watch import watch
from tests.admin.conftest import say
from tests.conftest import SEEDS

HAND_ADDED = """
  - id: hand-added-kasuri-visit-2003
    date: "2003"
    text: Kasuri paid a hand-written visit to Moscow in 2003.
    sources: [challenges-and-prospects]
    evidence: since Pakistan's emergence in 1947
    topics: [diplomacy]
"""
BROKEN = "  - id: [unclosed\n"


def _as_seen_in_chat(problems: list[Problem], folder: Path) -> list[str]:
    """`factbot check`'s messages with paths from the fact base's parent, as chat shows them."""
    return [str(p).replace(f"{folder.parent}/", "") for p in problems]


def _top_hit(engine: Engine, words: str) -> str | None:
    reply = say(engine, f"search {words}")
    return reply.items[0].fact_id if reply.items else None


def test_reload_with_a_broken_file_keeps_old_answers(engine: Engine, knowledge_copy: Path) -> None:
    """`reload` on a broken file says exactly what is wrong, and answers stay as they were."""
    before = _top_hit(engine, "tashkent declaration")
    events = knowledge_copy / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    reply = say(engine, "reload")
    assert reply.title == "Not reloaded: the files have problems."
    problems = check(knowledge_copy, SEEDS)[1]
    assert [item.text for item in reply.items] == _as_seen_in_chat(problems, knowledge_copy)
    assert _top_hit(engine, "tashkent declaration") == before is not None


def test_reload_picks_up_a_hand_edit(engine: Engine, knowledge_copy: Path) -> None:
    """After an edit in an editor, `reload` serves it."""
    events = knowledge_copy / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + HAND_ADDED, encoding="utf-8")
    assert say(engine, "reload").title == "Reloaded the fact base."
    assert _top_hit(engine, "kasuri hand-written visit") == "hand-added-kasuri-visit-2003"


def test_watcher_reloads_good_files_and_keeps_serving_through_broken_ones(
    engine: Engine, knowledge_copy: Path
) -> None:
    """The watcher swaps in a valid change, and reports (without swapping) a broken one."""
    events = knowledge_copy / "events.yaml"
    original = events.read_text(encoding="utf-8")

    async def scenario() -> tuple[ReloadResult, ReloadResult]:
        results: asyncio.Queue[ReloadResult] = asyncio.Queue()
        stop = asyncio.Event()
        task = asyncio.create_task(watch(engine.store, knowledge_copy, results.put_nowait, stop))
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
    assert _top_hit(engine, "kasuri hand-written visit") == "hand-added-kasuri-visit-2003"


def test_own_edits_do_not_trigger_a_second_load(engine: Engine) -> None:
    """After a chat edit the files match what is served, so a watcher event is a no-op."""

    say(engine, 'fact edit pakistan-emerges-1947 text="Pakistan was founded in 1947."')
    assert engine.store.reload(only_if_changed=True).note.startswith("no change")


def test_chat_edits_wait_until_a_broken_file_is_fixed(engine: Engine, knowledge_copy: Path) -> None:
    """With a hand-broken file on disk, an edit is refused with the file's problems, and waits."""
    events = knowledge_copy / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    before = events.read_bytes()
    reply = say(engine, 'fact edit soviet-assistance-offer-1958 text="Changed."')
    assert reply.title.startswith("Nothing was changed: the knowledge files on disk")
    problems = check(knowledge_copy, SEEDS)[1]
    assert [i.text for i in reply.items] == _as_seen_in_chat(problems, knowledge_copy)
    assert events.read_bytes() == before

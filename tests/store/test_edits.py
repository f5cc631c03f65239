"""Edits through the store: served at once, all kept under concurrency, refused on a broken disk,
and the first one reusing the start-up load."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.types import Actor, Request
from bot.factbase.edit.audit import AuditLog
from bot.factbase.load.loader import check
from bot.factbase.load.yamlfile import ParsedFile, parse_file
from tests.conftest import (
    ADD_EVENT,
    EDITED,
    NEW_ID,
    SEEDS,
    add_line,
    audit_log,
    chat_paths,
    engine_over,
    say,
)

EDIT = f'!fact edit {EDITED} text="Pakistan was founded in 1947."'
BROKEN = "  - id: [unclosed\n"
TASKS, EDITS_EACH = 5, 10


def test_added_fact_is_found_by_search_at_once(engine_on_copy: Engine) -> None:
    """`fact add` then `search` in the same session finds the new fact."""
    assert say(engine_on_copy, ADD_EVENT).kind == "admin"
    reply = say(engine_on_copy, "!search taliban nawaz flew")
    assert reply.items and reply.items[0].fact_id == NEW_ID


def test_fifty_concurrent_edits_from_five_tasks_all_persist(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """5 tasks × 10 adds, each handled on a worker thread: all 50 land and the files stay valid."""

    async def admin(task: int) -> list[str]:
        actor = Actor(id=f"admin-{task}", name=f"admin {task}", is_admin=True)
        kinds: list[str] = []
        for n in range(EDITS_EACH):
            request = Request("fact", add_line(task, n).removeprefix("fact "), actor)
            reply = await asyncio.to_thread(engine_on_copy.handle, request)
            kinds.append(reply.kind)
        return kinds

    async def everyone() -> list[list[str]]:
        return await asyncio.gather(*(admin(t) for t in range(TASKS)))

    results = asyncio.run(everyone())
    assert [kind for kinds in results for kind in kinds] == ["admin"] * TASKS * EDITS_EACH
    fb, problems = check(knowledge_copy, SEEDS)
    assert problems == []
    wanted = {f"concurrent-{t}-{n}" for t in range(TASKS) for n in range(EDITS_EACH)}
    assert wanted <= set(fb.facts)
    assert wanted <= set(engine_on_copy.snapshot.fb.facts)  # the newest version is the one served
    assert len(AuditLog(audit_log(knowledge_copy), knowledge_copy).records()) == TASKS * EDITS_EACH


def test_chat_edits_wait_until_a_broken_file_is_fixed(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """With a hand-broken file on disk, an edit is refused with the file's problems, and waits."""
    events = knowledge_copy / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    before = events.read_bytes()
    reply = say(engine_on_copy, 'fact edit soviet-assistance-offer-1958 text="Changed."')
    assert reply.title.startswith("Nothing was changed: the knowledge files on disk")
    problems = check(knowledge_copy, SEEDS)[1]
    assert problems
    assert [i.text for i in reply.items] == chat_paths(problems, knowledge_copy)
    assert events.read_bytes() == before


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every knowledge file the loader parses from now on (the real parser runs)."""
    parsed: list[Path] = []

    def spy(path: Path) -> ParsedFile:
        parsed.append(path)
        return parse_file(path)

    monkeypatch.setattr("bot.factbase.load.loader.parse_file", spy)
    return parsed


def test_first_edit_does_not_load_the_folder_again(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Straight after start-up, an edit parses no file: the engine's load is handed over."""
    engine = engine_over(knowledge_copy)
    parsed = count_parses(monkeypatch)
    assert say(engine, EDIT).kind == "admin"
    assert parsed == []
    assert "Pakistan was founded in 1947." in (knowledge_copy / "events.yaml").read_text("utf-8")


def test_a_file_changed_since_start_up_is_read_again(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand edit made after start-up is not overwritten by a stale hand-over."""
    engine = engine_over(knowledge_copy)
    quotes = knowledge_copy / "quotes.yaml"
    quotes.write_text(quotes.read_text("utf-8") + "# a note added by hand\n", encoding="utf-8")
    parsed = count_parses(monkeypatch)
    assert say(engine, EDIT).kind == "admin"
    assert parsed != []
    assert quotes.read_text("utf-8").endswith("# a note added by hand\n")

"""Concurrent admins, a crash mid-write, and non-admins: no lost change, no broken file."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.types import Actor, Request
from bot.factbase.edit.audit import AuditLog
from bot.factbase.load.loader import check
from tests.admin.conftest import MEMBER, folder_bytes, say, shown
from tests.conftest import SEEDS, audit_log, needs_articles

pytestmark = needs_articles

TASKS, EDITS_EACH = 5, 10


def _add_line(task: int, n: int) -> str:
    return (
        f'fact add event id=concurrent-{task}-{n} date=2001 text="Edit {n} from admin {task}." '
        'sources=challenges-and-prospects evidence="since Pakistan\'s emergence in 1947"'
    )


def test_fifty_concurrent_edits_from_five_tasks_all_persist(
    engine: Engine, knowledge_copy: Path
) -> None:
    """5 tasks × 10 adds, each handled on a worker thread: all 50 land and the files stay valid."""

    async def admin(task: int) -> list[str]:
        actor = Actor(id=f"admin-{task}", name=f"admin {task}", is_admin=True)
        kinds: list[str] = []
        for n in range(EDITS_EACH):
            request = Request("fact", _add_line(task, n).removeprefix("fact "), actor)
            reply = await asyncio.to_thread(engine.handle, request)
            kinds.append(reply.kind)
        return kinds

    async def everyone() -> list[list[str]]:
        return await asyncio.gather(*(admin(t) for t in range(TASKS)))

    results = asyncio.run(everyone())
    assert all(kind == "admin" for kinds in results for kind in kinds)
    fb, problems = check(knowledge_copy, SEEDS)
    assert problems == []
    wanted = {f"concurrent-{t}-{n}" for t in range(TASKS) for n in range(EDITS_EACH)}
    assert wanted <= set(fb.facts)
    assert wanted <= set(engine.snapshot.fb.facts)  # the newest version is the one served
    assert len(AuditLog(audit_log(knowledge_copy), knowledge_copy).records()) == TASKS * EDITS_EACH


def test_crash_between_write_and_rename_leaves_the_old_file(
    engine: Engine, knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the rename never happens, the file is the old one, valid, with no temp file left."""
    before = folder_bytes(knowledge_copy)

    def crash(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    reply = say(engine, _add_line(0, 0))
    monkeypatch.undo()
    assert "nothing was changed" in shown(reply)
    assert folder_bytes(knowledge_copy) == before
    assert [p.name for p in knowledge_copy.iterdir() if p.name.endswith(".tmp")] == []
    assert check(knowledge_copy, SEEDS)[1] == []
    assert AuditLog(audit_log(knowledge_copy), knowledge_copy).records() == []


def test_a_temp_file_left_by_a_hard_crash_is_ignored(engine: Engine, knowledge_copy: Path) -> None:
    """A half-written temp file from a killed process never reaches the loader."""
    (knowledge_copy / ".events.yaml.k2j3.tmp").write_text("events:\n  - id: [broken\n")
    assert check(knowledge_copy, SEEDS)[1] == []
    assert say(engine, _add_line(0, 0)).kind == "admin"


ADMIN_LINES = [
    "fact show pakistan-emerges-1947",
    _add_line(9, 9),
    'fact edit pakistan-emerges-1947 text="Changed."',
    "fact remove soviet-assistance-offer-1958",
    "fact undo",
    "fact history",
    "reload",
    "kb check",
]


@pytest.mark.parametrize("line", ADMIN_LINES, ids=[line.split("=")[0][:24] for line in ADMIN_LINES])
def test_non_admin_is_refused_every_admin_command(
    engine: Engine, knowledge_copy: Path, line: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A member gets a polite refusal, the attempt is logged, and no file changes."""
    before = folder_bytes(knowledge_copy)
    reply = say(engine, line, MEMBER)
    assert reply.kind == "refused"
    assert "for admins only" in reply.title
    assert "refused" in caplog.text
    assert folder_bytes(knowledge_copy) == before


CHILD = """
import sys
import time
from pathlib import Path
from bot.core.types import Actor
from bot.store.store import Store
store = Store.open(Path(sys.argv[1]), Path(sys.argv[2]))  # a second bot on the same folder
actor = Actor(id="child", name="child", is_admin=True)
for n in range(20):
    values = {"date": "2002", "text": f"Child edit {n}.", "sources": ["challenges-and-prospects"],
              "evidence": "since Pakistan's emergence in 1947", "id": f"child-{n}"}
    store.add("events", values, actor, "fact add")
    time.sleep(0.02)
"""


def test_two_processes_editing_at_once_lose_nothing(engine: Engine, knowledge_copy: Path) -> None:
    """Another bot process edits the same file meanwhile: the file lock keeps every change."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", CHILD, str(knowledge_copy), str(SEEDS)])
    audit = audit_log(knowledge_copy)
    deadline = time.monotonic() + 30
    while not (audit.exists() and "child" in audit.read_text()) and time.monotonic() < deadline:
        time.sleep(0.01)  # start editing once the child is editing too
    kinds = [say(engine, _add_line(0, n)).kind for n in range(5)]
    assert child.wait(timeout=60) == 0
    assert kinds == ["admin"] * 5
    actors = [record.actor_id[:5] for record in AuditLog(audit, knowledge_copy).records()]
    assert actors.index("conso") < len(actors) - actors[::-1].index("child") - 1  # interleaved
    fb, problems = check(knowledge_copy, SEEDS)
    assert problems == []
    wanted = {f"child-{n}" for n in range(20)} | {f"concurrent-0-{n}" for n in range(5)}
    assert wanted <= set(fb.facts)

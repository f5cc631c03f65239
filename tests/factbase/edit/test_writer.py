"""The writer's file lock: two bot processes editing one folder at once lose no change."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bot.core.engine import Engine
from bot.factbase.edit.audit import AuditLog
from bot.factbase.load.loader import check
from tests.conftest import SEEDS, add_line, audit_log, say

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


def test_two_processes_editing_at_once_lose_nothing(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """Another bot process edits the same file meanwhile: the file lock keeps every change."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(knowledge_copy), str(SEEDS)])
    audit = audit_log(knowledge_copy)
    deadline = time.monotonic() + 30
    while not (audit.exists() and "child" in audit.read_text()) and time.monotonic() < deadline:
        time.sleep(0.01)  # start editing once the child is editing too
    kinds = [say(engine_on_copy, add_line(0, n)).kind for n in range(5)]
    assert child.wait(timeout=60) == 0
    assert kinds == ["admin"] * 5
    actors = [record.actor_id[:5] for record in AuditLog(audit, knowledge_copy).records()]
    assert actors.index("conso") < len(actors) - actors[::-1].index("child") - 1  # interleaved
    fb, problems = check(knowledge_copy, SEEDS)
    assert problems == []
    wanted = {f"child-{n}" for n in range(20)} | {f"concurrent-0-{n}" for n in range(5)}
    assert wanted <= set(fb.facts)

"""An edit queued behind another process's edit waits its turn, says so, and is saved."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.factbase.edit.lock import LOCK_NAME
from bot.store.paths import state_dir
from tests.conftest import ADD_EVENT, NEW_ID, SEEDS, needs_articles

# Holds the edit lock until told to let go (a line on stdin), so the test releases it only after
# the queued edit has said it waits, however slowly a loaded machine starts that process.
HOLD = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
"""

WAITING = "Waiting for other edits to finish; yours will be saved next"


@needs_articles
def test_a_queued_edit_tells_the_admin_and_lands(knowledge_copy: Path) -> None:
    """With the edit lock held by another process, `factbot ask` says it waits, then saves."""
    lock = state_dir(knowledge_copy) / LOCK_NAME
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "held\n"
        asking = subprocess.Popen(
            [
                sys.executable, "-m", "bot", "ask", ADD_EVENT,
                "--knowledge", str(knowledge_copy), "--articles", str(SEEDS),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert asking.stderr is not None
        said = asking.stderr.readline()
        holder.stdin.write("go\n")
        holder.stdin.flush()
        out, rest = asking.communicate(timeout=60)
    finally:
        holder.kill()
        holder.wait(timeout=30)
        holder.stdin.close()
        holder.stdout.close()
    assert asking.returncode == 0, said + rest
    assert WAITING in said
    assert f"Added `{NEW_ID}`" in out
    assert "Saved after waiting" in out
    assert f"  - id: {NEW_ID}\n" in (knowledge_copy / "events.yaml").read_text(encoding="utf-8")

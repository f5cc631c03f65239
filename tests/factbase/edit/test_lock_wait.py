"""An edit queued behind another process's edit waits its turn, says so, and is saved."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.factbase.edit.lock import LOCK_NAME
from bot.store.paths import state_dir
from tests.conftest import ADD_EVENT, NEW_ID, SEEDS, needs_articles

HOLD = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


@needs_articles
def test_a_queued_edit_tells_the_admin_and_lands(knowledge_copy: Path) -> None:
    """With the edit lock held by another process, `factbot ask` says it waits, then saves."""
    lock = state_dir(knowledge_copy) / LOCK_NAME
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock), "3"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bot",
                "ask",
                ADD_EVENT,
                "--knowledge",
                str(knowledge_copy),
                "--articles",
                str(SEEDS),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    assert done.returncode == 0, done.stderr
    assert "Waiting for other edits to finish; yours will be saved next" in done.stderr
    assert f"Added `{NEW_ID}`" in done.stdout
    assert "Saved after waiting" in done.stdout
    assert f"  - id: {NEW_ID}\n" in (knowledge_copy / "events.yaml").read_text(encoding="utf-8")

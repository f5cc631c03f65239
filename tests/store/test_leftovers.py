"""What crashed writes leave behind is cleaned up: only our own temporary files, only stale ones."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bot.store.store import Store
from tests.conftest import ADD_EVENT, engine_over, say

HOUR_AGO = time.time() - 3600


def leave(folder: Path, name: str, *, stale: bool, data: bytes = b"") -> Path:
    path = folder / name
    path.write_bytes(data)
    if stale:
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


def test_opening_removes_stale_temp_files_of_killed_writes(knowledge_copy: Path) -> None:
    """An hour-old `.events.yaml.*.tmp`, empty or half-written, is gone after the bot starts."""
    empty = leave(knowledge_copy, ".events.yaml.ab12cd_3.tmp", stale=True)
    partial = leave(knowledge_copy, ".events.yaml.zz99yy00.tmp", stale=True, data=b"x" * 16384)
    Store.open(knowledge_copy)
    assert not empty.exists() and not partial.exists()


def test_a_fresh_temp_file_is_left_to_the_write_in_progress(knowledge_copy: Path) -> None:
    """A temporary file written a moment ago may be another process's write: it stays."""
    fresh = leave(knowledge_copy, ".events.yaml.ab12cd_3.tmp", stale=False)
    Store.open(knowledge_copy)
    assert fresh.exists()


def test_files_that_are_not_ours_are_never_removed(knowledge_copy: Path) -> None:
    """An editor's swap file, an admin's own `.tmp` and a folder named like ours all stay."""
    kept = [
        leave(knowledge_copy, ".events.yaml.swp", stale=True),
        leave(knowledge_copy, "notes.tmp", stale=True),
        leave(knowledge_copy, ".events.yaml.TOOLONGNAME.tmp", stale=True),
        leave(knowledge_copy, "..events.yaml.ab12cd_3.tmp", stale=True),
    ]
    folder = knowledge_copy / ".events.yaml.ab12cd_4.tmp"
    folder.mkdir()
    os.utime(folder, (HOUR_AGO, HOUR_AGO))
    Store.open(knowledge_copy)
    assert [p.exists() for p in kept] == [True] * len(kept)
    assert folder.is_dir()


def test_an_edit_removes_stale_temp_files(knowledge_copy: Path) -> None:
    """A leftover that appears while the bot runs is cleaned by the next chat edit."""
    engine = engine_over(knowledge_copy)
    stale = leave(knowledge_copy, ".events.yaml.ab12cd_3.tmp", stale=True)
    assert say(engine, ADD_EVENT).title.startswith("Added `")
    assert not stale.exists()

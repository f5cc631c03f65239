"""A reload's child is bounded: past its time or memory it is stopped, a newer change or a
shutdown kills it at once, and the last good base keeps serving throughout."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.store.large.limits import Limits
from bot.store.paths import cache_dir
from bot.store.store import ReloadResult, Store
from tests.conftest import ROOT, say

JUNK_ENTRIES = 300_000  # ~26 MB: the child parses it for many seconds


def write_junk(folder: Path) -> None:
    """Replace events.yaml with a huge file of entries citing a source that does not exist."""
    with (folder / "events.yaml").open("w", encoding="utf-8") as f:
        f.write("events:\n")
        for n in range(JUNK_ENTRIES):
            f.write(f'  - id: junk-{n}\n    date: "2001"\n    text: Junk {n}.\n    sources: [x]\n')


def reload_children() -> list[int]:
    """Give the pids of reload children running now, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"bot.store.large.child" in cmdline and str(os.getpid()).encode() in cmdline:
                found.append(int(entry.name))
    return found


@pytest.fixture
def store(knowledge_copy: Path) -> Store:
    return Store.open(knowledge_copy, large=True)


def in_background(store: Store) -> tuple[threading.Thread, list[ReloadResult]]:
    results: list[ReloadResult] = []
    thread = threading.Thread(target=lambda: results.append(store.reload()))
    thread.start()
    return thread, results


def test_a_reload_past_its_time_limit_is_stopped_and_the_old_base_served(
    store: Store, knowledge_copy: Path
) -> None:
    """With a 1 s limit, the junk reload stops with a note naming the limit; answers stay."""
    store.limits = Limits(seconds=1, memory_mb=4096)
    write_junk(knowledge_copy)
    started = time.monotonic()
    result = store.reload()
    assert time.monotonic() - started < 10
    assert (result.swapped, result.failed) == (False, True)
    assert result.note == "stopped: the reload took longer than 1 s; raise reload.timeout_s"
    assert say(Engine(store), "who bhuto").title == "Zulfikar Ali Bhutto"
    assert reload_children() == []


def test_a_reload_past_its_memory_limit_is_stopped(store: Store, knowledge_copy: Path) -> None:
    """With a 250 MB cap, the junk reload ends in a note naming the memory limit."""
    store.limits = Limits(seconds=120, memory_mb=250)
    write_junk(knowledge_copy)
    result = store.reload()
    assert (result.swapped, result.failed) == (False, True)
    assert result.note == "stopped: the reload needed more than 250 MB; raise reload.memory_mb"


def test_closing_the_store_kills_the_reload_child_at_once(
    store: Store, knowledge_copy: Path
) -> None:
    """`close` (what SIGTERM does) ends a running reload within a second, child and all."""
    write_junk(knowledge_copy)
    thread, results = in_background(store)
    deadline = time.monotonic() + 10
    while not reload_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert reload_children(), "the reload child never started"
    closed = time.monotonic()
    store.close()
    thread.join(timeout=5)
    assert not thread.is_alive() and time.monotonic() - closed < 1.5
    assert results[0].note == "cancelled: newer files arrived, or the bot is stopping"
    assert reload_children() == []
    assert [p.name for p in store._cache.iterdir() if p.name.startswith("reload-")] == []  # type: ignore[union-attr]


RELOADER = """
import sys
from pathlib import Path
from bot.store.store import Store
store = Store.open(Path(sys.argv[1]), large=True)
print("open", flush=True)
sys.stdin.readline()
store.reload()
"""


def children_of_folder(folder: Path) -> list[int]:
    """Give the pids of reload children working on `folder`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes() if entry.name.isdigit() else b""
        except OSError:
            continue
        if b"bot.store.large.child" in cmdline and str(folder).encode() in cmdline:
            found.append(int(entry.name))
    return found


def test_a_killed_bot_leaves_no_child_and_no_temp_folder(knowledge_copy: Path) -> None:
    """SIGKILL mid-reload: the child dies with it, and the next start removes its folder."""
    bot = subprocess.Popen(
        [sys.executable, "-c", RELOADER, str(knowledge_copy)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert bot.stdin is not None and bot.stdout is not None
    assert bot.stdout.readline() == "open\n"
    events = (knowledge_copy / "events.yaml").read_bytes()
    write_junk(knowledge_copy)
    bot.stdin.write("go\n")
    bot.stdin.flush()
    deadline = time.monotonic() + 15
    while not children_of_folder(knowledge_copy) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert children_of_folder(knowledge_copy), "the reload child never started"
    bot.send_signal(signal.SIGKILL)
    bot.wait(timeout=5)
    bot.stdin.close()
    bot.stdout.close()
    deadline = time.monotonic() + 3
    while children_of_folder(knowledge_copy) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert children_of_folder(knowledge_copy) == []
    cache = cache_dir(knowledge_copy)
    assert [p.name for p in cache.iterdir() if p.name.startswith(f"reload-{bot.pid}-")]
    (knowledge_copy / "events.yaml").write_bytes(events)  # a valid base, to start again
    Store.open(knowledge_copy)
    assert [p.name for p in cache.iterdir() if p.name.startswith("reload-")] == []

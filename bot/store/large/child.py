"""Parse, validate and index a large fact base in a child process, so a reload never stalls.

libyaml composes a whole file in one C call (2 s for a 50k-entry file) and building the indexes
takes seconds of Python; in the bot's own process either would hold the GIL and stall the event
loop for that long. The child does both through the folder's caches (filling them for the next
start) and hands the result back as two cache-format files, which the parent decodes in slices
(see `bot.store.basecache`, `bot.store.indexcache`).

The parent runs `python -m bot.store.large.child FOLDER --out F --indexes F --cache DIR
--memory-mb N --parent PID [--seeds DIR]`; a base with problems comes back as JSON on stdout
and exit status 1. The child is bounded (`limits.py`): its memory capped, its time limited by the
parent, killed when newer files arrive (`Children.cancel`), and dead with its parent. Its
hand-off folder lives in the folder's cache directory, named after the parent's pid, so one left
by a killed bot is removed at the next start.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.errors import KnowledgeError, Problem
from bot.factbase.model import FactBase
from bot.store.basecache import read_cache, write_cache
from bot.store.indexcache import INDEX_FILE, load_indexed, read_table, write_table
from bot.store.large.limits import Limits, cap_memory, die_with_parent
from bot.store.large.memory import paused_gc
from bot.store.snapshot import SnapshotTable

if TYPE_CHECKING:  # imported where a child starts: `factbot ask` never starts one
    import subprocess

HANDOFF_KEY = b"reload-handoff".ljust(32, b"\0")  # the files are private to one reload
TEMP_PREFIX = "reload-"  # + the parent's pid: a folder whose process is gone is stale
MEMORY_EXIT = 4


class ReloadCancelled(Exception):
    """The reload was stopped: newer files arrived, or the bot is shutting down."""


class ReloadTooBig(Exception):
    """The child ran past its time or memory limit; the message says which and what to raise."""


class Children:
    """The reload children running now, so a newer change or a shutdown can end them at once."""

    def __init__(self) -> None:
        self._running: set[subprocess.Popen[str]] = set()
        self._lock = threading.Lock()
        self.cancelled = False

    def start(self, command: list[str]) -> tuple[subprocess.Popen[str], int]:
        """Start a child unless cancelled; give it and our end of the pipe it watches.

        The child reads its end until end of file, which comes when we close ours (`_run`) or
        when we die and the kernel closes it for us.
        """
        with self._lock:
            if self.cancelled:
                raise ReloadCancelled()
            import subprocess

            theirs, ours = os.pipe()
            try:
                child = subprocess.Popen(
                    [*command, "--watch-fd", str(theirs)], stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                    start_new_session=True, pass_fds=(theirs,),
                )  # fmt: skip
            except BaseException:
                os.close(ours)
                raise
            finally:
                os.close(theirs)
            self._running.add(child)
            return child, ours

    def done(self, child: subprocess.Popen[str]) -> None:
        """Forget a child that has ended."""
        with self._lock:
            self._running.discard(child)

    def cancel(self) -> None:
        """Kill every running child (and its group); the reload waiting on it gives up."""
        with self._lock:
            self.cancelled = True
            for child in self._running:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(child.pid, signal.SIGKILL)

    def reset(self) -> None:
        """Allow new children again (the next reload after a cancelled one)."""
        with self._lock:
            self.cancelled = False


def check_and_index_in_child(
    folder: Path,
    seeds: Path | None,
    cache: Path,
    limits: Limits | None = None,
    children: Children | None = None,
) -> tuple[FactBase, list[Problem], SnapshotTable | None]:
    """Validate and index `folder` in a child process: the base and its indexes, or problems.

    Raises ReloadTooBig past `limits`, ReloadCancelled if `children` is cancelled meanwhile.
    """
    limits = limits or Limits()
    children = children or Children()
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=cache) as tmp:
        out, indexes = Path(tmp) / "base.msgpack", Path(tmp) / INDEX_FILE
        command = [sys.executable, "-m", __name__, str(folder), "--out", str(out)]
        command += ["--indexes", str(indexes), "--cache", str(cache)]
        command += ["--memory-mb", str(limits.memory_mb), "--parent", str(os.getpid())]
        command += ["--seeds", str(seeds)] if seeds is not None else []
        stdout, stderr, code = _run(children.start(command), limits, children)
        if code == 1 and stdout.startswith("["):
            return FactBase(), [Problem(**p) for p in json.loads(stdout)], None
        if code == MEMORY_EXIT:
            raise ReloadTooBig(
                f"the reload needed more than {limits.memory_mb} MB; raise reload.memory_mb"
            )
        if code != 0:
            raise RuntimeError(f"fact base loader failed: {stderr.strip()[-500:]}")
        with paused_gc():  # the caller may not have paused it; decoding makes millions of objects
            fb = read_cache(out, HANDOFF_KEY)
            table = read_table(indexes, HANDOFF_KEY)
        if fb is None or table is None:
            raise RuntimeError("fact base loader returned an unreadable result")
        return fb, [], table


def _run(
    started: tuple[subprocess.Popen[str], int], limits: Limits, children: Children
) -> tuple[str, str, int]:
    """Wait for the child within the time limit; kill it (and its group) past it."""
    import subprocess

    child, pipe = started
    try:
        stdout, stderr = child.communicate(timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        raise ReloadTooBig(
            f"the reload took longer than {limits.seconds:.0f} s; raise reload.timeout_s"
        ) from None
    finally:
        children.done(child)
        os.close(pipe)
    if children.cancelled or child.returncode == -signal.SIGKILL:
        raise ReloadCancelled()
    return stdout, stderr, child.returncode


def remove_stale_reload_folders(cache: Path) -> list[str]:
    """Delete the temporary folders of reloads whose process is gone (killed, crashed)."""
    removed = []
    try:
        folders = [p for p in cache.iterdir() if p.name.startswith(TEMP_PREFIX) and p.is_dir()]
    except OSError:
        return []
    for folder in folders:
        owner = folder.name.removeprefix(TEMP_PREFIX).split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: not ours to judge
        return True
    return True


def _main() -> int:
    """Child side: load and index through the caches, then hand both over; or print problems."""
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    for option in ("--out", "--indexes", "--cache"):
        parser.add_argument(option, type=Path, required=True)
    parser.add_argument("--seeds", type=Path)
    parser.add_argument("--memory-mb", type=int, default=Limits().memory_mb)
    parser.add_argument("--parent", type=int, default=os.getppid())
    parser.add_argument("--watch-fd", type=int)
    args = parser.parse_args()
    if args.watch_fd is not None:
        die_with_parent(args.parent, os.fdopen(args.watch_fd, "rb"))
    cap_memory(args.memory_mb)
    os.nice(10)  # background work: leave the CPU to the bot's event loop first
    try:
        with paused_gc():
            fb, table = load_indexed(args.folder, args.seeds, args.cache)
        write_cache(args.out, HANDOFF_KEY, fb)
        write_table(args.indexes, HANDOFF_KEY, table)
    except KnowledgeError as exc:
        print(json.dumps([_problem(p) for p in exc.problems]))
        return 1
    except MemoryError:
        return MEMORY_EXIT
    return 0


def _problem(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "what": p.what, "fix": p.fix}


if __name__ == "__main__":
    sys.exit(_main())

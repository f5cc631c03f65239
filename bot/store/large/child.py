"""Parse, validate and index a large fact base in a child process, so a reload never stalls.

libyaml composes a whole file in one C call (2 s for a 50k-entry file) and building the indexes
takes seconds of Python; in the bot's own process either would hold the GIL and stall the event
loop for that long. The child does both through the folder's caches (filling them for the next
start) and hands the result back as two cache-format files, which the parent decodes in slices
(see `bot.store.basecache`, `bot.store.indexcache`).

The parent runs `python -m bot.store.large.child FOLDER --out F --indexes F --cache DIR
[--seeds DIR]`; a base with problems comes back as JSON on stdout and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bot.errors import KnowledgeError, Problem
from bot.factbase.model import FactBase
from bot.store.basecache import read_cache, write_cache
from bot.store.indexcache import INDEX_FILE, load_indexed, read_table, write_table
from bot.store.large.memory import paused_gc
from bot.store.snapshot import SnapshotTable

HANDOFF_KEY = b"reload-handoff".ljust(32, b"\0")  # the files are private to one reload


def check_and_index_in_child(
    folder: Path, seeds: Path | None, cache: Path
) -> tuple[FactBase, list[Problem], SnapshotTable | None]:
    """Validate and index `folder` in a child process: the base and its indexes, or problems."""
    with tempfile.TemporaryDirectory(prefix="factbot-reload-") as tmp:
        out, indexes = Path(tmp) / "base.msgpack", Path(tmp) / INDEX_FILE
        command = [sys.executable, "-m", __name__, str(folder), "--out", str(out)]
        command += ["--indexes", str(indexes), "--cache", str(cache)]
        command += ["--seeds", str(seeds)] if seeds is not None else []
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode == 1 and done.stdout.startswith("["):
            return FactBase(), [Problem(**p) for p in json.loads(done.stdout)], None
        if done.returncode != 0:
            raise RuntimeError(f"fact base loader failed: {done.stderr.strip()[-500:]}")
        with paused_gc():  # the caller may not have paused it; decoding makes millions of objects
            fb = read_cache(out, HANDOFF_KEY)
            table = read_table(indexes, HANDOFF_KEY)
        if fb is None or table is None:
            raise RuntimeError("fact base loader returned an unreadable result")
        return fb, [], table


def _main() -> int:
    """Child side: load and index through the caches, then hand both over; or print problems."""
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    for option in ("--out", "--indexes", "--cache"):
        parser.add_argument(option, type=Path, required=True)
    parser.add_argument("--seeds", type=Path)
    args = parser.parse_args()
    os.nice(10)  # background work: leave the CPU to the bot's event loop first
    try:
        with paused_gc():
            fb, table = load_indexed(args.folder, args.seeds, args.cache)
    except KnowledgeError as exc:
        print(json.dumps([_problem(p) for p in exc.problems]))
        return 1
    write_cache(args.out, HANDOFF_KEY, fb)
    write_table(args.indexes, HANDOFF_KEY, table)
    return 0


def _problem(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "what": p.what, "fix": p.fix}


if __name__ == "__main__":
    sys.exit(_main())

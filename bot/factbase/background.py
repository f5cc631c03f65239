"""Load and discard large fact bases without ever holding the GIL long enough to stall a bot.

A thread is not enough on its own: libyaml composes a whole file in one C call (2 s for a
50k-entry file), a full garbage collection over two bases takes ~0.2 s, and dropping the last
reference to a 100k-entry base frees it in one ~0.2 s cascade. Each of those blocks the event loop
for its whole length. So a reload:

1. parses and validates in a child process (`load_in_child`), which hands the result back as a
   cache file (see `bot.factbase.cache`) that this process decodes in slices of 2,000 facts;
2. runs with the collector paused (callers `gc.freeze()` the new base once it is live);
3. takes the old base apart a slice at a time (`dismantle`) instead of dropping it whole.

Call these from a worker thread (`asyncio.to_thread`); every step yields the GIL often.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.errors import KnowledgeError, Problem
from bot.factbase.cache import load_cached, read_cache, write_cache
from bot.factbase.memory import paused_gc
from bot.factbase.model import FactBase

SLICE = 500
HANDOFF_KEY = b"reload-handoff".ljust(32, b"\0")  # the file is private to one reload
_ONLY_OURS = 3


def check_in_child(folder: Path, seeds: Path | None = None) -> tuple[FactBase, list[Problem]]:
    """Do what `loader.check` does, in a child process; a base with problems comes back empty."""
    with tempfile.TemporaryDirectory(prefix="factbot-reload-") as tmp:
        out = Path(tmp) / "base.msgpack"
        command = [sys.executable, "-m", __name__, str(folder), "--out", str(out)]
        if seeds is not None:
            command += ["--seeds", str(seeds)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode == 1 and done.stdout.startswith("["):
            return FactBase(), [Problem(**p) for p in json.loads(done.stdout)]
        if done.returncode != 0:
            raise RuntimeError(f"fact base loader failed: {done.stderr.strip()[-500:]}")
        with paused_gc():
            fb = read_cache(out, HANDOFF_KEY)
    if fb is None:
        raise RuntimeError("fact base loader returned an unreadable result")
    return fb, []


def load_in_child(folder: Path, seeds: Path | None = None) -> FactBase:
    """Validate `folder` in a child process; raise KnowledgeError as `load` would."""
    fb, problems = check_in_child(folder, seeds)
    if problems:
        raise KnowledgeError(problems)
    return fb


def dismantle(obj: Any, depth: int = 3) -> None:
    """Empty big containers a slice at a time so no single free cascades for long.

    For an old snapshot after a swap. A container that anything else still references (the
    writer's current fact base, a dict shared with the new snapshot) is left alone, so this only
    ever frees what would have been freed anyway; it reaches into dataclass and slotted fields
    up to `depth` levels.
    """
    if depth < 0:
        return
    for name in _field_names(obj):
        value = getattr(obj, name, None)
        # 3 = obj's own reference + `value` + getrefcount's argument: nothing else holds it.
        if value is None or sys.getrefcount(value) > _ONLY_OURS:
            continue
        if isinstance(value, dict | list | set):
            _drain(value)
        else:
            dismantle(value, depth - 1)
        del value


def _field_names(obj: Any) -> list[str]:
    if obj is None or isinstance(obj, str | bytes | int | float | tuple | dict | list | set):
        return []
    names = list(getattr(obj, "__dict__", {}))
    for cls in type(obj).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        names += [slots] if isinstance(slots, str) else list(slots)
    return names


def _drain(container: dict[Any, Any] | list[Any] | set[Any]) -> None:
    values = list(container.values()) if isinstance(container, dict) else list(container)
    container.clear()  # the values list still holds every item: this frees nothing big
    while values:
        batch = values[-SLICE:]
        del values[-SLICE:]
        for value in batch:
            # A big inner table (a posting list of a common word) is drained in turn, if only
            # `batch`, `value` and getrefcount's argument hold it.
            big = isinstance(value, dict | list | set) and len(value) > SLICE
            if big and sys.getrefcount(value) <= _ONLY_OURS:
                _drain(value)
        del batch
        time.sleep(0)  # hand the GIL to the event loop between slices


def _main() -> int:
    """Child side: validate and write the base to --out, or print the problems as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seeds", type=Path)
    args = parser.parse_args()
    os.nice(10)  # background work: leave the CPU to the bot's event loop first
    try:
        fb = load_cached(args.folder, args.seeds)
    except KnowledgeError as exc:
        print(json.dumps([_problem(p) for p in exc.problems]))
        return 1
    write_cache(args.out, HANDOFF_KEY, fb)
    return 0


def _problem(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "what": p.what, "fix": p.fix}


if __name__ == "__main__":
    sys.exit(_main())

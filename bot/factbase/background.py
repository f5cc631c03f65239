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

SLICE = 1_000


def load_in_child(folder: Path, seeds: Path | None = None) -> FactBase:
    """Validate `folder` in a child process; raise KnowledgeError as `load` would."""
    with tempfile.TemporaryDirectory(prefix="factbot-reload-") as tmp:
        out = Path(tmp) / "base.msgpack"
        command = [sys.executable, "-m", __name__, str(folder), "--out", str(out)]
        if seeds is not None:
            command += ["--seeds", str(seeds)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode == 1 and done.stdout.startswith("["):
            raise KnowledgeError([Problem(**p) for p in json.loads(done.stdout)])
        if done.returncode != 0:
            raise RuntimeError(f"fact base loader failed: {done.stderr.strip()[-500:]}")
        with paused_gc():
            fb = read_cache(out, bytes.fromhex(done.stdout.strip()))
    if fb is None:
        raise RuntimeError("fact base loader returned an unreadable result")
    return fb


def dismantle(obj: Any, depth: int = 3) -> None:
    """Empty big containers a slice at a time so no single free cascades for long.

    Only for objects nothing else uses any more (an old snapshot after a swap): it clears dicts,
    lists and sets in place, reaching into dataclass and slotted fields up to `depth` levels.
    """
    if depth < 0:
        return
    if isinstance(obj, dict | list | set):
        _drain(obj, depth)
        return
    for name in _field_names(obj):
        dismantle(getattr(obj, name, None), depth - 1)


def _field_names(obj: Any) -> list[str]:
    if obj is None or isinstance(obj, str | bytes | int | float | tuple):
        return []
    names = list(getattr(obj, "__dict__", {}))
    for cls in type(obj).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        names += [slots] if isinstance(slots, str) else list(slots)
    return names


def _drain(container: dict[Any, Any] | list[Any] | set[Any], depth: int) -> None:
    values = list(container.values()) if isinstance(container, dict) else list(container)
    container.clear()  # the values list still holds every item: this frees nothing big
    while values:
        batch = values[-SLICE:]
        del values[-SLICE:]
        for value in batch:
            if isinstance(value, dict | list | set) and len(value) > SLICE:
                _drain(value, depth - 1)
        del batch
        time.sleep(0)  # hand the GIL to the event loop between slices


def _main() -> int:
    """Child side: validate, write the base to --out, print its key (or the problems)."""
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
    key = b"reload-handoff".ljust(32, b"\0")
    write_cache(args.out, key, fb)
    print(key.hex())
    return 0


def _problem(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "what": p.what, "fix": p.fix}


if __name__ == "__main__":
    sys.exit(_main())

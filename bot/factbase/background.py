"""Load and discard large fact bases without ever holding the GIL long enough to stall a bot.

A thread is not enough on its own: libyaml composes a whole file in one C call (2 s for a
50k-entry file), a full garbage collection over two bases takes ~0.2 s, and dropping the last
reference to a 100k-entry base frees it in one ~0.2 s cascade. Each of those blocks the event loop
for its whole length. So a reload:

1. parses and validates in a child process (`load_in_child`), which hands the result back as a
   cache file (see `bot.factbase.cache`) that this process decodes in slices of 1,000 facts;
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
        return run_child(__name__, folder, seeds, Path(tmp) / "base.msgpack")


def run_child(
    module: str, folder: Path, seeds: Path | None, out: Path, *extra: str
) -> tuple[FactBase, list[Problem]]:
    """Run `python -m module folder --out out [--seeds] extra…` (a `_main` like this module's)
    and read back the base it wrote, or the problems it printed."""
    command = [sys.executable, "-m", module, str(folder), "--out", str(out), *extra]
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


def dismantle(obj: Any, depth: int = 5) -> None:
    """Empty big containers a slice at a time so no single free cascades for long.

    For an old snapshot after a swap. It walks `obj`'s fields (dataclass, slotted or plain
    attributes, and the items of small containers) up to `depth` levels, counting how often
    each object is referenced from inside `obj`. An object is `obj`'s own when nothing outside
    holds it and all its holders are `obj`'s own: only such containers are emptied. So a table
    still in use (the writer's current fact base, a fact the new base shares) is left alone, and
    this only ever frees what would have been freed anyway; a table shared only between parts of
    `obj` (a search table both the snapshot and its index point at) is emptied.
    """
    found: dict[int, list[Any]] = {}  # id → [object, references from inside obj, holders' ids]
    _walk(obj, depth, found)
    # Each is held by its holders inside obj, its `found` entry, `value`, getrefcount's argument.
    own = {key for key, (value, inside, _) in found.items() if sys.getrefcount(value) == inside + 3}
    shrinking = True
    while shrinking:  # a part of something used elsewhere is used elsewhere too
        kept = {k for k in own if all(h == id(obj) or h in own for h in found[k][2])}
        shrinking, own = kept != own, kept
    for key in own:
        if isinstance(found[key][0], dict | list | set):
            _drain(found[key][0])


def _walk(obj: Any, depth: int, found: dict[int, list[Any]]) -> None:
    for child in _children(obj):
        seen = found.get(id(child))
        if seen is not None:
            seen[1] += 1
            seen[2].append(id(obj))
            continue
        found[id(child)] = [child, 1, [id(obj)]]
        if depth > 0:
            _walk(child, depth - 1, found)


def _children(obj: Any) -> list[Any]:
    """Give what `obj` refers to that may hold more: fields, or a small container's items."""
    if isinstance(obj, str | bytes | int | float | bytearray) or obj is None:
        return []
    if isinstance(obj, dict):
        items = list(obj.values()) if len(obj) <= SLICE else []
    elif isinstance(obj, list | tuple | set | frozenset):
        items = list(obj) if len(obj) <= SLICE else []
    else:
        names = list(getattr(obj, "__dict__", {}))
        for cls in type(obj).__mro__:
            slots = cls.__dict__.get("__slots__", ())
            names += [slots] if isinstance(slots, str) else list(slots)
        items = [getattr(obj, name, None) for name in names if not name.startswith("__")]
    return [i for i in items if not isinstance(i, str | bytes | int | float) and i is not None]


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


def child_args(*extra: str) -> argparse.Namespace:
    """Read a loader child's arguments: folder, --out, --seeds, and `extra` path options."""
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seeds", type=Path)
    for option in extra:
        parser.add_argument(option, type=Path, required=True)
    os.nice(10)  # background work: leave the CPU to the bot's event loop first
    return parser.parse_args()


def report_problems(exc: KnowledgeError) -> int:
    """Child side: print the problems as JSON for `run_child`, and give the exit status."""
    print(json.dumps([_problem(p) for p in exc.problems]))
    return 1


def _main() -> int:
    """Child side: validate and write the base to --out, or print the problems as JSON."""
    args = child_args()
    try:
        fb = load_cached(args.folder, args.seeds)
    except KnowledgeError as exc:
        return report_problems(exc)
    write_cache(args.out, HANDOFF_KEY, fb)
    return 0


def _problem(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "what": p.what, "fix": p.fix}


if __name__ == "__main__":
    sys.exit(_main())

"""Free an old snapshot of a large base without stalling the event loop.

Dropping the last reference to a 100k-entry base frees it in one ~0.2 s cascade, on whichever
thread let go of it last: often the event loop, in the middle of a request that was still
reading it. So after a swap the store hands the old snapshot here: `retire` waits (off the loop)
until no request reads it any more, then `dismantle` empties its big containers a slice at a
time, handing the GIL back between slices. Small bases skip all of this: freeing them is quick.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

SLICE = 500
_ONLY_OURS = 3
WAIT_S = 2.0  # requests finish in milliseconds; a reply held longer is waited for in a thread
LATE_WAIT_S = 900.0


def retire(old: list[Any]) -> None:
    """Take the one object in `old` apart once nothing else reads it (see `dismantle`).

    The caller passes the only reference it holds, inside a list, and keeps none. A request in
    flight still holds the snapshot for a few milliseconds, so wait for readers here, and past
    WAIT_S hand the wait to a daemon thread.
    """
    deadline = time.monotonic() + WAIT_S
    while sys.getrefcount(old[0]) > 2:  # the list's reference and getrefcount's argument
        if time.monotonic() > deadline:
            waiter = threading.Thread(target=_retire_later, args=(old,), name="factbot-retire")
            waiter.daemon = True
            waiter.start()
            return
        time.sleep(0.005)
    dismantle(old.pop())


def _retire_later(old: list[Any]) -> None:
    """Wait (up to LATE_WAIT_S) for the last reader, then take the object apart."""
    deadline = time.monotonic() + LATE_WAIT_S
    while sys.getrefcount(old[0]) > 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    if sys.getrefcount(old[0]) <= 2:
        dismantle(old.pop())


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

"""Time chat edits (validate + atomic write + audit) in one big knowledge file.

    python -m benchmarks.edit            # 1,000 and 10,000 entries
    python -m benchmarks.edit 10000

Target (issue 5): one edit in a 10,000-entry file in ≤ 100 ms. The base is self-contained
(its own article in seeds/), so the provenance check runs as it does on the real fact base.
The first load of a folder is timed separately: it is paid once at start-up, not per edit.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bot.core.types import Actor
from bot.factbase.edit.writer import KnowledgeWriter

ADMIN = Actor(id="bench", name="bench", is_admin=True, platform="bench")
REPEATS = 5
ARTICLE = "Officials of both states met in Moscow and Islamabad to discuss trade and energy."
HEAD = """\
sources:
  - id: bench-article
    title: A benchmark article
    author: unnamed
    seed: bench.txt
    published: {certainty: unknown}
parties:
  - id: russia
    name: Russia
  - id: pakistan
    name: Pakistan
topics:
  - id: trade
    name: Trade
    text: Trade between the two states.
"""
EVENT = """\
  - id: meeting-{n}
    date: "{year}"
    # a hand-written comment the edit must keep
    text: Officials met for the {n}th time to discuss trade and energy.
    sources: [bench-article]
    evidence: met in Moscow and Islamabad to discuss trade
    topics: [trade]
    parties: [russia, pakistan]
"""


def make_base(root: Path, entries: int) -> tuple[Path, Path]:
    """Write a valid knowledge folder whose events.yaml holds `entries` entries."""
    knowledge, seeds = root / "knowledge", root / "seeds"
    knowledge.mkdir(parents=True)
    seeds.mkdir()
    (seeds / "bench.txt").write_text(ARTICLE, encoding="utf-8")
    (knowledge / "base.yaml").write_text(HEAD, encoding="utf-8")
    events = "\n".join(EVENT.format(n=n, year=1950 + n % 70) for n in range(entries))
    (knowledge / "events.yaml").write_text("# Events.\nevents:\n" + events, encoding="utf-8")
    return knowledge, seeds


def _median_ms(step: Callable[[int], object]) -> float:
    times = []
    for i in range(REPEATS):
        start = time.perf_counter()
        step(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def time_edits(entries: int) -> dict[str, float]:
    """Give median milliseconds per kind of edit on a warm writer, plus the first load."""
    with tempfile.TemporaryDirectory() as tmp:
        knowledge, seeds = make_base(Path(tmp), entries)
        writer = KnowledgeWriter(knowledge, seeds, Path(tmp) / "state")
        start = time.perf_counter()
        writer.state()
        first_load = (time.perf_counter() - start) * 1000
        middle = entries // 2

        def text_edit(i: int) -> object:
            change = {"text": f"Officials met again, round {i}, to discuss trade."}
            return writer.edit(f"meeting-{middle + i}", change, ADMIN, "bench")

        def added_key(i: int) -> object:
            return writer.edit(f"meeting-{i}", {"topics": None}, ADMIN, "bench")

        def add(i: int) -> object:
            values = {
                "date": "2001",
                "text": f"A new meeting {i} on trade.",
                "sources": ["bench-article"],
                "evidence": "to discuss trade and energy",
                "topics": ["trade"],
            }
            return writer.add("events", values, ADMIN, "bench")

        return {
            "first load": first_load,
            "edit text (same lines)": _median_ms(text_edit),
            "edit near the top (drops a line)": _median_ms(added_key),
            "add at the end": _median_ms(add),
            "undo": _median_ms(lambda _: writer.undo(ADMIN, "bench")),
            "remove near the top": _median_ms(
                lambda i: writer.remove(f"meeting-{10 + i}", ADMIN, "bench")
            ),
        }


def time_contended_edits(entries: int, tasks: int = 5, each: int = 10) -> dict[str, float]:
    """Run `tasks` threads of `each` adds at once; give the wall time and the worst wait."""
    with tempfile.TemporaryDirectory() as tmp:
        knowledge, seeds = make_base(Path(tmp), entries)
        writer = KnowledgeWriter(knowledge, seeds, Path(tmp) / "state")
        writer.state()
        worst = [0.0]

        def admin(task: int) -> None:
            actor = Actor(id=f"bench-{task}", name=f"bench {task}", is_admin=True)
            for n in range(each):
                values = {
                    "date": "2001",
                    "text": f"Meeting {task}-{n} on trade.",
                    "sources": ["bench-article"],
                    "evidence": "to discuss trade",
                    "id": f"contended-{task}-{n}",
                }
                start = time.perf_counter()
                writer.add("events", values, actor, "bench")
                worst[0] = max(worst[0], time.perf_counter() - start)

        threads = [threading.Thread(target=admin, args=(t,)) for t in range(tasks)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
        ids = {i for i in writer.state().factbase.facts if i.startswith("contended-")}
        assert len(ids) == tasks * each, "an edit was lost"
        return {
            "wall ms": wall * 1000,
            "per edit ms": wall * 1000 / (tasks * each),
            "worst wait ms": worst[0] * 1000,
        }


def time_one_edit(entries: int) -> float:
    """Give the median seconds of one typical edit (an entry's text) in an `entries`-entry file."""
    return time_edits(entries)["edit text (same lines)"] / 1000


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1_000, 10_000]
    for size in sizes:
        print(f"{size:,} entries in one file (median of {REPEATS}):")
        for name, ms in time_edits(size).items():
            print(f"  {name:34} {ms:9.1f} ms")
        contended = time_contended_edits(size)
        print(
            "  5 threads x 10 adds at once:      "
            + ", ".join(f"{k} {v:.1f}" for k, v in contended.items())
        )


if __name__ == "__main__":
    main(sys.argv[1:])

"""Measure one generated base in a fresh process, so memory and start-up figures are its own.

    python -m benchmarks.run_size benchmarks/data/fb-10000 [--budget 20] [--rounds 5]

Prints one JSON object (the last line of output): loads, index build, memory, engine latencies
and hit@10, and the same searches run by the two full-scan baselines.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.baselines import DifflibTitles, RapidfuzzScan
from benchmarks.measure import hit_at_10, rss_mb, summary, time_calls
from benchmarks.queries import load_queries
from bot.core.engine import Engine
from bot.core.types import Actor, Reply, Request
from bot.factbase.load.loader import load
from bot.factbase.model import FactBase
from bot.store.basecache import cache_path, fingerprint, load_keyed, write_cache
from bot.store.large.memory import paused_gc
from bot.store.paths import cache_dir
from bot.store.snapshot import build_snapshot
from bot.store.store import Store

ACTOR = Actor(id="bench", name="bench")
PAGE = 10  # items on one page of a reply in chat
# Commands that list a whole kind when asked with no argument: each must stay a page's work (an
# event-loop stall in Discord otherwise), however large the base.
LISTINGS = ("about", "who", "quote", "timeline", "topics", "sources", "help")
# A bot starting on a warm cache: it prints its memory once serving (the bot's own footprint,
# without what this measuring process allocated and freed while timing the loads).
STARTUP = (
    "import sys; from pathlib import Path; from bot.core.engine import Engine; "
    "from bot.store.store import Store; "
    "from benchmarks.measure import rss_mb; engine = Engine(Store.open(Path(sys.argv[1]))); "
    "print(rss_mb()[0])"
)


def ask(engine: Engine, command: str, args: str) -> Reply:
    """Send one command through the engine and read its first page, as any adapter does.

    Items may render lazily (a decade lists hundreds of events); reading the first PAGE of
    them keeps that cost inside the measurement instead of leaving it to the adapter.
    """
    reply = engine.handle(Request(command, args, ACTOR))
    reply.items[:PAGE]
    return reply


def fact_ids(reply: Reply) -> list[str]:
    """List the fact ids a reply shows, in order."""
    return [item.fact_id for item in reply.items if item.fact_id]


def load_cached(folder: Path) -> FactBase:
    """Load a folder through its warm cache, as the store does at start-up."""
    return load_keyed(folder, None, cache_dir(folder))[0]


def measure_loads(folder: Path) -> tuple[FactBase, dict[str, float]]:
    """Time a cold YAML load (validated) and a warm load from the cache it leaves behind."""
    cache_path(cache_dir(folder)).unlink(missing_ok=True)
    start = time.perf_counter()
    with paused_gc():
        fb = load(folder)
    cold = time.perf_counter() - start
    write_cache(cache_path(cache_dir(folder)), fingerprint(folder), fb)
    del fb
    gc.collect()
    start = time.perf_counter()
    with paused_gc():  # as the store reads a large base's cache
        fb = load_cached(folder)
    warm = time.perf_counter() - start
    start = time.perf_counter()
    build_snapshot(fb)
    build = time.perf_counter() - start
    return fb, {
        "cold_yaml_s": round(cold, 3),
        "warm_cache_s": round(warm, 3),
        "index_build_s": round(build, 3),
    }


def _warm_starts(folder: Path, runs: int) -> tuple[list[float], list[float]]:
    """Start a fresh process on the warm caches `runs` times: wall seconds and RSS MB of each."""
    times: list[float] = []
    memory: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", STARTUP, str(folder)], check=True, capture_output=True, text=True
        )
        times.append(time.perf_counter() - start)
        memory.append(float(done.stdout.strip().splitlines()[-1]))
    return times, memory


def search_quality(
    search: Callable[[str], Sequence[str]], cases: Sequence[dict[str, Any]]
) -> float:
    """Share of queries with a relevant fact in the first ten results."""
    hits = sum(hit_at_10(search(case["q"]), case["relevant"]) for case in cases)
    return round(hits / max(1, len(cases)), 3)


def measure_engine(
    engine: Engine, queries: dict[str, Sequence[Any]], rounds: int
) -> dict[str, Any]:
    """Latency and quality of the engine's search, timeline, interests and who."""
    exact, typo = queries["exact"], queries["typo"]
    search = lambda q: fact_ids(ask(engine, "search", q))  # noqa: E731
    texts = [c["q"] for c in [*exact, *typo]]
    people = queries["people"]
    who_hits = sum(p["id"] in fact_ids(ask(engine, "who", p["q"])) for p in people)
    return {
        "search": summary(time_calls(search, texts, rounds)),
        "hit10_exact": search_quality(search, exact),
        "hit10_typo": search_quality(search, typo),
        "timeline": summary(
            time_calls(lambda q: ask(engine, "timeline", q), queries["periods"], rounds * 20)
        ),
        "interests": summary(
            time_calls(lambda q: ask(engine, "interests", q), queries["parties"], rounds * 40)
        ),
        "who": summary(
            time_calls(lambda q: ask(engine, "who", q), [p["q"] for p in people], rounds * 5)
        ),
        "who_hit": round(who_hits / max(1, len(people)), 3),
        "listings_max_ms": {
            name: round(max(time_calls(lambda cmd: ask(engine, cmd, ""), [name], 3)), 3)
            for name in LISTINGS
        },
    }


def measure_baseline(
    baseline: DifflibTitles | RapidfuzzScan, queries: dict[str, Sequence[Any]], budget_s: float
) -> dict[str, Any]:
    """Run exact and typo queries alternately until the time budget is spent."""
    samples: list[float] = []
    hits: dict[str, list[bool]] = {"exact": [], "typo": []}
    deadline = time.perf_counter() + budget_s
    for exact, typo in zip(queries["exact"], queries["typo"], strict=True):
        for kind, case in (("exact", exact), ("typo", typo)):
            start = time.perf_counter_ns()
            found = baseline.search(case["q"])
            samples.append((time.perf_counter_ns() - start) / 1e6)
            hits[kind].append(hit_at_10(found, case["relevant"]))
        if time.perf_counter() > deadline:
            break
    return {
        "search": summary(samples),
        "hit10_exact": round(sum(hits["exact"]) / len(hits["exact"]), 3),
        "hit10_typo": round(sum(hits["typo"]) / len(hits["typo"]), 3),
    }


def run(folder: Path, budget_s: float, rounds: int) -> dict[str, Any]:
    """Measure everything for one base; see the module docstring."""
    queries = load_queries(folder / "queries.json")
    fb, loads = measure_loads(folder)
    entries = sum(fb.counts().values())
    del fb
    gc.collect()
    start = time.perf_counter()
    engine = Engine(Store.open(folder))
    loads["startup_in_process_s"] = round(time.perf_counter() - start, 3)
    gc.collect()
    gc.freeze()
    rss, peak = rss_mb()
    startup, served = _warm_starts(folder, runs=3)
    loads["startup_warm_s"] = round(statistics.median(startup), 3)
    loads["serving_rss_mb"] = statistics.median(served)
    result: dict[str, Any] = {
        "entries": entries,
        **loads,
        "rss_mb": rss,
        "peak_rss_mb": peak,
        "engine": measure_engine(engine, queries, rounds),
    }
    base = load_cached(folder)
    result["baselines"] = {
        b.name: measure_baseline(b, queries, budget_s)
        for b in (DifflibTitles(base.facts), RapidfuzzScan(base.facts))
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per baseline")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query set")
    args = parser.parse_args()
    print(json.dumps(run(args.folder, args.budget, args.rounds)))


if __name__ == "__main__":
    main()

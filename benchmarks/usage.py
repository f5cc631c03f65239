"""The usage log's two targets, measured: recording on the event loop, and `stats` over 1M events.

1. Recording: what `Engine.handle` adds on the caller's thread is building the `Event` and one
   queue put (`usage_event` + `Usage.record`); it is timed directly per request, and the whole
   `handle` is timed with and without a usage log over the same questions (ratio, one run).
2. Reading: a database filled with N synthetic events (90 days, Zipf-distributed questions and
   facts, like real use) is read by `stats 30`, `stats 90` and `gaps 30`, against the naive way
   (GROUP BY over the raw events) as the baseline.

    .venv/bin/python -m benchmarks.usage                   # 1M events, ~2 minutes
    .venv/bin/python -m benchmarks.usage --events 100000   # quicker
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.measure import percentile
from bot.core.engine import Engine
from bot.core.recording import usage_event
from bot.core.types import Actor, Request
from bot.search.noticed import Noticed
from bot.store.store import Store
from bot.usage.database import DAY, UsageDatabase, row_of
from bot.usage.events import OUTCOMES, Event
from bot.usage.log import Usage
from bot.usage.privacy import Hasher
from bot.usage.reports import read_gaps, read_stats

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
LINES = (
    "timeline 1970s", "who bhutto", "interests russia", "search tashkent declaraton", "ruski",
    "topic energy", "quote kosygin", "what does russia want", "who gandhi", "sources",
)  # fmt: skip
COMMANDS = ("search", "timeline", "who", "interests", "topic", "quote", "(plain words)", "help")
BATCH = 10_000


def recording(rounds: int = 300) -> dict[str, Any]:
    """Time the recording hook per request, and `handle` with and without a usage log."""
    store = Store.open(KNOWLEDGE)
    with tempfile.TemporaryDirectory() as folder:
        usage = Usage(Path(folder) / "usage.sqlite3", retention_days=90)
        plain, logged = Engine(store), Engine(store, usage=usage)
        actor = Actor("123456789", "student", platform="discord", place="987654321")
        requests = [Request(*_split(line), actor) for line in LINES]
        hook: list[float] = []
        for _ in range(rounds):
            for request in requests:
                reply = plain.handle(request)
                start = time.perf_counter_ns()
                usage.record(usage_event(request, reply, Noticed(), 0.001, plain.table))
                hook.append((time.perf_counter_ns() - start) / 1e6)
        # Interleaved rounds, the fastest of each kept: noise from other processes hits both alike.
        pairs = [
            (_handle_ms(plain, requests, 20), _handle_ms(logged, requests, 20))
            for _ in range(rounds // 20)
        ]
        without, with_log = min(p for p, _ in pairs), min(w for _, w in pairs)
        usage.close()
    return {
        "hook_mean_ms": round(sum(hook) / len(hook), 4),
        "hook_p99_ms": round(percentile(hook, 99), 4),
        "handle_mean_ms_without_log": round(without, 4),
        "handle_mean_ms_with_log": round(with_log, 4),
        "with_over_without": round(with_log / without, 3),
    }


def _split(line: str) -> tuple[str, str]:
    command, _, args = line.partition(" ")
    return command, args


def _handle_ms(engine: Engine, requests: list[Request], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for request in requests:
            engine.handle(request)
    return (time.perf_counter() - start) * 1000 / (rounds * len(requests))


def fill(database: Path, events: int, seed: int = 7) -> float:
    """Write `events` synthetic requests over the last 90 days; give milliseconds per event."""
    rng = random.Random(seed)
    hasher = Hasher(b"benchmark-salt" * 3)
    queries = [
        f"question {n} {rng.choice(('ruski', 'steel', 'sco', 'gas'))}" for n in range(20_000)
    ]
    facts = [f"fact-{n}" for n in range(2_000)]
    store = UsageDatabase(database)
    now = time.time()
    start = time.perf_counter()
    with store.connect() as connection:
        for first in range(0, events, BATCH):
            batch = [
                _event(rng, now, queries, facts, first + n)
                for n in range(min(BATCH, events - first))
            ]
            store.write(connection, [row_of(e, hasher) for e in batch])
    return (time.perf_counter() - start) / events * 1000


def _event(rng: random.Random, now: float, queries: list[str], facts: list[str], n: int) -> Event:
    outcome = rng.choices(OUTCOMES, weights=(80, 5, 10, 3, 1, 1))[0]
    zipf = min(int(rng.paretovariate(1.1)) - 1, len(queries) - 1)
    first_fact = min(int(rng.paretovariate(1.2)) - 1, len(facts) - 8)
    return Event(
        at=now - rng.random() * 89 * DAY,  # the last 90 days, today included
        platform=rng.choice(("discord", "discord", "slack", "console")),
        place=str(rng.randrange(50)),
        user=str(rng.randrange(5_000)),
        command=rng.choice(COMMANDS),
        query=queries[zipf],
        outcome=outcome,
        facts=tuple(facts[first_fact : first_fact + 5]) if outcome == "answered" else (),
        corrections=(),
        suggested=("topic Russia",) if outcome == "missed" else (),
        latency=rng.lognormvariate(-7, 1),
    )


def reading(database: Path, rounds: int = 5) -> dict[str, Any]:
    """Time the reports against a GROUP BY over the raw events (the naive baseline)."""
    results: dict[str, Any] = {}
    with UsageDatabase(database).connect() as connection:
        reads: list[tuple[str, Callable[[], object]]] = [
            ("stats_30_days_ms", lambda: read_stats(connection, 30, time.time())),
            ("stats_90_days_ms", lambda: read_stats(connection, 90, time.time())),
            ("gaps_30_days_ms", lambda: read_gaps(connection, 30, time.time())),
            ("naive_stats_90_days_ms", lambda: _naive(connection)),
        ]
        for name, read in reads:
            read()  # warm the page cache, as a running bot's would be
            samples = []
            for _ in range(rounds):
                start = time.perf_counter()
                read()
                samples.append((time.perf_counter() - start) * 1000)
            results[name] = round(min(samples), 1)
    results["naive_over_stats_90"] = round(
        results["naive_stats_90_days_ms"] / results["stats_90_days_ms"], 1
    )
    return results


def _naive(connection: sqlite3.Connection) -> object:
    """What `stats` would cost read from the raw rows: counts, top queries, latency order."""
    since = time.time() - 90 * DAY
    return (
        connection.execute(
            "SELECT platform, command, outcome, COUNT(*) FROM events WHERE at >= ?"
            " GROUP BY 1, 2, 3",
            (since,),
        ).fetchall(),
        connection.execute(
            "SELECT query, COUNT(*) AS n FROM events WHERE at >= ? GROUP BY query"
            " ORDER BY n DESC LIMIT 5",
            (since,),
        ).fetchall(),
        connection.execute(
            "SELECT command, latency_ms FROM events WHERE at >= ? ORDER BY command, latency_ms",
            (since,),
        ).fetchall(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results-usage.json"))
    args = parser.parse_args()
    results: dict[str, Any] = {"recording": recording()}
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "usage.sqlite3"
        results["events"] = args.events
        results["write_ms_per_event"] = round(fill(database, args.events), 3)
        results["database_mb"] = round(database.stat().st_size / 1e6, 1)
        results["reading"] = reading(database)
    text = json.dumps(results, indent=2)
    print(text)
    args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()

"""Small timing and memory helpers shared by the benchmark scripts."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any


def percentile(samples: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of unsorted samples."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def time_calls(call: Callable[[str], object], queries: Iterable[str], rounds: int) -> list[float]:
    """Time each call in milliseconds, after one untimed warm-up pass."""
    queries = list(queries)
    for query in queries:
        call(query)
    samples: list[float] = []
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for query in queries:
            start = clock()
            call(query)
            samples.append((clock() - start) / 1e6)
    return samples


def summary(samples: Sequence[float]) -> dict[str, float]:
    """Give p50 and p99 of millisecond samples, rounded for the table."""
    return {
        "p50_ms": round(percentile(samples, 50), 4),
        "p99_ms": round(percentile(samples, 99), 4),
        "n": len(samples),
    }


def hit_at_10(found: Sequence[str], relevant: Iterable[str]) -> bool:
    """True when any of the first ten results is relevant."""
    return not set(found[:10]).isdisjoint(relevant)


def rss_mb() -> tuple[float, float]:
    """Return (current, peak) resident memory of this process in MB, from /proc."""
    values: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return round(values.get("VmRSS", 0.0), 1), round(values.get("VmHWM", 0.0), 1)


def wall_time(command: Sequence[str], runs: int, cwd: Path | None = None) -> list[float]:
    """Run a command `runs` times and return each wall time in seconds."""
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=cwd)
        times.append(time.perf_counter() - start)
    return times


def run_json(module: str, *args: str) -> dict[str, Any]:
    """Run `python -m module args` in a fresh process and parse the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args], check=False, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result

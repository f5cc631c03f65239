"""Measure chart rendering as the running bot does it: worker process, caches, event loop.

    python -m benchmarks.charts [--rounds 40]

For the densest decade of the real fact base and for the climate chart: the warm render time
seen from the event loop (worker already started and warmed, cache bypassed), the in-process
draw time, a memory-cache hit and a disk-cache hit, the PNG's size, and how late a 1 ms
ticker on the event loop wakes while charts render (the loop's stall). Also the worker's
start-up to warm. Prints one JSON object; the table in benchmarks/README.md comes from it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import percentile
from bot.charts.render import render_png
from bot.charts.service import ChartRenderer
from bot.core.chart import Chart
from bot.core.engine import Engine
from bot.core.types import Actor, Request
from bot.store.store import Store

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
TICK_S = 0.001
DECADES = [f"{year}s" for year in range(1940, 2030, 10)]


def charts() -> dict[str, Chart]:
    """Ask the engine for each case's chart, exactly as a user would.

    The decade is the one with the most events; the Cold War era is the densest chart there is
    (every event of 1947–1991).
    """
    engine = Engine(Store.open(KNOWLEDGE))
    actor = Actor("bench", "bench")

    def chart(command: str, args: str) -> Chart | None:
        return engine.handle(Request(command, args, actor)).chart

    decades = [c for c in (chart("timeline", f"{d} chart") for d in DECADES) if c is not None]
    densest = max(decades, key=lambda c: len(c.marks))
    era, climate = chart("timeline", "cold war chart"), chart("climate", "")
    assert era is not None and climate is not None
    return {f"decade ({densest.period})": densest, "cold war": era, "climate": climate}


def ms(values: list[float]) -> dict[str, float]:
    """Summarise seconds as milliseconds: p50, p99, max."""
    return {
        "p50_ms": round(percentile(values, 50) * 1000, 1),
        "p99_ms": round(percentile(values, 99) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
    }


async def ticker(stop: asyncio.Event, lateness: list[float]) -> None:
    """Sleep 1 ms again and again; record how late each wake-up is (the loop's stall)."""
    while not stop.is_set():
        start = time.perf_counter()
        await asyncio.sleep(TICK_S)
        lateness.append(time.perf_counter() - start - TICK_S)


async def measure(found: dict[str, Chart], rounds: int, cache: Path) -> dict[str, Any]:
    renderer = ChartRenderer(cache)
    started = time.perf_counter()
    renderer.start()
    assert renderer._warm is not None
    await asyncio.wrap_future(renderer._warm)
    result: dict[str, Any] = {"worker_start_to_warm_s": round(time.perf_counter() - started, 2)}
    stop, lateness = asyncio.Event(), list[float]()
    tick = asyncio.create_task(ticker(stop, lateness))
    await asyncio.sleep(5)  # the loop doing nothing: what the machine alone costs a ticker
    result["loop_stall_idle_5s"] = ms(lateness)
    lateness.clear()
    while_drawing: list[float] = []
    for name, chart in found.items():
        warm = []
        for _ in range(rounds):
            before = len(lateness)
            t = time.perf_counter()
            png = await renderer._draw(chart)  # the worker, cache bypassed
            warm.append(time.perf_counter() - t)
            while_drawing += lateness[before:]
        memory, disk = [], []
        await renderer.png(chart)
        for _ in range(rounds):
            t = time.perf_counter()
            await renderer.png(chart)
            memory.append(time.perf_counter() - t)
            fresh = ChartRenderer(cache)  # a restarted bot: nothing in memory, the file on disk
            t = time.perf_counter()
            await fresh.png(chart)
            disk.append(time.perf_counter() - t)
        result[name] = {
            "marks": len(chart.marks),
            "png_kb": round(len(png) / 1024, 1),
            "warm_render_in_worker": ms(warm),
            "cached_memory": ms(memory),
            "cached_disk": ms(disk),
        }
    stop.set()
    await tick
    renderer.close()
    result["loop_stall_while_rendering"] = ms(while_drawing)
    result["loop_stall_whole_run"] = ms(lateness)
    return result


def in_process(found: dict[str, Chart], rounds: int) -> dict[str, Any]:
    """Time drawing in this process (what `factbot ask --chart` does), after one warm-up."""
    out: dict[str, Any] = {}
    for name, chart in found.items():
        render_png(chart)
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            render_png(chart)
            times.append(time.perf_counter() - t)
        out[name] = ms(times)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    found = charts()
    with tempfile.TemporaryDirectory() as cache:
        result = asyncio.run(measure(found, args.rounds, Path(cache)))
    result["in_process_draw"] = in_process(found, args.rounds)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

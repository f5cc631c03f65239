"""The chart worker on a long-running bot: a time limit, a dead worker replaced, whole files on
disk from concurrent writers, and a disk cache that does not grow without end."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.adapters.pictures import picture_of
from bot.charts.service import DISK_ITEMS, UNUSED_DAYS, ChartRenderer, drawing_version, prune
from bot.core.chart import Chart
from bot.core.engine import Engine
from tests.charts.pngcheck import assert_picture
from tests.conftest import ask

pytestmark = pytest.mark.timeout(120)
DAY = 86_400.0


def chart_of(engine: Engine, line: str) -> Chart:
    chart = ask(engine, line).chart
    assert chart is not None
    return chart


def test_a_chart_past_the_time_limit_leaves_the_text_alone(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    """A drawing that outlasts the limit (here a cold worker, still importing matplotlib)
    gives no picture and a warning in the log, not an error or a wait."""
    renderer = ChartRenderer(limit=0.001)
    reply = ask(engine, "timeline 1960s chart")

    async def picture() -> tuple[str, bytes] | None:
        renderer.start()
        try:
            return await picture_of(renderer, reply)
        finally:
            renderer.close()

    with caplog.at_level(logging.WARNING, logger="bot.adapters.pictures"):
        assert asyncio.run(picture()) is None
    assert "answered without it" in caplog.text


def test_a_dead_worker_is_replaced_and_the_chart_still_drawn(engine: Engine) -> None:
    """Kill the worker process between two charts: the second is drawn by a new worker."""
    renderer = ChartRenderer()

    async def draw_across_a_death() -> bytes:
        before = set(multiprocessing.active_children())
        renderer.start()
        try:
            assert_picture(await renderer.png(chart_of(engine, "timeline 1960s chart")))
            for worker in set(multiprocessing.active_children()) - before:
                assert worker.pid is not None
                os.kill(worker.pid, signal.SIGKILL)
                worker.join(10)
            return await renderer.png(chart_of(engine, "timeline 1970s chart"))
        finally:
            renderer.close()

    assert_picture(asyncio.run(draw_across_a_death()))


def test_writers_of_one_chart_at_once_leave_one_whole_file(
    engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Four renderers draw the same chart into one folder at once: every one gets its picture,
    none complains, and the folder holds that one picture and no temporary file. (Whether two
    writes overlap is up to the scheduler; each writer's temporary name is its own either way.)"""
    chart = chart_of(engine, "climate")
    with caplog.at_level(logging.WARNING), ThreadPoolExecutor(4) as threads:
        pictures = list(threads.map(
            lambda _: ChartRenderer(tmp_path, in_process=True).png_now(chart), range(4)
        ))  # fmt: skip
    assert "could not cache" not in caplog.text
    assert len(set(pictures)) == 1
    assert [p.name for p in tmp_path.iterdir()] == [f"{chart.key}-{drawing_version()}.png"]
    assert (tmp_path / f"{chart.key}-{drawing_version()}.png").read_bytes() == pictures[0]


def _file(folder: Path, name: str, age_days: float, now: float) -> Path:
    path = folder / name
    path.write_bytes(b"png")
    os.utime(path, (now - age_days * DAY, now - age_days * DAY))
    return path


def test_pruning_keeps_what_this_version_may_serve_again(tmp_path: Path) -> None:
    """Gone: another version's pictures, pictures unused for a month, crash leftovers; kept: this
    version's recent pictures and a file being written right now."""
    now, current = time.time(), "abc123abc123"
    fresh = _file(tmp_path, f"k1-{current}.png", 1, now)
    writing = _file(tmp_path, f".k2-xyz{'.part'}", 0, now)
    _file(tmp_path, f"k3-{current}.png", UNUSED_DAYS + 1, now)
    _file(tmp_path, "k4-000000000000.png", 0, now)
    _file(tmp_path, f".k5-old{'.part'}", 1, now)
    assert prune(tmp_path, current, now) == 3
    assert sorted(tmp_path.iterdir()) == sorted([fresh, writing])


def test_pruning_keeps_the_newest_pictures_when_there_are_too_many(tmp_path: Path) -> None:
    """Past `DISK_ITEMS` pictures, the least recently used go first."""
    now, current = time.time(), "abc123abc123"
    for index in range(DISK_ITEMS + 2):
        _file(tmp_path, f"k{index}-{current}.png", index / 1000, now)
    assert prune(tmp_path, current, now) == 2
    names = {p.name for p in tmp_path.iterdir()}
    assert f"k{DISK_ITEMS + 1}-{current}.png" not in names and f"k0-{current}.png" in names


def test_the_worker_prunes_the_cache_when_it_starts(engine: Engine, tmp_path: Path) -> None:
    """A bot's renderer starting on an old cache removes another version's picture there, and
    keeps one that a read just marked as used."""
    now = time.time()
    chart = chart_of(engine, "timeline 1980s chart")
    stale = _file(tmp_path, "old-000000000000.png", 0, now)
    used = tmp_path / f"{chart.key}-{drawing_version()}.png"
    used.write_bytes(ChartRenderer(in_process=True).png_now(chart))
    os.utime(used, (now - 2 * UNUSED_DAYS * DAY, now - 2 * UNUSED_DAYS * DAY))
    assert ChartRenderer(tmp_path, in_process=True).png_now(chart)  # read: marked as used

    async def draw() -> bytes:
        renderer = ChartRenderer(tmp_path)
        renderer.start()
        try:  # one worker takes its tasks in order: the prune is done before this drawing
            return await renderer.png(chart_of(engine, "timeline 1990s chart"))
        finally:
            renderer.close()

    assert_picture(asyncio.run(draw()))
    assert not stale.exists()
    assert used.exists()

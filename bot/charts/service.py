"""Render charts for a running bot: in a worker process, cached in memory and on disk.

Drawing a chart costs ~0.1 s of CPU, and matplotlib's cold import more than a second. On the
event loop either would stall every conversation, and even in a thread it would hold the GIL;
so one worker process draws, started when the bot starts and warmed (matplotlib imported, a
figure drawn) in the background before anyone asks. The chart's key is a hash of what it
draws, so a picture is reused until the facts behind it change: from memory at once, from
`<cache>/charts/<key>-<drawing>.png` after a restart (`drawing_version`: until the way charts
are drawn changes, too).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
import os
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from importlib.metadata import version
from pathlib import Path

from bot.core.chart import Chart

log = logging.getLogger(__name__)

MEMORY_ITEMS = 64  # ~50 KB each: a few MB at most


class ChartRenderer:
    """Give a chart's PNG, drawing it at most once per content; safe to share between adapters."""

    def __init__(self, cache_dir: Path | None = None, *, in_process: bool = False) -> None:
        """Cache on disk under `cache_dir` (None: memory only); `in_process` draws here.

        In-process drawing suits a one-shot `factbot ask`, where a worker's start-up would
        cost more than the one picture.
        """
        self._dir = cache_dir
        self._in_process = in_process
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._pool: ProcessPoolExecutor | None = None
        self._warm: Future[bool] | None = None

    def start(self) -> None:
        """Start the worker and warm it in the background; returns at once."""
        if self._in_process or self._pool is not None:
            return
        # forkserver, not fork: forking a process with an event loop and threads running can
        # copy a held lock into the child; a spawned worker starts clean.
        context = multiprocessing.get_context("forkserver")
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        self._warm = self._pool.submit(warm_up)

    def close(self) -> None:
        """Stop the worker without waiting for a drawing nobody will read."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def cached(self, chart: Chart) -> bytes | None:
        """Give the chart's PNG if it is in memory (no drawing, no file)."""
        png = self._memory.get(chart.key)
        if png is not None:
            self._memory.move_to_end(chart.key)
        return png

    async def png(self, chart: Chart) -> bytes:
        """Give the chart's PNG: from memory, from disk, or drawn by the worker."""
        png = self.cached(chart)
        if png is not None:
            return png
        png = await asyncio.to_thread(self._read, chart.key)
        if png is None:
            png = await self._draw(chart)
            await asyncio.to_thread(self._write, chart.key, png)
        self._remember(chart.key, png)
        return png

    def png_now(self, chart: Chart) -> bytes:
        """Give the chart's PNG without an event loop (the console), drawing here if needed."""
        png = self.cached(chart) or self._read(chart.key)
        if png is None:
            png = render_png(chart)
            self._write(chart.key, png)
        self._remember(chart.key, png)
        return png

    async def _draw(self, chart: Chart) -> bytes:
        if self._pool is None:
            if not self._in_process:
                self.start()
            if self._pool is None:
                return await asyncio.to_thread(render_png, chart)
        return await asyncio.wrap_future(self._pool.submit(render_png, chart))

    def _remember(self, key: str, png: bytes) -> None:
        self._memory[key] = png
        self._memory.move_to_end(key)
        while len(self._memory) > MEMORY_ITEMS:
            self._memory.popitem(last=False)

    def _path(self, key: str) -> Path | None:
        return None if self._dir is None else self._dir / f"{key}-{drawing_version()}.png"

    def _read(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            return None if path is None else path.read_bytes()
        except OSError:
            return None

    def _write(self, key: str, png: bytes) -> None:
        """Write beside the target and rename, so a reader never sees half a picture."""
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_suffix(f".{os.getpid()}.part")
            part.write_bytes(png)
            os.replace(part, path)
        except OSError as exc:  # a read-only cache only costs a redraw next time
            log.warning("could not cache chart %s: %s", path, exc)


@cache
def drawing_version() -> str:
    """Name how charts are drawn: this package's code and matplotlib's version, hashed.

    A chart's key says what it shows; how it looks changes with an upgrade (a new colour, a
    bigger font). Files on disk carry both, so an upgraded bot never serves yesterday's style.
    """
    digest = hashlib.sha256(version("matplotlib").encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def render_png(chart: Chart) -> bytes:
    """Draw a chart (in whichever process runs this); matplotlib is imported only here."""
    from bot.charts.render import render_png as draw

    return draw(chart)


def warm_up() -> bool:
    """Import matplotlib and draw once, in the worker, so the first chart is fast."""
    from bot.charts.render import warm_up as warm

    return warm()


def charts_dir(cache_root: Path) -> Path:
    """Give where rendered charts are kept: `<cache root>/charts`."""
    return cache_root / "charts"

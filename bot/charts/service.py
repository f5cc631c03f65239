"""Render charts for a running bot: in a worker process, cached in memory and on disk.

Drawing a chart costs ~0.1 s of CPU, and matplotlib's cold import more than a second. On the
event loop either would stall every conversation, and even in a thread it would hold the GIL;
so one worker process draws, started when the bot starts and warmed (matplotlib imported, a
figure drawn) in the background before anyone asks. The chart's key is a hash of what it
draws, so a picture is reused until the facts behind it change: from memory at once, from
`<cache>/charts/<key>-<drawing>.png` after a restart (`drawing_version`: until the way charts
are drawn changes, too).

A chart is an addition to a text answer, so it may not hold one up for long: a drawing that
takes more than `LIMIT` seconds is given up (`TimeoutError`, and the text goes alone), and a
worker that died (killed for memory, say) is replaced and the drawing tried once more, rather
than every later chart failing on a broken pool. The disk cache is pruned when the worker
starts: pictures drawn by another version, unused for `UNUSED_DAYS`, or past the newest
`DISK_ITEMS` are removed (a read refreshes a file's time, so what is asked for stays).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
import os
import tempfile
import time
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from importlib.metadata import version
from pathlib import Path

from bot.core.chart import Chart

log = logging.getLogger(__name__)

MEMORY_ITEMS = 64  # ~50 KB each: a few MB at most
DISK_ITEMS = 2_000  # ~50 KB each: ~100 MB at most on disk
UNUSED_DAYS = 30  # a picture nobody asked for in this long is removed
PART_HOURS = 1  # a half-written file this old was left by a crash
LIMIT = 15.0  # seconds a chart may take before its text answer goes without it


class ChartRenderer:
    """Give a chart's PNG, drawing it at most once per content; safe to share between adapters."""

    def __init__(
        self, cache_dir: Path | None = None, *, in_process: bool = False, limit: float = LIMIT
    ) -> None:
        """Cache on disk under `cache_dir` (None: memory only); `in_process` draws here.

        In-process drawing suits a one-shot `factbot ask`, where a worker's start-up would
        cost more than the one picture. `limit`: seconds a drawing may take on the bot.
        """
        self._dir = cache_dir
        self._in_process = in_process
        self.limit = limit
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
        if self._dir is not None:  # in the worker too: the bot's loop never lists the folder
            self._pool.submit(prune, self._dir, drawing_version(), time.time())

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
            png = await asyncio.wait_for(self._draw(chart), self.limit)
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
        """Draw in the worker; a dead worker is replaced and the drawing tried once more."""
        if self._in_process:
            return await asyncio.to_thread(render_png, chart)
        pool = self._started()
        try:
            return await asyncio.wrap_future(pool.submit(render_png, chart))
        except BrokenProcessPool:
            log.warning("the chart worker died; starting a new one")
            if self._pool is pool:  # not already replaced by a drawing that failed with this
                self.close()
            return await asyncio.wrap_future(self._started().submit(render_png, chart))

    def _started(self) -> ProcessPoolExecutor:
        self.start()
        assert self._pool is not None
        return self._pool

    def _remember(self, key: str, png: bytes) -> None:
        self._memory[key] = png
        self._memory.move_to_end(key)
        while len(self._memory) > MEMORY_ITEMS:
            self._memory.popitem(last=False)

    def _path(self, key: str) -> Path | None:
        return None if self._dir is None else self._dir / f"{key}-{drawing_version()}.png"

    def _read(self, key: str) -> bytes | None:
        """Read a cached picture, and mark it used so that pruning keeps it."""
        path = self._path(key)
        try:
            if path is None:
                return None
            png = path.read_bytes()
            os.utime(path)  # access times are often not kept (noatime): the mtime says "used"
            return png
        except OSError:
            return None

    def _write(self, key: str, png: bytes) -> None:
        """Write beside the target and rename, so a reader never sees half a picture.

        The temporary name is unique per writer: two threads (or processes) drawing the same
        chart each rename a whole file of their own, and the last one wins.
        """
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=path.parent, prefix=f".{key}-", suffix=PART, delete=False
            ) as part:
                part.write(png)
            os.replace(part.name, path)
        except OSError as exc:  # a read-only cache only costs a redraw next time
            log.warning("could not cache chart %s: %s", path, exc)


PART = ".part"  # a picture being written


def prune(folder: Path, current: str, now: float) -> int:
    """Remove what the cache will not serve again; give how many files went.

    Gone: pictures drawn by another version (`current` is this one's), pictures unused for
    `UNUSED_DAYS`, the oldest beyond the newest `DISK_ITEMS`, and half-written files left by
    a crash. Runs in the worker when it starts; a file that cannot be removed is left.
    """
    try:
        entries = [(p, p.stat().st_mtime) for p in folder.iterdir() if p.is_file()]
    except OSError:
        return 0
    parts = [p for p, at in entries if p.name.endswith(PART) and at < now - PART_HOURS * 3600]
    pictures = sorted(((p, at) for p, at in entries if p.suffix == ".png"), key=lambda e: -e[1])
    stale = [p for p, _ in pictures if not p.stem.endswith(f"-{current}")]
    kept = [(p, at) for p, at in pictures if p.stem.endswith(f"-{current}")]
    old = [p for i, (p, at) in enumerate(kept) if i >= DISK_ITEMS or at < now - UNUSED_DAYS * 86400]
    removed = 0
    for path in (*parts, *stale, *old):
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    return removed


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

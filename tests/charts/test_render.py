"""Rendering: a valid PNG of the stated size with something drawn, from memory, disk or worker."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from matplotlib.text import Text

from bot.charts.render import draw, render_png
from bot.charts.service import ChartRenderer
from bot.core.chart import Chart
from bot.core.engine import Engine
from tests.charts.pngcheck import assert_picture
from tests.conftest import ask


def chart_of(engine: Engine, line: str) -> Chart:
    chart = ask(engine, line).chart
    assert chart is not None
    return chart


@pytest.mark.parametrize(
    "line",
    ["timeline 1960s chart", "timeline cold war chart", "timeline since 2001 chart", "climate"],
)
def test_each_chart_is_a_picture_of_the_stated_size(engine: Engine, line: str) -> None:
    """Decades, eras and the climate all draw to 640 × 480 px, not blank, under 300 KB."""
    png = render_png(chart_of(engine, line))
    assert_picture(png)
    assert len(png) <= 300_000


def test_the_worker_draws_and_the_cache_remembers(engine: Engine, tmp_path: Path) -> None:
    """Drawn once in the worker process; then served from memory, and from disk after a restart."""
    chart = chart_of(engine, "timeline 1970s chart")

    async def draw_twice() -> tuple[bytes, bytes]:
        renderer = ChartRenderer(tmp_path)
        renderer.start()
        try:
            first = await renderer.png(chart)
            return first, renderer.cached(chart) or b""
        finally:
            renderer.close()

    first, again = asyncio.run(draw_twice())
    assert_picture(first)
    assert again == first
    [kept] = tmp_path.glob(f"{chart.key}-*.png")
    assert kept.read_bytes() == first
    restarted = ChartRenderer(tmp_path, in_process=True)
    assert restarted.png_now(chart) == first  # read back, not redrawn


def test_a_chart_that_cannot_be_cached_is_still_given(engine: Engine, tmp_path: Path) -> None:
    """A read-only cache folder costs a warning, never the picture."""
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    png = ChartRenderer(blocked / "charts", in_process=True).png_now(chart_of(engine, "climate"))
    assert_picture(png)


def test_a_picture_drawn_by_another_version_is_drawn_again(engine: Engine, tmp_path: Path) -> None:
    """After an upgrade that draws differently, yesterday's file for the same chart is not shown."""
    chart = chart_of(engine, "timeline 1970s chart")
    old = tmp_path / f"{chart.key}-000000000000.png"
    old.write_bytes(b"yesterday's picture")
    png = ChartRenderer(tmp_path, in_process=True).png_now(chart)
    assert png != b"yesterday's picture"
    assert_picture(png)


@pytest.mark.parametrize(
    "line",
    [
        "timeline 1960s chart",
        "timeline cold war chart",
        "timeline since 2001 chart",
        "climate",
        "climate 1990s",
        "when were relations good",
    ],
)
def test_no_text_runs_off_the_picture(engine: Engine, line: str) -> None:
    """Every title, label, key entry and note lies wholly inside the image."""
    figure = draw(chart_of(engine, line))
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    width, height = figure.bbox.width, figure.bbox.height
    texts = [t for t in figure.findobj(Text) if t.get_text().strip() and t.get_visible()]
    assert texts
    outside = []
    for text in texts:
        box = text.get_window_extent(renderer)
        if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
            outside.append(text.get_text())
    assert outside == []

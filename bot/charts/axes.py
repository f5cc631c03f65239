"""What both charts share: the figure, its fixed margins, the date axis and the small print.

Margins are set by hand rather than by `tight_layout` or `bbox_inches="tight"`, which measure
every text object and cost tens of milliseconds a picture; the picture's size is then exactly
the stated size, which tests and Discord's preview rely on.
"""

from __future__ import annotations

import calendar
from datetime import date

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.charts import style
from bot.charts.layout import year_ticks
from bot.core.chart import Chart


def years(day: date, *, end: bool = False) -> float:
    """Place a day on the axis as a fractional year; an inclusive end covers its whole day."""
    length = 366 if calendar.isleap(day.year) else 365
    return day.year + (day.timetuple().tm_yday - (0 if end else 1)) / length


def new_figure() -> Figure:
    """Give an empty figure of the house size, with its own Agg canvas (never pyplot)."""
    fig = Figure(figsize=(style.WIDTH_IN, style.HEIGHT_IN), dpi=style.DPI, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def headings(fig: Figure, chart: Chart, subtitle: str, more: str = "") -> None:
    """Write the title, a one-line key under it, and the source line (and "+N more") below."""
    fig.text(0.03, 0.935, chart.title, size=style.TITLE_SIZE, weight="bold", color=style.TEXT)
    fig.text(0.03, 0.885, subtitle, size=style.SMALL_SIZE, color=style.MUTED)
    fig.text(0.03, 0.025, chart.footer, size=style.SMALL_SIZE - 0.5, color=style.MUTED)
    if more:
        fig.text(0.97, 0.025, more, size=style.SMALL_SIZE, color=style.TEXT, ha="right")


def date_axis(ax: Axes, first: float, last: float, *, most: int = 12) -> None:
    """Draw round years along the bottom, faint year lines, and nothing else of the frame."""
    ticks = year_ticks(first, last, most)
    ax.set_xticks(ticks, [str(t) for t in ticks], size=style.SMALL_SIZE + 0.5, color=style.TEXT)
    ax.tick_params(axis="x", length=3, color=style.MUTED)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color=style.GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(style.MUTED)

"""Draw the climate chart: one row per article across 1947–today, each span coloured by tone.

Read down a column to see whether the articles agree about a year. An era an article judges
as a whole (the Cold War) and a spell inside it that it reads differently (1965, warm) are both
kept: the era as a thin band at the foot of the row, the spell full height above it. Spans
that are one side of a recorded disagreement are hatched. Two collections hold every span, so
the picture costs a handful of artists however many spans there are.
"""

from __future__ import annotations

import textwrap

from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bot.charts import style
from bot.charts.axes import date_axis, headings, new_figure, years
from bot.charts.layout import nested
from bot.core.chart import Chart
from bot.factbase.model import TONES

LEFT, RIGHT, TOP, BOTTOM = 0.22, 0.97, 0.84, 0.22
FULL = 0.62  # a span's height, of a row
BAND = 0.16  # an era's thin band at the foot of the row
NAME_WIDTH = 22  # characters per line of an article's name at the left


def draw_climate(chart: Chart) -> Figure:
    """Draw every article's spans in its own row."""
    fig = new_figure()
    fig.subplots_adjust(left=LEFT, right=RIGHT, top=TOP, bottom=BOTTOM)
    ax = fig.add_subplot()
    spans, plain_faces, hatched = _rectangles(chart)
    ax.add_collection(
        PolyCollection(spans, facecolors=plain_faces, edgecolors="white", linewidths=0.8)
    )
    if hatched:
        ax.add_collection(
            PolyCollection(
                hatched, facecolors="none", edgecolors="#00000059", linewidths=0, hatch="//"
            )
        )
    lo, hi = years(chart.start), years(chart.end, end=True)
    ax.set_xlim(lo - 0.5, hi + 0.5)
    ax.set_ylim(len(chart.lanes) - 0.5, -0.5)
    names = dict(chart.articles)
    ax.set_yticks(
        range(len(chart.lanes)),
        [textwrap.fill(names.get(lane, lane), NAME_WIDTH) for lane in chart.lanes],
        size=style.LABEL_SIZE,
        color=style.TEXT,
        linespacing=1.0,
    )
    date_axis(ax, lo, hi)
    subtitle = (
        "One row per article, coloured by how it describes relations; thin band: an era as a whole."
    )
    headings(fig, chart, subtitle)
    _legend(fig)
    return fig


Rects = list[list[tuple[float, float]]]


def _rectangles(chart: Chart) -> tuple[Rects, list[str], Rects]:
    """Give every span's rectangle and colour, and the disputed ones again for hatching."""
    bounds = [(m.lane, years(m.start), years(m.end, end=True)) for m in chart.marks]
    eras = nested(bounds)
    banded = {bounds[i][0] for i in eras}  # lanes with an era band at their foot
    order = sorted(range(len(chart.marks)), key=lambda i: i not in eras)  # eras underneath
    spans: Rects = []
    faces: list[str] = []
    hatched: Rects = []
    for i in order:
        mark, (lane, x0, x1) = chart.marks[i], bounds[i]
        if i in eras:
            top, bottom = lane + FULL / 2 - BAND, lane + FULL / 2
        else:
            top, bottom = lane - FULL / 2, lane + FULL / 2 - (BAND + 0.04 if lane in banded else 0)
        rect = [(x0, top), (x1, top), (x1, bottom), (x0, bottom)]
        spans.append(rect)
        faces.append(style.TONE_COLOURS.get(mark.tone or "", style.MUTED))
        if mark.disputed:
            hatched.append(rect)
    return spans, faces, hatched


def _legend(fig: Figure) -> None:
    """Name the tones, warmest first, and the hatching."""
    handles = [Patch(facecolor=style.TONE_COLOURS[t], edgecolor="none") for t in TONES]
    handles.append(Patch(facecolor="#EEEEEE", edgecolor="#00000080", hatch="////", linewidth=0))
    fig.legend(
        handles,
        [*TONES, "articles disagree"],
        loc="lower left",
        bbox_to_anchor=(LEFT - 0.01, 0.07),
        ncol=6,
        fontsize=style.SMALL_SIZE + 0.5,
        frameon=False,
        handlelength=1.4,
        handletextpad=0.4,
        columnspacing=1.0,
    )

"""Draw the climate chart: one row per article across 1947–today, each span coloured by tone.

Read down a column to see whether the articles agree about a year. Where an article dates a
narrower span inside a wider one of its own (the Cold War as a whole, and 1965 within it), both
are kept: the wider as a thin band at the foot of the row, the narrower full height above it.
That is the one rule for thin bands, and the legend says it in those words. Spans that are one
side of a recorded disagreement are hatched. Each article's name is written above its row, so
the bars get the picture's whole width. Two collections hold every span, so the picture costs a
handful of artists however many spans there are.
"""

from __future__ import annotations

from typing import Any

from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerPatch
from matplotlib.patches import Patch, Rectangle

from bot.charts import style
from bot.charts.axes import date_axis, headings, new_figure, years
from bot.charts.layout import nested
from bot.core.chart import Chart
from bot.factbase.model import TONES

LEFT, RIGHT, TOP, BOTTOM = 0.03, 0.97, 0.86, 0.25
NAME_TOP = -0.48  # where an article's name starts, from its row's centre (down is +)
BAR_TOP, BAR_BOTTOM = -0.12, 0.42  # a span's extent in its row, under the name
BAND = 0.14  # the thin band of a wider span, at the foot of the row
BAND_RULE = "thin band: a span with a narrower span of the same article inside it"


def draw_climate(chart: Chart) -> Figure:
    """Draw every article's spans in its own row."""
    fig = new_figure()
    fig.subplots_adjust(left=LEFT, right=RIGHT, top=TOP, bottom=BOTTOM)
    ax = fig.add_subplot()
    spans, plain_faces, hatched, banded = _rectangles(chart)
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
    pad = max(0.01 * (hi - lo), 0.1)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(len(chart.lanes) - 0.5, -0.5)
    ax.set_yticks([])
    names = dict(chart.articles)
    for lane, source_id in enumerate(chart.lanes):
        ax.text(
            lo - pad,
            lane + NAME_TOP,
            names.get(source_id, source_id),
            size=style.SMALL_SIZE + 1.5,
            weight="bold",
            color=style.TEXT,
            va="top",
        )
    date_axis(ax, lo - pad, hi + pad)
    headings(fig, chart, "One row per article, coloured by how it describes relations.")
    _legend(fig, chart, banded=banded)
    return fig


Rects = list[list[tuple[float, float]]]


def _rectangles(chart: Chart) -> tuple[Rects, list[str], Rects, bool]:
    """Give the spans' rectangles, colours, disputed ones (to hatch), and if any is banded."""
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
            top, bottom = lane + BAR_BOTTOM - BAND, lane + BAR_BOTTOM
        else:
            top = lane + BAR_TOP
            bottom = lane + BAR_BOTTOM - (BAND + 0.04 if lane in banded else 0)
        rect = [(x0, top), (x1, top), (x1, bottom), (x0, bottom)]
        spans.append(rect)
        faces.append(style.TONE_COLOURS.get(mark.tone or "", style.MUTED))
        if mark.disputed:
            hatched.append(rect)
    return spans, faces, hatched, bool(eras)


def _legend(fig: Figure, chart: Chart, *, banded: bool) -> None:
    """Name the tones drawn, warmest first; under them the hatching and the thin band, if drawn.

    The key names only what the picture shows: `climate good` has no hostile entry, and a
    chart with no span inside another has no thin band to explain.
    """
    tones = [t for t in TONES if any(m.tone == t for m in chart.marks)]
    handles = [Patch(facecolor=style.TONE_COLOURS[t], edgecolor="none") for t in tones]
    fig.legend(handles, tones, bbox_to_anchor=(LEFT - 0.01, 0.115), ncol=5, **_LEGEND)
    keys: list[tuple[Patch, str]] = []
    if any(m.disputed for m in chart.marks):
        hatch = Patch(facecolor="#EEEEEE", edgecolor="#00000080", hatch="////", linewidth=0)
        keys.append((hatch, "articles disagree"))
    if banded:
        keys.append((Rectangle((0, 0), 1, 0.3, facecolor=style.MUTED), BAND_RULE))
    if keys:
        fig.legend(
            [k for k, _ in keys],
            [name for _, name in keys],
            bbox_to_anchor=(LEFT - 0.01, 0.06),
            ncol=2,
            handler_map={Rectangle: _ThinBand()},
            **_LEGEND,
        )


_LEGEND: dict[str, Any] = {
    "loc": "lower left",
    "fontsize": style.SMALL_SIZE,
    "frameon": False,
    "handlelength": 1.4,
    "handletextpad": 0.4,
    "columnspacing": 1.0,
    "borderpad": 0.0,
}


class _ThinBand(HandlerPatch):
    """Draw a legend key as a thin band at the foot of its box, as the chart draws one."""

    def create_artists(
        self,
        legend: Any,
        orig_handle: Any,
        xdescent: float,
        ydescent: float,
        width: float,
        height: float,
        fontsize: float,
        trans: Any,
    ) -> list[Rectangle]:
        band = Rectangle(
            (-xdescent, -ydescent), width, height * 0.3, facecolor=style.MUTED, edgecolor="none"
        )
        band.set_transform(trans)
        return [band]

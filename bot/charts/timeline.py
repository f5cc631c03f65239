"""Draw a timeline chart: each event on a date axis, coloured and shaped by its article.

A point (a day, month or year) is a marker; a range or a decade is a bar, faint for a decade
(or part of one), so an event dated only "1970s" never pretends to a day. Labels go where
`layout.place` puts them. Few artists: one scatter per article, one collection for all bars,
one text per label.
"""

from __future__ import annotations

from collections import defaultdict

from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D

from bot.charts import style
from bot.charts.axes import date_axis, headings, new_figure, years
from bot.charts.layout import Placed, place, unlabelled
from bot.core.chart import Chart, Mark

LEFT, RIGHT, TOP, BOTTOM = 0.03, 0.97, 0.83, 0.25
ROW_PX = 25.0  # one label row: 12 pt text, its light ground and a little air
BAR_HEIGHT = 0.55  # of a row
MIN_ROWS = 6  # a sparse chart still spreads over the height, not crowded at the top


def draw_timeline(chart: Chart) -> Figure:
    """Draw the chart's marks and labels on a fresh figure."""
    fig = new_figure()
    fig.subplots_adjust(left=LEFT, right=RIGHT, top=TOP, bottom=BOTTOM)
    ax = fig.add_subplot()
    first, last = years(chart.start), years(chart.end, end=True)
    pad = max(0.015 * (last - first), 0.15)
    lo, hi = first - pad, last + pad
    width_px = fig.bbox.width * (RIGHT - LEFT)
    most = max(2, int(fig.bbox.height * (TOP - BOTTOM) / ROW_PX)) - 1  # the last: unlabelled
    placed = _place(fig, chart.marks, lo, hi, width_px, most)
    # Few rows used: spread them out (at most ~3 rows' height apart) rather than crowd the top.
    rows = max([p.row + 1 for p in placed if p.row is not None] or [1])
    rows = max(rows, MIN_ROWS) if unlabelled(placed) == 0 else most
    _bars(ax, chart, placed, rows)
    _points(ax, chart, placed, rows)
    _labels(ax, placed, lo, hi, width_px)
    ax.set_xlim(lo, hi)
    ax.set_ylim(rows - 0.4 if unlabelled(placed) == 0 else rows + 0.6, -0.7)
    ax.set_yticks([])
    date_axis(ax, lo, hi)
    hidden = unlabelled(placed) + chart.more
    more = f"+{hidden} more unlabelled: all in the text answer" if hidden else ""
    count = len(chart.marks) + chart.more
    subtitle = (
        f"{count} event{'s' if count != 1 else ''}; colour and shape: the article. "
        "Bars: a range; faint: a decade or part of one."
    )
    headings(fig, chart, subtitle, more)
    _legend(fig, chart)
    return fig


def _place(
    fig: Figure, marks: tuple[Mark, ...], lo: float, hi: float, width_px: float, rows: int
) -> list[Placed]:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    font = FontProperties(family=style.FONT, size=style.LABEL_SIZE)

    widths: dict[str, float] = {}

    def measure(text: str) -> float:  # each label is measured once, though placed twice
        if text not in widths:
            widths[text] = renderer.get_text_width_height_descent(text, font, ismath=False)[0]
        return float(widths[text])

    scale = width_px / (hi - lo)

    def px(year: float) -> float:  # a span past the axis is drawn (and labelled) to its edge
        return (min(max(year, lo), hi) - lo) * scale

    spans = [
        (px(years(m.start)), px(years(m.end, end=True)))
        if m.shape == "span"
        else (px(point_x(m)),) * 2
        for m in marks
    ]
    weights = [m.importance for m in marks]
    return place(spans, [m.label for m in marks], measure, width_px, rows, weights=weights)


def point_x(mark: Mark) -> float:
    """Place a point event: a day on its day, a month or year at its middle."""
    if mark.precision == "day":
        return years(mark.start)
    return (years(mark.start) + years(mark.end, end=True)) / 2


def _row(p: Placed, rows: int) -> float:
    return float(rows) if p.row is None else float(p.row)


def _bars(ax: object, chart: Chart, placed: list[Placed], rows: int) -> None:
    """Draw every range and decade as one collection of rectangles."""
    verts, faces, edges = [], [], []
    colour_of = {sid: style.article_colour(n) for n, (sid, _) in enumerate(chart.articles)}
    for p in placed:
        mark = chart.marks[p.index]
        if mark.shape != "span":
            continue
        x0, x1, y = years(mark.start), years(mark.end, end=True), _row(p, rows)
        h = BAR_HEIGHT / 2
        verts.append([(x0, y - h), (x1, y - h), (x1, y + h), (x0, y + h)])
        colour = colour_of.get(mark.article, style.MUTED)
        alpha = "30" if mark.precision in ("decade", "part") else "66"
        faces.append(colour + alpha)
        edges.append(colour)
    if verts:
        bars = PolyCollection(verts, facecolors=faces, edgecolors=edges, linewidths=0.8)
        ax.add_collection(bars)  # type: ignore[attr-defined]


def _points(ax: object, chart: Chart, placed: list[Placed], rows: int) -> None:
    """Draw the point events, one scatter call per article."""
    by_article: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    index_of = {sid: n for n, (sid, _) in enumerate(chart.articles)}
    for p in placed:
        mark = chart.marks[p.index]
        if mark.shape == "point":
            xs, ys = by_article[index_of.get(mark.article, len(index_of))]
            xs.append(point_x(mark))
            ys.append(_row(p, rows))
    for n, (xs, ys) in by_article.items():
        ax.scatter(  # type: ignore[attr-defined]
            xs,
            ys,
            s=style.MARKER_AREA,
            marker=style.article_marker(n),
            color=style.article_colour(n),
            edgecolors="white",
            linewidths=0.6,
            zorder=3,
        )


def _labels(ax: object, placed: list[Placed], lo: float, hi: float, width: float) -> None:
    """Write each placed label beside its mark, in data units converted from pixels."""
    per_px = (hi - lo) / width
    for p in placed:
        if p.row is None:
            continue
        ax.text(  # type: ignore[attr-defined]
            lo + p.text_x * per_px,
            p.row,
            p.label,
            size=style.LABEL_SIZE,
            color=style.TEXT,
            va="center",
            ha="right" if p.label_left else "left",
            bbox=style.LABEL_BOX,
            zorder=4,
        )


def _legend(fig: Figure, chart: Chart) -> None:
    """Name the articles drawn, each with its colour and marker."""
    drawn = {m.article for m in chart.marks}
    handles, names = [], []
    for n, (sid, name) in enumerate(chart.articles):
        if sid in drawn:
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=style.article_marker(n),
                    color=style.article_colour(n),
                    markersize=9,
                )
            )
            names.append(name)
    fig.legend(
        handles,
        names,
        loc="lower left",
        bbox_to_anchor=(LEFT - 0.01, 0.06),
        ncol=3,
        fontsize=style.SMALL_SIZE + 0.5,
        frameon=False,
        handletextpad=0.3,
        columnspacing=1.2,
    )

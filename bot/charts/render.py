"""Turn a chart's data into PNG bytes, in this process: what the worker process runs."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from bot.charts import style
from bot.core.chart import Chart


def draw(chart: Chart) -> Figure:
    """Draw a chart of either kind on a fresh figure."""
    if chart.kind == "climate":
        from bot.charts.climate import draw_climate

        return draw_climate(chart)
    from bot.charts.timeline import draw_timeline

    return draw_timeline(chart)


def render_png(chart: Chart) -> bytes:
    """Give the chart as a PNG of exactly the house size (no tight bounding box)."""
    fig = draw(chart)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=style.DPI, metadata={"Software": None})
    return out.getvalue()


def warm_up() -> bool:
    """Import and exercise matplotlib once, so the first real chart does not pay for it.

    A cold import of matplotlib and its font cache costs a second or more; run in the worker
    when the bot starts, it is paid before anyone asks.
    """
    import matplotlib.backends.backend_agg  # noqa: F401

    from bot.charts import climate, timeline  # noqa: F401

    fig = Figure(figsize=(1, 1), dpi=20)
    fig.text(0.5, 0.5, "warm")
    fig.savefig(io.BytesIO(), format="png")
    return True

"""What Discord and Slack share about pictures: a reply's chart as a file, or nothing.

A chart is an addition to a complete text answer, so a chart that cannot be drawn is logged
and the answer goes out without it, never an error in the channel.
"""

from __future__ import annotations

import logging

from bot.charts.service import ChartRenderer
from bot.core.types import Reply

log = logging.getLogger(__name__)


async def picture_of(charts: ChartRenderer, reply: Reply) -> tuple[str, bytes] | None:
    """Give the reply's chart as (file name, PNG bytes), or None without one (or on failure)."""
    if reply.chart is None:
        return None
    try:
        return reply.chart.filename, await charts.png(reply.chart)
    except TimeoutError:
        log.warning("the chart for %r took over %.0f s; answered without it",
                    reply.title, charts.limit)  # fmt: skip
        return None
    except Exception:  # the text answer stands alone; say why in the log
        log.exception("could not draw the chart for %r", reply.title)
        return None

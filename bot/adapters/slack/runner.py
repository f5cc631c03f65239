"""Serve Slack over Socket Mode until told to stop: connect, answer, close cleanly.

Socket Mode needs no public URL: the app token opens a websocket (`apps.connections.open`) and
slack_sdk reconnects by itself when Slack closes it (Slack refreshes connections routinely).
"""

from __future__ import annotations

import asyncio
import logging

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError

from bot.adapters.interaction import AnswerEngine
from bot.adapters.slack.app import create_app
from bot.charts.service import ChartRenderer
from bot.config import SlackSettings, SlackTokens

_log = logging.getLogger("factbot.slack")

PING_INTERVAL = 10.0  # seconds between websocket pings; a silent link is replaced after 4


async def serve(
    settings: SlackSettings,
    engine: AnswerEngine,
    tokens: SlackTokens,
    stopping: asyncio.Event,
    ping_interval: float = PING_INTERVAL,
    charts: ChartRenderer | None = None,
) -> int:
    """Answer Slack until `stopping` is set; 0 on a clean stop, 1 if Slack refused the tokens."""
    app, answers = create_app(settings, engine, tokens.bot.get_secret_value(), charts)
    handler = AsyncSocketModeHandler(
        app, tokens.app.get_secret_value(), ping_interval=ping_interval
    )
    try:
        who = await app.client.auth_test()
        _log.info("connected to Slack as %s in %s", who.get("user"), who.get("team"))
        await handler.connect_async()  # type: ignore[no-untyped-call]
    except SlackApiError as exc:
        _log.error("Slack refused the tokens (%s): check SLACK_BOT_TOKEN and SLACK_APP_TOKEN",
                   exc.response.get("error"))  # fmt: skip
        await handler.close_async()  # type: ignore[no-untyped-call]
        await answers.close()
        return 1
    try:
        await stopping.wait()
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]
        await answers.close()  # no reveal may run against a closed connection
    _log.info("Slack: stopped cleanly")
    return 0

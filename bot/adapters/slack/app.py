"""Wire the Bolt app: which Slack events and actions reach which part of the adapter.

Every listener acks its envelope first — a slash command within Slack's 3 seconds — and answers
after, so a slow answer never makes Slack retry or show "dispatch_failed". The Web API client is
pointed at `slack.api_base` and retries HTTP 429 after `Retry-After`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.interaction import AnswerEngine
from bot.adapters.slack.actions import run_suggestion, turn_page
from bot.adapters.slack.answers import Answers, Asked, unescape
from bot.adapters.slack.modals import CALLBACK_ID, submitted
from bot.adapters.slack.post import Place
from bot.charts.service import ChartRenderer
from bot.config import SlackSettings

RATE_LIMIT_RETRIES = 3


def web_client(settings: SlackSettings, bot_token: str) -> AsyncWebClient:
    """Make the Web API client: the configured root, 429s retried, dropped connections too."""
    return AsyncWebClient(
        token=bot_token,
        base_url=settings.api_base,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )


def create_app(
    settings: SlackSettings,
    engine: AnswerEngine,
    bot_token: str,
    charts: ChartRenderer | None = None,
) -> AsyncApp:
    """Build the Bolt app with every factbot listener registered."""
    client = web_client(settings, bot_token)
    app = AsyncApp(client=client, logger=logging.getLogger("factbot.slack.bolt"))
    answers = Answers(engine, settings, client, charts)
    _listen(app, answers, settings)
    return app


def _listen(app: AsyncApp, answers: Answers, settings: SlackSettings) -> None:
    @app.event("message")
    async def on_message(event: dict[str, Any]) -> None:
        asked = answers.from_message(event)
        if asked is not None:
            await answers.ask(asked)

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any]) -> None:
        asked = answers.from_message(event, mention=True)
        if asked is not None and event.get("channel_type") != "im":  # DMs come as messages
            await answers.ask(asked)

    @app.command(settings.slash_command)
    async def on_slash(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        channel = str(body.get("channel_id") or "")
        place = Place(channel, str(body.get("user_id") or ""), None, respond)
        line = unescape(str(body.get("text") or "")).strip() or "help"
        await answers.ask(
            Asked(line, place, "slash", addressed=True, is_dm=channel.startswith("D"),
                  trigger_id=body.get("trigger_id"))
        )  # fmt: skip

    @app.action(re.compile(r"^page:"))
    async def on_page(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await turn_page(answers, body, respond)

    @app.action(re.compile(r"^suggest:"))
    async def on_suggestion(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await run_suggestion(answers, body, respond)

    @app.view(CALLBACK_ID)
    async def on_form(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await ack()
        form = submitted(view)
        if form is not None:
            await answers.submit(str((body.get("user") or {}).get("id") or ""), form)

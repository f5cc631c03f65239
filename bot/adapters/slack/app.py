"""Wire the Bolt app: which Slack events and actions reach which part of the adapter.

Every listener acks its envelope first — a slash command within Slack's 3 seconds — and answers
after, so a slow answer never makes Slack retry or show "dispatch_failed". The Web API client is
pointed at `slack.api_base` and retries HTTP 429 after `Retry-After`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.interaction import AnswerEngine
from bot.adapters.slack.actions import press_in_place, run_suggestion, turn_page
from bot.adapters.slack.answers import Answers, Asked, unescape
from bot.adapters.slack.modals import CALLBACK_ID, submitted
from bot.adapters.slack.post import Place
from bot.adapters.slack.render import IN_PLACE
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
) -> tuple[AsyncApp, Answers]:
    """Build the Bolt app with every factbot listener registered, and what answers for it.

    The `Answers` is given too because it holds what must be let go at shutdown (quiz reveals
    waiting for their time, a chart worker of its own): see `Answers.close`.
    """
    client = web_client(settings, bot_token)
    app = AsyncApp(client=client, logger=logging.getLogger("factbot.slack.bolt"))
    answers = Answers(engine, settings, client, charts)
    _listen(app, answers, settings)
    return app, answers


def team_of(context: AsyncBoltContext) -> str:
    """Name the workspace an envelope came from: quiz scores and people's names are per one."""
    return str(context.team_id or context.enterprise_id or "")


def _listen(app: AsyncApp, answers: Answers, settings: SlackSettings) -> None:
    @app.event("message")
    async def on_message(event: dict[str, Any], context: AsyncBoltContext) -> None:
        asked = answers.from_message(event, team_of(context))
        if asked is not None:
            await answers.ask(asked)

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], context: AsyncBoltContext) -> None:
        asked = answers.from_message(event, team_of(context), mention=True)
        if asked is not None and event.get("channel_type") != "im":  # DMs come as messages
            await answers.ask(asked)

    @app.command(settings.slash_command)
    async def on_slash(
        ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext
    ) -> None:
        await ack()
        channel = str(body.get("channel_id") or "")
        user, name = str(body.get("user_id") or ""), str(body.get("user_name") or "")
        place = Place(channel, user, None, respond, team_of(context), name)
        line = unescape(str(body.get("text") or "")).strip() or "help"
        await answers.ask(
            Asked(line, place, "slash", addressed=True, is_dm=channel.startswith("D"),
                  trigger_id=body.get("trigger_id"))
        )  # fmt: skip

    for prefix, handle in (("page:", turn_page), ("suggest:", run_suggestion),
                           (IN_PLACE, press_in_place)):  # fmt: skip
        _on_click(app, answers, prefix, handle)

    @app.view(CALLBACK_ID)
    async def on_form(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        await ack()
        form = submitted(view)
        user = body.get("user") or {}
        place = Place("", str(user.get("id") or ""), team=team_of(context),
                      user_name=str(user.get("username") or user.get("name") or ""))  # fmt: skip
        if form is not None:
            await answers.submit(place, form)


Click = Callable[[Answers, dict[str, Any], AsyncRespond, str], Awaitable[None]]


def _on_click(app: AsyncApp, answers: Answers, prefix: str, handle: Click) -> None:
    """Route buttons whose action id starts with `prefix` to `handle`, acked first."""

    @app.action(re.compile("^" + re.escape(prefix)))
    async def on_click(
        ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext
    ) -> None:
        await ack()
        await handle(answers, body, respond, team_of(context))

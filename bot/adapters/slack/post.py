"""Deliver messages to Slack, where one failed post is logged and never takes the adapter down.

An answer goes where it was asked: through the slash command's or button's `response_url`
when there is one (it works even in channels the bot is not in), else with `chat.postMessage`,
in the asker's thread. Notes for the asker alone are ephemeral. Rate limits (HTTP 429) are
retried by slack_sdk's retry handler on the client, honouring `Retry-After`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Literal

import aiohttp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.adapters.slack.render import Message

_log = logging.getLogger("factbot.slack")

Failure = (
    SlackApiError,
    SlackRequestError,
    aiohttp.ClientError,
    asyncio.TimeoutError,
    ValueError,
)


@dataclass(frozen=True, slots=True)
class Place:
    """Where an answer goes: the channel, the thread (None: top level) and the asker."""

    channel: str
    user: str
    thread_ts: str | None = None
    respond: AsyncRespond | None = None  # a slash command's or a button's response_url
    team: str = ""  # the workspace: scores and names are per workspace
    user_name: str = ""  # what the payload calls the asker, if anything (a slash `user_name`)


async def answer(
    client: AsyncWebClient, place: Place, message: Message, *, need_ts: bool = False
) -> str | None:
    """Post an answer for everyone in the channel (or thread) to see; give its ts if known.

    A message posted through a `response_url` has no ts we can learn, so one that must be
    edited later (`need_ts`: a quiz question, revealed in place) goes by `chat.postMessage`
    first, and through the `response_url` only if that fails (a channel the bot is not in).
    """
    if place.respond is not None and not need_ts:
        await _respond(place.respond, message, response_type="in_channel", thread=place.thread_ts)
        return None
    sent = await _call(
        client.chat_postMessage(
            channel=place.channel,
            thread_ts=place.thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            **message.payload(),
        ),
        "chat.postMessage",
        place.channel,
    )
    if sent is None and place.respond is not None:
        await _respond(place.respond, message, response_type="in_channel", thread=place.thread_ts)
    return str(sent["ts"]) if sent is not None and sent.get("ts") else None


async def update(client: AsyncWebClient, channel: str, ts: str, message: Message) -> bool:
    """Show `message` in place of the message at `ts` (a quiz question becomes its answer)."""
    sent = await _call(
        client.chat_update(channel=channel, ts=ts, **message.payload()), "chat.update", channel
    )
    return sent is not None


async def picture(client: AsyncWebClient, place: Place, name: str, png: bytes, title: str) -> None:
    """Upload a chart under its answer: into the asker's thread, or the channel.

    `files_upload_v2` makes the three calls Slack asks for (an upload URL, the bytes, then
    completing the upload into the channel). A failure (a channel the bot is not in) is logged;
    the text answer is already posted.
    """
    await _call(
        client.files_upload_v2(
            channel=place.channel,
            thread_ts=place.thread_ts,
            file=png,
            filename=name,
            title=title,
            alt_txt=title,
        ),
        "files.uploadV2",
        place.channel,
    )


async def tell(client: AsyncWebClient, place: Place, message: Message) -> None:
    """Show a note to the asker alone: an error, a refusal, a cooldown, a did-you-mean."""
    if place.respond is not None:
        await _respond(place.respond, message, response_type="ephemeral")
        return
    await _call(
        client.chat_postEphemeral(
            channel=place.channel, user=place.user, thread_ts=place.thread_ts, **message.payload()
        ),
        "chat.postEphemeral",
        place.channel,
    )


async def replace(respond: AsyncRespond, message: Message) -> None:
    """Show another page in the message whose button was pressed, in place."""
    await _respond(respond, message, replace_original=True)


async def _respond(
    respond: AsyncRespond,
    message: Message,
    *,
    response_type: Literal["in_channel", "ephemeral"] | None = None,
    replace_original: bool = False,
    thread: str | None = None,
) -> None:
    try:
        sent = await respond(
            response_type=response_type,
            replace_original=replace_original,
            thread_ts=thread,
            unfurl_links=False,
            unfurl_media=False,
            **message.payload(),
        )
    except Failure as exc:
        _log.warning("could not answer through response_url: %r", exc)
        return
    if sent.status_code != 200:
        _log.warning("response_url refused the answer: %s %s", sent.status_code, sent.body[:200])


async def _call(
    call: Awaitable[AsyncSlackResponse], method: str, channel: str
) -> AsyncSlackResponse | None:
    """Await one Web API call; give its response, or None (logged) if it failed."""
    try:
        return await call
    except SlackApiError as exc:
        _log.warning("%s failed in %s: %s", method, channel, exc.response.get("error"))
    except Failure as exc:
        _log.warning("%s failed in %s: %r", method, channel, exc)
    return None

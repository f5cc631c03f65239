"""Button clicks: page buttons turn the asker's answer in place; suggestion buttons ask anew.

Only the asker can turn the pages (someone else's click must not change the answer under the
asker's eyes); others get a note only they can see. The page to show comes from the button's
value, so buttons posted before a restart still work.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.adapters.interaction import NOT_YOURS
from bot.adapters.slack import post
from bot.adapters.slack.answers import Answers, Asked
from bot.adapters.slack.pagestate import decode
from bot.adapters.slack.post import Place
from bot.adapters.slack.render import note


async def turn_page(answers: Answers, body: dict[str, Any], respond: AsyncRespond) -> None:
    """Show the page a button leads to, if the clicker is the asker."""
    action = (body.get("actions") or [{}])[0]
    state = decode(str(action.get("value") or ""))
    if state is None:
        return
    user = str((body.get("user") or {}).get("id") or "")
    if user != state.owner:
        await respond(
            response_type="ephemeral", replace_original=False, **note(NOT_YOURS).payload()
        )
        return
    reply = await answers.redo(state)
    await post.replace(respond, answers.render(reply, state, state.page))


async def run_suggestion(answers: Answers, body: dict[str, Any], respond: AsyncRespond) -> None:
    """Ask the suggested command for whoever clicked, answering in the same thread."""
    action = (body.get("actions") or [{}])[0]
    line = str(action.get("value") or "").strip()
    user = str((body.get("user") or {}).get("id") or "")
    channel = str((body.get("channel") or body.get("container") or {}).get("id")
                  or (body.get("container") or {}).get("channel_id") or "")  # fmt: skip
    message = body.get("message") or {}
    thread = message.get("thread_ts") or (
        message.get("ts") if answers.settings.reply_in_thread else None
    )
    is_dm = channel.startswith("D")
    place = Place(channel, user, None if is_dm else thread, respond)
    if line and user and channel:
        await answers.ask(Asked(line, place, "prefix", addressed=True, is_dm=is_dm))

"""Button clicks: pages turn in place; suggestions ask anew; quiz buttons answer in place.

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


def clicked_at(body: dict[str, Any], team: str, respond: AsyncRespond, thread: bool) -> Place:
    """Read where a click happened: channel, clicker (with the name the payload gives), thread.

    `thread` answers in the clicked message's thread (a new message); otherwise the place is
    the clicked message's own level (it is answered in place).
    """
    user = body.get("user") or {}
    channel = str((body.get("channel") or body.get("container") or {}).get("id")
                  or (body.get("container") or {}).get("channel_id") or "")  # fmt: skip
    message = body.get("message") or {}
    at = message.get("thread_ts") or (message.get("ts") if thread else None)
    name = str(user.get("username") or user.get("name") or "")
    in_dm = channel.startswith("D")
    return Place(channel, str(user.get("id") or ""), None if in_dm else at, respond, team, name)


async def turn_page(
    answers: Answers, body: dict[str, Any], respond: AsyncRespond, team: str
) -> None:
    """Show the page a button leads to, if the clicker is the asker."""
    action = (body.get("actions") or [{}])[0]
    state = decode(str(action.get("value") or ""))
    if state is None:
        return
    place = clicked_at(body, team, respond, thread=False)
    if place.user != state.owner:
        await respond(
            response_type="ephemeral", replace_original=False, **note(NOT_YOURS).payload()
        )
        return
    reply = await answers.redo(state, place)
    await post.replace(respond, answers.render(reply, state, state.page))


async def run_suggestion(
    answers: Answers, body: dict[str, Any], respond: AsyncRespond, team: str
) -> None:
    """Ask the suggested command for whoever clicked, answering in the same thread."""
    action = (body.get("actions") or [{}])[0]
    line = str(action.get("value") or "").strip()
    place = clicked_at(body, team, respond, thread=answers.settings.reply_in_thread)
    is_dm = place.channel.startswith("D")
    if line and place.user and place.channel:
        await answers.ask(Asked(line, place, "prefix", addressed=True, is_dm=is_dm))


async def press_in_place(
    answers: Answers, body: dict[str, Any], respond: AsyncRespond, team: str
) -> None:
    """Answer a quiz button in the message it sits on, as whoever pressed it."""
    place = clicked_at(body, team, respond, thread=False)
    if not place.user or not place.channel:
        return
    presser = await answers.actor(place, None, named=True)  # the verdict names the presser
    await answers.in_place.press(body, respond, presser, place)

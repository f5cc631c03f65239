"""Buttons that answer their own message in place: a quiz question becomes its verdict.

A reply with a `Closing` (a quiz question) is posted by `chat.postMessage`, so its ts is known,
with one button per action. A press runs the action's line as the presser and `chat.update`s
that message (found by the press's channel and ts) to show the reply, with that reply's own
buttons (Next, Stop), which answer in place too. A "refused" reply (a second try in a round)
goes to the presser alone, ephemeral. With nobody pressing, `Closing.line` runs as the asker
after `Closing.seconds` and the question message shows the revealed answer. As on Discord.

Unless the closing is `shared` (a round), only the asker's presses count: the owner rides in
each button's value, so a press from anyone else is refused privately before the engine is
asked (someone else's Next must not replace the asker's verdict), and a restart breaks no
button. A question's reveal timer is kept by its message (channel, ts) and cancelled when a press
replaces that message (an answer, Next, Stop) and at shutdown: a question already answered
must not come back 90 s later as a refused `quiz reveal` in the usage statistics. Where
`chat.update` fails (a message posted through a slash command's `response_url`
in a channel the bot is not in), a press falls back to its own `response_url`, which may
replace the message it came from.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.interaction import START_YOUR_OWN
from bot.adapters.slack import post
from bot.adapters.slack.post import Place
from bot.adapters.slack.render import BUTTON_VALUE_LIMIT, Message, note
from bot.core.types import Action, Actor, Closing, Reply, Request

_log = logging.getLogger("factbot.slack")

REVEAL_TASK = "factbot-quiz-reveal"  # its tasks' names: `factbot-quiz-reveal:<channel>`
PRIVATE_KINDS = frozenset({"refused", "error", "usage"})  # concern the asker alone

Run = Callable[[Request], Awaitable[Reply]]  # asks the engine
Draw = Callable[[Reply, "Pressable"], Message]  # renders a reply whose buttons answer in place


@dataclass(frozen=True, slots=True)
class Pressable:
    """Whose in-place message a button sits on, and whether anyone may press it (a round)."""

    owner: str
    shared: bool

    def value(self, action: Action) -> str:
        """Encode a button's value: its line, the owner, and whether it is shared."""
        data = {"l": action.line, "o": self.owner, "s": self.shared}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))[:BUTTON_VALUE_LIMIT]

    def after(self, reply: Reply) -> Pressable:
        """Give the buttons of `reply` shown in place: its own closing decides, else these."""
        return Pressable(self.owner, reply.closing.shared if reply.closing else self.shared)


def decode(value: str) -> tuple[str, Pressable] | None:
    """Read a button's value back as (line, pressable); None for anything we did not write."""
    try:
        data = json.loads(value)
        line, owner, shared = str(data["l"]), str(data["o"]), data["s"]
    except (ValueError, KeyError, TypeError):
        return None
    return (line, Pressable(owner, shared)) if isinstance(shared, bool) and line else None


@dataclass(frozen=True, slots=True)
class Shown:
    """A message shown in place: where it went, and its ts (None when Slack did not say).

    `pressed` says the place's `response_url` is a button press's, which may replace the message
    it came from; a slash command's may not, so a reveal through it is a new message.
    """

    place: Place
    ts: str | None
    pressed: bool = False


class InPlace:
    """Post in-place messages, answer their presses, and reveal unanswered questions in time."""

    def __init__(self, client: AsyncWebClient, run: Run, draw: Draw) -> None:
        self._client, self._run, self._draw = client, run, draw
        # Reveals waiting for their time, by the message they would edit; a question whose ts
        # Slack did not give (posted through a response_url) cannot be pressed in place, so its
        # timer is never replaced and needs no key, only a place in `_unkeyed` for shutdown.
        self._timers: dict[tuple[str, str], asyncio.Task[None]] = {}
        self._unkeyed: set[asyncio.Task[None]] = set()

    @property
    def waiting(self) -> int:
        """Count the reveals still waiting for their time."""
        return len(self._timers) + len(self._unkeyed)

    async def close(self) -> None:
        """Cancel every waiting reveal and wait for them to end (at shutdown)."""
        timers = [*self._timers.values(), *self._unkeyed]
        for timer in timers:
            timer.cancel()
        await asyncio.gather(*timers, return_exceptions=True)

    async def post(self, reply: Reply, asker: Actor, place: Place) -> None:
        """Post a question whose buttons answer in place; reveal it when nobody answers."""
        pressable = Pressable(asker.id, bool(reply.closing and reply.closing.shared))
        ts = await post.answer(self._client, place, self._draw(reply, pressable), need_ts=True)
        self._reveal_later(reply, asker, Shown(place, ts), pressable)

    async def press(
        self, body: dict[str, Any], respond: AsyncRespond, presser: Actor, place: Place
    ) -> None:
        """Run a pressed button's line as the presser and show the reply in its message."""
        action = (body.get("actions") or [{}])[0]
        read = decode(str(action.get("value") or ""))
        if read is None:
            return
        line, pressable = read
        if not pressable.shared and presser.id != pressable.owner:
            await post.tell(self._client, place, note(START_YOUR_OWN))
            return
        command, _, args = line.partition(" ")
        reply = await self._run(Request(command, args, presser))
        if reply.kind in PRIVATE_KINDS:
            await post.tell(self._client, place, self._draw(reply, pressable.after(reply)))
            return
        ts = str((body.get("container") or {}).get("message_ts") or "") or None
        shown = Shown(place, ts, pressed=True)
        self._cancel(shown)  # the message shows its answer now: nothing left to reveal
        following = pressable.after(reply)
        await self._show(shown, self._draw(reply, following))
        self._reveal_later(reply, presser, shown, following)

    def _reveal_later(self, reply: Reply, asker: Actor, shown: Shown, pressable: Pressable) -> None:
        if reply.closing is None:
            return
        timer = asyncio.create_task(
            self._reveal(reply.closing, asker, shown, pressable),
            name=f"{REVEAL_TASK}:{shown.place.channel}",
        )
        key = _key(shown)
        if key is None:
            self._unkeyed.add(timer)
        else:
            self._cancel(shown)
            self._timers[key] = timer
        timer.add_done_callback(lambda done: self._forget(key, done))

    def _cancel(self, shown: Shown) -> None:
        key = _key(shown)
        timer = self._timers.pop(key, None) if key is not None else None
        if timer is not None:
            timer.cancel()

    def _forget(self, key: tuple[str, str] | None, timer: asyncio.Task[None]) -> None:
        """Drop a finished reveal, and log its failure: nobody else awaits the task."""
        if key is not None and self._timers.get(key) is timer:
            del self._timers[key]
        self._unkeyed.discard(timer)
        if not timer.cancelled() and timer.exception() is not None:
            _log.error("a quiz reveal failed", exc_info=timer.exception())

    async def _reveal(
        self, closing: Closing, asker: Actor, shown: Shown, pressable: Pressable
    ) -> None:
        """Run a question's closing line as its asker once nobody answered in time.

        An answered question refuses the line, privately: then nothing changes.
        """
        await asyncio.sleep(closing.seconds)
        command, _, args = closing.line.partition(" ")
        reply = await self._run(Request(command, args, asker))
        if reply.kind not in PRIVATE_KINDS:
            await self._show(shown, self._draw(reply, pressable.after(reply)))

    async def _show(self, shown: Shown, message: Message) -> None:
        """Update the message in place; failing that, answer through the response_url."""
        place = shown.place
        if shown.ts and await post.update(self._client, place.channel, shown.ts, message):
            return
        if shown.pressed and place.respond is not None:
            await post.replace(place.respond, message)
        else:  # no way to reach the old message: say it underneath rather than not at all
            await post.answer(self._client, place, message)


def _key(shown: Shown) -> tuple[str, str] | None:
    """Name the message a reveal would edit, if Slack told us its ts."""
    return (shown.place.channel, shown.ts) if shown.ts else None

"""Buttons that answer their own message in place: a quiz question becomes its verdict.

A reply with a `Closing` (a quiz question) is posted with one button per action. A press is
acknowledged at once (Discord fails an interaction left unanswered for 3 s, and the engine may
wait seconds on a busy database), then runs the action's line as the presser and the message is
edited to show the answer, with that reply's own buttons (Next, Stop); a "refused" reply
(someone else's question, a second try) goes to the presser alone, ephemeral. With nobody
pressing, `Closing.line` runs as the asker once `Closing.seconds` have passed since the question
was posted, and the message shows the revealed answer. That deadline is the view's own task, not
discord.py's timeout, which restarts on every accepted press: in a round each private wrong try
would put the reveal off again. Unless the closing is `shared` (a round), only the asker's
presses count: others are told to start their own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import discord

from bot.adapters.interaction import START_YOUR_OWN
from bot.core.types import Action, Reply

_log = logging.getLogger("factbot.discord")

Press = Callable[[discord.Interaction, str], Awaitable[Reply]]  # runs a line as the presser
Expire = Callable[[str], Awaitable[Reply]]  # runs a line as the asker
Draw = Callable[[Reply], discord.Embed]


class InPlace(discord.ui.View):
    """One message's buttons; each reply a press brings replaces the message and its buttons."""

    def __init__(
        self,
        reply: Reply,
        *,
        owner_id: int,
        shared: bool,
        press: Press,
        expire: Expire,
        draw: Draw,
        timeout: float,
    ) -> None:
        closing = reply.closing
        super().__init__(timeout=None if closing is not None else timeout)
        self.reply, self.owner_id, self.shared = reply, owner_id, shared
        self._press, self._expire, self._draw = press, expire, draw
        self._idle_timeout = timeout
        self.message: discord.Message | None = None
        self._deadline: asyncio.Task[None] | None = None
        if closing is not None:
            self._deadline = asyncio.create_task(self._close_after(closing.seconds))
        for action in reply.actions[:5]:
            self.add_item(_Button(action, self))

    def stop(self) -> None:
        """Stop listening, and drop the reveal: an answered question must not be revealed."""
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        super().stop()

    async def _close_after(self, seconds: float) -> None:
        """Reveal the answer `seconds` after the question was posted, however many presses."""
        await asyncio.sleep(seconds)
        self._deadline = None  # so `stop` does not cancel the task that is running it
        if self.is_finished():
            return
        self.stop()
        try:
            await self.on_timeout()
        except Exception:  # a task's exception is otherwise seen by nobody
            _log.exception("could not reveal a quiz answer")

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        """Let only the asker press a solo quiz; tell anyone else privately how to play."""
        if self.shared or interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(START_YOUR_OWN, ephemeral=True)
        return False

    async def pressed(self, interaction: discord.Interaction, line: str) -> None:
        """Run the line as the presser; show the reply in place, or privately if refused.

        The press is acknowledged first: the engine may wait up to the database's busy timeout
        (5 s), and past 3 s Discord would show "This interaction failed".
        """
        await interaction.response.defer()
        reply = await self._press(interaction, line)
        if reply.kind == "refused":
            await interaction.followup.send(embed=self._draw(reply), ephemeral=True)
            return
        self.stop()
        follow = self._follow(reply)
        message = await interaction.edit_original_response(embed=self._draw(reply), view=follow)
        if follow is not None:
            follow.message = message

    async def on_timeout(self) -> None:
        """Reveal the answer on a question nobody answered; switch idle buttons off."""
        if self.message is None:
            return
        try:
            closing = self.reply.closing
            if closing is None:
                await self.message.edit(view=None)
                return
            reply = await self._expire(closing.line)
            if reply.kind == "refused":  # answered meanwhile: the press already showed it
                return
            follow = self._follow(reply)
            self.message = await self.message.edit(embed=self._draw(reply), view=follow)
            if follow is not None:
                follow.message = self.message
        except discord.HTTPException as exc:  # the message may be gone; nothing to tidy then
            _log.debug("could not update a quiz message: %s", exc)

    def _follow(self, reply: Reply) -> InPlace | None:
        if not reply.actions:
            return None
        shared = reply.closing.shared if reply.closing is not None else self.shared
        return InPlace(
            reply,
            owner_id=self.owner_id,
            shared=shared,
            press=self._press,
            expire=self._expire,
            draw=self._draw,
            timeout=self._idle_timeout,
        )


class _Button(discord.ui.Button[InPlace]):
    def __init__(self, action: Action, view: InPlace) -> None:
        super().__init__(label=action.label[:80], style=discord.ButtonStyle.primary)
        self.line = action.line
        self._owner = view

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the press to the view, which asks the engine and redraws the message."""
        await self._owner.pressed(interaction, self.line)

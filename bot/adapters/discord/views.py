"""Page buttons (first / previous / next / last) for an answer longer than one embed.

Only the person who asked can turn the pages: in a busy channel, someone else's click must not
change the answer under the asker's eyes. Others get a short note only they can see. After the
timeout the buttons are disabled on the message, so nobody clicks a button that no longer works.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

import discord

from bot.adapters.interaction import NOT_YOURS, disabled_actions, turn_page
from bot.core.types import Action

_log = logging.getLogger("factbot.discord")


class Pager(discord.ui.View):
    """Shows one of `pages` at a time; `message` is set by the sender once the reply is posted."""

    def __init__(self, pages: list[discord.Embed], *, owner_id: int, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.pages = pages
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.Message | None = None
        self._sync_buttons()

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        """Let only the asker turn the pages; tell anyone else so, where only they can see it."""
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True)
        return False

    async def on_timeout(self) -> None:
        """Disable the buttons on the message, so nobody clicks one that no longer answers."""
        for child in self.children:
            if isinstance(child, discord.ui.Button):
                child.disabled = True
        if self.message is None:
            return
        try:
            await self.message.edit(view=self)
        except discord.HTTPException as exc:  # the message may be gone; nothing to tidy then
            _log.debug("could not disable page buttons: %s", exc)

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = turn_page("", index, len(self.pages))
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    def _sync_buttons(self) -> None:
        off = disabled_actions(self.index, len(self.pages))
        for name, button in (("first", self.first), ("previous", self.previous),
                             ("next", self.next), ("last", self.last)):  # fmt: skip
            button.disabled = name in off

    @discord.ui.button(emoji="⏮", style=discord.ButtonStyle.secondary, custom_id="page:first")
    async def first(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        """Go back to the first page, the one that carries the reply's fields."""
        await self._show(interaction, 0)

    @discord.ui.button(emoji="◀", style=discord.ButtonStyle.secondary, custom_id="page:previous")
    async def previous(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        """Turn back a page; the button is disabled on the first, and `_show` clamps anyway."""
        await self._show(interaction, self.index - 1)

    @discord.ui.button(emoji="▶", style=discord.ButtonStyle.secondary, custom_id="page:next")
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        """Turn forward a page; the button is disabled on the last, and `_show` clamps anyway."""
        await self._show(interaction, self.index + 1)

    @discord.ui.button(emoji="⏭", style=discord.ButtonStyle.secondary, custom_id="page:last")
    async def last(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        """Jump to the last page, where a cut reply says how much more there is."""
        await self._show(interaction, len(self.pages) - 1)


RunAction = Callable[[discord.Interaction, "ActionButton"], Awaitable[None]]
ACTION_ROW = 1  # under the page buttons, which take row 0


class ActionButton(discord.ui.Button[discord.ui.View]):
    """Runs a reply's action (`gaps alias ruski = russia`) for whoever presses it.

    The line is an ordinary command: the engine judges the presser's rights as if they had typed
    it, so the button grants nothing the keyboard would not.
    """

    def __init__(self, action: Action, run: RunAction) -> None:
        super().__init__(label=action.label[:80], style=discord.ButtonStyle.primary, row=ACTION_ROW)
        self.line = action.line
        self._run = run

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the press to the cog, which asks the engine and answers."""
        await self._run(interaction, self)


def with_actions(
    view: discord.ui.View | None, actions: Sequence[Action], run: RunAction, timeout: float
) -> discord.ui.View | None:
    """Add a button per action (one row, five at most) to the page buttons, or to a new view."""
    if not actions:
        return view
    view = view if view is not None else discord.ui.View(timeout=timeout)
    for action in actions[:5]:
        view.add_item(ActionButton(action, run))
    return view

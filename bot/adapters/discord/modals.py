"""The engine's fill-in forms as Discord modals: `/fact action:add quote` opens one.

The modal knows nothing about facts: it shows the boxes a `Form` declares and hands the answers
to `submit`, which turns them into the command line an admin could have typed (`form_line`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord

from bot.adapters.textfit import clamp
from bot.core.replies import APOLOGY
from bot.core.types import Form

_log = logging.getLogger("factbot.discord")
Submit = Callable[[discord.Interaction, dict[str, str]], Awaitable[None]]

TITLE_LIMIT = 45  # Discord's limits for a modal's title and a text input's label
LABEL_LIMIT = 45
PLACEHOLDER_LIMIT = 100
MAX_BOXES = 5  # text inputs a modal may hold
TEXT_INPUT_LIMIT = 4000
FORM_TIMEOUT = 15 * 60.0  # an abandoned form is forgotten after this many seconds


class FormModal(discord.ui.Modal):
    """One Form, shown as a modal; answers go to `submit` once Discord sends them back."""

    def __init__(self, form: Form, subject: str, submit: Submit) -> None:
        title = f"{form.title} {subject}".strip()
        super().__init__(title=clamp(title, TITLE_LIMIT), timeout=FORM_TIMEOUT)
        self._submit = submit
        self.boxes: dict[str, discord.ui.TextInput[FormModal]] = {}
        for field in form.fields[:MAX_BOXES]:
            box: discord.ui.TextInput[FormModal] = discord.ui.TextInput(
                label=clamp(field.label, LABEL_LIMIT),
                style=discord.TextStyle.paragraph if field.long else discord.TextStyle.short,
                placeholder=clamp(field.hint, PLACEHOLDER_LIMIT) or None,
                required=field.required,
                max_length=min(field.max_length, TEXT_INPUT_LIMIT),
                custom_id=f"form:{field.key}",
            )
            self.add_item(box)
            self.boxes[field.key] = box

    async def on_submit(self, interaction: discord.Interaction, /) -> None:
        """Hand the answers to `submit` by field key; the modal itself never reads them."""
        await self._submit(interaction, {key: box.value for key, box in self.boxes.items()})

    async def on_error(  # type: ignore[override]  # Modal narrows BaseView's signature
        self, interaction: discord.Interaction, error: Exception, /
    ) -> None:
        """Log with context and apologise; never leave the admin with a silent failure."""
        _log.error("form %r failed for %s", self.title, interaction.user.id, exc_info=error)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(APOLOGY, ephemeral=True)
            else:
                await interaction.response.send_message(APOLOGY, ephemeral=True)
        except discord.HTTPException as exc:
            _log.warning("could not apologise for a failed form: %s", exc)

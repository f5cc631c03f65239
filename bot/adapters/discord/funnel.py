"""The one place every command failure ends up, for prefix and slash alike.

Refusals get a short note for the asker; unknown commands get a did-you-mean only when they are
close to one of ours (other bots share the `!` prefix, so anything else is none of our business);
anything unexpected is logged with its context and answered with a short apology — never a
traceback in the channel.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.discord.checks import DirectMessagesRefused, Ignored, NotAdmin
from bot.adapters.discord.respond import send_note
from bot.adapters.interaction import ADMINS_ONLY, NOT_HERE, slow_down
from bot.core.replies import APOLOGY

_log = logging.getLogger("factbot.discord")

NO_DMS = "I only answer in servers, not in direct messages."
OUT_OF_DATE = (
    "This slash command is out of date on this server — an admin needs to run `factbot sync`. "
    "The `!` command works meanwhile."
)


class Answerer(Protocol):
    """What the funnel asks of the cog: the answers that need the engine and its settings."""

    async def did_you_mean(self, ctx: commands.Context[Any]) -> None:
        """Answer a question or suggest a command for an unknown one."""
        ...

    async def answer_usage(self, ctx: commands.Context[Any]) -> None:
        """Explain a command's usage after malformed arguments."""
        ...

    def first_warning(self, user_id: int, retry_after: float) -> bool:
        """Tell whether this cooldown deserves a warning (once per wait)."""
        ...


def unwrap(error: BaseException) -> BaseException:
    """Dig the real exception out of discord.py's wrappers (hybrid, invoke, app command)."""
    while isinstance(
        error,
        commands.HybridCommandError | commands.CommandInvokeError | app_commands.CommandInvokeError,
    ):
        error = error.original
    return error


async def handle_error(cog: Answerer, ctx: commands.Context[Any], error: BaseException) -> None:
    """Answer a failed command the way a person would want, or stay quiet when that is better."""
    error = unwrap(error)
    if isinstance(error, commands.CommandNotFound):
        await cog.did_you_mean(ctx)
    elif isinstance(error, commands.CommandOnCooldown):
        if cog.first_warning(ctx.author.id, error.retry_after):
            await _note(ctx, slow_down(error.retry_after))
    elif isinstance(error, Ignored):
        if ctx.interaction is not None:  # an interaction must be answered, or it shows as failed
            await _note(ctx, NOT_HERE)
    elif isinstance(error, DirectMessagesRefused):
        await _note(ctx, NO_DMS)
    elif isinstance(error, NotAdmin):
        _log.info("refused admin command %s for user %s", _name(ctx), ctx.author.id)
        await _note(ctx, ADMINS_ONLY)
    elif isinstance(error, commands.UserInputError) and ctx.command is not None:
        await cog.answer_usage(ctx)
    elif isinstance(error, commands.CheckFailure | commands.DisabledCommand):
        _log.info("refused %s for %s: %r", ctx.command, ctx.author.id, error)
    else:
        _log.error(
            "command %r failed: args=%r user=%s guild=%s channel=%s",
            ctx.command.qualified_name if ctx.command else ctx.invoked_with,
            ctx.kwargs or ctx.message.content[:200],
            ctx.author.id,
            ctx.guild.id if ctx.guild else None,
            ctx.channel.id,
            exc_info=(type(error), error, error.__traceback__),
        )
        await _note(ctx, APOLOGY)


def _name(ctx: commands.Context[Any]) -> str:
    """Name the command as typed, never more of the message than that."""
    return ctx.command.qualified_name if ctx.command is not None else str(ctx.invoked_with)


async def _note(ctx: commands.Context[Any], text: str) -> None:
    try:
        await send_note(ctx, text)
    except discord.HTTPException as exc:  # the channel may be gone or closed to us
        _log.warning("could not send a note in %s: %s", ctx.channel.id, exc)


async def handle_tree_error(
    interaction: discord.Interaction[Any], error: app_commands.AppCommandError
) -> None:
    """Slash failures that never reach a command: a stale sync, or a bug in discord.py's path."""
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        _log.warning("slash command out of sync: %s", error)
        text = OUT_OF_DATE
    else:
        _log.error(
            "slash command %r failed: user=%s channel=%s",
            interaction.command.name if interaction.command else None,
            interaction.user.id,
            interaction.channel_id,
            exc_info=(type(error), error, error.__traceback__),
        )
        text = APOLOGY
    if interaction.response.is_done():
        return
    try:
        await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException as exc:
        _log.warning("could not answer a failed slash command: %s", exc)

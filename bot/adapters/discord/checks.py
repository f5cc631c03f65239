"""Who may ask, where, and how often: small predicates that raise typed errors.

The error funnel (`errors.py`) decides what each refusal looks like; the checks only decide.
The same checks run for `!prefix` and `/slash` invocations, because hybrid commands share them.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import discord
from discord.ext import commands

from bot.adapters import interaction
from bot.config import Cooldown, DiscordSettings
from bot.core.types import Actor

Check = Callable[[commands.Context[Any]], Coroutine[Any, Any, bool]]


class Ignored(commands.CheckFailure):
    """A message we should not answer at all (a channel we do not serve, a DM when DMs are off)."""


class DirectMessagesRefused(commands.CheckFailure):
    """A DM when the operator has chosen to refuse DMs politely."""


class NotAdmin(commands.CheckFailure):
    """An admin command from someone who is not an admin."""


def is_admin(
    author: discord.abc.User, settings: DiscordSettings, perms: discord.Permissions
) -> bool:
    """Admin = listed by user id, holds a listed role, or may Manage Server where they asked."""
    rule = interaction.AdminRule(
        frozenset(map(str, settings.admin_user_ids)), frozenset(map(str, settings.admin_role_ids))
    )
    roles = (str(role.id) for role in getattr(author, "roles", ()))
    manages = isinstance(author, discord.Member) and perms.manage_guild
    return rule.allows(str(author.id), roles, platform_admin=manages)


def actor_of(ctx: commands.Context[Any], settings: DiscordSettings) -> Actor:
    """Describe whoever invoked `ctx` as an Actor, so the engine judges rights without Discord."""
    return actor_for(ctx.author, ctx.permissions, ctx.guild, settings, ctx.channel.id)


def actor_for(
    user: discord.abc.User,
    permissions: discord.Permissions,
    guild: discord.Guild | None,
    settings: DiscordSettings,
    channel_id: int | None = None,
) -> Actor:
    """Describe a user (who typed a command or pressed a button) where they are.

    A DM is a place of its own per user, like a server of one: scores (`quiz top`) are kept
    per place, and one shared "dm" place would list every DM player to every other.
    """
    return Actor(
        id=str(user.id),
        name=user.display_name,
        is_admin=is_admin(user, settings, permissions),
        platform="discord",
        place=str(guild.id) if guild is not None else f"dm:{user.id}",
        channel=str(channel_id or ""),
    )


def place_check(settings: DiscordSettings) -> Check:
    """Answer only in the configured channels (and their threads), and in DMs as configured."""
    allowed = frozenset(settings.channels)

    async def check(ctx: commands.Context[Any]) -> bool:
        if ctx.guild is None:
            if settings.dms == "answer":
                return True
            raise DirectMessagesRefused() if settings.dms == "refuse" else Ignored()
        if not allowed:
            return True
        parent = getattr(ctx.channel, "parent_id", None)
        if ctx.channel.id in allowed or parent in allowed:
            return True
        raise Ignored()

    return check


class Cooldowns:
    """The shared per-user and per-channel limits, refusing in discord.py's own terms.

    Raising `CommandOnCooldown` sends the refusal through the error funnel like any other.
    """

    def __init__(self, per_user: Cooldown, per_channel: Cooldown) -> None:
        self._limits = interaction.Cooldowns(per_user, per_channel)
        self._cooldowns = {
            "user": (commands.Cooldown(per_user.rate, per_user.per), commands.BucketType.user),
            "channel": (
                commands.Cooldown(per_channel.rate, per_channel.per),
                commands.BucketType.channel,
            ),
        }

    def hit(self, message: discord.Message) -> None:
        """Count one command; raise CommandOnCooldown if a limit is exceeded."""
        wait, which = self._limits.retry_after(str(message.author.id), str(message.channel.id))
        if wait:
            cooldown, kind = self._cooldowns[which]
            raise commands.CommandOnCooldown(cooldown, wait, kind)

    def allows(self, message: discord.Message) -> bool:
        """Count one reply of ours that is not a command (a did-you-mean); False if over."""
        try:
            self.hit(message)
        except commands.CommandOnCooldown:
            return False
        return True


def admin_check(settings: DiscordSettings) -> Check:
    """Refuse admin-only commands for everyone who is not an admin."""

    async def check(ctx: commands.Context[Any]) -> bool:
        if actor_of(ctx, settings).is_admin:
            return True
        raise NotAdmin()

    return check

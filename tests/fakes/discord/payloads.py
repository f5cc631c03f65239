"""JSON objects shaped like Discord's, just complete enough for discord.py 2.7 to parse them.

Kept apart from the server so a reader can see at a glance what the fake claims Discord sends.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

JSON = dict[str, Any]

MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31)  # view, send, embed
EPHEMERAL = 1 << 6

DISCORD_EPOCH_MS = 1_420_070_400_000
_counter = itertools.count()


def snowflake() -> str:
    """Return a fresh id carrying the current time, as Discord's do (interactions expire by it)."""
    millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((millis << 22) | (next(_counter) % (1 << 22)))


def now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class User:
    """A person (or bot) the fake can make speak."""

    id: str
    name: str
    roles: tuple[str, ...] = ()
    bot: bool = False
    permissions: int = MEMBER_PERMISSIONS

    def user_json(self) -> JSON:
        return {
            "id": self.id,
            "username": self.name,
            "global_name": self.name,
            "discriminator": "0",
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }

    def member_json(self, *, with_user: bool = True) -> JSON:
        member: JSON = {
            "roles": list(self.roles),
            "joined_at": now(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "communication_disabled_until": None,
            "permissions": str(self.permissions),
        }
        if with_user:
            member["user"] = self.user_json()
        return member


@dataclass
class Guild:
    """One server with a few roles and text channels, which the bot sees on connect."""

    id: str = field(default_factory=snowflake)
    owner_id: str = field(default_factory=snowflake)
    admin_role_id: str = field(default_factory=snowflake)
    member_role_id: str = field(default_factory=snowflake)
    moderator_role_id: str = field(default_factory=snowflake)  # no special permissions
    channel_ids: list[str] = field(default_factory=lambda: [snowflake() for _ in range(40)])

    def role_json(self, role_id: str, name: str, permissions: int, position: int) -> JSON:
        return {
            "id": role_id,
            "name": name,
            "color": 0,
            "hoist": False,
            "position": position,
            "permissions": str(permissions),
            "managed": False,
            "mentionable": True,
            "flags": 0,
            "icon": None,
            "unicode_emoji": None,
        }

    def channel_json(self, channel_id: str, position: int) -> JSON:
        return {
            "id": channel_id,
            "type": 0,
            "guild_id": self.id,
            "name": f"chat-{position}",
            "position": position,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    def create_json(self, bot: User) -> JSON:
        """The GUILD_CREATE payload: roles, channels, and the bot's own membership."""
        return {
            "id": self.id,
            "name": "Fake Guild",
            "icon": None,
            "owner_id": self.owner_id,
            "unavailable": False,
            "large": False,
            "member_count": 3,
            "features": [],
            "roles": [
                self.role_json(self.id, "@everyone", MEMBER_PERMISSIONS, 0),
                self.role_json(self.member_role_id, "members", MEMBER_PERMISSIONS, 1),
                self.role_json(self.admin_role_id, "fact keepers", MANAGE_GUILD, 2),
                self.role_json(self.moderator_role_id, "moderators", MEMBER_PERMISSIONS, 3),
            ],
            "channels": [self.channel_json(c, i) for i, c in enumerate(self.channel_ids)],
            "members": [bot.member_json()],
            "threads": [],
            "emojis": [],
            "stickers": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "premium_tier": 0,
            "system_channel_flags": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "joined_at": now(),
        }


def message_json(
    *, channel_id: str, guild_id: str | None, author: User, body: JSON, message_id: str = ""
) -> JSON:
    """A message as Discord returns or dispatches it, built from what the sender asked for."""
    data: JSON = {
        "id": message_id or snowflake(),
        "channel_id": channel_id,
        "author": author.user_json(),
        "content": body.get("content") or "",
        "timestamp": now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": body.get("attachments") or [],
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "pinned": False,
        "type": 0,
        "flags": body.get("flags") or 0,
    }
    if guild_id is not None:
        data["guild_id"] = guild_id
        data["member"] = author.member_json(with_user=False)
    if body.get("message_reference"):
        data["message_reference"] = body["message_reference"]
    return data


def interaction_json(
    *, kind: int, data: JSON, guild: Guild, channel_id: str, member: User, app_id: str
) -> JSON:
    """An INTERACTION_CREATE payload: kind 2 = slash, 3 = button, 4 = autocomplete."""
    return {
        "id": snowflake(),
        "application_id": app_id,
        "type": kind,
        "data": data,
        "guild_id": guild.id,
        "channel_id": channel_id,
        "channel": guild.channel_json(channel_id, 0),
        "member": member.member_json(),
        "token": f"tok-{snowflake()}",
        "version": 1,
        "app_permissions": str(MEMBER_PERMISSIONS),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": guild.id},
        "context": 0,
        "attachment_size_limit": 8 * 1024 * 1024,
    }


def slash_data(name: str, options: Mapping[str, str | bool], *, focused: str | None = None) -> JSON:
    """The `data` of a slash command (or of its autocomplete when `focused` names an option).

    A string is a string option (type 3), a bool a boolean one (type 5).
    """
    opts = []
    for key, value in options.items():
        option: JSON = {"name": key, "type": 5 if isinstance(value, bool) else 3, "value": value}
        if key == focused:
            option["focused"] = True
        opts.append(option)
    return {"id": snowflake(), "name": name, "type": 1, "options": opts}

"""Who may ask where, and who is an admin, in Slack's terms.

Slack has no "Manage Server": admins are the users listed in `slack.admin_user_ids`, plus the
workspace's admins and owners as `users.info` reports them. That lookup is one Web API call, so
it is made only for admin commands and remembered for a few minutes.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.interaction import AdminRule
from bot.config import SlackSettings

_log = logging.getLogger("factbot.slack")

ADMIN_MEMORY = 300.0  # seconds a users.info answer is trusted


class Gate:
    """The place rule (which channels) and the admin rule, with users.info remembered."""

    def __init__(self, settings: SlackSettings, clock: Any = time.monotonic) -> None:
        self._channels = frozenset(settings.channels)
        self._rule = AdminRule(frozenset(settings.admin_user_ids))
        self._clock = clock
        self._workspace_admins: dict[str, tuple[bool, float]] = {}

    def serves(self, channel: str, is_dm: bool) -> bool:
        """Answer in DMs always, and in channels when the list is empty or names them."""
        return is_dm or not self._channels or channel in self._channels

    async def is_admin(self, client: AsyncWebClient, user: str) -> bool:
        """Decide whether `user` may run admin commands: listed, or a workspace admin or owner."""
        if self._rule.allows(user):
            return True
        return self._rule.allows(user, platform_admin=await self._workspace_admin(client, user))

    async def _workspace_admin(self, client: AsyncWebClient, user: str) -> bool:
        now = self._clock()
        known = self._workspace_admins.get(user)
        if known is not None and known[1] > now:
            return known[0]
        try:
            found = (await client.users_info(user=user)).get("user") or {}
        except SlackApiError as exc:  # unknown user, missing scope: not an admin, say why
            _log.warning("users.info failed for %s: %s", user, exc.response.get("error"))
            return False
        admin = any(bool(found.get(k)) for k in ("is_admin", "is_owner", "is_primary_owner"))
        self._workspace_admins[user] = (admin, now + ADMIN_MEMORY)
        return admin

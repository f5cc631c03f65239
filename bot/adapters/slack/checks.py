"""Who may ask where, and who is an admin, in Slack's terms.

Slack has no "Manage Server": admins are the users listed in `slack.admin_user_ids`, plus the
workspace's admins and owners as `users.info` reports them. That lookup is the one that names
people too (`People`), so it is remembered for a few minutes and shared.
"""

from __future__ import annotations

from bot.adapters.interaction import AdminRule
from bot.adapters.slack.people import People
from bot.config import SlackSettings


class Gate:
    """The place rule (which channels) and the admin rule, asking `People` for workspace admins."""

    def __init__(self, settings: SlackSettings) -> None:
        self._channels = frozenset(settings.channels)
        self._rule = AdminRule(frozenset(settings.admin_user_ids))

    def serves(self, channel: str, is_dm: bool) -> bool:
        """Answer in DMs always, and in channels when the list is empty or names them."""
        return is_dm or not self._channels or channel in self._channels

    async def is_admin(self, people: People, team: str, user: str) -> bool:
        """Decide whether `user` may run admin commands: listed, or a workspace admin or owner."""
        if self._rule.allows(user):
            return True
        person = await people.lookup(team, user)
        return self._rule.allows(user, platform_admin=person.workspace_admin)

"""Who a Slack user is, by `users.info`: the name people see, and whether they are an admin.

Events carry only user ids (`U0…`), which mean nothing to the people in a channel, so every
asker is looked up once and remembered: per workspace (the same id may be named differently in
another workspace of an Enterprise Grid), for `MEMORY` seconds (a renamed person is seen within
minutes; an admin whose rights were taken away loses them as fast), and at most `SIZE` people
(least recently asked forgotten first), so a big workspace cannot grow the cache without end.

A failed lookup (the `users:read` scope missing, an unknown user, Slack down) is remembered for
a shorter while, so a broken scope costs one call a minute per person rather than one per
message; the person is then named by what the payload itself says (a slash command's
`user_name`, a button press's `username`), else `SOMEONE`. Never the raw id: a reader can do
nothing with `U0123ABCD`, and a leaderboard row called "someone" heals itself on that person's
next answer, when the quiz book stores the name again.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.post import Failure

_log = logging.getLogger("factbot.slack")

MEMORY = 300.0  # seconds a users.info answer is trusted
MISS_MEMORY = 60.0  # seconds a failed lookup is not retried
SIZE = 2048  # people remembered across all workspaces
SOMEONE = "someone"
ADMIN_FLAGS = ("is_admin", "is_owner", "is_primary_owner")


@dataclass(frozen=True, slots=True)
class Person:
    """What users.info said: the name to show (None if it said none) and the admin flags."""

    name: str | None
    workspace_admin: bool


NOBODY = Person(None, False)  # what a failed lookup leaves us knowing


def name_of(user: Mapping[str, Any]) -> str | None:
    """Pick the name Slack shows: the profile's display name, else the real name, else the handle.

    Display names are optional in Slack (many people leave them blank), so each is tried in turn.
    """
    profile = user.get("profile") or {}
    for name in (
        profile.get("display_name"),
        profile.get("real_name"),
        user.get("real_name"),
        user.get("name"),
    ):
        if isinstance(name, str) and name.strip():
            return name.strip()
    return None


class People:
    """A bounded, expiring memory of users.info answers, keyed by workspace and user."""

    def __init__(
        self,
        client: AsyncWebClient,
        clock: Callable[[], float] = time.monotonic,
        size: int = SIZE,
    ) -> None:
        self._client, self._clock, self._size = client, clock, size
        self._known: OrderedDict[tuple[str, str], tuple[Person, float]] = OrderedDict()

    async def lookup(self, team: str, user: str) -> Person:
        """Give what Slack says of `user` in `team`, asking users.info only when not remembered."""
        key, now = (team, user), self._clock()
        known = self._known.get(key)
        if known is not None and known[1] > now:
            self._known.move_to_end(key)
            return known[0]
        person = await self._ask(user)
        self._remember(key, person, now + (MEMORY if person is not NOBODY else MISS_MEMORY))
        return person

    async def name(self, team: str, user: str, hint: str = "") -> str:
        """Give the name to show for `user`: Slack's, else the payload's `hint`, else `SOMEONE`."""
        if not user:
            return hint or SOMEONE
        return (await self.lookup(team, user)).name or hint or SOMEONE

    async def _ask(self, user: str) -> Person:
        try:
            found = (await self._client.users_info(user=user)).get("user") or {}
        except SlackApiError as exc:  # unknown user, missing scope: say why, once a minute
            # Never the user's id: logs outlive the usage data, where ids are only kept hashed.
            _log.warning("users.info failed: %s", exc.response.get("error"))
            return NOBODY
        except Failure as exc:
            _log.warning("users.info failed: %r", exc)
            return NOBODY
        admin = any(bool(found.get(flag)) for flag in ADMIN_FLAGS)
        return Person(name_of(found), admin)

    def _remember(self, key: tuple[str, str], person: Person, until: float) -> None:
        self._known[key] = (person, until)
        self._known.move_to_end(key)
        while len(self._known) > self._size:
            self._known.popitem(last=False)

"""What every chat platform decides the same way: rate limits, admins, pages, unknown commands.

Discord and Slack differ in how a message arrives and how an answer looks, not in when a user is
asking too often, who is an admin, which page a button leads to, or whether `!timline` deserves
a did-you-mean. Those decisions live here, keyed by plain strings (user, channel and role ids as
the platform spells them), so both adapters behave alike and each keeps only rendering and I/O.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Literal, Protocol

import msgspec

from bot.config import Cooldown
from bot.core.types import ArgKind, CommandSpec, Reply, Request

NOT_YOURS = "Only the person who asked can turn these pages — ask your own question to get yours."
ADMINS_ONLY = "That command is for admins only."
NOT_HERE = "I don't answer commands in this channel."
START_YOUR_OWN = "That quiz is someone else's — start your own with `quiz`."
MAX_TRACKED = 10_000  # keys remembered per limit before expired ones are dropped

PageAction = Literal["first", "previous", "next", "last"]
PAGE_ACTIONS: tuple[PageAction, ...] = ("first", "previous", "next", "last")
PAGE_EMOJI: dict[PageAction, str] = {"first": "⏮", "previous": "◀", "next": "▶", "last": "⏭"}

Clock = Callable[[], float]


def slow_down(retry_after: float) -> str:
    """Word a cooldown the same way everywhere, rounding the wait up to whole seconds."""
    return f"Slow down a little — try again in {math.ceil(retry_after)} s."


class Limit:
    """At most `rate` hits per `per` seconds for each key: a sliding window, not a fixed bucket.

    A sliding window never lets a burst of twice the rate through at a window's edge.
    """

    def __init__(self, cooldown: Cooldown, clock: Clock = time.monotonic) -> None:
        self.rate, self.per, self._clock = cooldown.rate, cooldown.per, clock
        self._hits: dict[str, deque[float]] = {}

    def retry_after(self, key: str) -> float:
        """Count one hit for `key`; give 0 if allowed, else the seconds until it would be."""
        now = self._clock()
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) > MAX_TRACKED:
                self._forget(now)
            hits = self._hits[key] = deque()
        while hits and hits[0] <= now - self.per:
            hits.popleft()
        if len(hits) >= self.rate:
            return max(hits[0] + self.per - now, 0.001)
        hits.append(now)
        return 0.0

    def _forget(self, now: float) -> None:
        self._hits = {k: h for k, h in self._hits.items() if h and h[-1] > now - self.per}


class Cooldowns:
    """Shared per-user and per-channel limits across all commands, not per command."""

    def __init__(self, per_user: Cooldown, per_channel: Cooldown, clock: Clock = time.monotonic):
        self.user = Limit(per_user, clock)
        self.channel = Limit(per_channel, clock)

    def retry_after(self, user: str, channel: str) -> tuple[float, Literal["user", "channel"]]:
        """Count one command; give (0, …) if allowed, else the wait and which limit was hit.

        The user's limit is counted first, so one user's flood is refused before it can use up
        the channel's allowance for everyone else.
        """
        wait = self.user.retry_after(user)
        if wait:
            return wait, "user"
        return self.channel.retry_after(channel), "channel"


class WarnOnce:
    """Warn about a cooldown once per wait, so a spammer cannot make us spam back."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._until: dict[str, float] = {}

    def first(self, key: str, retry_after: float) -> bool:
        """Tell whether this refusal deserves a warning: the first since the wait began."""
        now = self._clock()
        if self._until.get(key, 0.0) > now:
            return False
        self._until[key] = now + retry_after
        if len(self._until) > MAX_TRACKED:
            self._until = {k: t for k, t in self._until.items() if t > now}
        return True


class AdminRule(msgspec.Struct, frozen=True):
    """Who may run admin commands: listed users, holders of listed roles, and platform admins.

    The platform decides what "platform admin" means (Discord: Manage Server where they asked;
    Slack: workspace admin or owner); the lists come from the config.
    """

    user_ids: frozenset[str]
    role_ids: frozenset[str] = frozenset()

    def allows(self, user_id: str, roles: Iterable[str] = (), platform_admin: bool = False) -> bool:
        """Decide whether this user is an admin here."""
        if user_id in self.user_ids or platform_admin:
            return True
        return any(role in self.role_ids for role in roles)


def turn_page(action: str, index: int, count: int) -> int:
    """Give the page a button leads to from `index` of `count`, clamped to the pages there are."""
    target = {"first": 0, "previous": index - 1, "next": index + 1, "last": count - 1}.get(
        action, index
    )
    return max(0, min(target, count - 1))


def disabled_actions(index: int, count: int) -> frozenset[PageAction]:
    """Name the buttons that lead nowhere from this page: back on the first, on on the last."""
    off: set[PageAction] = set()
    if index <= 0:
        off |= {"first", "previous"}
    if index >= count - 1:
        off |= {"next", "last"}
    return frozenset(off)


class AnswerEngine(Protocol):
    """What an adapter needs from `bot.core.engine.Engine`."""

    started_at: datetime

    @property
    def commands(self) -> tuple[CommandSpec, ...]:
        """Give every command's spec: adapters build their commands from them."""

    def handle(self, request: Request) -> Reply:
        """Answer a request; never raises for a user's mistake, so adapters post what they get."""

    def understands(self, line: str) -> bool:
        """Tell whether a prefixed line naming no command is a question worth answering."""

    def complete(self, arg_kind: ArgKind, partial: str) -> list[tuple[str, str]]:
        """Offer (label, value) choices for a slash option being typed, best first."""

    def resolve_command(self, typed: str, among: tuple[CommandSpec, ...]) -> CommandSpec | None:
        """Read a typed name with the engine's resolver, so a misspelling means the same here."""


class Unknown(msgspec.Struct, frozen=True):
    """What to do with a prefixed line whose first word is no command of ours."""

    question: str | None = None  # answer this line as the engine reads it
    suggestion: CommandSpec | None = None  # say "did you mean" this command


def read_unknown(engine: AnswerEngine, line: str, enabled: tuple[CommandSpec, ...]) -> Unknown:
    """Decide between answering a question, suggesting a command, and staying quiet.

    Other bots share the prefix, so only a question the engine can read or a near miss of one
    of our commands (`!timline`) is ours; `!play despacito` gets an empty `Unknown`.
    """
    if engine.understands(line):
        return Unknown(question=line.strip())
    typed = line.strip().partition(" ")[0]
    return Unknown(suggestion=engine.resolve_command(typed, enabled) if typed else None)


def did_you_mean(prefix: str, typed: str, found: CommandSpec, code: Callable[[str], str]) -> str:
    """Word the did-you-mean; `code` shows a command as inline code in the platform's markup."""
    return f"There is no {code(prefix + typed)} — did you mean {code(prefix + found.name)}?"

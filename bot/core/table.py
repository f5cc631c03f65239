"""The command table: every command's spec and handler, and the one reader of command names.

A family module (`bot.core.commands.timeline`, …) lists its commands in `COMMANDS`;
`bot.core.commands.ALL` joins the families, and the engine is handed that table. Nothing is
registered behind anyone's back, so a test can build an engine with a table of its own.

`CommandTable.resolve` is the only place a typed command name is read (`timline`, `hlep`,
`Timeline:`): the engine, `help`, autocomplete and the Discord cog all ask it, so a misspelling
means the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

import msgspec

from bot.core.types import CommandSpec, Reply, Request
from bot.search.distance import allowed_edits, edit_distance
from bot.search.matcher import Match, NameMatcher
from bot.store.snapshot import Snapshot
from bot.store.store import Store
from bot.usage.log import UsageLog

CLOSE_ENOUGH = 85  # a fuzzy score under this is a different word, not a slip (`tim` ≠ `timeline`)


class Context(msgspec.Struct, frozen=True):
    """What a handler answers from: the snapshot read once for this request, and the rest."""

    snapshot: Snapshot
    store: Store
    table: CommandTable
    started_at: datetime
    usage: UsageLog


Handler = Callable[[Context, Request], Reply]


class Command(msgspec.Struct, frozen=True):
    """A spec and its handler."""

    spec: CommandSpec
    handler: Handler


class CommandTable:
    """Commands by name and alias, in help order; refuses two commands claiming one name."""

    def __init__(self, commands: Iterable[Command]) -> None:
        """Index `commands` by every name they answer to."""
        self.commands = tuple(commands)
        self._by_name: dict[str, Command] = {}
        for command in self.commands:
            for name in (command.spec.name, *command.spec.aliases):
                other = self._by_name.get(name)
                if other is not None:
                    raise ValueError(f"`{other.spec.name}` already answers to `{name}`")
                self._by_name[name] = command
        self._matchers: dict[tuple[str, ...], NameMatcher] = {}

    @property
    def specs(self) -> tuple[CommandSpec, ...]:
        """Give every command's spec, in help order."""
        return tuple(c.spec for c in self.commands)

    def get(self, name: str) -> Command | None:
        """Find a command by its exact name or alias (case-insensitive)."""
        return self._by_name.get(name.casefold())

    def resolve(self, typed: str, among: Iterable[CommandSpec] | None = None) -> Command | None:
        """Read a command name as typed: exact, within one or two slips (`hlep`), or close.

        `among` narrows the choice (the commands a user may see, or those switched on).
        """
        allowed = {s.name for s in (self.specs if among is None else among)}
        key = typed.casefold()
        exact = self._by_name.get(key)
        if exact is not None:
            return exact if exact.spec.name in allowed else None
        names = [n for n, c in self._by_name.items() if c.spec.name in allowed]
        limit = allowed_edits(key)
        close = sorted((edit_distance(key, n, limit), n) for n in names)
        if close and close[0][0] <= limit:
            return self._by_name[close[0][1]]
        best = self._matcher(names).best(key)
        return self._by_name[best.id] if best is not None and best.score >= CLOSE_ENOUGH else None

    def suggest(self, typed: str, among: Iterable[CommandSpec], limit: int = 5) -> list[Match]:
        """Offer command names near what was typed, best first, for a did-you-mean."""
        names = [n for s in among for n in (s.name, *s.aliases)]
        return self._matcher(names).suggest(typed, limit)

    def _matcher(self, names: list[str]) -> NameMatcher:
        """Match names to their command's name (`find` → `search`); built once per name set."""
        key = tuple(sorted(names))
        matcher = self._matchers.get(key)
        if matcher is None:
            owner = {n: self._by_name[n].spec.name for n in key}
            matcher = self._matchers[key] = NameMatcher(
                owner.items(), {o: o for o in owner.values()}
            )
        return matcher

"""The command table: every command is a CommandSpec plus the handler that answers it.

Command families register themselves with `@register(spec)` when their module is imported;
`COMMAND_MODULES` is the one list of those modules, so adding a family (e.g. `bot.core.admin`)
is one line here. Adapters never see handlers, only specs (via `Engine.commands`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.types import CommandSpec, Reply, Request

if TYPE_CHECKING:
    from bot.core.engine import Engine

Handler = Callable[["Engine", Request], Reply]

# Import order is help order.
COMMAND_MODULES: tuple[str, ...] = (
    "bot.core.commands.timeline",
    "bot.core.commands.interests",
    "bot.core.commands.people",
    "bot.core.commands.topics",
    "bot.core.commands.quotes",
    "bot.core.commands.search",
    "bot.core.commands.sources",
    "bot.core.commands.meta",
    "bot.core.admin",
)


@dataclass(frozen=True, slots=True)
class Command:
    """A spec and its handler."""

    spec: CommandSpec
    handler: Handler


_REGISTRY: dict[str, Command] = {}


def register(spec: CommandSpec) -> Callable[[Handler], Handler]:
    """Add a handler to the command table under `spec.name`; a second claim on a name fails."""

    def add(handler: Handler) -> Handler:
        wanted = {spec.name, *spec.aliases}
        for other in _REGISTRY.values():
            clash = wanted & {other.spec.name, *other.spec.aliases}
            if clash and other.spec.name != spec.name:
                raise ValueError(f"`{other.spec.name}` already answers to {sorted(clash)}")
        _REGISTRY[spec.name] = Command(spec, handler)
        return handler

    return add


def unregister(name: str) -> None:
    """Remove a command from the table (for tests and unloading a family)."""
    _REGISTRY.pop(name, None)


def load_commands() -> dict[str, Command]:
    """Import every command module once and give the table keyed by name and alias."""
    for module in COMMAND_MODULES:
        importlib.import_module(module)
    table: dict[str, Command] = {}
    for command in _REGISTRY.values():
        for name in (command.spec.name, *command.spec.aliases):
            table[name] = command
    return table


def registered() -> tuple[Command, ...]:
    """Give each registered command once, in registration order."""
    return tuple(_REGISTRY.values())

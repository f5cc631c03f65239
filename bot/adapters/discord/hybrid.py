"""Hybrid commands generated from the engine's command table: one callback per command.

Nothing here names a command: a CommandSpec says the name, aliases, argument kind and whether it
is for admins, so a command the engine gains appears on Discord without a change in this adapter.
The Python parameter is always `query`; the slash option is renamed to the spec's `arg_name`
(`/timeline period:`, `/interests party:`), so prefix and slash share one callback.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.discord.checks import Check
from bot.adapters.textfit import clamp
from bot.config import CommandFamilies
from bot.core.types import ArgKind, CommandSpec

Answer = Callable[[commands.Context[Any], CommandSpec, str], Awaitable[None]]
Complete = Callable[[ArgKind, str], list[tuple[str, str]]]
Callback = Callable[..., Coroutine[Any, Any, None]]

SLASH_TEXT_LIMIT = 100  # descriptions, choice names and choice values
CHOICES_LIMIT = 25
CHART_HINT = "Also draw the answer as a picture"
COMPLETED: frozenset[ArgKind] = frozenset(
    {"period", "party", "person", "topic", "source", "dispute", "command"}
)
OPTION_HINTS: dict[ArgKind, str] = {
    "period": "A decade, year, range or era — e.g. 1970s, 1965-1972, cold war",
    "party": "russia, pakistan or shared",
    "person": "A name or part of one",
    "topic": "A theme — e.g. energy, defence, afghanistan",
    "source": "An article id or author",
    "dispute": "A word to pick disagreements out — e.g. thaw, steel",
    "command": "A command name",
    "text": "Words to look for",
}


def build_commands(
    specs: tuple[CommandSpec, ...],
    families: CommandFamilies,
    *,
    answer: Answer,
    complete: Complete,
    admin_check: Check,
    guild_only: bool,
) -> list[commands.HybridCommand[Any, ..., None]]:
    """One hybrid command per enabled spec."""
    return [
        _command(spec, families.slash, answer, complete, admin_check, guild_only)
        for spec in specs
        if is_enabled(spec, families)
    ]


def is_enabled(spec: CommandSpec, families: CommandFamilies) -> bool:
    """Whether the operator's config switches this command on."""
    return spec.name not in families.disabled and (families.admin or not spec.admin)


def _command(
    spec: CommandSpec,
    slash: bool,
    answer: Answer,
    complete: Complete,
    admin_check: Check,
    guild_only: bool,
) -> commands.HybridCommand[Any, ..., None]:
    callback = _callback(spec, answer)
    if spec.arg != "none":
        callback = app_commands.rename(query=spec.arg_name)(callback)
        callback = app_commands.describe(query=OPTION_HINTS.get(spec.arg, spec.arg_name))(callback)
    if guild_only:
        callback = app_commands.guild_only()(callback)
    if spec.admin:  # hidden from members in the slash menu; the check below is what enforces it
        callback = app_commands.default_permissions(manage_guild=True)(callback)
    command: commands.HybridCommand[Any, ..., None] = commands.HybridCommand(
        callback,
        name=spec.name,
        aliases=list(spec.aliases),
        description=clamp(spec.summary, SLASH_TEXT_LIMIT),
        help=spec.summary,
        usage=spec.usage,
        with_app_command=slash,
    )
    if slash and spec.arg in COMPLETED:
        command.autocomplete("query")(_autocomplete(spec.arg, complete))
    if spec.admin:
        command.add_check(admin_check)
    return command


def _callback(spec: CommandSpec, answer: Answer) -> Callback:
    if spec.arg == "none":
        return _no_argument(spec, answer)
    if spec.arg_required:
        return _required_argument(spec, answer)
    return _optional_argument(spec, answer)


def _no_argument(spec: CommandSpec, answer: Answer) -> Callback:
    async def run(ctx: commands.Context[Any]) -> None:
        await answer(ctx, spec, "")

    return run


def _required_argument(spec: CommandSpec, answer: Answer) -> Callback:
    async def run(ctx: commands.Context[Any], *, query: str) -> None:
        await answer(ctx, spec, query)

    return run


def _optional_argument(spec: CommandSpec, answer: Answer) -> Callback:
    if spec.chart_option:
        return _with_chart_option(spec, answer)

    async def run(ctx: commands.Context[Any], *, query: str = "") -> None:
        await answer(ctx, spec, query)

    return run


def _with_chart_option(spec: CommandSpec, answer: Answer) -> Callback:
    """Add a `chart:` yes/no slash option that appends the word `chart`, as typed commands do.

    A prefix command reads only the first keyword-only parameter (the rest of the line), so
    `chart` is a slash option alone; `!timeline 1970s chart` says it in the words.
    """

    @app_commands.describe(chart=CHART_HINT)
    async def run(ctx: commands.Context[Any], *, query: str = "", chart: bool = False) -> None:
        await answer(ctx, spec, f"{query} chart".strip() if chart else query)

    return run


def _autocomplete(
    kind: ArgKind, complete: Complete
) -> Callable[[discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
    """Choices come straight from the fact base; the engine's lookup takes well under a second."""

    async def suggest(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        choices = []
        for label, value in complete(kind, current)[:CHOICES_LIMIT]:
            if label and value:
                name = clamp(label, SLASH_TEXT_LIMIT)
                choices.append(app_commands.Choice(name=name, value=value[:SLASH_TEXT_LIMIT]))
        return choices

    return suggest

"""The Discord face of the engine: turns invocations into Requests and Replies into messages.

The cog owns the bot-wide checks (where, how often), the error funnel hook, and the hybrid
commands generated from the engine's command table, which it adds on load and removes on unload.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import discord
from discord.ext import commands
from msgspec.structs import replace

from bot import __version__
from bot.adapters.discord.checks import (
    Cooldowns,
    Ignored,
    actor_for,
    actor_of,
    admin_check,
    place_check,
)
from bot.adapters.discord.funnel import handle_error, handle_tree_error
from bot.adapters.discord.hybrid import build_commands, is_enabled
from bot.adapters.discord.inplace import InPlace
from bot.adapters.discord.markdown import code
from bot.adapters.discord.modals import FormModal
from bot.adapters.discord.render import render
from bot.adapters.discord.respond import send_note, send_reply, send_to_interaction
from bot.adapters.discord.views import ActionButton
from bot.adapters.interaction import AnswerEngine, WarnOnce, did_you_mean, read_unknown
from bot.adapters.pictures import picture_of
from bot.charts.service import ChartRenderer
from bot.config import DiscordSettings
from bot.core.fields import form_for, form_line
from bot.core.types import Actor, CommandSpec, Form, Reply, Request

ABOUT = "about"


class FactbotCog(commands.Cog, name="factbot"):
    """Every factbot command, its checks and its error handling."""

    def __init__(
        self,
        bot: commands.bot.BotBase,
        engine: AnswerEngine,
        settings: DiscordSettings,
        charts: ChartRenderer | None = None,
    ) -> None:
        self.bot = bot
        # `factbot run` passes one renderer, started at once and shared with Slack; without
        # one (tests, tools), a private one starts its worker on the first chart.
        self.charts = charts if charts is not None else ChartRenderer()
        self._own_charts = charts is None  # ours to close; a shared one is closed by its owner
        self.engine = engine
        self.settings = settings
        self.cooldowns = Cooldowns(settings.cooldown, settings.channel_cooldown)
        self._place = place_check(settings)
        self._added: list[str] = []
        self._warnings = WarnOnce()
        self._enabled = tuple(s for s in engine.commands if is_enabled(s, settings.commands))

    async def cog_load(self) -> None:
        """Add a hybrid command per enabled spec, and send slash failures to the funnel.

        The commands are generated from the engine's table rather than declared on the cog, so
        a command the engine gains needs no change here; their names are kept for `cog_unload`.
        """
        for command in build_commands(
            self.engine.commands,
            self.settings.commands,
            answer=self.answer,
            complete=self.engine.complete,
            admin_check=admin_check(self.settings),
            guild_only=self.settings.dms != "answer",
        ):
            self.bot.add_command(command)
            self._added.append(command.name)
        self.bot.tree.error(handle_tree_error)

    async def cog_unload(self) -> None:
        """Remove the generated commands, and stop a chart worker of our own.

        The commands were added to the bot, not the cog, so they would stay behind;
        `Bot.close` unloads the cog, so a bot that stops leaves no worker process running.
        """
        for name in self._added:
            self.bot.remove_command(name)
        if self._own_charts:
            self.charts.close()

    async def bot_check_once(self, ctx: commands.Context[Any]) -> bool:
        """Place and rate checks shared by every command; admin checks are per command."""
        if ctx.interaction is None and not self.settings.commands.prefix:
            raise Ignored()
        await self._place(ctx)
        self.cooldowns.hit(ctx.message)
        return True

    @commands.Cog.listener()
    async def on_command_error(
        self, ctx: commands.Context[Any], error: commands.CommandError
    ) -> None:
        """Send every failed prefix or hybrid command through the one funnel (`handle_error`)."""
        await handle_error(self, ctx, error)

    async def answer(self, ctx: commands.Context[Any], spec: CommandSpec, args: str) -> None:
        """Ask the engine and post its reply (or, for `/fact action:add`, open its form)."""
        form = form_for(spec, args) if ctx.interaction is not None else None
        if form is not None and ctx.interaction is not None:
            await self._open_form(ctx.interaction, spec, *form, actor_of(ctx, self.settings))
            return
        slow = spec.admin or spec.blocking
        if slow and ctx.interaction is not None:
            await ctx.defer()  # edits and reloads may outlast the interaction's 3-second window
        request = Request(spec.name, args, actor_of(ctx, self.settings))
        # Edits, reloads, checks and stats touch the disk; keep the gateway heartbeat running.
        if slow:
            reply = await asyncio.to_thread(self.engine.handle, request)
        else:
            reply = self.engine.handle(request)
        if spec.name == ABOUT:
            reply = self._with_runtime(reply)
        if reply.chart is not None and ctx.interaction is not None and not slow:
            await ctx.defer()  # a cold chart may outlast the interaction's 3-second window
        await self._reply(ctx, reply)

    async def _reply(self, ctx: commands.Context[Any], reply: Reply) -> None:
        """Post a reply, with suggestions written the way this invocation was typed."""
        await send_reply(
            ctx,
            reply,
            page_size=self.settings.page_size,
            page_timeout=self.settings.page_timeout,
            as_typed=self._as_slash if ctx.interaction is not None else self._as_prefix,
            run=self.run_action,
            in_place=self._in_place(ctx),
            picture=await picture_of(self.charts, reply),
        )

    def _in_place(self, ctx: commands.Context[Any]) -> Callable[[Reply], InPlace]:
        """Give what a quiz message needs: presses run as the presser, timeouts as the asker."""
        asker = actor_of(ctx, self.settings)
        as_typed = self._as_slash if ctx.interaction is not None else self._as_prefix

        async def press(interaction: discord.Interaction, line: str) -> Reply:
            return await self._run_line(line, self._presser(interaction))

        async def expire(line: str) -> Reply:
            return await self._run_line(line, asker)

        def draw(reply: Reply) -> discord.Embed:
            return render(reply, page_size=self.settings.page_size, as_typed=as_typed)[0]

        def make(reply: Reply) -> InPlace:
            shared = reply.closing is not None and reply.closing.shared
            return InPlace(
                reply,
                owner_id=ctx.author.id,
                shared=shared,
                press=press,
                expire=expire,
                draw=draw,
                timeout=self.settings.page_timeout,
            )

        return make

    def _presser(self, interaction: discord.Interaction) -> Actor:
        """Describe whoever pressed a button, with the rights they hold where they pressed it."""
        return actor_for(
            interaction.user,
            interaction.permissions,
            interaction.guild,
            self.settings,
            interaction.channel_id,
        )

    async def _run_line(self, line: str, actor: Actor) -> Reply:
        """Run a command line as `actor`, off the loop (a quiz answer writes to the database)."""
        name, _, args = line.partition(" ")
        return await asyncio.to_thread(self.engine.handle, Request(name, args, actor))

    async def run_action(self, interaction: discord.Interaction, button: ActionButton) -> None:
        """Run a pressed button's command as the presser, then switch the button off if it worked.

        A refusal (a member pressing an admin's button) is shown to the presser alone.
        """
        actor = self._presser(interaction)
        await interaction.response.defer(thinking=True, ephemeral=not actor.is_admin)
        reply = await self._run_line(button.line, actor)
        await send_to_interaction(
            interaction,
            reply,
            page_size=self.settings.page_size,
            page_timeout=self.settings.page_timeout,
            as_typed=self._as_slash,
            picture=await picture_of(self.charts, reply),
        )
        if reply.kind in ("admin", "answer") and button.view is not None:
            button.disabled = True  # done: a second press would only say it is there already
            if interaction.message is not None:
                await interaction.message.edit(view=button.view)

    async def _open_form(
        self,
        interaction: discord.Interaction,
        spec: CommandSpec,
        form: Form,
        subject: str,
        actor: Actor,
    ) -> None:
        """Show the form; its answers run as the line the admin could have typed."""

        async def submit(submitted: discord.Interaction, answers: dict[str, str]) -> None:
            await submitted.response.defer(thinking=True)
            request = Request(spec.name, form_line(form, subject, answers), actor)
            reply = await asyncio.to_thread(self.engine.handle, request)
            await send_to_interaction(
                submitted,
                reply,
                page_size=self.settings.page_size,
                page_timeout=self.settings.page_timeout,
                as_typed=self._as_slash,
            )

        await interaction.response.send_modal(FormModal(form, subject, submit))

    def _as_prefix(self, line: str) -> str:
        return self.settings.prefix + line

    def _as_slash(self, line: str) -> str:
        """`who Yahya Khan` → `/who person:Yahya Khan`, as the slash command would be filled in."""
        name, _, args = line.partition(" ")
        spec = self.engine.resolve_command(name, self.engine.commands)
        if spec is None:
            return self._as_prefix(line)
        if not args or spec.arg == "none":
            return f"/{spec.name}"
        return f"/{spec.name} {spec.arg_name}:{args}"

    async def answer_usage(self, ctx: commands.Context[Any]) -> None:
        """Answer a malformed invocation by running the command bare, so the engine explains it.

        Usage text lives in the engine, so Discord words it exactly as the console does.
        """
        spec = next(
            (s for s in self.engine.commands if ctx.command and s.name == ctx.command.name), None
        )
        if spec is not None:
            await self.answer(ctx, spec, "")

    async def did_you_mean(self, ctx: commands.Context[Any]) -> None:
        """Answer a prefixed line that names no command of ours, when it is ours to answer.

        A plain question (`!what does russia want`) gets its answer and a near miss (`!timline`)
        a suggestion; anything else is ignored, because other bots share the prefix.
        """
        if not self.settings.commands.prefix:
            return
        line = ctx.message.content[len(ctx.prefix or "") :]
        unknown = read_unknown(self.engine, line, self._enabled)
        if unknown.question is not None:
            await self._answer_question(ctx, unknown.question)
            return
        found = unknown.suggestion
        if found is None:
            return
        try:
            await self._place(ctx)
        except commands.CheckFailure:
            return
        if self.cooldowns.allows(ctx.message):
            typed = ctx.invoked_with or ""
            await send_note(ctx, did_you_mean(self.settings.prefix, typed, found, code))

    async def _answer_question(self, ctx: commands.Context[Any], line: str) -> None:
        """Let the engine read a question it recognises, under the usual place and rate rules."""
        try:
            await self._place(ctx)
        except commands.CheckFailure:
            return
        if not self.cooldowns.allows(ctx.message):
            return
        name, _, args = line.strip().partition(" ")
        reply = self.engine.handle(Request(name.lower(), args, actor_of(ctx, self.settings)))
        await self._reply(ctx, reply)

    def first_warning(self, user_id: int, retry_after: float) -> bool:
        """Warn about a cooldown once per wait, so a spammer cannot make us spam back."""
        return self._warnings.first(str(user_id), retry_after)

    def _with_runtime(self, reply: Reply) -> Reply:
        """Add what only the running bot knows: version, uptime, gateway latency."""
        uptime = datetime.now(UTC) - self.engine.started_at
        extra = {"version": __version__, **reply.extra, "uptime": _duration(uptime.total_seconds())}
        latency = getattr(self.bot, "latency", math.nan)
        if math.isfinite(latency):  # NaN or inf before the first heartbeat
            extra["gateway latency"] = f"{latency * 1000:.0f} ms"
        return replace(reply, extra=extra)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = [f"{days} d"] if days else []
    parts += [f"{hours} h"] if hours or days else []
    parts += [f"{minutes} min", f"{secs} s"] if not days else [f"{minutes} min"]
    return " ".join(parts)

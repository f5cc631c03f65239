"""Turn what Slack users ask into engine requests, and the engine's replies into messages.

Every way of asking — `!timeline 1970s` in a channel, `@factbot timeline 1970s`, a DM,
`/factbot timeline 1970s`, a suggestion button — ends in `Answers.ask`: the place rule, the
shared cooldowns, the admin rule for admin commands, then the engine, then one post. Answers are
for everyone (in the asker's thread when `reply_in_thread`); errors, refusals and cooldowns go to
the asker alone.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, replace
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.interaction import (
    NOT_HERE,
    AnswerEngine,
    Cooldowns,
    WarnOnce,
    did_you_mean,
    read_unknown,
    slow_down,
)
from bot.adapters.pictures import picture_of
from bot.adapters.slack import post
from bot.adapters.slack.checks import Gate
from bot.adapters.slack.inplace import PRIVATE_KINDS, InPlace, Pressable
from bot.adapters.slack.modals import Submitted, form_view
from bot.adapters.slack.mrkdwn import code
from bot.adapters.slack.pagestate import PageState, Style
from bot.adapters.slack.people import SOMEONE, People
from bot.adapters.slack.post import Place
from bot.adapters.slack.render import Message, note, render
from bot.charts.service import ChartRenderer
from bot.config import SlackSettings
from bot.core.fields import form_for, form_line
from bot.core.parse import split_line
from bot.core.types import Actor, CommandSpec, Reply, Request

_log = logging.getLogger("factbot.slack")

# Commands whose replies name the asker: a quiz verdict ("Right, Ayesha!"), the leaderboard,
# "that question is Ayesha's". Others never show the asker's name, so it is not looked up.
NAMED = frozenset({"quiz"})

_MENTION = re.compile(r"^\s*(<@[A-Z0-9]+(\|[^>]*)?>\s*)+")


def unescape(text: str) -> str:
    """Read Slack's escaped message text back as typed (`&lt;` → `<`), `&amp;` last."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@dataclass(frozen=True, slots=True)
class Asked:
    """One request as it arrived: the line without prefix or mention, where, and how."""

    line: str
    place: Place
    style: Style
    addressed: bool  # a DM, a mention or a slash command: anything typed is meant for us
    is_dm: bool = False
    trigger_id: str | None = None  # lets a slash command open a form


class Answers:
    """The one path from a Slack request to a posted answer."""

    def __init__(
        self,
        engine: AnswerEngine,
        settings: SlackSettings,
        client: AsyncWebClient,
        charts: ChartRenderer | None = None,
    ):
        self.engine, self.settings, self.client = engine, settings, client
        # `factbot run` passes one renderer, started at once and shared with Discord; without
        # one (tests, tools), a private one starts its worker on the first chart.
        self.charts = charts if charts is not None else ChartRenderer()
        self._own_charts = charts is None  # ours to close; a shared one is closed by its owner
        self.gate = Gate(settings)
        self.people = People(client)
        self.in_place = InPlace(client, self._handle, self._draw_in_place)
        self.cooldowns = Cooldowns(settings.cooldown, settings.channel_cooldown)
        self.warnings = WarnOnce()

    async def close(self) -> None:
        """Cancel the quiz reveals still waiting, and stop a chart worker of our own."""
        await self.in_place.close()
        if self._own_charts:
            self.charts.close()

    def from_message(self, event: dict[str, Any], team: str, mention: bool = False) -> Asked | None:
        """Read a message or app_mention event; None for what is not ours to answer.

        Bots' messages and subtypes (edits, joins, deletions) are never commands; in channels a
        plain message must start with our prefix (other bots share it), in DMs it need not.
        """
        if event.get("bot_id") or event.get("subtype") or not event.get("user"):
            return None
        text = unescape(str(event.get("text") or ""))
        is_dm = event.get("channel_type") == "im"
        if mention:
            text = _MENTION.sub("", text)
        elif text.startswith(self.settings.prefix):
            text = text[len(self.settings.prefix) :]
        elif not is_dm:
            return None
        thread = event.get("thread_ts")
        if self.settings.reply_in_thread and not is_dm:
            thread = thread or event.get("ts")
        place = Place(str(event.get("channel")), str(event["user"]), thread, team=team)
        return Asked(text.strip(), place, "prefix", addressed=mention or is_dm, is_dm=is_dm)

    async def ask(self, asked: Asked) -> None:
        """Answer one request, under the place, rate and admin rules."""
        if not self.gate.serves(asked.place.channel, asked.is_dm):
            if asked.style == "slash":  # a slash command must hear something back
                await post.tell(self.client, asked.place, note(NOT_HERE))
            return
        split = split_line(asked.line) or ("help", "")
        spec = self.engine.resolve_command(split[0], self.engine.commands)
        exact = spec is not None and split[0] in (spec.name, *spec.aliases)
        if not exact and not asked.addressed:  # other bots share the prefix: near misses only
            await self._unknown(asked, split[0])
            return
        if not await self._within_limits(asked):
            return
        actor = await self.actor(asked.place, spec)
        form = form_for(spec, split[1]) if spec is not None and asked.trigger_id else None
        if form is not None and spec is not None and actor.is_admin and asked.trigger_id:
            view = form_view(*form, spec.name, split[1], asked.place.channel)
            await self._open(asked.trigger_id, view)
            return
        await self.show(Request(*split, actor), asked.place, asked.style, page=0)

    async def show(self, request: Request, place: Place, style: Style, page: int) -> Message:
        """Ask the engine and post the page: for everyone, or for the asker if it is an error."""
        reply = await self._handle(request)
        state = PageState(request.command, request.args, request.actor.id, style)
        message = self.render(reply, state, page)
        if reply.kind in PRIVATE_KINDS:
            await post.tell(self.client, place, message)
            return message
        if reply.closing is not None:  # a quiz question: its buttons answer in place
            await self.in_place.post(reply, request.actor, place)
            return message
        await post.answer(self.client, place, message)
        shown = await picture_of(self.charts, reply) if page == 0 else None
        if shown is not None and reply.chart is not None:  # the text is complete without it
            await post.picture(self.client, place, *shown, title=reply.chart.title)
        return message

    def render(self, reply: Reply, state: PageState, page: int) -> Message:
        """Render one page, its buttons carrying the state that rebuilds each page."""
        return render(
            reply,
            page_size=self.settings.page_size,
            page=page,
            as_typed=self.as_typed(state.style),
            page_value=state.at,
        )

    def _draw_in_place(self, reply: Reply, pressable: Pressable) -> Message:
        """Render a reply whose buttons answer in place (a quiz): one page, as typed commands.

        A question is one message with no page buttons (they would re-ask it), so all its
        options are on it whatever `page_size` says; the text budgets still bound it.
        """
        return render(
            reply,
            page_size=max(self.settings.page_size, len(reply.items)),
            as_typed=self.as_typed("prefix"),
            press_value=pressable.value,
        )

    async def redo(self, state: PageState, place: Place) -> Reply:
        """Ask the engine again for a paged answer, as its asker (page buttons re-ask)."""
        spec = self.engine.resolve_command(state.command, self.engine.commands)
        actor = await self.actor(replace(place, user=state.owner), spec)
        return await self._handle(Request(state.command, state.args, actor))

    async def submit(self, place: Place, form: Submitted) -> None:
        """Run a submitted form as the line the admin could have typed, and post the result."""
        spec = self.engine.resolve_command(form.command, self.engine.commands)
        found = form_for(spec, form.args) if spec is not None else None
        if spec is None or found is None:
            return
        line = form_line(*found, form.answers)
        place = replace(place, channel=form.channel)
        actor = await self.actor(place, spec)
        await self.show(Request(spec.name, line, actor), place, "slash", 0)

    def as_typed(self, style: Style) -> Any:
        """Show a suggestion the way this asker types commands: `!who x` or `/factbot who x`."""
        if style == "slash":
            return lambda line: f"{self.settings.slash_command} {line}"
        return lambda line: self.settings.prefix + line

    async def _handle(self, request: Request) -> Reply:
        spec = self.engine.resolve_command(request.command, self.engine.commands)
        if spec is not None and (spec.admin or spec.blocking):  # they touch the disk
            return await asyncio.to_thread(self.engine.handle, request)
        return self.engine.handle(request)

    async def actor(self, place: Place, spec: CommandSpec | None, *, named: bool = False) -> Actor:
        """Describe the asker: the name people see, rights, and workspace (scores are per one).

        Slack's name for the asker costs a `users.info` call, so it is asked for only where a
        reply or a record shows it (`named`, or a command in `NAMED`, or an admin command,
        whose edits are signed); elsewhere the payload's name, if any, stands in. The name is
        kept raw, as Slack gives it: the renderer escapes every text it sends (`&`, `<`, `>`),
        names included, so escaping here too would show `&amp;lt;`.
        """
        user, team = place.user, place.team
        admin = (spec is not None and spec.admin
                 and await self.gate.is_admin(self.people, team, user))  # fmt: skip
        if named or (spec is not None and (spec.admin or spec.name in NAMED)):
            name = await self.people.name(team, user, hint=place.user_name)
        else:
            name = place.user_name or SOMEONE
        return Actor(id=user, name=name, is_admin=admin, platform="slack", place=team,
                     channel=place.channel)  # fmt: skip

    async def _within_limits(self, asked: Asked) -> bool:
        wait, _ = self.cooldowns.retry_after(asked.place.user, asked.place.channel)
        if not wait:
            return True
        if self.warnings.first(asked.place.user, wait):
            await post.tell(self.client, asked.place, note(slow_down(wait)))
        return False

    async def _unknown(self, asked: Asked, typed: str) -> None:
        """Answer a prefixed line naming no command as a question, a near miss, or not at all."""
        unknown = read_unknown(self.engine, asked.line, self.engine.commands)
        if unknown.question is not None:
            if await self._within_limits(asked):
                actor = await self.actor(asked.place, None)
                split = split_line(unknown.question) or ("help", "")
                await self.show(Request(*split, actor), asked.place, asked.style, 0)
        elif unknown.suggestion is not None and await self._within_limits(asked):
            text = did_you_mean(self.settings.prefix, typed, unknown.suggestion, code)
            await post.tell(self.client, asked.place, Message(text, [_mrkdwn(text)]))

    async def _open(self, trigger_id: str, view: dict[str, Any]) -> None:
        try:
            await self.client.views_open(trigger_id=trigger_id, view=view)
        except SlackApiError as exc:
            _log.warning("views.open failed: %s", exc.response.get("error"))


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}

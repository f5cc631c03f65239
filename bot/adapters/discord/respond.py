"""Post answers and short notes where they were asked, pinging nobody.

Prefix commands are answered as a reply to the invoking message (without pinging its author);
slash commands through the interaction. Notes about the asker alone (cooldowns, refusals) are
ephemeral for slash commands, and for prefix commands vanish after a short while.
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord.ext import commands

from bot.adapters.discord.inplace import InPlace
from bot.adapters.discord.render import plain, render
from bot.adapters.discord.views import Pager, RunAction, with_actions
from bot.core.types import Reply

NOTE_LIFETIME = 15.0  # seconds a prefix-command note stays in the channel
PRIVATE_KINDS = frozenset({"refused"})  # admin refusals concern the asker alone


Send = Callable[..., Awaitable[discord.Message]]
Picture = tuple[str, bytes]  # a chart's file name and PNG bytes


async def send_reply(
    ctx: commands.Context[Any],
    reply: Reply,
    *,
    page_size: int,
    page_timeout: float,
    as_typed: Callable[[str], str],
    run: RunAction | None = None,
    in_place: Callable[[Reply], InPlace] | None = None,
    picture: Picture | None = None,
) -> None:
    """Answer a command; more than one page gets page buttons only the invoker can press.

    A reply's actions become buttons when `run` is given to carry out a press; a reply with a
    `closing` (a quiz question) gets buttons that answer it in place, from `in_place`; a
    `picture` (the reply's chart) is attached and shown in the first page's embed.
    """

    async def send(**kwargs: Any) -> discord.Message:
        return await _send(ctx, **kwargs)

    pages = render(reply, page_size=page_size, as_typed=as_typed)
    if reply.closing is not None and in_place is not None:
        view = in_place(reply)
        view.message = await send(embed=pages[0], view=view)
        return
    await _post(
        send,
        pages,
        reply,
        owner_id=ctx.author.id,
        page_timeout=page_timeout,
        run=run,
        picture=picture,
    )


async def send_to_interaction(
    interaction: discord.Interaction,
    reply: Reply,
    *,
    page_size: int,
    page_timeout: float,
    as_typed: Callable[[str], str],
    picture: Picture | None = None,
) -> None:
    """Answer an interaction with no command behind it (a form, a button), after a defer."""

    async def send(**kwargs: Any) -> discord.Message:
        return await interaction.followup.send(wait=True, **kwargs)

    pages = render(reply, page_size=page_size, as_typed=as_typed)
    await _post(
        send,
        pages,
        reply,
        owner_id=interaction.user.id,
        page_timeout=page_timeout,
        picture=picture,
    )


async def _post(
    send: Send,
    pages: list[discord.Embed],
    reply: Reply,
    *,
    owner_id: int,
    page_timeout: float,
    run: RunAction | None = None,
    picture: Picture | None = None,
) -> None:
    ephemeral = reply.kind in PRIVATE_KINDS
    pager = Pager(pages, owner_id=owner_id, timeout=page_timeout) if len(pages) > 1 else None
    actions = reply.actions if run is not None else ()
    view = with_actions(pager, actions, run, page_timeout) if run is not None else pager
    extra: dict[str, Any] = {}
    if picture is not None:  # `attachment://` must name the attached file exactly
        name, png = picture
        pages[0].set_image(url=f"attachment://{name}")
        extra["file"] = discord.File(io.BytesIO(png), filename=name)
    if view is None:
        await send(embed=pages[0], ephemeral=ephemeral, **extra)
        return
    message = await send(embed=pages[0], view=view, ephemeral=ephemeral, **extra)
    if pager is not None:
        pager.message = message


async def send_note(ctx: commands.Context[Any], text: str) -> None:
    """Tell the asker something that concerns only them."""
    delete_after = NOTE_LIFETIME if ctx.interaction is None else None
    await _send(ctx, content=plain(text), ephemeral=True, delete_after=delete_after)


async def _send(ctx: commands.Context[Any], **kwargs: Any) -> discord.Message:
    if ctx.interaction is None:
        kwargs["reference"] = ctx.message.to_reference(fail_if_not_exists=False)
        kwargs["mention_author"] = False
        kwargs.pop("ephemeral", None)
    return await ctx.send(**kwargs)

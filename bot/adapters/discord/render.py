"""Reply → Discord embeds, paged at item boundaries so every page fits Discord's limits.

Each item is one block: its date in bold, the text, then a small subtext line with its sources and
fact id (`-#` renders small and grey), so an admin can cite the id without it crowding the answer.
A reply's preformatted `block` becomes fenced code (```yaml), cut between lines into as many
fenced pieces as the pages need, so each page shows valid, copyable lines.
The sources of a page's items are also listed in the page footer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import discord

from bot.adapters.discord.markdown import code, code_blocks, escape
from bot.adapters.textfit import clamp, split_block
from bot.core.types import Item, Reply, ReplyKind

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
MESSAGE_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
EMBED_TOTAL_LIMIT = 6000
# Our footers stay well under Discord's 2,048; the rest of the 6,000 goes to the answer.
FOOTER_BUDGET = 400
# Pages rendered per reply. A decade at a million entries lists ~65,000 events: rendering them
# all to page them would hold the event loop for about a second, and no one pages that far in a
# chat; past this, the last page says how many more there are and to ask something narrower.
MAX_PAGES = 25

COLOURS: dict[ReplyKind, discord.Colour] = {
    "answer": discord.Colour.blurple(),
    "admin": discord.Colour.dark_teal(),
    "not_found": discord.Colour.orange(),
    "usage": discord.Colour.light_grey(),
    "refused": discord.Colour.red(),
    "error": discord.Colour.red(),
}


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of description that must stay on one page, and the sources it cites."""

    text: str
    sources: tuple[str, ...] = ()
    item: int = -1  # which reply item it shows (a long item's pieces share it); -1: none

    @property
    def is_item(self) -> bool:
        """Tell whether the block shows a reply item, so paging counts it against `page_size`."""
        return self.item >= 0


def render(
    reply: Reply, *, page_size: int, as_typed: Callable[[str], str] = lambda line: "!" + line
) -> list[discord.Embed]:
    """Render a reply as one embed per page; there is always at least one page.

    `as_typed` shows an engine suggestion ("who Yahya Khan") the way the user would type it
    (`!who Yahya Khan`, or `/who person:Yahya Khan` after a slash command).
    """
    title = clamp(escape(reply.title), TITLE_LIMIT) or "\u200b"
    fields = _fields(reply.extra)
    first_budget, budget = _budget(title, fields), _budget(title, [])
    blocks = _blocks(reply, as_typed, min(first_budget, budget), page_size * MAX_PAGES)
    pages = _paginate(blocks, page_size, first_budget, budget)
    if len(pages) > MAX_PAGES or len(reply.items) > page_size * MAX_PAGES:
        pages = _cut(pages, len(reply.items), first_budget if MAX_PAGES == 1 else budget)
    embeds = []
    for number, page in enumerate(pages, start=1):
        embed = discord.Embed(
            title=title, description="\n\n".join(b.text for b in page) or None,
            colour=COLOURS.get(reply.kind, discord.Colour.blurple()),
        )  # fmt: skip
        if number == 1:
            for name, value in fields:
                embed.add_field(name=name, value=value, inline=True)
        footer = _footer(reply.footer, page, number, len(pages))
        if footer:
            embed.set_footer(text=footer)
        embeds.append(embed)
    return embeds


def plain(text: str) -> str:
    """Escape a short note (a refusal, a cooldown) and cut it to fit one plain-text message."""
    return clamp(escape(text), MESSAGE_LIMIT)


def _budget(title: str, fields: list[tuple[str, str]]) -> int:
    used = len(title) + FOOTER_BUDGET + sum(len(n) + len(v) for n, v in fields)
    return max(min(DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT - used), 500)


def _fields(extra: dict[str, str]) -> list[tuple[str, str]]:
    pairs = list(extra.items())[:FIELD_COUNT_LIMIT]
    return [
        (clamp(escape(k), FIELD_NAME_LIMIT) or "\u200b", clamp(escape(v), FIELD_VALUE_LIMIT) or "—")
        for k, v in pairs
    ]


def _blocks(reply: Reply, as_typed: Callable[[str], str], limit: int, most: int) -> list[Block]:
    """Render the reply's parts as blocks, items only up to `most`.

    Lazy items past `most` are never rendered: no page could show them.
    """
    blocks = [Block(escape(reply.intro))] if reply.intro else []
    blocks += [Block(fenced) for fenced in code_blocks(reply.block, reply.block_syntax, limit)]
    heading: str | None = None
    for number, item in enumerate(reply.items[:most]):
        show_heading = item.heading if item.heading != heading else None
        heading = item.heading
        blocks.append(_item_block(item, show_heading, number))
    if reply.suggestions:
        lines = " · ".join(code(as_typed(s)) for s in reply.suggestions)
        blocks.append(Block(f"**{reply.suggestions_heading}** {lines}"))
    return blocks


def _item_block(item: Item, heading: str | None, number: int) -> Block:
    lines = [f"__**{escape(heading)}**__"] if heading else []
    date = f"**{escape(item.date)}** — " if item.date else ""
    lines.append(date + escape(item.text) + ("" if item.verified else " *(unverified)*"))
    small = [escape(c.short) for c in item.citations]
    if item.fact_id:
        small.append(code(item.fact_id))
    if small:
        lines.append("-# " + " · ".join(small))
    if item.note:
        lines.append("-# " + item.note)
    return Block("\n".join(lines), tuple(c.short for c in item.citations), number)


def _paginate(
    blocks: list[Block], page_size: int, first_budget: int, budget: int
) -> list[list[Block]]:
    """Fill pages with whole blocks: at most `page_size` items and the character budget."""
    pages: list[list[Block]] = [[]]
    used = items = 0
    for block in _fitting(blocks, min(first_budget, budget)):
        limit = first_budget if len(pages) == 1 else budget
        cost = len(block.text) + (2 if pages[-1] else 0)
        if pages[-1] and (used + cost > limit or (block.is_item and items >= page_size)):
            pages.append([])
            used = items = 0
            cost = len(block.text)
        pages[-1].append(block)
        used += cost
        items += block.is_item
    return pages


def _cut(pages: list[list[Block]], total: int, limit: int) -> list[list[Block]]:
    """Keep the first MAX_PAGES pages and end the last with how many items were left out.

    Blocks leave the last page until the note fits within its `limit`.
    """
    kept = [list(page) for page in pages[:MAX_PAGES]]
    last = kept[-1]
    while True:
        shown = len({b.item for page in kept for b in page if b.is_item})
        note = Block(
            f"*Showing the first {shown:,} of {total:,}: ask something narrower to see the rest.*"
        )
        used = sum(len(b.text) + 2 for b in last) + len(note.text)
        if used <= limit or not last:
            last.append(note)
            return kept
        last.pop()


def _fitting(blocks: Iterable[Block], limit: int) -> Iterable[Block]:
    """Split the rare block longer than a whole page, between lines or words."""
    for block in blocks:
        if len(block.text) <= limit:
            yield block
            continue
        for piece in split_block(block.text, limit):
            yield Block(piece, block.sources, block.item)


def _footer(note: str, page: list[Block], number: int, total: int) -> str:
    """List the page's cited sources and the reply's note, then the page number (never cut off)."""
    cited = list(dict.fromkeys(s for block in page for s in block.sources))
    parts = ["Sources: " + ", ".join(cited)] if cited else []
    if note:
        parts.append(note.replace("`", ""))  # footers show markdown literally
    tail = f"Page {number}/{total}" if total > 1 else ""
    head = clamp("\n".join(parts), FOOTER_BUDGET - len(tail) - 1)
    return "\n".join(p for p in (head, tail) if p)

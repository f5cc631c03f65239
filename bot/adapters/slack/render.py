"""Reply → Block Kit, one message per page, each inside every limit Slack sets.

A page is a header (the title), the intro and any preformatted block on the first page, then
its items — each a section (date in bold, the text) and a context line with its sources and
fact id — then the reply's note and the page number, suggestions as buttons that run them, and
⏮ ◀ ▶ ⏭ buttons when there is more than one page. Pages break between items, never inside a
word; the plain `text` fallback (notifications, screen readers) is the title and page number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.adapters.interaction import PAGE_ACTIONS, PAGE_EMOJI, disabled_actions, turn_page
from bot.adapters.slack.mrkdwn import bold, code, escape, escape_entities
from bot.adapters.textfit import clamp, split_block
from bot.core.types import Action, Item, Reply

# Slack's limits (https://api.slack.com/reference/block-kit/blocks)
BLOCK_LIMIT = 50
SECTION_TEXT_LIMIT = 3000
HEADER_LIMIT = 150
FIELD_COUNT_LIMIT = 10
FIELD_TEXT_LIMIT = 2000
BUTTON_TEXT_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
ID_LIMIT = 255
CONTEXT_TEXT_LIMIT = 3000
# Slack refuses messages somewhere past ~13,000 characters in all, so every part has a share:
# the items 5,500 (as JSON), fields 10 × 150, the note 500, five suggestion buttons and four
# page buttons about 350 each, the fallback 300 — about 11,500 at most.
TEXT_BUDGET = 5500
FIELD_BUDGET = 150
FOOTER_BUDGET = 500
FALLBACK_LIMIT = 300
SUGGESTION_VALUE_LIMIT = 200
PIECE_LIMIT = 2500  # a section's text, leaving a page room for a piece and its context line
RESERVED_BLOCKS = 6  # header, fields, footer, suggestions, page buttons, and one spare
SUGGESTION_BUTTONS = 5
MAX_PAGES = 25  # as on Discord: nobody pages further in a chat; the last page says what's left

Block = dict[str, Any]
Blocks = list[Block]
PageValue = Callable[[int], str]  # page number → the button value that shows it
PressValue = Callable[[Action], str]  # an action answered in place → its button's value
IN_PLACE = "inplace:"  # action ids of buttons whose answer replaces their own message


@dataclass(frozen=True, slots=True)
class Message:
    """One Slack message: the fallback text and its blocks, as `chat.postMessage` takes them."""

    text: str
    blocks: Blocks

    def payload(self) -> dict[str, Any]:
        """Give the keyword arguments for `chat.postMessage`, `chat.update` or `respond`."""
        return {"text": self.text, "blocks": self.blocks}


@dataclass(slots=True)
class _Unit:
    """Blocks that must stay on one page: an item (section + context), or a piece of text."""

    blocks: Blocks
    is_item: bool = False
    cost: int = field(init=False)

    def __post_init__(self) -> None:
        self.cost = sum(len(json.dumps(b, ensure_ascii=False)) for b in self.blocks)


def page_count(reply: Reply, page_size: int) -> int:
    """Count the pages a reply renders to (its page buttons lead no further)."""
    return len(_pages(reply, page_size))


def render(
    reply: Reply,
    *,
    page_size: int,
    page: int = 0,
    as_typed: Callable[[str], str] = lambda line: "!" + line,
    page_value: PageValue | None = None,
    press_value: PressValue | None = None,
) -> Message:
    """Render one page of a reply (clamped to the pages there are) as a Slack message.

    `as_typed` shows a suggestion as the user would type it; `page_value` makes the value of a
    page button, so a click can rebuild that page (no page buttons without it); `press_value`
    makes the reply's actions answer in place (a quiz), each button carrying that value.
    """
    pages = _pages(reply, page_size)
    index = turn_page("", page, len(pages))
    blocks: Blocks = [_header(reply.title)]
    if index == 0:
        blocks += _fields(reply.extra)
    for unit in pages[index]:
        blocks += unit.blocks
    footer = _footer(reply.footer, index, len(pages))
    if footer:
        blocks.append(_context(footer))
    if index == len(pages) - 1 and reply.suggestions:
        blocks.append(_suggestions(reply.suggestions, as_typed))
    if index == len(pages) - 1 and reply.actions:  # the reserved spare block
        blocks.append(_actions(reply.actions, press_value))
    if len(pages) > 1 and page_value is not None:
        blocks.append(_page_buttons(index, len(pages), page_value))
    tail = f" (page {index + 1}/{len(pages)})" if len(pages) > 1 else ""
    return Message(escape_entities(clamp(reply.title, FALLBACK_LIMIT - len(tail)) + tail), blocks)


def note(text: str) -> Message:
    """Render a short note for the asker alone (a refusal, a cooldown) as one section."""
    body = clamp(escape(text), SECTION_TEXT_LIMIT)
    return Message(clamp(escape_entities(text), FALLBACK_LIMIT), [_section(body)])


def _pages(reply: Reply, page_size: int) -> list[list[_Unit]]:
    """Fill pages with whole units: at most `page_size` items, the block and text budgets."""
    units = _units(reply, page_size * MAX_PAGES)
    pages: list[list[_Unit]] = [[]]
    used = blocks = items = 0
    for unit in units:
        full = (
            used + unit.cost > TEXT_BUDGET
            or blocks + len(unit.blocks) > BLOCK_LIMIT - RESERVED_BLOCKS
            or (unit.is_item and items >= page_size)
        )
        if pages[-1] and full:
            pages.append([])
            used = blocks = items = 0
        pages[-1].append(unit)
        used, blocks, items = used + unit.cost, blocks + len(unit.blocks), items + unit.is_item
    if len(pages) > MAX_PAGES or len(reply.items) > page_size * MAX_PAGES:
        pages = pages[:MAX_PAGES]
        shown = sum(u.is_item for page in pages for u in page)
        total = len(reply.items)
        text = f"Showing the first {shown:,} of {total:,}: ask something narrower to see the rest."
        pages[-1].append(_Unit([_context(text)]))
    return pages


def _units(reply: Reply, most: int) -> list[_Unit]:
    """Render the reply's parts as units, items only up to `most` (no page could show more)."""
    units = [_Unit([_section(p)]) for p in _pieces(escape(reply.intro))] if reply.intro else []
    units += [_Unit([_section(p)]) for p in _code_pieces(reply.block)]
    heading: str | None = None
    for item in reply.items[:most]:
        shown = item.heading if item.heading != heading else None
        heading = item.heading
        units += _item_units(item, shown)
    return units


def _item_units(item: Item, heading: str | None) -> list[_Unit]:
    """Show an item as a section and its context line; a rare long one in several pieces."""
    head = bold(escape(heading)) + "\n" if heading else ""
    date = bold(escape(item.date)) + " — " if item.date else ""
    mark = "" if item.verified else " _(unverified)_"  # stored while its article was unreadable
    units = [_Unit([_section(p)]) for p in _pieces(head + date + escape(item.text) + mark)]
    units[0].is_item = True  # counted once against page_size, wherever its pieces fall
    small = [escape(c.short) for c in item.citations]
    if item.fact_id:
        small.append(code(item.fact_id))
    lines = [" · ".join(small)] if small else []
    lines += [escape(item.note)] if item.note else []  # e.g. "Articles differ on this — …"
    if lines:
        units[-1] = _Unit([*units[-1].blocks, _context("\n".join(lines))], units[-1].is_item)
    return units


def _pieces(text: str) -> list[str]:
    """Cut text into section-sized pieces between lines or words; a page holds whole pieces."""
    return split_block(text, PIECE_LIMIT)


def _code_pieces(text: str) -> list[str]:
    """Show preformatted text (an entry as stored, a diff) in fenced pieces cut between lines."""
    if not text.strip():
        return []
    body = escape_entities(text.replace("```", "``\u200b`").rstrip("\n"))
    return [f"```{chunk}```" for chunk in split_block(body, SECTION_TEXT_LIMIT - 6)]


def _header(title: str) -> Block:
    text = clamp(escape_entities(title), HEADER_LIMIT) or "…"
    return {"type": "header", "text": {"type": "plain_text", "text": text}}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> Block:
    body = clamp(text, CONTEXT_TEXT_LIMIT)
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": body}]}


def _fields(extra: dict[str, str]) -> Blocks:
    pairs = list(extra.items())[:FIELD_COUNT_LIMIT]
    if not pairs:
        return []
    fields = [
        {"type": "mrkdwn", "text": clamp(f"{bold(escape(k))}\n{escape(v)}", FIELD_BUDGET)}
        for k, v in pairs
    ]
    return [{"type": "section", "fields": fields}]


def _footer(text: str, index: int, count: int) -> str:
    tail = f"\nPage {index + 1}/{count}" if count > 1 else ""
    return clamp(escape(text), FOOTER_BUDGET - len(tail)) + tail if text else tail.strip()


def _suggestions(lines: Sequence[str], as_typed: Callable[[str], str]) -> Block:
    buttons = [
        _button(as_typed(line), f"suggest:{n}", line[:SUGGESTION_VALUE_LIMIT])
        for n, line in enumerate(lines[:SUGGESTION_BUTTONS])
    ]
    return {"type": "actions", "block_id": "suggestions", "elements": buttons}


def _actions(actions: Sequence[Action], press_value: PressValue | None) -> Block:
    """Offer a reply's actions (`gaps`: add an alias, a quiz's A–D) as buttons that run their line.

    Without `press_value` they share the suggestion buttons' handler: a click asks the engine the
    line as the clicker, so the engine decides, as for a typed command, whether that person may
    do it, and the answer is a new message. With it, the answer replaces the message.
    """
    if press_value is not None:
        buttons = [
            _button(action.label, f"{IN_PLACE}{n}", press_value(action))
            for n, action in enumerate(actions[:SUGGESTION_BUTTONS])
        ]
        return {"type": "actions", "block_id": "in-place", "elements": buttons}
    buttons = [
        _button(action.label, f"suggest:action{n}", action.line[:SUGGESTION_VALUE_LIMIT])
        for n, action in enumerate(actions[:SUGGESTION_BUTTONS])
    ]
    return {"type": "actions", "block_id": "reply-actions", "elements": buttons}


def _page_buttons(index: int, count: int, page_value: PageValue) -> Block:
    off = disabled_actions(index, count)
    buttons = [
        _button(PAGE_EMOJI[action], f"page:{action}", page_value(turn_page(action, index, count)))
        for action in PAGE_ACTIONS
        if action not in off
    ]
    return {"type": "actions", "block_id": "pages", "elements": buttons}


def _button(text: str, action_id: str, value: str) -> Block:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": clamp(escape_entities(text), BUTTON_TEXT_LIMIT)},
        "action_id": action_id[:ID_LIMIT],
        "value": value[:BUTTON_VALUE_LIMIT],
    }

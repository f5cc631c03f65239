"""Every Slack message the renderer makes stays inside Slack's limits, paging between items."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.adapters.slack.pagestate import PageState, decode
from bot.adapters.slack.render import page_count, render
from bot.core.engine import Engine
from bot.core.types import Action, Actor, Citation, Item, Reply, Request

OWNER = "U0OWNER1"
STATE = PageState("search", "x" * 3000, OWNER, "prefix")
LONG_WORDS = " ".join(f"word{n}" for n in range(1500))  # ~13,000 characters, one item
HUGE = Reply(
    title="T" * 400 + " & <!channel>",
    intro=LONG_WORDS,
    items=[Item(LONG_WORDS, f"id-{n}", "1970s", (Citation("s", "Src <@U1>"),)) for n in range(4)],
    suggestions=tuple(f"who {'x' * 200} {n}" for n in range(12)),
    footer="note " * 1000,
    extra={f"key{n}": "v" * 3000 for n in range(15)},
)


def _check_limits(message: dict[str, Any]) -> None:
    blocks = message["blocks"]
    assert 1 <= len(blocks) <= 50
    assert len(json.dumps(message, ensure_ascii=False)) < 13_000
    for block in blocks:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "section" and "text" in block:
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "section" and "fields" in block:
            assert len(block["fields"]) <= 10
            assert all(len(f["text"]) <= 2000 for f in block["fields"])
        for element in block.get("elements", []):
            if element["type"] == "button":
                assert len(element["text"]["text"]) <= 75
                assert len(element["value"]) <= 2000
                assert len(element["action_id"]) <= 255


def test_every_page_of_a_huge_reply_fits() -> None:
    """Each page of an oversized reply keeps every Slack limit."""
    count = page_count(HUGE, 8)
    assert count > 1
    for page in range(count):
        _check_limits(render(HUGE, page_size=8, page=page, page_value=STATE.at).payload())


def test_paging_never_cuts_a_word() -> None:
    """Every word of a long item appears whole on some page."""
    shown = " ".join(
        json.dumps(render(HUGE, page_size=8, page=p).blocks) for p in range(page_count(HUGE, 8))
    )
    assert "word1499" in shown and "word750" in shown


@pytest.mark.parametrize("line", ["timeline", "timeline 1970s", "interests russia", "who",
                                  "topics", "quote", "sources", "help", "about",
                                  "search tashkent"])  # fmt: skip
def test_real_answers_fit(engine: Engine, line: str) -> None:
    """Every page of the real fact base's answers keeps every Slack limit."""
    command, _, args = line.partition(" ")
    reply = engine.handle(Request(command, args, Actor(OWNER, OWNER, platform="slack")))
    for page in range(page_count(reply, 8)):
        _check_limits(render(reply, page_size=8, page=page, page_value=STATE.at).payload())


def test_page_buttons_lead_to_their_pages() -> None:
    """On a middle page, ⏮ ◀ ▶ ⏭ carry pages 0, n-1, n+1 and the last, for the asker."""
    blocks = render(HUGE, page_size=2, page=3, page_value=STATE.at).blocks
    pages = next(b for b in blocks if b.get("block_id") == "pages")["elements"]
    states = [decode(b["value"]) for b in pages]
    assert [s.page if s else None for s in states] == [0, 2, 4, page_count(HUGE, 2) - 1]
    assert {s.owner if s else None for s in states} == {OWNER}


def test_first_page_has_no_backward_buttons() -> None:
    """The first page offers only ▶ and ⏭."""
    blocks = render(HUGE, page_size=2, page=0, page_value=STATE.at).blocks
    pages = next(b for b in blocks if b.get("block_id") == "pages")["elements"]
    assert [b["action_id"] for b in pages] == ["page:next", "page:last"]


def test_formatting_and_mentions_in_facts_are_inert() -> None:
    """`*bold*`, `<!here>` and `&` in a fact show as typed, not as markup or a ping."""
    reply = Reply(title="t", items=[Item("*bold* <!here> _it_ a & b")])
    text = render(reply, page_size=8).blocks[1]["text"]["text"]
    assert "<!here>" not in text and "&lt;!here&gt;" in text and "a &amp; b" in text
    assert "*bold*" not in text and "_it_" not in text


def test_a_disputed_or_unverified_item_says_so_under_its_text() -> None:
    """An item's note goes in its context line and an unverified one is marked, as on Discord."""
    note = "Articles differ on this — `disputes steel-mill-count`"
    reply = Reply(
        title="Timeline: 1970s",
        items=[
            Item("Soviet steel mills.", "mills", "1970s", (Citation("s", "Aslam"),), note=note),
            Item("Stored without its article.", "new-fact", "1999", verified=False),
        ],
    )
    shown = json.dumps(render(reply, page_size=8).blocks, ensure_ascii=False)
    assert "Aslam · `mills`\\nArticles differ on this — `disputes steel-mill-count`" in shown
    assert "Stored without its article. _(unverified)_" in shown


def test_a_reply_s_actions_are_buttons_that_run_their_line() -> None:
    """`gaps` offers "add this alias" as a button whose value is the command it runs."""
    line = "gaps alias ruski = russia"
    reply = Reply(title="Unanswered questions", actions=(Action("Add alias ruski → Russia", line),))
    blocks = render(reply, page_size=8).blocks
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [(b["text"]["text"], b["value"]) for b in buttons] == [
        ("Add alias ruski → Russia", line)
    ]
    assert buttons[0]["action_id"].startswith("suggest:")  # handled like a suggestion: re-asked

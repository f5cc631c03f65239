"""Reply → embeds: pages within Discord's limits, split only between items or words, escaped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import discord
import pytest

from bot.adapters.discord.render import (
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_COUNT_LIMIT,
    MAX_PAGES,
    render,
)
from bot.core.engine import Engine
from bot.core.types import Actor, Citation, Item, Reply, Request

ASLAM = Citation("aslam-2019", "Aslam 2019")


def items(count: int, words: int = 8) -> tuple[Item, ...]:
    return tuple(
        Item(
            " ".join(f"w{n}x{i}" for i in range(words)),
            fact_id=f"fact-{n}",
            date=f"{1950 + n}",
            citations=(ASLAM,),
        )
        for n in range(count)
    )


def description(embeds: list[discord.Embed]) -> str:
    return "\n".join(e.description or "" for e in embeds)


@pytest.mark.parametrize(
    ("count", "words", "page_size"),
    [(1, 8, 6), (40, 8, 6), (30, 140, 10), (25, 8, 25), (3, 1500, 6)],
)
def test_every_page_fits_discords_limits(count: int, words: int, page_size: int) -> None:
    """Each page stays within 4,096 description, 25 fields and 6,000 characters in all."""
    pages = render(Reply("Timeline", items(count, words)), page_size=page_size)
    for page in pages:
        assert len(page.description or "") <= DESCRIPTION_LIMIT
        assert len(page) <= EMBED_TOTAL_LIMIT
        assert len(page.fields) <= FIELD_COUNT_LIMIT


def test_pages_break_between_items() -> None:
    """Each item appears whole on exactly one page, in order, at most page_size per page."""
    answer = items(40)
    pages = render(Reply("Timeline", answer), page_size=6)
    assert len(pages) == 7
    for item in answer:
        holders = [p for p in pages if item.text in (p.description or "")]
        assert len(holders) == 1
    assert all((p.description or "").count("fact-") <= 6 for p in pages)


class CountedItems(Sequence[Item]):
    """Items made as they are read, like the engine's lazy items, counting how many were."""

    def __init__(self, total: int) -> None:
        self.total, self.read = total, 0

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Item, ...]: ...

    def __getitem__(self, index: int | slice) -> Item | tuple[Item, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self.total)))
        if not 0 <= index < self.total:
            raise IndexError(index)
        self.read += 1
        return items(index + 1)[index]


def test_a_huge_reply_renders_only_the_pages_it_can_show() -> None:
    """65,000 events: MAX_PAGES pages, only their items rendered, the last counting the rest."""
    answer = CountedItems(65_000)
    pages = render(Reply("Timeline: 1970s", answer), page_size=8)
    assert len(pages) == MAX_PAGES
    assert answer.read == 8 * MAX_PAGES
    assert "Showing the first 200 of 65,000" in (pages[-1].description or "")
    assert "Page 25/25" in (pages[-1].footer.text or "")


def test_long_items_are_cut_at_the_page_cap_too() -> None:
    """Long items stop at MAX_PAGES pages too, and the note counts the items actually shown."""
    answer = items(1_000, words=110)  # ~1,100 characters each: three to a page
    pages = render(Reply("Timeline", answer, intro="1,000 events"), page_size=8)
    assert len(pages) == MAX_PAGES
    shown = [item for item in answer if item.fact_id and f"`{item.fact_id}`" in description(pages)]
    assert shown == list(answer[: len(shown)])
    assert f"Showing the first {len(shown)} of 1,000" in (pages[-1].description or "")
    for page in pages:
        assert len(page.description or "") <= DESCRIPTION_LIMIT
        assert len(page) <= EMBED_TOTAL_LIMIT


def test_a_reply_that_fits_says_nothing_about_more() -> None:
    """Exactly as many items as the pages hold: every one shown, no note."""
    pages = render(Reply("Timeline", items(8 * MAX_PAGES)), page_size=8)
    assert len(pages) == MAX_PAGES
    assert "Showing the first" not in description(pages)


def test_an_oversized_item_is_split_between_words() -> None:
    """A single item longer than a page is split, but never inside a word."""
    long_item = items(1, words=1500)[0]
    pages = render(Reply("Timeline", (long_item,)), page_size=6)
    assert len(pages) > 1
    rendered_words = description(pages).split()
    for word in long_item.text.split():
        assert word in rendered_words


def test_footer_lists_sources_and_page_numbers() -> None:
    """The footer names the page's sources and says which page this is."""
    pages = render(Reply("Timeline", items(8)), page_size=6)
    assert [p.footer.text for p in pages] == [
        "Sources: Aslam 2019\nPage 1/2",
        "Sources: Aslam 2019\nPage 2/2",
    ]


def test_fact_ids_are_small_and_cited() -> None:
    """Each item carries its fact id in a small subtext line an admin can copy."""
    page = render(Reply("Timeline", items(1)), page_size=6)[0]
    assert "-# Aslam 2019 · `fact-0`" in (page.description or "")


@pytest.mark.parametrize(
    ("typed", "forbidden"),
    [
        ("@everyone look", "@everyone"),
        ("@here look", "@here"),
        ("<@&123456789012345678> hi", "<@&123456789012345678>"),
        ("**bold** claim", "**bold**"),
        ("||spoiler||", "||spoiler||"),
    ],
)
def test_echoed_user_text_is_escaped(typed: str, forbidden: str) -> None:
    """Mentions and markdown in echoed text are shown literally, never acted on."""
    page = render(Reply(f"Nothing found for {typed}", (Item(typed),)), page_size=6)[0]
    assert forbidden not in (page.title or "")
    assert forbidden not in (page.description or "")


def test_a_stray_backtick_cannot_open_a_code_span() -> None:
    """An unmatched backtick typed by a user is escaped."""
    page = render(Reply("Nothing found for `tick"), page_size=6)[0]
    assert page.title == "Nothing found for \\`tick"


def test_code_spans_from_the_engine_survive() -> None:
    """Commands the engine quotes in `code` stay code, not escaped backticks."""
    page = render(Reply("Try `timeline 1970s`"), page_size=6)[0]
    assert page.title == "Try `timeline 1970s`"


def test_extra_becomes_at_most_25_fields_on_the_first_page() -> None:
    """Key/value extras (e.g. `about`) are inline fields, capped at Discord's 25."""
    extra = {f"key {n}": str(n) for n in range(30)}
    pages = render(Reply("About", items(12), extra=extra), page_size=6)
    assert len(pages[0].fields) == FIELD_COUNT_LIMIT
    assert all(not p.fields for p in pages[1:])


def test_suggestions_are_offered() -> None:
    """A not-found reply offers its suggestions as commands to copy, with the prefix."""
    reply = Reply("No one called bhuto", suggestions=("who Zulfikar Ali Bhutto",), kind="not_found")
    page = render(reply, page_size=6, as_typed=lambda line: "?" + line)[0]
    assert "**Did you mean:** `?who Zulfikar Ali Bhutto`" in (page.description or "")
    assert page.colour == discord.Colour.orange()


YAML_LINES = [f"  - id: entry-{n}\n    text: {'*Bold* <@123> ' * 12}line {n}" for n in range(80)]


def fenced_lines(pages: list[discord.Embed]) -> list[str]:
    """Give the lines inside every ```yaml fence, page by page, checking each page's fences."""
    lines: list[str] = []
    for page in pages:
        text = page.description or ""
        assert text.startswith("```yaml\n") and text.endswith("\n```"), text[:40]
        lines += text[len("```yaml\n") : -len("\n```")].split("\n")
    return lines


def test_a_block_is_a_yaml_code_block_kept_verbatim() -> None:
    """A short block becomes one ```yaml fence holding its lines unescaped."""
    block = "\n".join(YAML_LINES[:2]) + "\n"
    (page,) = render(Reply("Entry", block=block, block_syntax="yaml"), page_size=6)
    assert page.description == f"```yaml\n{block.rstrip()}\n```"


def test_a_long_block_is_paged_between_lines() -> None:
    """A block longer than a page is fenced again on every page, cut only between lines."""
    block = "\n".join(YAML_LINES) + "\n"
    pages = render(Reply("Entry", block=block, block_syntax="yaml"), page_size=6)
    assert len(pages) > 1
    assert all(len(p.description or "") <= DESCRIPTION_LIMIT for p in pages)
    assert fenced_lines(pages) == block.rstrip().split("\n")


def test_backticks_in_a_block_cannot_close_its_fence() -> None:
    """Three backticks inside the text are broken up so the fence holds."""
    (page,) = render(Reply("Entry", block="text: a ``` b\n", block_syntax="yaml"), page_size=6)
    assert (page.description or "").count("```") == 2


def test_source_citation_shows_each_detail_once(engine: Engine) -> None:
    """`source aslam` in Discord lists its author once, not again as an embed field."""
    reply = engine.handle(Request("source", "aslam", Actor("u", "u")))
    author = engine.snapshot.fb.sources["aslam-joint-exercise"].author
    [embed] = render(reply, page_size=10)
    shown = (embed.description or "") + "".join(f"{f.name}{f.value}" for f in embed.fields)
    assert shown.count(author) == 1

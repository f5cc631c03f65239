"""Chat edits whose evidence cannot be checked: refused, unless stored marked unverified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.adapters.discord.render import render as discord_render
from bot.adapters.terminal import render_json
from bot.core.engine import Engine
from bot.store.store import Store
from tests.conftest import folder_bytes, say, shown

ADD = (
    'fact add event date=1999-05 text="Pakistan bought two hundred Russian tanks." '
    "sources=challenges-and-prospects "
    'evidence="Pakistan bought two hundred Russian tanks in May 1999" topics=defence'
)


@pytest.fixture
def blind(knowledge_copy: Path, tmp_path: Path) -> Engine:
    """Give an engine over a copy of the fact base whose articles are nowhere to be found."""
    return Engine(Store.open(knowledge_copy, tmp_path / "no-articles"))


def test_an_unverifiable_add_is_refused_with_the_reason(
    blind: Engine, knowledge_copy: Path
) -> None:
    """`fact add` without the articles says why and how to fix it, and writes nothing."""
    before = folder_bytes(knowledge_copy)
    text = shown(say(blind, ADD))
    assert "its evidence cannot be checked" in text
    assert "`challenges-and-prospects` is not in" in text
    assert "unverified=yes" in text
    assert folder_bytes(knowledge_copy) == before


def test_unverified_yes_stores_the_fact_marked_false(blind: Engine, knowledge_copy: Path) -> None:
    """With `unverified=yes` the entry is written with `verified: false`."""
    assert say(blind, ADD + " unverified=yes").kind == "admin"
    events = (knowledge_copy / "events.yaml").read_text("utf-8")
    entry = events[events.index("Pakistan bought two hundred") :]
    assert "\n    verified: false\n" in entry


def test_an_unverified_fact_is_marked_in_the_console(blind: Engine) -> None:
    """The console shows the stored fact followed by "(unverified)"."""
    say(blind, ADD + " unverified=yes")
    assert "Pakistan bought two hundred Russian tanks. (unverified)" in shown(
        say(blind, "search russian tanks")
    )


def test_an_unverified_fact_is_marked_in_json(blind: Engine) -> None:
    """`--format json` gives the item `"verified": false`."""
    say(blind, ADD + " unverified=yes")
    items = json.loads(render_json(say(blind, "search russian tanks")))["items"]
    tank = next(i for i in items if i["text"].startswith("Pakistan bought two hundred"))
    assert tank["verified"] is False


def test_an_unverified_fact_is_marked_on_discord(blind: Engine) -> None:
    """The Discord embed shows "(unverified)" after the fact's text."""
    say(blind, ADD + " unverified=yes")
    pages = discord_render(say(blind, "search russian tanks"), page_size=10)
    assert "Pakistan bought two hundred Russian tanks. *(unverified)*" in str(pages[0].description)


def test_kb_check_lists_unverified_facts_and_missing_articles(blind: Engine) -> None:
    """`kb check` names the unverified sources and lists each fact stored unverified."""
    say(blind, ADD + " unverified=yes")
    text = shown(say(blind, "kb check"))
    assert "not all of it is verified" in text
    assert "unverified: challenges-and-prospects" in text
    assert "Stored unverified (1)" in text
    assert "Pakistan bought two hundred Russian tanks." in text


def test_an_unverifiable_edit_is_refused(blind: Engine, knowledge_copy: Path) -> None:
    """`fact edit` of a sourced fact without its articles is refused too."""
    before = folder_bytes(knowledge_copy)
    reply = say(blind, 'fact edit pakistan-emerges-1947 text="Pakistan was founded in 1947."')
    assert "its evidence cannot be checked" in shown(reply)
    assert folder_bytes(knowledge_copy) == before

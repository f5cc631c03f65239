"""Every reload says what changed; deleting a file or too much waits for `reload confirm`."""

from __future__ import annotations

from pathlib import Path

from bot.core.engine import Engine
from bot.core.notices import reload_notice
from tests.conftest import say

HAND_ADDED = """
  - id: hand-added-kasuri-visit-2003
    date: "2003"
    text: Kasuri paid a hand-written visit to Moscow in 2003.
    sources: [challenges-and-prospects]
    evidence: since Pakistan's emergence in 1947
    topics: [diplomacy]
"""


def test_a_reload_reports_entries_added_and_changed_per_kind(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """One event added and one event's text edited in an editor: `reload` says `event +1 ~1`."""
    events = knowledge_copy / "events.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("    text: ", "    text: Edited. ", 1) + HAND_ADDED
    events.write_text(text, encoding="utf-8")
    reply = say(engine_on_copy, "reload")
    assert reply.title == "Reloaded the fact base."
    assert reply.intro.splitlines()[-1] == "Changes: event +1 ~1."


def test_deleting_a_file_is_held_and_the_last_good_base_serves(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """With quotes.yaml deleted, `reload` is held, says so, and quotations are still answered."""
    before = say(engine_on_copy, "quote")
    assert before.items, "the shipped base has quotations"
    (knowledge_copy / "quotes.yaml").unlink()
    reply = say(engine_on_copy, "reload")
    assert reply.title == "Reload held: quotes.yaml is gone."
    assert "Changes: quote −3; files gone: quotes.yaml." in reply.intro
    assert "`reload confirm` serves the new files" in reply.intro
    assert say(engine_on_copy, "quote").items == before.items


def test_reload_confirm_serves_the_held_reload(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """After a held reload, `reload confirm` serves the files as they are: no quotations."""
    (knowledge_copy / "quotes.yaml").unlink()
    assert say(engine_on_copy, "reload").title.startswith("Reload held")
    reply = say(engine_on_copy, "reload confirm")
    assert reply.title == "Reloaded the fact base."
    assert say(engine_on_copy, "quote").items == []


def test_removing_more_than_the_share_is_held(engine_on_copy: Engine, knowledge_copy: Path) -> None:
    """With `hold_share` at 5%, cutting aliases.yaml to one entry (31 of 358) is held."""
    engine_on_copy.store.hold_share = 0.05
    aliases = knowledge_copy / "aliases.yaml"
    lines = aliases.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if line.startswith("  - id: ")]
    assert len(starts) == 32
    aliases.write_text("".join(lines[: starts[1]]), encoding="utf-8")
    reply = say(engine_on_copy, "reload")
    assert reply.title == "Reload held: it removes 31 of 358 entries (over 5%)."
    assert "Changes: alias −31." in reply.intro


def test_reload_confirm_with_nothing_held_says_so(engine_on_copy: Engine) -> None:
    """`reload confirm` when nothing waits says there is nothing to confirm."""
    reply = say(engine_on_copy, "reload confirm")
    assert reply.title == "Not reloaded: there is no held reload to confirm."


def test_the_admin_notice_of_a_held_reload_names_file_and_confirm(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """What the admin channel receives for a held reload names the file and `reload confirm`."""
    (knowledge_copy / "quotes.yaml").unlink()
    notice = reload_notice(engine_on_copy.store.reload(only_if_changed=True))
    assert notice == (
        "Reload held: quotes.yaml is gone (quote −3; files gone: quotes.yaml). The last good "
        "fact base keeps serving; an admin's `reload confirm` serves the new files."
    )

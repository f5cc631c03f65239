"""`fact undo`: an admin's last edit taken back, byte for byte, and only that admin's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.factbase.load.loader import check
from tests.conftest import (
    ADD_EVENT,
    EDITED,
    NEW_ID,
    OTHER_ADMIN,
    SEEDS,
    folder_bytes,
    say,
    shown,
)

LATER = "musharraf-visits-moscow-2003"  # an entry whose label is a few lines into it


@pytest.mark.parametrize(
    "line",
    [
        ADD_EVENT,
        f'!fact edit {EDITED} text="Pakistan was founded in 1947." people=ayub-khan',
        f"!fact edit {EDITED} parties=",
        "!fact remove soviet-assistance-offer-1958",
    ],
    ids=["add", "edit", "edit-drop-key", "remove"],
)
def test_undo_restores_every_file_byte_for_byte(
    engine_on_copy: Engine, knowledge_copy: Path, line: str
) -> None:
    """After an edit, `fact undo` leaves the folder exactly as it was."""
    before = folder_bytes(knowledge_copy)
    assert say(engine_on_copy, line).kind == "admin"
    assert folder_bytes(knowledge_copy) != before
    assert say(engine_on_copy, "!fact undo").kind == "admin"
    assert folder_bytes(knowledge_copy) == before


@pytest.mark.parametrize(
    ("line", "where"),
    [(ADD_EVENT, "events.yaml:"), ("!fact remove soviet-assistance-offer-1958", "events.yaml:")],
    ids=["add", "remove"],
)
def test_undo_names_the_line_it_changed(engine_on_copy: Engine, line: str, where: str) -> None:
    """`fact undo` points at the same file:line as the edit it takes back, not at line 1."""
    done = say(engine_on_copy, line).title.rsplit(" — ", 1)[1]
    undone = say(engine_on_copy, "!fact undo").title.rsplit(" — ", 1)[1]
    assert done.startswith(where) and done != f"{where}1"
    assert undone == done


@pytest.mark.parametrize(
    "edits",
    [
        [f'!fact edit {LATER} label="Musharraf in Moscow"', f"!fact remove {LATER}"],
        [f'!fact edit {EDITED} text="Pakistan was founded in 1947."',
         f'!fact edit {EDITED} text="Pakistan came into being in 1947."'],
        [f"!fact edit {EDITED} parties=", ADD_EVENT, "!fact remove soviet-assistance-offer-1958"],
    ],
    ids=["edit-then-remove", "edit-twice", "edit-add-remove"],
)  # fmt: skip
def test_undo_walks_back_through_every_edit(
    engine_on_copy: Engine, knowledge_copy: Path, edits: list[str]
) -> None:
    """Edits that swallow or rewrite an earlier one's lines are undone one by one, to the start."""
    before = folder_bytes(knowledge_copy)
    for line in edits:
        assert say(engine_on_copy, line).kind == "admin", line
    for _ in edits:
        reply = say(engine_on_copy, "!fact undo")
        assert reply.title.startswith("Undid your "), shown(reply)
    assert folder_bytes(knowledge_copy) == before


def test_undo_reverses_this_admins_edit_only(engine_on_copy: Engine, knowledge_copy: Path) -> None:
    """Two admins edit; the first one's undo takes back the first one's edit, not the other's."""
    say(engine_on_copy, ADD_EVENT)
    say(engine_on_copy, f"!fact edit {EDITED} parties=", OTHER_ADMIN)
    say(engine_on_copy, "!fact undo")
    fb, problems = check(knowledge_copy, SEEDS)
    assert problems == []
    assert NEW_ID not in fb.facts
    assert fb.facts[EDITED].parties == ()


def test_undo_with_nothing_to_undo_says_so(engine_on_copy: Engine) -> None:
    """An admin with no edits gets a plain answer, not an error."""
    reply = say(engine_on_copy, "!fact undo")
    assert reply.kind != "error"
    assert "no edit left to undo" in shown(reply)

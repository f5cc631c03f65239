"""`fact add/edit/remove/undo/show/history` through the console, on a copy of the real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.factbase.load.loader import check
from tests.admin.conftest import OTHER_ADMIN, folder_bytes, say, shown
from tests.conftest import SEEDS, audit_log, needs_articles

pytestmark = needs_articles

ADD_EVENT = (
    '!fact add event date=1999-05 text="Nawaz Sharif flew to Moscow to discuss the Taliban." '
    'sources=challenges-and-prospects evidence="since Pakistan\'s emergence in 1947" '
    "people=nawaz-sharif topics=diplomacy"
)
NEW_ID = "nawaz-sharif-flew-moscow-discuss-taliban-1999"
EDITED = "pakistan-emerges-1947"


def test_added_fact_is_found_by_search_at_once(engine: Engine) -> None:
    """`fact add` then `search` in the same session finds the new fact."""
    assert say(engine, ADD_EVENT).kind == "admin"
    reply = say(engine, "!search taliban nawaz flew")
    assert reply.items[0].fact_id == NEW_ID


def test_added_fact_is_written_in_house_style(engine: Engine, knowledge_copy: Path) -> None:
    """The new entry reads like the hand-written ones: flow lists, quoted date, one key a line."""
    say(engine, ADD_EVENT)
    text = (knowledge_copy / "events.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        f"\n\n  - id: {NEW_ID}\n"
        '    date: "1999-05"\n'
        "    text: Nawaz Sharif flew to Moscow to discuss the Taliban.\n"
        "    sources: [challenges-and-prospects]\n"
        "    evidence: since Pakistan's emergence in 1947\n"
        "    people: [nawaz-sharif]\n"
        "    topics: [diplomacy]\n"
    )


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
    engine: Engine, knowledge_copy: Path, line: str
) -> None:
    """After an edit, `fact undo` leaves the folder exactly as it was."""
    before = folder_bytes(knowledge_copy)
    assert say(engine, line).kind == "admin"
    assert folder_bytes(knowledge_copy) != before
    assert say(engine, "!fact undo").kind == "admin"
    assert folder_bytes(knowledge_copy) == before


@pytest.mark.parametrize(
    "line",
    [ADD_EVENT, "!fact remove soviet-assistance-offer-1958"],
    ids=["add", "remove"],
)
def test_undo_names_the_line_it_changed(engine: Engine, line: str) -> None:
    """`fact undo` points at the same file:line as the edit it takes back, not at line 1."""
    done = say(engine, line).title
    undone = say(engine, "!fact undo").title
    assert done.rsplit(" — ", 1)[1] == undone.rsplit(" — ", 1)[1]


def test_edit_changes_only_the_entry_own_lines(engine: Engine, knowledge_copy: Path) -> None:
    """Every line outside the edited key stays as it was, in every file."""
    before = folder_bytes(knowledge_copy)
    say(engine, f'!fact edit {EDITED} text="Pakistan was founded in 1947."')
    after = folder_bytes(knowledge_copy)
    assert {n for n in before if before[n] != after[n]} == {"events.yaml"}
    old, new = before["events.yaml"].splitlines(), after["events.yaml"].splitlines()
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [(old[5], b"    text: Pakistan was founded in 1947.")]


def test_undo_reverses_this_admins_edit_only(engine: Engine, knowledge_copy: Path) -> None:
    """Two admins edit; the first one's undo takes back the first one's edit, not the other's."""
    say(engine, ADD_EVENT)
    say(engine, f"!fact edit {EDITED} parties=", OTHER_ADMIN)
    say(engine, "!fact undo")
    fb, problems = check(knowledge_copy, SEEDS)
    assert problems == []
    assert NEW_ID not in fb.facts
    assert fb.facts[EDITED].parties == ()


def test_undo_with_nothing_to_undo_says_so(engine: Engine) -> None:
    """An admin with no edits gets a plain answer, not an error."""
    assert "no edit left to undo" in shown(say(engine, "!fact undo"))


def test_show_gives_the_entry_as_stored_with_file_and_line(engine: Engine) -> None:
    """`fact show` names file and line and gives the stored lines as a YAML block."""
    reply = say(engine, f"!fact show {EDITED}")
    assert reply.title == f"`{EDITED}` — events.yaml:4"
    assert reply.block.splitlines()[1] == '    date: "1947"'
    assert reply.block_syntax == "yaml"


def test_show_unknown_id_suggests_near_ids(engine: Engine) -> None:
    """A mistyped id gets "did you mean" suggestions from the real ids."""
    reply = say(engine, "!fact show pakistan-emerges-1974")
    assert reply.kind == "not_found"
    assert f"fact show {EDITED}" in reply.suggestions


def test_remove_refuses_an_entry_others_use(engine: Engine, knowledge_copy: Path) -> None:
    """Removing a person still named by facts is refused, naming those facts."""
    before = folder_bytes(knowledge_copy)
    text = shown(say(engine, "!fact remove ayub-khan"))
    assert "still used by" in text
    assert "ayub-khan-visits-moscow-1965" in text
    assert folder_bytes(knowledge_copy) == before


def test_history_lists_who_did_what(engine: Engine) -> None:
    """`fact history <id>` shows the admin, the action and the keys changed."""
    say(engine, f'!fact edit {EDITED} text="Pakistan was founded in 1947."')
    reply = say(engine, f"!fact history {EDITED}")
    assert "tester changed `text` of `pakistan-emerges-1947`" in shown(reply)


def test_every_edit_is_in_the_audit_log(engine: Engine, knowledge_copy: Path) -> None:
    """Each edit is a JSON line naming who, the command, and the lines, then a `done` line."""
    say(engine, ADD_EVENT)
    say(engine, "!fact undo")
    lines = [
        json.loads(line)
        for line in audit_log(knowledge_copy).read_text("utf-8").split("\n")
        if line
    ]
    assert [line.get("action") for line in lines] == ["add", None, "undo", None]
    assert lines[0]["actor_name"] == "tester"
    assert lines[1] == {"done": lines[0]["id"]}
    assert lines[3] == {"done": lines[2]["id"]}


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("!fact add", "Which kind of entry?"),
        ("!fact add bogus text=x", "`bogus` is not a kind of entry."),
    ],
)
def test_add_without_a_known_kind_asks_for_one(engine: Engine, line: str, title: str) -> None:
    """`fact add` with no kind, or a wrong one, asks for a kind and lists them."""
    reply = say(engine, line)
    assert (reply.kind, reply.title) == ("usage", title)
    assert "event, interest, claim" in reply.intro


def test_kb_check_counts_each_kind_in_plain_english(engine: Engine) -> None:
    """`kb check` reports counts as `5 sources, … 15 people`, the plural of every kind."""
    fb = engine.snapshot.fb
    intro = say(engine, "!kb check").intro
    assert f"{len(fb.sources)} sources" in intro
    assert f"{sum(f.kind == 'person' for f in fb.facts.values())} people" in intro

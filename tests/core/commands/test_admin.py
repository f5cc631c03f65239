"""Admin commands as an admin types them: `fact show/add`, `kb check`, and members refused."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.core.engine import Engine
from tests.conftest import ADD_EVENT, EDITED, MEMBER, folder_bytes, say


def test_show_gives_the_entry_as_stored_with_file_and_line(engine_on_copy: Engine) -> None:
    """`fact show` names file and line and gives the stored lines as a YAML block."""
    reply = say(engine_on_copy, f"!fact show {EDITED}")
    assert reply.title == f"`{EDITED}` — events.yaml:4"
    assert reply.block.splitlines()[1] == '    date: "1947"'
    assert reply.block_syntax == "yaml"


def test_show_unknown_id_suggests_near_ids(engine_on_copy: Engine) -> None:
    """A mistyped id gets "did you mean" suggestions from the real ids."""
    reply = say(engine_on_copy, "!fact show pakistan-emerges-1974")
    assert reply.kind == "not_found"
    assert f"fact show {EDITED}" in reply.suggestions


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("!fact add", "Which kind of entry?"),
        ("!fact add bogus text=x", "`bogus` is not a kind of entry."),
    ],
)
def test_add_without_a_known_kind_asks_for_one(
    engine_on_copy: Engine, line: str, title: str
) -> None:
    """`fact add` with no kind, or a wrong one, asks for a kind and lists them."""
    reply = say(engine_on_copy, line)
    assert (reply.kind, reply.title) == ("usage", title)
    assert "event, interest, claim" in reply.intro


def test_kb_check_counts_each_kind_in_plain_english(engine_on_copy: Engine) -> None:
    """`kb check` reports counts as `5 sources, … 15 people`, the plural of every kind."""
    reply = say(engine_on_copy, "!kb check")
    assert reply.title == "The knowledge files are valid."
    assert "5 sources" in reply.intro and "15 people" in reply.intro
    assert "persons" not in reply.intro


ADMIN_LINES = [
    "fact show pakistan-emerges-1947",
    ADD_EVENT,
    'fact edit pakistan-emerges-1947 text="Changed."',
    "fact remove soviet-assistance-offer-1958",
    "fact undo",
    "fact history",
    "reload",
    "kb check",
]


@pytest.mark.parametrize("line", ADMIN_LINES, ids=[line.split("=")[0][:24] for line in ADMIN_LINES])
def test_non_admin_is_refused_every_admin_command(
    engine_on_copy: Engine, knowledge_copy: Path, line: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A member gets a polite refusal, the attempt is logged at INFO, and no file changes."""
    caplog.set_level(logging.INFO)
    before = folder_bytes(knowledge_copy)
    reply = say(engine_on_copy, line, MEMBER)
    assert reply.kind == "refused"
    assert "for admins only" in reply.title
    name = line.lstrip("!").split()[0]
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", f"refused admin command {name} for user {MEMBER.id}")
    ]
    assert folder_bytes(knowledge_copy) == before


@pytest.mark.parametrize("argument", ["please-do-not", "all", "pakistan-emerges-1947 now"])
def test_undo_with_an_argument_is_refused_and_undoes_nothing(
    engine_on_copy: Engine, knowledge_copy: Path, argument: str
) -> None:
    """`fact undo please-do-not` explains the usage and leaves the admin's last edit in place."""
    assert say(engine_on_copy, ADD_EVENT).title.startswith("Added `")
    after_add = folder_bytes(knowledge_copy)
    reply = say(engine_on_copy, f"!fact undo {argument}")
    assert reply.kind == "usage"
    assert reply.title.startswith("`fact undo` takes nothing after it")
    assert "Usage: `fact undo`" in reply.intro
    assert folder_bytes(knowledge_copy) == after_add


def test_an_over_long_admin_line_says_the_limit_and_saves_nothing(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """A quoted text pushing `fact edit` past the cap is refused as too long, with the limit."""
    before = folder_bytes(knowledge_copy)
    reply = say(engine_on_copy, f'!fact edit {EDITED} text="{"L" * 2100}"')
    assert reply.kind == "usage"
    assert reply.title == (
        "That line is too long: the limit is 2,000 characters after the command."
    )
    assert "could not read" not in reply.title
    assert folder_bytes(knowledge_copy) == before

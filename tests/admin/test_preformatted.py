"""Entries echoed by admin commands print exactly as the file holds them: no wrap, no re-indent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.adapters.console import ask
from bot.adapters.terminal import render
from bot.core.engine import Engine
from tests.admin.conftest import say
from tests.admin.test_fact_commands import ADD_EVENT, EDITED, NEW_ID
from tests.conftest import needs_articles

pytestmark = needs_articles

NARROW = 40  # far narrower than the entries' long `text:` lines
REMOVED = "soviet-assistance-offer-1958"


def entry_lines(folder: Path, entry_id: str) -> list[str]:
    """Read an entry's lines straight from events.yaml: from its `- id:` to the next item."""
    lines = (folder / "events.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {entry_id}")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    return lines[start:end]


def printed(reply_text: str, lines: list[str]) -> bool:
    """Tell whether `lines` appear one after another, unchanged, in the printed reply."""
    return "\n" + "\n".join(lines) + "\n" in "\n" + reply_text + "\n"


@pytest.mark.parametrize(
    ("line", "entry_id"),
    [
        (f"!fact show {EDITED}", EDITED),
        (ADD_EVENT, NEW_ID),
        (f'!fact edit {EDITED} text="{"A much longer text than fits. " * 4}"', EDITED),
    ],
    ids=["show", "add", "edit"],
)
def test_console_prints_the_entry_byte_for_byte(
    engine: Engine, knowledge_copy: Path, line: str, entry_id: str
) -> None:
    """The printed entry is the file's own lines, even on a narrow terminal."""
    reply = say(engine, line)
    assert printed(render(reply, width=NARROW), entry_lines(knowledge_copy, entry_id))


def test_remove_prints_the_entry_as_it_stood(engine: Engine, knowledge_copy: Path) -> None:
    """`fact remove` shows the removed lines verbatim, so the admin sees what went."""
    before = entry_lines(knowledge_copy, REMOVED)
    reply = say(engine, f"!fact remove {REMOVED}")
    assert printed(render(reply, width=NARROW), before)
    assert f"  - id: {REMOVED}" not in (knowledge_copy / "events.yaml").read_text("utf-8")


def test_undo_prints_the_entry_it_put_back(engine: Engine, knowledge_copy: Path) -> None:
    """`fact undo` of a removal shows the restored entry as it is stored again."""
    say(engine, f"!fact remove {REMOVED}")
    reply = say(engine, "!fact undo")
    assert printed(render(reply, width=NARROW), entry_lines(knowledge_copy, REMOVED))


def test_history_shows_the_newest_change_as_a_diff(engine: Engine, knowledge_copy: Path) -> None:
    """`fact history` gives the changed line as `-` old and `+` new, the rest as context."""
    old = next(row for row in entry_lines(knowledge_copy, EDITED) if row.startswith("    text:"))
    say(engine, f'!fact edit {EDITED} text="Pakistan was founded in 1947."')
    reply = say(engine, f"!fact history {EDITED}")
    rows = reply.block.splitlines()
    assert reply.block_syntax == "diff"
    assert [r for r in rows if r[:1] in "+-"] == [
        f"-{old}",
        "+    text: Pakistan was founded in 1947.",
    ]
    assert f"   - id: {EDITED}" in rows


def test_json_output_carries_the_block(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factbot ask --format json` gives the entry as one `block` string scripts can use."""
    assert ask(f"!fact show {EDITED}", knowledge_copy, "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["block"].splitlines() == entry_lines(knowledge_copy, EDITED)
    assert data["block_syntax"] == "yaml"

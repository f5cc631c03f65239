"""`fact history`: who changed what, and the newest change as a diff of the file's own lines."""

from __future__ import annotations

from pathlib import Path

from bot.core.engine import Engine
from tests.conftest import EDITED, say, shown


def test_history_lists_who_did_what(engine_on_copy: Engine) -> None:
    """`fact history <id>` shows the admin, the action and the keys changed."""
    say(engine_on_copy, f'!fact edit {EDITED} text="Pakistan was founded in 1947."')
    reply = say(engine_on_copy, f"!fact history {EDITED}")
    assert "tester changed `text` of `pakistan-emerges-1947`" in shown(reply)


def test_history_with_no_edits_says_so(engine_on_copy: Engine) -> None:
    """Before any chat edit, `fact history` says there are none rather than listing nothing."""
    assert "No chat edits" in say(engine_on_copy, "!fact history").title


def test_history_shows_the_newest_change_as_a_diff(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """`fact history` gives the changed line as `-` old and `+` new, the rest as context."""
    lines = (knowledge_copy / "events.yaml").read_text(encoding="utf-8").splitlines()
    old = lines[lines.index(f"  - id: {EDITED}") + 3]
    assert old.startswith("    text: Pakistan came into being in 1947;")
    say(engine_on_copy, f'!fact edit {EDITED} text="Pakistan was founded in 1947."')
    reply = say(engine_on_copy, f"!fact history {EDITED}")
    rows = reply.block.splitlines()
    assert reply.block_syntax == "diff"
    assert [r for r in rows if r[:1] in "+-"] == [
        f"-{old}",
        "+    text: Pakistan was founded in 1947.",
    ]
    assert f"   - id: {EDITED}" in rows

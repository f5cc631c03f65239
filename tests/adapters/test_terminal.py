"""The terminal rendering: dates in a column, wrapped to width, and stored entries printed
exactly as the file holds them (no wrap, no re-indent), as text or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.adapters.console import ask as console_ask
from bot.adapters.terminal import render, render_json
from bot.core.engine import Engine
from bot.core.types import Citation, Item, Reply
from tests.conftest import ADD_EVENT, EDITED, NEW_ID, ask, say

NARROW = 40  # far narrower than the entries' long `text:` lines
REMOVED = "soviet-assistance-offer-1958"


def test_render_aligns_dates_and_wraps() -> None:
    """Dates form one column; no line is wider than asked; sources follow the text."""
    reply = Reply(
        title="T",
        items=(
            Item("word " * 40, date="1965", citations=(Citation("s", "Sabah Aslam"),)),
            Item("short", date="April 1965"),
        ),
    )
    lines = render(reply, width=60).splitlines()
    assert all(len(line) <= 60 for line in lines)
    starts = {line.index("word") for line in lines if line.lstrip().startswith("1965")}
    assert starts == {lines[-1].index("short")}
    assert lines[-2].endswith("— Sabah Aslam") or lines[-3].endswith("— Sabah Aslam")


def test_json_of_a_lazy_reply_lists_every_item(engine: Engine) -> None:
    """`--format json` holds each item as an object, not a reference to the snapshot."""
    reply = ask(engine, "timeline 1970s")
    listed = json.loads(render_json(reply))["items"]
    assert len(listed) == len(reply.items) >= 7
    assert [i["fact_id"] for i in listed] == [i.fact_id for i in reply.items]
    assert listed[0]["date"] == reply.items[0].date == "1971" and listed[0]["citations"]


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
    engine_on_copy: Engine, knowledge_copy: Path, line: str, entry_id: str
) -> None:
    """The printed entry is the file's own lines, even on a narrow terminal."""
    reply = say(engine_on_copy, line)
    lines = entry_lines(knowledge_copy, entry_id)
    assert max(len(row) for row in lines) > NARROW
    assert printed(render(reply, width=NARROW), lines)


def test_remove_prints_the_entry_as_it_stood(engine_on_copy: Engine, knowledge_copy: Path) -> None:
    """`fact remove` shows the removed lines verbatim, so the admin sees what went."""
    before = entry_lines(knowledge_copy, REMOVED)
    reply = say(engine_on_copy, f"!fact remove {REMOVED}")
    assert printed(render(reply, width=NARROW), before)
    assert f"  - id: {REMOVED}" not in (knowledge_copy / "events.yaml").read_text("utf-8")


def test_undo_prints_the_entry_it_put_back(engine_on_copy: Engine, knowledge_copy: Path) -> None:
    """`fact undo` of a removal shows the restored entry as it is stored again."""
    say(engine_on_copy, f"!fact remove {REMOVED}")
    reply = say(engine_on_copy, "!fact undo")
    assert printed(render(reply, width=NARROW), entry_lines(knowledge_copy, REMOVED))


def test_json_output_carries_the_block(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factbot ask --format json` gives the entry as one `block` string scripts can use."""
    assert console_ask(f"!fact show {EDITED}", knowledge_copy, "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["block"].splitlines() == entry_lines(knowledge_copy, EDITED)
    assert data["block_syntax"] == "yaml"


def test_lettered_options_wrap_under_their_text_and_long_titles_wrap() -> None:
    """A quiz option's second line starts under its text, not under `B)`; titles fit too."""
    option = "Pakistan-Russia Relations: Challenges and Prospects in a Changing Region"
    reply = Reply(
        title="Not quite. The answer: D) Pakistan-Russia Relations: Challenges and Prospects",
        items=(Item("A) short"), Item(f"B) {option}"), Item(f"12. {option}")),
    )
    lines = render(reply, width=NARROW).splitlines()
    assert all(len(line) <= NARROW for line in lines), lines
    assert lines[:2] == ["Not quite. The answer: D) Pakistan-", "Russia Relations: Challenges and"]
    b = lines.index("  B) Pakistan-Russia Relations:")
    assert lines[b + 1] == "     Challenges and Prospects in a"
    twelve = next(n for n, line in enumerate(lines) if line.startswith("  12. "))
    assert lines[twelve + 1].startswith("      Challenges")


def test_an_undated_fact_under_dated_ones_says_so(engine: Engine) -> None:
    """`quote`: a 2018 remark listed after the 1968 one reads "undated", not as if from 1968."""
    reply = ask(engine, "quote")
    undated = [i for i in reply.items if i.fact_id and not i.date]
    assert undated and any(i.date for i in reply.items)
    text = render(reply, width=80)
    for item in undated:
        start = text.index(item.text[:30])
        assert text.rfind("undated", 0, start) > text.rfind("\n  1", 0, start)


def test_a_line_break_in_the_intro_is_kept() -> None:
    """`reload`'s counts and its changes stay on lines of their own, not run together."""
    reply = Reply(title="Reloaded the fact base.", intro="5 sources, 3 quotes\nChanges: none.")
    assert render(reply).splitlines()[1:3] == ["5 sources, 3 quotes", "Changes: none."]

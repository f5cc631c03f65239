"""An edit patches only its entry's own lines: comments, quoting, line endings all stay."""

from __future__ import annotations

from pathlib import Path

from bot.core.engine import Engine
from tests.conftest import EDITED, folder_bytes, say, shown
from tests.factbase.edit.conftest import EVENTS


def test_edit_changes_only_the_entry_own_lines(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """Every line outside the edited key stays as it was, in every file."""
    before = folder_bytes(knowledge_copy)
    say(engine_on_copy, f'!fact edit {EDITED} text="Pakistan was founded in 1947."')
    after = folder_bytes(knowledge_copy)
    assert {n for n in before if before[n] != after[n]} == {"events.yaml"}
    old, new = before["events.yaml"].splitlines(), after["events.yaml"].splitlines()
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    (text,) = [line for line in old if line.startswith(b"    text: Pakistan came into being")]
    assert changed == [(text, b"    text: Pakistan was founded in 1947.")]


def test_comments_and_quoting_outside_the_change_survive(small_engine: Engine, small: Path) -> None:
    """Comments, odd quoting and the file's end stay byte for byte; only the edited key moves."""
    say(small_engine, 'fact edit visit-1965 text="Ayub Khan went to Moscow."')
    say(small_engine, "fact edit talks-1966 date=1966")
    assert (small / "events.yaml").read_text() == EVENTS.replace(
        "text: Ayub Khan visited Moscow.", "text: Ayub Khan went to Moscow."
    ).replace("date: '1966-01'", 'date: "1966"')


def test_adding_after_a_trailing_comment_keeps_it(small_engine: Engine, small: Path) -> None:
    """A new entry goes right after the last entry; the file's closing comment stays last."""
    reply = say(
        small_engine,
        'fact add event date=1965 text="A visit." sources=art evidence="visited Moscow"',
    )
    assert reply.kind == "admin", shown(reply)
    text = (small / "events.yaml").read_text()
    assert text.endswith("    evidence: visited Moscow\n# end of file\n")
    assert text.startswith(EVENTS.removesuffix("# end of file\n"))


def test_windows_line_endings_are_kept(small_engine: Engine, small: Path) -> None:
    """A CRLF file stays CRLF, new lines included."""
    path = small / "events.yaml"
    path.write_bytes(EVENTS.replace("\n", "\r\n").encode())
    assert say(small_engine, "reload").title == "Reloaded the fact base."
    say(small_engine, 'fact edit visit-1965 text="Ayub Khan went to Moscow."')
    data = path.read_bytes()
    assert b"text: Ayub Khan went to Moscow.\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")

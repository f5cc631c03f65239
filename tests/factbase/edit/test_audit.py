"""The audit log: every edit recorded, and a crash never parts an edit from its record."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.factbase.edit.audit import AuditLog
from tests.conftest import (
    ADD_EVENT,
    EDITED,
    NEW_ID,
    audit_log,
    engine_over,
    folder_bytes,
    needs_articles,
    say,
    shown,
)

pytestmark = needs_articles

EDIT = f'!fact edit {EDITED} text="Pakistan was founded in 1947."'


def test_every_edit_is_in_the_audit_log(engine_on_copy: Engine, knowledge_copy: Path) -> None:
    """Each edit is a JSON line naming who, the command, and the lines, then a `done` line."""
    say(engine_on_copy, ADD_EVENT)
    say(engine_on_copy, "!fact undo")
    lines = [
        json.loads(line)
        for line in audit_log(knowledge_copy).read_text("utf-8").split("\n")
        if line
    ]
    assert [line.get("action") for line in lines] == ["add", None, "undo", None]
    assert lines[0]["actor_name"] == "tester"
    assert lines[1] == {"done": lines[0]["id"]}
    assert lines[3] == {"done": lines[2]["id"]}


class Crash(BaseException):
    """The process dying: nothing after this point runs, nothing catches it."""


def crash(*args: object, **kwargs: object) -> None:
    """Die where a file would have been replaced."""
    raise Crash()


def crash_after_replacing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the rename happen, then die before anything else runs."""
    real_replace = os.replace

    def replace_then_crash(src: str, dst: str) -> None:
        real_replace(src, dst)
        raise Crash()

    monkeypatch.setattr(os, "replace", replace_then_crash)


def restart(folder: Path) -> Engine:
    """Start a new bot over the folder, as after a real crash."""
    return engine_over(folder)


def test_crash_before_the_rename_leaves_no_history(
    engine_on_copy: Engine, knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The intent is logged but the file never changed: history and undo ignore it."""
    before = folder_bytes(knowledge_copy)
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(Crash):
        say(engine_on_copy, EDIT)
    monkeypatch.undo()
    after_restart = restart(knowledge_copy)
    assert folder_bytes(knowledge_copy) == before
    assert "No chat edits" in say(after_restart, "!fact history").title
    assert "no edit left to undo" in shown(say(after_restart, "!fact undo"))


def test_crash_after_the_rename_keeps_the_history(
    engine_on_copy: Engine, knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file changed but nothing after the rename ran: history shows it, undo reverses it."""
    before = folder_bytes(knowledge_copy)
    crash_after_replacing(monkeypatch)
    with pytest.raises(Crash):
        say(engine_on_copy, EDIT)
    monkeypatch.undo()
    after_restart = restart(knowledge_copy)
    assert "Pakistan was founded in 1947." in (knowledge_copy / "events.yaml").read_text("utf-8")
    assert "tester changed `text`" in shown(say(after_restart, f"!fact history {EDITED}"))
    assert say(after_restart, "!fact undo").kind == "admin"
    assert folder_bytes(knowledge_copy) == before


@pytest.mark.parametrize("where", ["before-rename", "after-rename"])
def test_the_next_edit_settles_the_open_record(
    engine_on_copy: Engine, knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """After a crash, the next edit marks the open record for good, by what the file holds."""
    if where == "before-rename":
        monkeypatch.setattr(os, "replace", crash)
    else:
        crash_after_replacing(monkeypatch)
    with pytest.raises(Crash):
        say(engine_on_copy, EDIT)
    monkeypatch.undo()
    open_id = json.loads(audit_log(knowledge_copy).read_text("utf-8").splitlines()[-1])["id"]
    assert say(restart(knowledge_copy), ADD_EVENT).kind == "admin"
    marker = "done" if where == "after-rename" else "void"
    log = audit_log(knowledge_copy).read_text("utf-8")
    assert f'{{"{marker}": "{open_id}"}}' in log
    assert [r.entry_id for r in AuditLog(audit_log(knowledge_copy), knowledge_copy).records()] == (
        [EDITED, NEW_ID] if where == "after-rename" else [NEW_ID]
    )


def test_a_torn_last_line_does_not_swallow_the_next_record(
    engine_on_copy: Engine, knowledge_copy: Path
) -> None:
    """A crash mid-append leaves half a line; the next record still starts on a line of its own."""
    audit_log(knowledge_copy).write_text('{"id": "abc", "at": "2024-01', encoding="utf-8")
    assert say(engine_on_copy, EDIT).kind == "admin"
    records = AuditLog(audit_log(knowledge_copy), knowledge_copy).records()
    assert [r.entry_id for r in records] == [EDITED]

"""A crash mid-write leaves the old file: valid, whole, and no temporary file beside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.factbase.edit.audit import AuditLog
from bot.factbase.load.loader import check
from tests.conftest import SEEDS, add_line, audit_log, folder_bytes, say, shown


def test_crash_between_write_and_rename_leaves_the_old_file(
    engine_on_copy: Engine, knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the rename never happens, the file is the old one, valid, with no temp file left."""
    before = folder_bytes(knowledge_copy)

    def crash(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    reply = say(engine_on_copy, add_line(0, 0))
    monkeypatch.undo()
    assert "nothing was changed" in shown(reply)
    assert folder_bytes(knowledge_copy) == before
    assert [p.name for p in knowledge_copy.iterdir() if p.name.endswith(".tmp")] == []
    assert check(knowledge_copy, SEEDS)[1] == []
    assert AuditLog(audit_log(knowledge_copy), knowledge_copy).records() == []

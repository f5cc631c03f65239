"""Where derived files go: caches under $XDG_CACHE_HOME, edit state under $XDG_STATE_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.store.store import Store
from tests.conftest import engine_over, say


def test_the_cache_never_lands_in_the_knowledge_folder(
    knowledge_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The admins' checkout is left as it was; the cache goes under $XDG_CACHE_HOME/factbot."""
    before = sorted(p.name for p in knowledge_copy.iterdir())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    Engine(Store.open(knowledge_copy))
    assert sorted(p.name for p in knowledge_copy.iterdir()) == before
    stored = sorted(p.name for p in (tmp_path / "xdg-cache" / "factbot").rglob("*") if p.is_file())
    assert stored == ["factbase.msgpack", "indexes.msgpack"]


def test_the_audit_log_lives_in_the_state_directory(
    knowledge_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit changes one knowledge file and adds nothing beside it; its log goes to XDG state."""
    before = sorted(p.name for p in knowledge_copy.iterdir())
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    engine = engine_over(knowledge_copy)
    assert say(engine, 'fact edit pakistan-emerges-1947 text="Founded in 1947."').kind == "admin"
    assert sorted(p.name for p in knowledge_copy.iterdir()) == before
    kept = {p.name for p in (tmp_path / "xdg-state" / "factbot").rglob("*") if p.is_file()}
    assert "audit.jsonl" in kept

"""Shared fixtures: where the real fact base and the source articles live."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from bot.factbase.edit.audit import AUDIT_NAME
from bot.store.paths import state_dir

# Caches and state go where the bot puts them for operators (XDG), but never into the developer's
# own ~/.cache or ~/.local/state: each test run gets fresh roots (child processes inherit them).
_ROOTS = Path(tempfile.mkdtemp(prefix="factbot-tests-"))
os.environ["XDG_CACHE_HOME"] = str(_ROOTS / "cache")
os.environ["XDG_STATE_HOME"] = str(_ROOTS / "state")

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
SEEDS = Path(
    os.environ.get("FACTBOT_ARTICLES")
    or os.environ.get("FACTBOT_SEEDS")
    or ROOT.parent / "shared" / "seeds"
)
# Chat edits of the real fact base are checked against its articles (and refused without them),
# so tests that edit it need them; a clone without ../shared skips those, saying why.
needs_articles = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"the source articles are not at {SEEDS} (set FACTBOT_ARTICLES); "
    "edits and provenance of the real fact base cannot be checked",
)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """Give a test its own copy of the real fact base to edit or break."""
    target = tmp_path / "knowledge"
    target.mkdir()
    for path in KNOWLEDGE.iterdir():
        if path.is_file() and not path.name.startswith("."):
            (target / path.name).write_bytes(path.read_bytes())
    return target


def audit_log(folder: Path) -> Path:
    """Give where the bot keeps the audit log of chat edits to `folder` (its state directory,
    created here so a test can write a log of its own)."""
    state_dir(folder).mkdir(parents=True, exist_ok=True)
    return state_dir(folder) / AUDIT_NAME

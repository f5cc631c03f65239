"""Shared fixtures: where the real fact base and the source articles live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
SEEDS = Path(os.environ.get("FACTBOT_SEEDS") or ROOT.parent / "shared" / "seeds")


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """Give a test its own copy of the real fact base to edit or break."""
    target = tmp_path / "knowledge"
    target.mkdir()
    for path in KNOWLEDGE.iterdir():
        if path.is_file() and not path.name.startswith("."):
            (target / path.name).write_bytes(path.read_bytes())
    return target

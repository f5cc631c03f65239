"""The quiz tests' engine: the real fact base, a usage database in tmp_path, a seeded quiz."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.quiz.pending import Quizzes
from bot.store.store import Store
from bot.usage.log import Usage
from tests.conftest import KNOWLEDGE


@pytest.fixture
def played(tmp_path: Path) -> Iterator[Engine]:
    """Give an engine that keeps scores in its own database and asks reproducible questions."""
    usage = Usage(tmp_path / "usage.sqlite3", retention_days=90, interval=0.02)
    engine = Engine(Store.open(KNOWLEDGE), usage=usage)
    engine.quizzes = Quizzes(seed=3)
    yield engine
    usage.close()

"""Shared fixtures and helpers: the real fact base, private copies of it, and ways to talk to it.

Two engines: `engine` serves the repo's own knowledge/ read-only for the whole session (building
it is the slow part); `engine_on_copy` serves a test's own copy, for anything that edits. The
repo's knowledge/ is checked byte for byte at the end of the session: no test may touch it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.adapters.console import answer
from bot.adapters.terminal import render
from bot.core.engine import Engine
from bot.core.parse import split_line
from bot.core.types import Actor, Reply, Request
from bot.errors import Problem
from bot.factbase.edit.audit import AUDIT_NAME
from bot.store.paths import state_dir
from bot.store.store import Store

# Caches and state go where the bot puts them for operators (XDG), but never into the developer's
# own ~/.cache or ~/.local/state: each test process (each xdist worker too) gets fresh roots,
# which child processes inherit, removed when the process ends.
_ROOTS = Path(tempfile.mkdtemp(prefix="factbot-tests-"))
atexit.register(shutil.rmtree, _ROOTS, ignore_errors=True)
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

ADMIN = Actor(id="console:tester", name="tester", is_admin=True, platform="console")
OTHER_ADMIN = Actor(id="console:other", name="other", is_admin=True, platform="console")
MEMBER = Actor(id="member", name="member", is_admin=False, platform="test")

# An admin's `fact add` of an event with real evidence, the id it gets, and an entry to edit.
ADD_EVENT = (
    '!fact add event date=1999-05 text="Nawaz Sharif flew to Moscow to discuss the Taliban." '
    'sources=challenges-and-prospects evidence="since Pakistan\'s emergence in 1947" '
    "people=nawaz-sharif topics=diplomacy"
)
NEW_ID = "nawaz-sharif-flew-moscow-discuss-taliban-1999"
EDITED = "pakistan-emerges-1947"


def add_line(task: int, n: int) -> str:
    """Give an admin's `fact add` of a valid event whose id names the task and the count."""
    return (
        f'fact add event id=concurrent-{task}-{n} date=2001 text="Edit {n} from admin {task}." '
        'sources=challenges-and-prospects evidence="since Pakistan\'s emergence in 1947"'
    )


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Snapshot every knowledge file's exact bytes (hidden files aside)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


@pytest.fixture(scope="session", autouse=True)
def _knowledge_is_left_alone() -> Iterator[None]:
    """Fail the run if any test wrote into the repo's own knowledge/ (a cache, a log, an edit)."""
    names = sorted(p.name for p in KNOWLEDGE.iterdir())
    before = folder_bytes(KNOWLEDGE)
    yield
    assert sorted(p.name for p in KNOWLEDGE.iterdir()) == names, "a file appeared in knowledge/"
    changed = [name for name, data in folder_bytes(KNOWLEDGE).items() if before[name] != data]
    assert changed == [], f"tests changed knowledge/: {changed}"


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


@pytest.fixture(scope="session")
def engine() -> Engine:
    """Give one engine over the repo's own knowledge/ folder, to ask questions only."""
    return Engine(Store.open(KNOWLEDGE))


def engine_over(folder: Path, seeds: Path = SEEDS) -> Engine:
    """Load an engine over `folder` whose edits check provenance against `seeds`.

    Chat edits are refused while the articles are missing, so a test that edits against the
    real articles is skipped, with the reason, in a clone that has none beside it.
    """
    if seeds == SEEDS and not SEEDS.is_dir():
        pytest.skip(f"the source articles are not at {SEEDS}; edits cannot verify evidence")
    return Engine(Store.open(folder, seeds))


@pytest.fixture
def engine_on_copy(knowledge_copy: Path) -> Engine:
    """Give an engine over this test's own copy of knowledge/, to edit."""
    return engine_over(knowledge_copy)


def ask(engine: Engine, line: str, actor: Actor = MEMBER) -> Reply:
    """Send one typed line through the front door as a member, as an adapter would."""
    parsed = split_line(line)
    assert parsed is not None, line
    return engine.handle(Request(parsed[0], parsed[1], actor))


def text_of(engine: Engine, line: str) -> str:
    """Give the reply to a line as the console prints it."""
    return render(ask(engine, line), width=100)


def say(engine: Engine, line: str, actor: Actor = ADMIN) -> Reply:
    """Type one line into the console adapter, as an admin unless told otherwise."""
    reply = answer(engine, line, actor)
    assert reply is not None, line
    return reply


def chat_paths(problems: list[Problem], folder: Path) -> list[str]:
    """Give `factbot check`'s messages with paths from the base's parent, as chat shows them."""
    return [str(p).replace(f"{folder.parent}/", "") for p in problems]


def shown(reply: Reply) -> str:
    """Give the reply as a wide console prints it."""
    return render(reply, width=200)

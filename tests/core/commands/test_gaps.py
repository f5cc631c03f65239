"""`gaps`: misses from real requests, grouped and counted, and `gaps alias` fixing one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.commands import ALL
from bot.core.engine import Engine
from bot.core.table import CommandTable
from bot.core.types import Actor
from bot.store.store import Store
from bot.usage.log import Usage
from tests.conftest import ADMIN, MEMBER, SEEDS, say, shown

STUDENT = Actor(id="discord-user-1", name="student", platform="discord", place="guild-1")
OTHER = Actor(id="discord-user-2", name="other", platform="discord", place="guild-1")


@pytest.fixture
def engine(knowledge_copy: Path, tmp_path: Path) -> Iterator[Engine]:
    """Give an engine over a copy of the fact base, logging usage to a file of its own."""
    usage = Usage(tmp_path / "usage.sqlite3", retention_days=90, interval=0.02)
    yield Engine(Store.open(knowledge_copy, SEEDS), CommandTable(ALL), usage)
    usage.close()


def session(engine: Engine) -> None:
    """Two students miss `ruski` (one spelling it `russki`), one retries as `russia`; one more
    asks about Gandhi."""
    say(engine, "ruski", STUDENT)
    say(engine, "russia", STUDENT)
    say(engine, "russki", OTHER)
    say(engine, "ruski", OTHER)
    say(engine, "who gandhi", OTHER)


def test_gaps_groups_similar_misses_most_frequent_first(engine: Engine) -> None:
    """`ruski` ×2 and `russki` make one gap of 3, listed before `gandhi` ×1."""
    session(engine)
    text = shown(say(engine, "gaps", ADMIN))
    assert "2 different questions went unanswered" in text
    first, second = text.index("1. “ruski” (also “russki”)"), text.index("2. “gandhi”")
    assert first < second
    assert "3×  1." in text and "1×  2." in text


def test_gaps_offers_the_retried_name_as_an_alias(engine: Engine) -> None:
    """A miss followed within a minute by `russia` offers `ruski` as an alias of Russia."""
    session(engine)
    reply = say(engine, "gaps", ADMIN)
    assert "Add “ruski” as an alias of Russia: `gaps alias 1`." in shown(reply)
    assert [(a.label, a.line) for a in reply.actions] == [
        ("1. Add “ruski” → Russia", "gaps alias ruski = russia")
    ]


def test_a_new_subject_after_a_miss_is_not_offered_as_an_alias(engine: Engine) -> None:
    """`who putin`, then `topic kashmir`: a new question, so putin is no alias of Kashmir."""
    say(engine, "who putin", STUDENT)
    say(engine, "topic kashmir", STUDENT)
    reply = say(engine, "gaps", ADMIN)
    assert "“putin”" in shown(reply)
    assert "alias of Kashmir" not in shown(reply)
    assert not reply.actions


def test_gaps_alias_adds_the_alias_and_the_miss_then_answers(
    engine: Engine, knowledge_copy: Path
) -> None:
    """`gaps alias 1` appends `ruski` to alias-russia in aliases.yaml, and `ruski` answers."""
    session(engine)
    before = (knowledge_copy / "aliases.yaml").read_text(encoding="utf-8")
    assert say(engine, "ruski", MEMBER).kind == "not_found"
    done = say(engine, "gaps alias 1", ADMIN)
    assert done.kind == "admin", shown(done)
    after = (knowledge_copy / "aliases.yaml").read_text(encoding="utf-8")
    old = "Kremlin, Russian Federation, Russian]"
    assert before.replace(old, "Kremlin, Russian Federation, Russian, ruski]") == after
    assert say(engine, "ruski", MEMBER).kind == "answer"


def test_an_applied_alias_is_undone_byte_for_byte(engine: Engine, knowledge_copy: Path) -> None:
    """The alias is an ordinary audited edit: `fact undo` restores the file exactly."""
    session(engine)
    before = (knowledge_copy / "aliases.yaml").read_bytes()
    say(engine, "gaps alias ruski = russia", ADMIN)
    undone = say(engine, "fact undo", ADMIN)
    assert undone.title.startswith("Undid your edit of `alias-russia`")
    assert (knowledge_copy / "aliases.yaml").read_bytes() == before


def test_gaps_alias_to_an_unknown_id_is_refused_and_nothing_written(
    engine: Engine, knowledge_copy: Path
) -> None:
    """An alias of an id the fact base lacks fails validation; the file stays as it was."""
    before = (knowledge_copy / "aliases.yaml").read_bytes()
    reply = say(engine, "gaps alias ruski = atlantis", ADMIN)
    assert reply.kind == "usage" and "Nothing was written" in reply.title
    assert (knowledge_copy / "aliases.yaml").read_bytes() == before


def test_gaps_is_for_admins_only(engine: Engine) -> None:
    """A member asking for `gaps` is refused."""
    assert say(engine, "gaps", MEMBER).kind == "refused"


def test_gaps_with_a_bad_number_of_days_explains_usage(engine: Engine) -> None:
    """`gaps lots` gets a usage reply naming the form it takes."""
    reply = say(engine, "gaps lots", ADMIN)
    assert reply.kind == "usage" and "not a number of days" in reply.title

"""Helpers for playing a quiz as a user would: type a line, read the reply, find the answer."""

from __future__ import annotations

from bot.adapters.console import answer, keyed
from bot.core.engine import Engine
from bot.core.types import Actor, Reply

ME = Actor(  # as console_actor()
    id="console:me", name="me", is_admin=True, platform="console", one_player=True, buttons=False
)
ALICE = Actor(id="u-alice", name="Alice", platform="discord", place="g", channel="c1")
BOB = Actor(id="u-bob", name="Bob", platform="discord", place="g", channel="c1")


def say(engine: Engine, line: str, actor: Actor = ME, last: Reply | None = None) -> Reply:
    """Type `line` as the console would read it after `last`, and give the reply."""
    reply = answer(engine, keyed(line, last), actor)
    assert reply is not None
    return reply


def qid_of(question: Reply) -> str:
    """Read the question's id from the end of its footer, as a user would copy it."""
    return question.footer.rsplit("(", 1)[1].rstrip(")")


def right_key(engine: Engine, question: Reply) -> str:
    """Give the letter of the right option of an open question."""
    entry = engine.quizzes.pending.get(qid_of(question))
    assert entry is not None
    return "abcd"[entry.question.correct]


def wrong_key(engine: Engine, question: Reply) -> str:
    """Give the letter of a wrong option of an open question."""
    return "a" if right_key(engine, question) != "a" else "b"

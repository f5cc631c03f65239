"""Study mode on Discord: `!quiz 1960s` asks with four buttons, the asker's press reveals the
sourced fact in place, others are told privately to start their own, a timeout reveals the
answer, and `!quiz top` shows the score — the real bot and discord.py against the fake."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import pytest_asyncio

from bot.adapters.discord.client import AnyBot
from bot.core.commands import ALL
from bot.core.engine import Engine
from bot.core.quiz.pending import Quizzes
from bot.core.table import CommandTable
from bot.store.store import Store
from bot.usage.log import Usage
from tests.adapters.discord.conftest import settings_for
from tests.conftest import KNOWLEDGE
from tests.fakes.discord import FakeDiscord, Recorded, running_bot

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]

EPHEMERAL = 64
DEFERRED_UPDATE = 6  # a press acknowledged; the message is edited after
TIMEOUT = 1.5  # seconds before an unanswered question reveals itself, here
ROUND_TIMEOUT = 3.0  # the same, in the round test, where presses come while it runs


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder = tmp_path_factory.mktemp("discord-quiz")
    usage = Usage(folder / "usage.sqlite3", retention_days=90, interval=0.02)
    engine = Engine(Store.open(KNOWLEDGE), CommandTable(ALL), usage)
    engine.quizzes = Quizzes(seed=17, answer_seconds=TIMEOUT)
    yield engine
    usage.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeDiscord, engine: Engine) -> AsyncIterator[AnyBot]:
    settings = settings_for(fake, cooldown={"rate": 50, "per": 60})
    async with running_bot(settings, engine) as client:
        yield client
    assert fake.errors == []


def embed_text(body: dict[str, Any]) -> str:
    data = body.get("data", body)
    embeds = data.get("embeds") or []
    assert embeds, body
    return str(embeds[0])


def buttons(body: dict[str, Any]) -> list[dict[str, Any]]:
    data = body.get("data", body)
    return [c for row in data.get("components", []) for c in row["components"]]


def correct_letter(engine: Engine, question: Recorded) -> str:
    """Read the right option of the question shown, from the open question behind it."""
    qid = embed_text(question.body).rsplit("(q", 1)[1].split(")", 1)[0]
    entry = engine.quizzes.pending.get(f"q{qid}")
    assert entry is not None
    return "ABCD"[entry.question.correct]


async def ask(fake: FakeDiscord, who: Any, line: str) -> Recorded:
    return await fake.reply_to(await fake.say(who, line, channel=fake.channel(3)))


async def test_a_quiz_is_answered_with_a_button_and_shows_the_sourced_fact(
    bot: AnyBot, fake: FakeDiscord, engine: Engine
) -> None:
    """`!quiz 1960s` shows buttons A–D; the asker's right press edits the message into the
    verdict with the fact's date and article, and Next / Stop buttons."""
    student = fake.member("student")
    question = await ask(fake, student, "!quiz 1960s")
    assert "Quiz: 1960s" in embed_text(question.body)
    assert [b["label"] for b in buttons(question.body)] == ["A", "B", "C", "D"]
    letter = correct_letter(engine, question)
    [button] = [b for b in buttons(question.body) if b["label"] == letter]
    pressed = await fake.press(student, question.result, button["custom_id"])
    acknowledged = await fake.callback_for(pressed)
    assert acknowledged.body["type"] == DEFERRED_UPDATE
    verdict = await fake.original_edit_for(pressed)
    assert verdict.result["id"] == question.result["id"]  # the question itself became the verdict
    text = embed_text(verdict.body)
    assert "Right, student!" in text and "196" in text
    assert any(name in text for name in ("Challenges and Prospects", "Sabah Aslam"))
    assert [b["label"] for b in buttons(verdict.body)] == ["Next", "Stop"]


async def test_someone_else_pressing_is_told_privately_to_start_their_own(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """Another member's press on a solo quiz gets an ephemeral note and changes nothing."""
    question = await ask(fake, fake.member("asker"), "!quiz 1960s")
    first = buttons(question.body)[0]
    pressed = await fake.press(fake.member("passer-by"), question.result, first["custom_id"])
    note = await fake.callback_for(pressed)
    assert note.body["data"]["flags"] == EPHEMERAL
    assert "start your own with `quiz`" in note.body["data"]["content"]


async def test_an_unanswered_question_reveals_its_answer_when_the_buttons_time_out(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """Nobody presses: the message is edited to show the answer and the fact."""
    question = await ask(fake, fake.member("dreamer"), "!quiz 1960s")
    path = f"/api/v10/channels/{question.result['channel_id']}/messages/{question.result['id']}"
    edited = await fake.wait_for(
        lambda r: r.method == "PATCH" and r.path == path, timeout=TIMEOUT + 5
    )
    assert "The answer:" in embed_text(edited.body)


async def test_quiz_top_shows_the_score_by_display_name(
    bot: AnyBot, fake: FakeDiscord, engine: Engine
) -> None:
    """After a right answer, `!quiz top` lists the player by name with their point
    (marked as the asker: names may repeat)."""
    champion = fake.member("champion")
    question = await ask(fake, champion, "!quiz 1960s")
    letter = correct_letter(engine, question)
    [button] = [b for b in buttons(question.body) if b["label"] == letter]
    await fake.original_edit_for(await fake.press(champion, question.result, button["custom_id"]))
    board = embed_text((await ask(fake, champion, "!quiz top")).body)
    assert "champion (you) — 1 point of 1" in board  # the asker, marked by id not name
    assert str(champion.id) not in board


async def dm(fake: FakeDiscord, who: Any, line: str) -> Recorded:
    channel = str(int(who.id) + 1)  # a DM channel of the person's own
    return await fake.reply_to(await fake.say(who, line, channel=channel, dm=True))


async def test_quiz_top_in_a_dm_shows_only_that_person(
    bot: AnyBot, fake: FakeDiscord, engine: Engine
) -> None:
    """Every DM once shared the place "dm": `!quiz top` in a DM listed everyone who quizzed
    the bot privately. A DM is now a place of its own, like a server of one."""
    first, second = fake.member("dmfirst"), fake.member("dmsecond")
    for who in (first, second):
        question = await dm(fake, who, "!quiz 1960s")
        await dm(fake, who, f"!quiz answer {correct_letter(engine, question).lower()}")
    board = embed_text((await dm(fake, first, "!quiz top")).body)
    assert "dmfirst (you) — " in board
    assert "dmsecond" not in board


async def test_a_press_is_acknowledged_at_once_while_the_database_is_busy(
    bot: AnyBot, fake: FakeDiscord, engine: Engine
) -> None:
    """Another process holds the usage database for 3 s: the press is acknowledged before the
    score can be written (Discord fails an interaction unanswered for 3 s), and the question
    becomes its verdict once the database is free."""
    student = fake.member("patient")
    question = await ask(fake, student, "!quiz 1960s")
    button = buttons(question.body)[0]
    assert isinstance(engine.usage, Usage)
    holder = sqlite3.connect(engine.usage.database.path, timeout=10, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        pressed = await fake.press(student, question.result, button["custom_id"])
        acknowledged = await fake.callback_for(pressed, timeout=2.0)
        assert acknowledged.body["type"] == DEFERRED_UPDATE
        await asyncio.sleep(1.0)
        assert not [r for r in fake.requests if r.method == "PATCH" and pressed["token"] in r.path]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    verdict = await fake.original_edit_for(pressed, timeout=10)
    title = verdict.body["embeds"][0]["title"]
    assert title.startswith(("Right, patient!", "Not quite, patient."))


@pytest.fixture
def slower_round(engine: Engine) -> Iterator[None]:
    """Give questions asked in this test `ROUND_TIMEOUT` seconds before they reveal."""
    engine.quizzes.answer_seconds = ROUND_TIMEOUT
    yield
    engine.quizzes.answer_seconds = TIMEOUT


async def test_wrong_tries_in_a_round_do_not_put_off_the_reveal(
    bot: AnyBot, fake: FakeDiscord, engine: Engine, slower_round: None
) -> None:
    """Three members each try a wrong option during a round's question; each is told privately,
    and the answer is still revealed at the stated time, not `ROUND_TIMEOUT` after the last try
    (discord.py restarts a view's timeout on every press)."""
    question = await ask(fake, fake.member("host"), "!quiz round 3")
    posted = time.monotonic()
    right = correct_letter(engine, question)
    wrong = next(b for b in buttons(question.body) if b["label"] != right)
    last_try = posted
    for index, name in enumerate(("amna", "bilal", "chand")):
        await asyncio.sleep(max(0.0, posted + 0.8 * (index + 1) - time.monotonic()))
        pressed = await fake.press(fake.member(name), question.result, wrong["custom_id"])
        last_try = time.monotonic()
        note = await fake.followup_for(pressed)
        assert note.body["flags"] == EPHEMERAL
        assert "Not that one" in embed_text(note.body)
    path = f"/api/v10/channels/{question.result['channel_id']}/messages/{question.result['id']}"
    revealed = await fake.wait_for(
        lambda r: r.method == "PATCH" and r.path == path, timeout=2 * ROUND_TIMEOUT
    )
    assert "The answer:" in embed_text(revealed.body)
    assert time.monotonic() - last_try < ROUND_TIMEOUT - 1.0  # due ~0.6 s after the last try

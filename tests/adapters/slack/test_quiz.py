"""Study mode on Slack: `!quiz 1960s` posts four buttons, and an unanswered question reveals its
answer on its own — real slack_bolt against the fake Slack."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.core.engine import Engine
from bot.core.quiz.pending import Quizzes
from bot.store.store import Store
from bot.usage.log import Usage
from tests.adapters.slack.conftest import new_user, running_bot, settings_for
from tests.conftest import KNOWLEDGE
from tests.fakes.slack.server import FakeSlack

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]
TIMEOUT = 1.0


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder: Path = tmp_path_factory.mktemp("slack-quiz")
    usage = Usage(folder / "usage.sqlite3", retention_days=90, interval=0.02)
    engine = Engine(Store.open(KNOWLEDGE), usage=usage)
    engine.quizzes = Quizzes(seed=17, answer_seconds=TIMEOUT)
    yield engine
    usage.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeSlack, engine: Engine) -> AsyncIterator[asyncio.Task[int]]:
    async with running_bot(settings_for(fake), engine, fake) as task:
        yield task
    assert fake.errors == []


async def test_a_question_has_four_buttons_and_reveals_itself_in_time(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """The question's buttons are A–D; with no press, the answer and its fact follow."""
    ts = await fake.message(new_user(), "!quiz 1960s", channel="C0QUIZ")
    asked = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    labels = [
        e["text"]["text"]
        for b in asked.body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert labels[:4] == ["A", "B", "C", "D"]
    revealed = await fake.call(
        "chat.postMessage",
        lambda c: c.body.get("thread_ts") == ts and "The answer:" in c.body.get("text", ""),
    )
    assert "Challenges and Prospects" in str(revealed.body["blocks"]) or "Aslam" in str(
        revealed.body["blocks"]
    )

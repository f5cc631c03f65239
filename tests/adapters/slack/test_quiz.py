"""Study mode on Slack: `!quiz 1960s` posts four buttons; a press, or the time running out, turns
the question message itself into the answer (chat.update), and people are named as Slack shows
them — real slack_bolt against the fake Slack."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.adapters.interaction import START_YOUR_OWN
from bot.adapters.slack.inplace import REVEAL_TASK
from bot.core.engine import Engine
from bot.core.quiz.pending import Quizzes
from bot.store.store import Store
from bot.usage.log import Usage
from tests.adapters.slack.conftest import new_user, running_bot, settings_for
from tests.conftest import KNOWLEDGE
from tests.fakes.slack.server import TEAM, FakeSlack, Recorded

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]
REVEAL = 1.0  # seconds before an unanswered question shows its answer, in the reveal tests
PATIENT = 20.0  # long enough that no reveal comes while a test presses
WORKSPACE = "T0SECOND"  # a workspace of its own, for scores kept per workspace


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder: Path = tmp_path_factory.mktemp("slack-quiz")
    usage = Usage(folder / "usage.sqlite3", retention_days=90, interval=0.02)
    engine = Engine(Store.open(KNOWLEDGE), usage=usage)
    engine.quizzes = Quizzes(seed=17, answer_seconds=PATIENT)
    yield engine
    usage.close()


@pytest.fixture
def quick_reveal(engine: Engine) -> Iterator[None]:
    """Reveal unanswered questions after `REVEAL` seconds in this test."""
    engine.quizzes.answer_seconds = REVEAL
    yield
    engine.quizzes.answer_seconds = PATIENT


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeSlack, engine: Engine) -> AsyncIterator[asyncio.Task[int]]:
    async with running_bot(settings_for(fake), engine, fake) as task:
        yield task
    assert fake.errors == []


def buttons(call: Recorded) -> list[dict[str, Any]]:
    """Give the buttons of a message the bot sent, in order."""
    return [e for b in call.body["blocks"] if b["type"] == "actions" for e in b["elements"]]


def shown(call: Recorded) -> str:
    """Give all a message shows a reader (fallback and block texts; not button values)."""
    return "\n".join([call.body.get("text", ""), *_texts(call.body.get("blocks") or [])])


def _texts(part: Any) -> list[str]:
    if isinstance(part, list):
        return [t for p in part for t in _texts(p)]
    if isinstance(part, dict):
        own = [part["text"]] if isinstance(part.get("text"), str) else []
        return own + [t for k, v in part.items() if k != "value" for t in _texts(v)]
    return []


async def ask(
    fake: FakeSlack, user: str, channel: str, line: str = "!quiz 1960s", team: str = TEAM
) -> Recorded:
    """Ask a question in a channel; give the question message the bot posted."""
    ts = await fake.message(user, line, channel=channel, team=team)
    return await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)


async def press(
    fake: FakeSlack, user: str, question: Recorded, label: str, team: str = TEAM
) -> str:
    """Press the button labelled `label` on a message the bot posted; give its response_url."""
    button = next(b for b in buttons(question) if b["text"]["text"] == label)
    return await fake.click(
        user, button, channel=question.body["channel"], message_ts=question.answer["ts"],
        thread_ts=question.body.get("thread_ts"), team=team,
    )  # fmt: skip


async def answered(fake: FakeSlack, user: str, question: Recorded, label: str) -> Recorded:
    """Press `label` on a question and give the chat.update that showed the verdict."""
    await press(fake, user, question, label)
    ts = question.answer["ts"]
    return await fake.call("chat.update", lambda c: c.body.get("ts") == ts)


def updates(fake: FakeSlack, channel: str, ts: str) -> list[Recorded]:
    """Give the chat.update calls that edited one message."""
    return [
        c
        for c in fake.calls
        if c.method == "chat.update" and c.body.get("channel") == channel and c.body["ts"] == ts
    ]


async def test_a_press_turns_the_question_into_its_verdict_in_place(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """The asker presses A: the question message is updated (same ts) to the verdict, which
    names them by display name; nothing new is posted in the thread."""
    user = new_user()
    fake.person(user, display_name="Ayesha", real_name="Ayesha Khan", name="ayesha.k")
    question = await ask(fake, user, "C0PRESS")
    assert [b["text"]["text"] for b in buttons(question)][:4] == ["A", "B", "C", "D"]
    posted = len([c for c in fake.calls if c.method == "chat.postMessage"])
    await press(fake, user, question, "A")
    ts = question.answer["ts"]
    edit = await fake.call("chat.update", lambda c: c.body.get("ts") == ts)
    assert edit.body["channel"] == "C0PRESS"
    assert edit.body["text"].startswith(("Right, Ayesha!", "Not quite, Ayesha."))
    assert user not in shown(edit)
    assert [b["text"]["text"] for b in buttons(edit)] == ["Next", "Stop"]
    after = await ask(fake, user, "C0PRESS", "!sources")  # answered after anything the press sent
    assert [c for c in fake.calls if c.method == "chat.postMessage"][posted:] == [after]


async def test_next_asks_again_in_the_same_message(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """Next on the verdict replaces it, in place, with a new question and its A–D buttons."""
    user = new_user()
    question = await ask(fake, user, "C0NEXT")
    ts = question.answer["ts"]
    await press(fake, user, question, "B")
    verdict = await fake.call("chat.update", lambda c: c.body.get("ts") == ts)
    button = next(b for b in buttons(verdict) if b["text"]["text"] == "Next")
    await fake.click(user, button, channel="C0NEXT", message_ts=ts)
    await fake.wait_until(lambda: len(updates(fake, "C0NEXT", ts)) == 2)
    again = updates(fake, "C0NEXT", ts)[1]
    assert [b["text"]["text"] for b in buttons(again)][:4] == ["A", "B", "C", "D"]
    assert again.body["text"] == "Quiz: 1960s"


async def test_someone_elses_press_is_refused_privately(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """Another member's press on a solo question gets an ephemeral note; the question stays."""
    asker, other = new_user(), new_user()
    question = await ask(fake, asker, "C0OTHER")
    url = await press(fake, other, question, "C")
    refused = await fake.call(url)
    assert refused.body["response_type"] == "ephemeral"
    assert refused.body.get("replace_original") is not True
    assert START_YOUR_OWN in shown(refused)
    mine = await answered(fake, asker, question, "C")  # the asker's own press, after the other's
    assert updates(fake, "C0OTHER", question.answer["ts"]) == [mine]


async def test_an_unanswered_question_reveals_itself_in_place(
    fake: FakeSlack, bot: asyncio.Task[int], quick_reveal: None
) -> None:
    """With no press, the question message itself shows the answer and its sourced fact."""
    question = await ask(fake, new_user(), "C0REVEAL")
    ts = question.answer["ts"]
    revealed = await fake.call("chat.update", lambda c: c.body.get("ts") == ts)
    assert revealed.body["text"].startswith("The answer:")
    assert "Aslam" in shown(revealed) or "Challenges and Prospects" in shown(revealed)
    answers = [c for c in fake.calls if c.method == "chat.postMessage" and "The answer:"
               in c.body.get("text", "")]  # fmt: skip
    assert answers == []


def turned_away(engine: Engine) -> int:
    """Count the requests `stats` records as not answered (refused, usage, missed, error):
    a reveal run for a question already closed is one of them."""
    assert isinstance(engine.usage, Usage)
    outcomes = engine.usage.stats(days=1).outcomes
    return sum(n for outcome, n in outcomes.items() if outcome not in ("answered", "weak"))


async def reveal_elsewhere(fake: FakeSlack, channel: str) -> None:
    """Ask a question nobody answers and wait for its reveal: every reveal due before is past."""
    later = await ask(fake, new_user(), channel)
    ts = later.answer["ts"]
    revealed = await fake.call("chat.update", lambda c: c.body.get("ts") == ts)
    assert revealed.body["text"].startswith("The answer:")


async def test_an_answered_question_is_not_revealed_again(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine, quick_reveal: None
) -> None:
    """A press before the time runs out is the only edit, and its reveal never runs: `stats`
    counts no turned-away `quiz reveal` for it."""
    user = new_user()
    question = await ask(fake, user, "C0ANSWERED")
    await press(fake, user, question, "D")
    ts = question.answer["ts"]
    await fake.call("chat.update", lambda c: c.body.get("ts") == ts)
    before = turned_away(engine)
    await reveal_elsewhere(fake, "C0ANSWERED2")  # asked later, so revealed later
    assert len(updates(fake, "C0ANSWERED", ts)) == 1
    assert turned_away(engine) == before


async def test_next_then_stop_leaves_no_reveal_behind(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine, quick_reveal: None
) -> None:
    """Answer, Next (a new question in the same message), answer, Stop: neither question is
    revealed afterwards, and no request is turned away behind the player's back."""
    user = new_user()
    question = await ask(fake, user, "C0NEXTSTOP")
    ts = question.answer["ts"]
    verdict = await answered(fake, user, question, "A")
    for step, label in enumerate(("Next", "A", "Stop"), start=2):
        button = next(b for b in buttons(verdict) if b["text"]["text"] == label)
        await fake.click(user, button, channel="C0NEXTSTOP", message_ts=ts)
        await fake.wait_until(lambda: len(updates(fake, "C0NEXTSTOP", ts)) == step)  # noqa: B023
        verdict = updates(fake, "C0NEXTSTOP", ts)[-1]
    before = turned_away(engine)
    await reveal_elsewhere(fake, "C0NEXTSTOP2")
    assert len(updates(fake, "C0NEXTSTOP", ts)) == 4
    assert turned_away(engine) == before


async def test_quiz_top_shows_display_names(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """After two members answer, `quiz top` lists them as Slack names them, never by id."""
    named, plain = new_user(), new_user()
    fake.person(named, display_name="Bilal", real_name="Bilal Ahmed")
    fake.person(plain, display_name="", real_name="Sana Mir")  # no display name: the real one
    for user in (named, plain):
        question = await ask(fake, user, "C0TOP")
        await answered(fake, user, question, "A")
    top = await ask(fake, named, "C0TOP", "!quiz top")
    assert "Bilal" in shown(top) and "Sana Mir" in shown(top)
    assert named not in shown(top) and plain not in shown(top)


async def test_a_name_with_markup_is_escaped_once(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """A display name like `<!channel> & co` can ping nobody, and shows as typed."""
    user = new_user()
    fake.person(user, display_name="<!channel> & co")
    question = await ask(fake, user, "C0MARKUP")
    await press(fake, user, question, "A")
    ts = question.answer["ts"]
    verdict = await fake.call("chat.update", lambda c: c.body.get("ts") == ts)
    assert "<!channel>" not in shown(verdict)
    assert "&lt;!channel&gt; &amp; co" in verdict.body["text"]
    assert "&amp;lt;" not in shown(verdict)


async def test_without_users_info_a_press_names_the_presser_by_handle(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """users.info failing (an unknown user here), the verdict uses the press's `username`."""
    user = new_user()  # not in fake.users: users.info answers user_not_found
    question = await ask(fake, user, "C0NONAME")
    await press(fake, user, question, "A")
    ts = question.answer["ts"]
    verdict = await fake.call("chat.update", lambda c: c.body.get("ts") == ts)
    handle = user.lower()  # what the fake sends as the presser's `username`
    assert verdict.body["text"].startswith((f"Right, {handle}!", f"Not quite, {handle}."))
    assert user not in verdict.body["text"]


async def test_without_any_name_a_refusal_says_someone(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """Typed by another member, an answer is refused naming the asker — "someone" when Slack
    cannot name them, never their id."""
    asker, other = new_user(), new_user()  # the asker is unknown to users.info
    question = await ask(fake, asker, "C0TYPED")
    found = re.search(r"\((q\d+)\)", shown(question))
    assert found is not None
    await fake.message(other, f"!quiz answer {found.group(1)} a", channel="C0TYPED")
    refused = await fake.call("chat.postEphemeral", lambda c: c.body.get("user") == other)
    assert "That question is someone's." in shown(refused)
    assert asker not in shown(refused)


async def test_scores_are_per_workspace(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """A score made in one workspace is not on another workspace's leaderboard."""
    user = new_user()
    fake.person(user, display_name="Zara")
    question = await ask(fake, user, "C0WS1", team=WORKSPACE)
    await press(fake, user, question, "A", team=WORKSPACE)
    ts = question.answer["ts"]
    await fake.call("chat.update", lambda c: c.body.get("ts") == ts)
    here = await ask(fake, user, "C0WS1", "!quiz top", team=WORKSPACE)
    assert "Zara" in shown(here)
    there = await ask(fake, new_user(), "C0WS2", "!quiz top")
    assert "Zara" not in shown(there)


async def test_a_slash_quiz_is_answered_in_place_too(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """`/factbot quiz` posts the question by chat.postMessage (its ts is needed), and a press
    edits that message."""
    user = new_user()
    fake.person(user, display_name="Dua")
    await fake.slash(user, "quiz 1970s", channel="C0SLASHQ")
    question = await fake.call("chat.postMessage", lambda c: c.body["channel"] == "C0SLASHQ")
    await press(fake, user, question, "B")
    ts = question.answer["ts"]
    verdict = await fake.call("chat.update", lambda c: c.body.get("ts") == ts)
    assert verdict.body["text"].startswith(("Right, Dua!", "Not quite, Dua."))


async def test_a_press_on_a_message_chat_update_cannot_edit_replaces_it_by_response_url(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """chat.update refused (a message Slack does not let the bot edit), the verdict goes back
    through the press's response_url, replacing the original."""
    user = new_user()
    question = await ask(fake, user, "C0FALLBACK")
    button = next(b for b in buttons(question) if b["text"]["text"] == "A")
    url = await fake.click(user, button, channel="C0FALLBACK", message_ts="9.9")  # not the fake's
    replaced = await fake.call(url)
    assert replaced.body["replace_original"] is True
    assert replaced.body["text"].startswith(("Right, ", "Not quite, "))


async def test_stopping_the_bot_cancels_the_reveals_waiting(engine: Engine) -> None:
    """A bot stopped with a question open leaves no reveal running behind it (a Slack of its
    own, so that this bot, not the module's, gets the question)."""
    own = FakeSlack()
    await own.start()
    try:
        async with running_bot(settings_for(own), engine, own):
            await ask(own, new_user(), "C0SHUTDOWN")
            async with asyncio.timeout(10):  # set once chat.postMessage has given the ts
                while not _reveals("C0SHUTDOWN"):
                    await asyncio.sleep(0.01)
        assert _reveals("C0SHUTDOWN") == []
    finally:
        await own.stop()


def _reveals(channel: str) -> list[asyncio.Task[object]]:
    """Give the reveal tasks still alive for questions asked in `channel`."""
    name = f"{REVEAL_TASK}:{channel}"
    return [t for t in asyncio.all_tasks() if t.get_name() == name]

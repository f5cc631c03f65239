"""What a busy, flaky Slack does to the bot: rate limits, dropped sockets, a crowd at once."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.engine import Engine
from tests.adapters.slack.conftest import expected, new_user
from tests.fakes.slack.server import FakeSlack

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(120)]

CROWD = 200


async def test_rate_limited_post_is_retried(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """A 429 with Retry-After on chat.postMessage is retried, and the answer arrives."""
    fake.rate_limit_next["chat.postMessage"] = 1
    user = new_user()
    ts = await fake.message(user, "!sources", channel="C0LIMIT")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    refused = await fake.call("chat.postMessage (429)", lambda c: c.body.get("thread_ts") == ts)
    assert refused.at < sent.at
    assert sent.body["blocks"] == expected(engine, "sources", "", user).blocks


async def test_failed_post_does_not_stop_the_bot(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """A post refused even after retries is dropped; the next question is answered."""
    fake.rate_limit_next["chat.postMessage"] = 10
    await fake.message(new_user(), "!sources", channel="C0LOST")
    await fake.wait_until(lambda: fake.rate_limit_next["chat.postMessage"] <= 6, timeout=15)
    fake.rate_limit_next["chat.postMessage"] = 0
    user = new_user()
    ts = await fake.message(user, "!about", channel="C0LOST")
    await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts, timeout=15)
    assert not bot.done()


async def test_reconnects_after_the_server_closes_the_socket(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """When Slack closes the websocket, the bot opens a new one and answers the next message."""
    before = fake.connections
    opened = len([c for c in fake.calls if c.method == "apps.connections.open"])
    await fake.drop_connection()
    await fake.wait_until(lambda: fake.connections > before, timeout=10)
    user = new_user()
    ts = await fake.message(user, "!timeline 1970s", channel="C0AGAIN")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert len([c for c in fake.calls if c.method == "apps.connections.open"]) > opened
    assert sent.body["blocks"] == expected(engine, "timeline", "1970s", user).blocks


async def test_a_crowd_of_200_gets_200_right_answers(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """200 members asking at once in one channel each get their own correct, threaded answer."""
    users = [new_user() for _ in range(CROWD)]
    asks = ["timeline 1970s", "interests russia", "who bhutto", "sources"]
    sent = await asyncio.gather(*(
        fake.message(u, "!" + asks[n % len(asks)], channel="C0CROWD") for n, u in enumerate(users)
    ))  # fmt: skip
    threads = dict(zip(sent, range(CROWD), strict=True))
    await fake.wait_until(lambda: len(_answers(fake, threads)) == CROWD, timeout=30)
    answers = _answers(fake, threads)
    for ts, body in answers.items():
        n = threads[ts]
        command, _, args = asks[n % len(asks)].partition(" ")
        assert body["blocks"] == expected(engine, command, args, users[n]).blocks
    assert len(answers) == CROWD


async def test_slash_commands_in_a_crowd_are_all_acked_and_answered(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """200 slash commands at once are each acked once and each answered."""
    envelopes = await asyncio.gather(*(fake.slash(new_user(), "interests russia", "C0SLASHES")
                                       for _ in range(CROWD)))  # fmt: skip
    urls = {url for _, url in envelopes}
    await fake.wait_until(lambda: len({c.method for c in fake.calls} & urls) == CROWD, timeout=30)
    await fake.wait_until(lambda: all(e.acked_at is not None for e, _ in envelopes), timeout=30)
    assert len(envelopes) == CROWD


def _answers(fake: FakeSlack, threads: dict[str, int]) -> dict[str, dict[str, object]]:
    return {str(c.body["thread_ts"]): c.body for c in fake.calls
            if c.method == "chat.postMessage" and c.body.get("thread_ts") in threads}  # fmt: skip

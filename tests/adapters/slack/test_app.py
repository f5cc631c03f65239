"""The Slack bot as users meet it: real slack_bolt and slack_sdk clients against a fake Slack."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.adapters.interaction import NOT_YOURS
from bot.core.engine import Engine
from tests.adapters.slack.conftest import expected, new_user
from tests.fakes.slack.server import FakeSlack, Recorded

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]


def buttons(message: dict[str, object]) -> dict[str, dict[str, object]]:
    """The message's buttons by action id."""
    found: dict[str, dict[str, object]] = {}
    for block in message["blocks"]:  # type: ignore[attr-defined]
        if block["type"] == "actions":
            found |= {b["action_id"]: b for b in block["elements"]}
    return found


async def test_connects_with_the_app_token(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """The bot checks its xoxb- token and opens Socket Mode with its xapp- token."""
    await fake.call("auth.test")
    await fake.call("apps.connections.open")
    assert fake.connections >= 1


async def test_prefix_command_answers_in_a_thread(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """`!timeline 1970s` gets the 1970s events in a thread under the question."""
    user = new_user()
    ts = await fake.message(user, "!timeline 1970s", channel="C0PREFIX")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert sent.body["channel"] == "C0PREFIX"
    assert sent.body["blocks"] == expected(engine, "timeline", "1970s", user).blocks
    assert "1970s" in sent.body["text"]


async def test_slash_command_is_acked_then_answered_in_channel(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """`/factbot interests russia` is acked at once and answered in the channel."""
    user = new_user()
    envelope, url = await fake.slash(user, "interests russia")
    sent = await fake.call(url)
    await fake.wait_until(lambda: envelope.acked_at is not None, timeout=3)
    assert sent.body["response_type"] == "in_channel"
    assert sent.body["blocks"] == expected(engine, "interests", "russia", user, "slash").blocks


async def test_app_mention_is_answered(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """`@factbot who bhutto` is answered in a thread under the mention."""
    user = new_user()
    ts = await fake.mention(user, "who bhutto")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert sent.body["blocks"] == expected(engine, "who", "bhutto", user).blocks


async def test_direct_message_needs_no_prefix(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """A DM `sources` is answered in the DM, at top level."""
    user = new_user()
    await fake.message(user, "sources", channel="D0DIRECT", channel_type="im")
    sent = await fake.call("chat.postMessage", lambda c: c.body["channel"] == "D0DIRECT")
    assert sent.body.get("thread_ts") is None
    assert sent.body["blocks"] == expected(engine, "sources", "", user).blocks


async def test_bots_edits_and_other_prefixes_are_ignored(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """Bot messages, edits, joins and `?help` get no answer; the next real command does."""
    user = new_user()
    await fake.message(user, "!about", channel="C0QUIET", bot_id="B0OTHER")
    await fake.message(user, "!about", channel="C0QUIET", subtype="message_changed")
    await fake.message(user, "joined", channel="C0QUIET", subtype="channel_join")
    await fake.message(user, "?help", channel="C0QUIET")
    await fake.message(user, "!play despacito", channel="C0QUIET")
    ts = await fake.message(user, "!sources", channel="C0QUIET")
    await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    quiet = [c for c in fake.calls if c.body.get("channel") == "C0QUIET"]
    assert len(quiet) == 1


async def test_echoed_mentions_never_ping(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """`<!channel>`, `<!here>` and `<@U…>` typed into `who` come back escaped, inert."""
    user = new_user()
    typed = "!who &lt;!channel&gt; &lt;!here&gt; &lt;@U0VICTIM&gt; *bold* &lt;!subteam^S1&gt;"
    ts = await fake.message(user, typed, channel="C0SAFE")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    body = json.dumps(sent.body, ensure_ascii=False)
    assert "&lt;!channel&gt;" in body
    for ping in ("<!channel>", "<!here>", "<@U0VICTIM>", "<!subteam^S1>", "<!everyone>"):
        assert ping not in body


async def test_pages_turn_for_the_asker_only(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """▶ shows page 2 in place for the asker; anyone else gets an ephemeral refusal."""
    user = new_user()
    ts = await fake.message(user, "!timeline 1970s", channel="C0PAGES")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    next_button = buttons(sent.body)["page:next"]
    refused = await fake.call(await fake.click(new_user(), next_button, "C0PAGES"))
    turned = await fake.call(await fake.click(user, next_button, "C0PAGES"))
    assert refused.body["response_type"] == "ephemeral"
    assert refused.body.get("replace_original") is False
    assert NOT_YOURS in json.dumps(refused.body["blocks"], ensure_ascii=False)
    assert turned.body["replace_original"] is True
    assert turned.body["blocks"] == expected(engine, "timeline", "1970s", user, page=1).blocks


async def test_suggestion_buttons_run_the_suggestion(
    fake: FakeSlack, bot: asyncio.Task[int], engine: Engine
) -> None:
    """A did-you-mean button runs the suggested command for whoever pressed it."""
    user = new_user()
    ts = await fake.message(user, "!who khan", channel="C0SUGGEST")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    first = buttons(sent.body)["suggest:0"]
    answered = await fake.call(await fake.click(user, first, "C0SUGGEST", message_ts=ts))
    line = str(first["value"])
    name, _, args = line.partition(" ")
    assert answered.body["blocks"] == expected(engine, name, args, user).blocks


async def test_did_you_mean_on_a_near_miss(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """`!timline 1970s` gets an ephemeral did-you-mean for `!timeline`."""
    user = new_user()
    await fake.message(user, "!timline 1970s", channel="C0TYPO")
    note = await fake.call("chat.postEphemeral", lambda c: c.body.get("channel") == "C0TYPO")
    assert note.body["user"] == user
    assert "did you mean `!timeline`" in note.body["text"]


async def test_cooldown_says_when_to_try_again(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """The fourth command in a minute gets one "try again in N s" note, for the asker only."""
    user = new_user()
    asked = [await fake.message(user, "!sources", channel="C0BUSY") for _ in range(5)]
    note = await fake.call("chat.postEphemeral", lambda c: c.body.get("channel") == "C0BUSY")
    assert "try again in" in note.body["text"]
    after = await fake.message(new_user(), "!sources", channel="C0BUSY")  # someone else, later
    await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == after)
    answered = [c for c in _in(fake, "C0BUSY", "chat.postMessage") if c.body["thread_ts"] in asked]
    assert len(answered) == 3
    assert len(_in(fake, "C0BUSY", "chat.postEphemeral")) == 1


def _in(fake: FakeSlack, channel: str, method: str) -> list[Recorded]:
    return [c for c in fake.calls if c.method == method and c.body.get("channel") == channel]


def _looked_up(fake: FakeSlack, user: str) -> int:
    return sum(1 for c in fake.calls if c.method == "users.info" and c.body.get("user") == user)


async def test_a_name_is_looked_up_only_for_a_reply_that_shows_it(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """`!sources` never shows the asker's name, so Slack is not asked for it; a quiz, which
    names its player, asks once."""
    user = new_user()
    fake.person(user, display_name="Hina")
    ts = await fake.message(user, "!sources", channel="C0LAZY")
    await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert _looked_up(fake, user) == 0
    ts = await fake.message(user, "!quiz 1960s", channel="C0LAZY")
    await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert _looked_up(fake, user) == 1

"""Refused admin commands leave an INFO log line naming the command and the user id, no more."""

from __future__ import annotations

import logging

import pytest

from bot.adapters.discord.client import AnyBot
from bot.adapters.interaction import ADMINS_ONLY
from tests.fakes.discord import FakeDiscord

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]

SECRET_WORDS = "please-do-not-log-this-part"


def refusal_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage().startswith("refused admin command")]


async def test_a_prefix_refusal_is_logged_with_command_and_user_id(
    bot: AnyBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A member's `!reload …` is logged at INFO with `reload` and their id, not the rest."""
    caplog.set_level(logging.INFO)
    member = fake.member()
    sent = await fake.reply_to(
        await fake.say(member, f"!reload {SECRET_WORDS}", channel=fake.channel(20))
    )
    assert sent.body["content"] == ADMINS_ONLY
    lines = refusal_lines(caplog)
    assert [(r.levelname, r.getMessage()) for r in lines] == [
        ("INFO", f"refused admin command reload for user {member.id}")
    ]
    assert SECRET_WORDS not in caplog.text


async def test_a_slash_refusal_is_logged_with_command_and_user_id(
    bot: AnyBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A member's `/fact` is logged at INFO with `fact` and their id."""
    caplog.set_level(logging.INFO)
    member = fake.member()
    invoked = await fake.slash(member, "fact", fake.channel(22), action="undo")
    refused = await fake.callback_for(invoked)
    assert refused.body["data"]["content"] == ADMINS_ONLY
    assert [r.getMessage() for r in refusal_lines(caplog)] == [
        f"refused admin command fact for user {member.id}"
    ]


async def test_a_direct_message_refusal_is_logged(
    bot: AnyBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A member's `!kb check` in a DM is refused and logged with `kb` and their id."""
    caplog.set_level(logging.INFO)
    member = fake.member()
    sent = await fake.reply_to(await fake.say(member, "!kb check", channel="43", dm=True))
    assert sent.body["content"] == ADMINS_ONLY
    assert [r.getMessage() for r in refusal_lines(caplog)] == [
        f"refused admin command kb for user {member.id}"
    ]

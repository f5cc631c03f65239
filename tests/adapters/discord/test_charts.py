"""Charts on Discord: the PNG is attached to the answer and shown in its embed, by name."""

from __future__ import annotations

from typing import Any

import pytest

from bot.adapters.discord.client import AnyBot
from tests.charts.pngcheck import assert_picture
from tests.fakes.discord import FakeDiscord, Recorded

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(90)]


def shown_picture(sent: Recorded) -> bytes:
    """Give the attached PNG the first embed shows; assert the names match as Discord needs."""
    data = sent.body.get("data", sent.body)
    embed = data["embeds"][0]
    url = embed["image"]["url"]
    assert url.startswith("attachment://")
    name = url.removeprefix("attachment://")
    assert list(sent.files) == [name] and name.endswith(".png")
    assert [a["filename"] for a in data["attachments"]] == [name]
    return sent.files[name]


def button(message: Any, label: str) -> str:
    """Give the custom id of the button with this label on a message the bot sent."""
    for row in message["components"]:
        for item in row["components"]:
            if item.get("label") == label:
                return str(item["custom_id"])
    raise AssertionError(f"no {label!r} button")


async def test_prefix_timeline_chart_attaches_the_picture(bot: AnyBot, fake: FakeDiscord) -> None:
    """`!timeline 1960s chart` answers in text and shows the chart in the same embed."""
    asked = await fake.say(fake.member(), "!timeline 1960s chart", channel=fake.channel(30))
    sent = await fake.reply_to(asked, timeout=60)
    assert sent.body["embeds"][0]["title"] == "Timeline: 1960s"
    assert "Tashkent" in str(sent.body["embeds"][0])  # the text answer is all still there
    assert_picture(shown_picture(sent))


async def test_slash_chart_option_defers_then_sends_the_picture(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """`/timeline period:1970s chart:True` defers, then follows up with the chart attached."""
    interaction = await fake.slash(
        fake.member(), "timeline", fake.channel(31), period="1970s", chart=True
    )
    deferred = await fake.callback_for(interaction)
    assert deferred.body["type"] == 5
    sent = await fake.followup_for(interaction, timeout=60)
    assert sent.body["embeds"][0]["title"] == "Timeline: 1970s"
    assert_picture(shown_picture(sent))


async def test_a_timeline_without_chart_offers_a_chart_button(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """`!timeline 1980s` attaches nothing; pressing 📈 Chart answers with the picture."""
    member = fake.member()
    sent = await fake.reply_to(await fake.say(member, "!timeline 1980s", channel=fake.channel(32)))
    assert sent.files == {} and "image" not in sent.body["embeds"][0]
    pressed = await fake.press(member, sent.result, button(sent.result, "📈 Chart"))
    await fake.callback_for(pressed)
    charted = await fake.followup_for(pressed, timeout=60)
    assert charted.body["embeds"][0]["title"] == "Timeline: 1980s"
    assert_picture(shown_picture(charted))


async def test_climate_answers_with_text_and_chart(bot: AnyBot, fake: FakeDiscord) -> None:
    """`!mood` (an alias of climate) lists the articles' views and attaches their chart."""
    sent = await fake.reply_to(
        await fake.say(fake.member(), "!mood", channel=fake.channel(33)), timeout=60
    )
    embed = sent.body["embeds"][0]
    assert embed["title"] == "Relations over time, as each article tells it"
    assert "doldrums" in str(embed) or "According to" in str(embed)
    assert_picture(shown_picture(sent))


async def test_an_empty_period_gives_text_and_no_chart(bot: AnyBot, fake: FakeDiscord) -> None:
    """`!timeline 1930s chart` says nothing is there; no file is attached."""
    asked = await fake.say(fake.member(), "!timeline 1930s chart", channel=fake.channel(34))
    sent = await fake.reply_to(asked)
    assert sent.files == {}
    assert "Nothing in the timeline for" in sent.body["embeds"][0]["title"]

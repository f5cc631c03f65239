"""The real bot and the real discord.py client against the fake Discord: what users would see."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from bot.adapters.discord.client import AnyBot
from bot.adapters.discord.funnel import OUT_OF_DATE
from bot.adapters.interaction import ADMINS_ONLY, NOT_YOURS
from bot.core.replies import APOLOGY
from tests.adapters.discord.conftest import TRUSTED_USER_ID
from tests.adapters.discord.expected import (
    INTERESTS_RUSSIA,
    SEARCH_TASHKENT,
    TIMELINE_1970S,
    TIMELINE_OVERVIEW_PAGE_2,
    WHAT_DOES_RUSSIA_WANT,
    WHO_BHUTO,
    WHO_KHAN_AS_SLASH,
)
from tests.fakes.discord import FakeDiscord, Recorded

# Accepted, not refused: the title goes on "…, but not all of it is verified." without articles.
KB_CHECK_TITLE = "The knowledge files are valid"

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]

MESSAGE_CONTENT = 1 << 15
EPHEMERAL = 1 << 6


def pings_nobody(allowed: dict[str, object]) -> bool:
    """Discord pings no one when nothing may be parsed, listed or replied-to."""
    return (
        allowed.get("parse") == []
        and not set(allowed) - {"parse", "replied_user"}
        and (allowed.get("replied_user") is not True)
    )


def embeds(recorded: Recorded) -> list[Any]:
    """Give the embeds of a message or an interaction callback, as the fake received them."""
    data = recorded.body.get("data", recorded.body)
    return list(data.get("embeds") or [])


async def test_logs_in_through_the_configured_api(bot: AnyBot, fake: FakeDiscord) -> None:
    """The bot logs in, finds the gateway via GET /gateway/bot and identifies once."""
    assert bot.user is not None and str(bot.user.id) == fake.bot_user.id
    paths = [r.path for r in fake.requests]
    assert "/api/v10/users/@me" in paths
    assert "/api/v10/gateway/bot" in paths
    assert len(fake.gateway.identifies) == 1
    assert fake.gateway.identifies[0]["intents"] & MESSAGE_CONTENT


async def test_prefix_command_replies_with_an_embed(bot: AnyBot, fake: FakeDiscord) -> None:
    """`!timeline 1970s` is answered with its first page, as a reply that pings no one."""
    asked = await fake.say(fake.member(), "!timeline 1970s", channel=fake.channel(1))
    sent = await fake.reply_to(asked)
    assert embeds(sent) == [TIMELINE_1970S]
    assert pings_nobody(sent.body["allowed_mentions"])
    assert sent.body["message_reference"]["fail_if_not_exists"] is False


async def test_slash_command_answers_through_the_interaction(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """`/interests party:russia` is answered by an interaction callback with the embed."""
    interaction = await fake.slash(fake.member(), "interests", fake.channel(2), party="russia")
    sent = await fake.callback_for(interaction)
    assert sent.body["type"] == 4
    assert embeds(sent) == [INTERESTS_RUSSIA]
    assert pings_nobody(sent.body["data"]["allowed_mentions"])


async def test_slash_suggestions_are_shown_as_slash_commands(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """After `/who person:khan` the did-you-mean lines are filled-in slash commands, not `!`."""
    interaction = await fake.slash(fake.member(), "who", fake.channel(16), person="khan")
    assert embeds(await fake.callback_for(interaction)) == [WHO_KHAN_AS_SLASH]


async def test_prefix_suggestions_are_shown_with_the_prefix(bot: AnyBot, fake: FakeDiscord) -> None:
    """After `!who khan` the same did-you-mean lines are prefix commands."""
    sent = await fake.reply_to(await fake.say(fake.member(), "!who khan", channel=fake.channel(16)))
    assert embeds(sent)[0]["description"] == (
        "**Did you mean:** `!who Liaquat Ali Khan` · `!who Mohammad Ayub Khan` · `!who Yahya Khan`"
    )


AUTOCOMPLETE = [
    ("timeline", "period", "197", [{"name": "1970s — 6 events", "value": "1970s"}]),
    ("who", "person", "bhuto", [{"name": "Zulfikar Ali Bhutto", "value": "zulfikar-ali-bhutto"}]),
    ("interests", "party", "nat", [{"name": "NATO", "value": "nato"}]),
]


@pytest.mark.parametrize(("command", "option", "typed", "wanted"), AUTOCOMPLETE)
async def test_autocomplete_offers_choices_from_the_fact_base(
    bot: AnyBot,
    fake: FakeDiscord,
    command: str,
    option: str,
    typed: str,
    wanted: list[dict[str, str]],
) -> None:
    """Typing in a slash option gets the matching entries of the fact base as choices."""
    data = {"id": "1", "name": command, "type": 1,
            "options": [{"name": option, "type": 3, "value": typed, "focused": True}]}  # fmt: skip
    interaction = await fake.interact(4, data, user=fake.member(), channel=fake.channel(3))
    sent = await fake.callback_for(interaction)
    assert sent.body == {"type": 8, "data": {"choices": wanted}}


async def test_page_buttons_turn_pages_for_the_asker_only(bot: AnyBot, fake: FakeDiscord) -> None:
    """The asker's ▶ shows page 2; anyone else's press gets a private refusal."""
    asker, other = fake.member("asker"), fake.member("other")
    asked = await fake.say(asker, "!timeline", channel=fake.channel(4))
    sent = await fake.reply_to(asked)
    assert embeds(sent)[0]["footer"]["text"].endswith("\nPage 1/2")
    buttons = sent.body["components"][0]["components"]
    assert [b["custom_id"] for b in buttons] == [
        "page:first",
        "page:previous",
        "page:next",
        "page:last",
    ]
    pressed = await fake.callback_for(await fake.press(asker, sent.result, "page:next"))
    assert pressed.body["type"] == 7
    assert embeds(pressed) == [TIMELINE_OVERVIEW_PAGE_2]
    refused = await fake.callback_for(await fake.press(other, sent.result, "page:next"))
    assert refused.body["data"]["content"] == NOT_YOURS
    assert refused.body["data"]["flags"] == EPHEMERAL


async def test_page_buttons_are_disabled_after_the_timeout(bot: AnyBot, fake: FakeDiscord) -> None:
    """When the page buttons time out, the message is edited to show them disabled."""
    sent = await fake.reply_to(await fake.say(fake.member(), "!timeline", channel=fake.channel(13)))
    path = f"{sent.path}/{sent.result['id']}"
    edited = await fake.wait_for(lambda r: r.method == "PATCH" and r.path == path, timeout=10)
    buttons = edited.body["components"][0]["components"]
    assert all(b["disabled"] for b in buttons)


async def test_everyone_and_role_mentions_ping_nobody(bot: AnyBot, fake: FakeDiscord) -> None:
    """Echoed @everyone and role mentions are sent escaped, with mentions switched off."""
    role = fake.guild.member_role_id
    text = f"!search @everyone <@&{role}>"
    asked = await fake.say(fake.member(), text, channel=fake.channel(5), mention_everyone=True,
                           mention_roles=[role])  # fmt: skip
    sent = await fake.reply_to(asked)
    assert pings_nobody(sent.body["allowed_mentions"])
    shown = str(sent.body.get("content")) + str(embeds(sent))
    assert "@everyone" not in shown
    assert f"<@&{role}>" not in shown
    title = embeds(sent)[0]["title"]
    assert title.startswith("The articles never mention “everyone”")  # the word, not the ping


async def test_cooldown_tells_the_user_when_to_retry(bot: AnyBot, fake: FakeDiscord) -> None:
    """The fourth command within a minute gets "try again in N s" instead of an answer."""
    member = fake.member()
    for _ in range(3):
        await fake.reply_to(await fake.say(member, "!sources", channel=fake.channel(6)))
    sent = await fake.reply_to(await fake.say(member, "!sources", channel=fake.channel(6)))
    match = re.search(r"try again in (\d+) s", sent.body.get("content", ""))
    assert match is not None and 0 < int(match.group(1)) <= 60
    assert not embeds(sent)


async def test_channel_cooldown_spans_users(bot: AnyBot, fake: FakeDiscord) -> None:
    """The 26th command in one channel within a minute is held back, whoever sends it."""
    channel = fake.channel(7)
    for n in range(25):
        await fake.reply_to(await fake.say(fake.member(f"m{n}"), "!sources", channel=channel))
    sent = await fake.reply_to(await fake.say(fake.member("late"), "!sources", channel=channel))
    assert "try again in" in sent.body.get("content", "")


async def test_admin_command_is_refused_for_a_member(bot: AnyBot, fake: FakeDiscord) -> None:
    """A member gets a refusal for an admin command; an admin with Manage Server gets it run."""
    refused = await fake.reply_to(
        await fake.say(fake.member(), "!kb check", channel=fake.channel(8))
    )
    assert refused.body["content"] == ADMINS_ONLY
    answered = await fake.reply_to(
        await fake.say(fake.member("boss", admin=True), "!kb check", channel=fake.channel(8))
    )
    assert embeds(answered)[0]["title"].startswith(KB_CHECK_TITLE)


@pytest.mark.parametrize("who", ["listed user id", "listed role"])
async def test_admins_may_be_named_by_user_or_role(
    bot: AnyBot, fake: FakeDiscord, who: str
) -> None:
    """`admin_user_ids` and `admin_role_ids` make admins without Manage Server."""
    if who == "listed user id":
        admin = fake.member("trusted", user_id=str(TRUSTED_USER_ID))
    else:
        admin = fake.member("moderator", role=fake.guild.moderator_role_id)
    sent = await fake.reply_to(await fake.say(admin, "!kb check", channel=fake.channel(17)))
    assert embeds(sent)[0]["title"].startswith(KB_CHECK_TITLE)


async def test_admin_slash_command_refusal_is_private(bot: AnyBot, fake: FakeDiscord) -> None:
    """A member's `/kb` is refused with a message only they can see."""
    interaction = await fake.slash(fake.member(), "kb", fake.channel(8), action="check")
    sent = await fake.callback_for(interaction)
    assert sent.body["data"]["content"] == ADMINS_ONLY
    assert sent.body["data"]["flags"] == EPHEMERAL


async def test_resumes_after_the_gateway_drops(bot: AnyBot, fake: FakeDiscord) -> None:
    """After the gateway closes the socket the bot resumes and answers what was said meanwhile."""
    identifies, resumes = len(fake.gateway.identifies), len(fake.gateway.resumes)
    await fake.gateway.drop()
    asked = await fake.say(fake.member(), "!timeline 1970s", channel=fake.channel(9))
    sent = await fake.reply_to(asked, timeout=15)
    assert embeds(sent) == [TIMELINE_1970S]
    assert len(fake.gateway.resumes) == resumes + 1
    assert len(fake.gateway.identifies) == identifies


async def test_two_hundred_members_at_once_get_two_hundred_right_answers(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """200 members asking at the same moment each get the answer to their own question."""
    questions = [("timeline", "1970s"), ("interests", "russia"), ("who", "bhuto"),
                 ("search", "tashkent")]  # fmt: skip
    wanted = {
        ("timeline", "1970s"): [TIMELINE_1970S],
        ("interests", "russia"): [INTERESTS_RUSSIA],
        ("who", "bhuto"): [WHO_BHUTO],
        ("search", "tashkent"): [SEARCH_TASHKENT],
    }
    asks = [
        fake.say(fake.member(f"crowd{n}"), f"!{questions[n % 4][0]} {questions[n % 4][1]}",
                 channel=fake.channel(20 + n % 20))
        for n in range(200)
    ]  # fmt: skip
    sent = await asyncio.gather(*asks)
    replies = await asyncio.gather(*(fake.reply_to(m, timeout=30) for m in sent))
    for n, reply in enumerate(replies):
        assert embeds(reply) == wanted[questions[n % 4]]


async def test_a_failure_to_send_is_logged_with_context_and_survived(
    bot: AnyBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """When Discord refuses our reply, the error is logged with its context and we carry on."""
    locked = fake.channel(14)
    fake.read_only_channels.add(locked)
    member = fake.member()
    await fake.say(member, "!timeline 1970s", channel=locked)
    answer = await fake.wait_for(lambda r: r.method == "POST" and locked in r.path)
    apology = await fake.wait_for(
        lambda r: r.method == "POST" and locked in r.path and r is not answer
    )
    assert apology.body["content"] == APOLOGY
    await fake.reply_to(await fake.say(member, "!sources", channel=fake.channel(15)))
    failures = [r for r in caplog.records if r.levelname == "ERROR" and r.name == "factbot.discord"]
    assert failures and "'timeline'" in failures[0].getMessage()
    assert locked in failures[0].getMessage()


@pytest.mark.parametrize(
    ("name", "options"), [("retired", {}), ("interests", {"country": "russia"})]
)
async def test_out_of_date_slash_commands_ask_for_a_sync(
    bot: AnyBot, fake: FakeDiscord, name: str, options: dict[str, str]
) -> None:
    """A slash command Discord still has but we changed or dropped says to run `factbot sync`."""
    interaction = await fake.slash(fake.member(), name, fake.channel(18), **options)
    sent = await fake.callback_for(interaction)
    assert sent.body["data"]["content"] == OUT_OF_DATE
    assert sent.body["data"]["flags"] == EPHEMERAL


async def test_near_miss_gets_did_you_mean(bot: AnyBot, fake: FakeDiscord) -> None:
    """`!timline` gets a did-you-mean for `!timeline`."""
    sent = await fake.reply_to(
        await fake.say(fake.member(), "!timline 1970s", channel=fake.channel(10))
    )
    assert sent.body["content"] == "There is no `!timline` — did you mean `!timeline`?"


async def test_other_bots_commands_and_bot_authors_are_ignored(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """`!play` (another bot's command) and any message from a bot get no answer."""
    channel = fake.channel(11)
    member = fake.member()
    ignored = [
        await fake.say(member, "!play never gonna give you up", channel=channel),
        await fake.say(fake.member_bot(), "!about", channel=channel),
    ]
    last = await fake.say(member, "!sources", channel=channel)
    await fake.reply_to(last)
    for message in ignored:
        assert not [r for r in fake.requests if r.body.get("message_reference", {}).get(
            "message_id") == int(message["id"])]  # fmt: skip


async def test_about_shows_version_counts_uptime_and_load_time(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """`!about` lists the version, fact counts, uptime and when the fact base was loaded."""
    sent = await fake.reply_to(await fake.say(fake.member(), "!about", channel=fake.channel(12)))
    fields = {f["name"] for f in embeds(sent)[0]["fields"]}
    assert {"version", "facts", "uptime", "loaded at"} <= fields


async def test_direct_messages_are_answered(bot: AnyBot, fake: FakeDiscord) -> None:
    """With `dms: answer`, a DM gets the same answer as in a server."""
    asked = await fake.say(fake.member(), "!who bhuto", channel="42", dm=True)
    sent = await fake.reply_to(asked)
    assert sent.path == "/api/v10/channels/42/messages"
    assert embeds(sent) == [WHO_BHUTO]


async def test_plain_question_after_the_prefix_is_answered(bot: AnyBot, fake: FakeDiscord) -> None:
    """`!what does russia want` is read as a question and answered like `interests russia`."""
    sent = await fake.reply_to(
        await fake.say(fake.member(), "!what does russia want", channel=fake.channel(21))
    )
    assert embeds(sent) == [WHAT_DOES_RUSSIA_WANT]
    assert embeds(sent)[0]["title"] == INTERESTS_RUSSIA["title"] == "Russia's interests"

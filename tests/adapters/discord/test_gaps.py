"""Gaps on Discord: a session of real prefix commands fills the usage log, and the alias button
under `!gaps` fixes a miss — driven through the real bot and discord.py against the fake."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.adapters.discord.client import AnyBot
from bot.core.commands import ALL
from bot.core.engine import Engine
from bot.core.table import CommandTable
from bot.store.store import Store
from bot.usage.log import Usage
from tests.adapters.discord.conftest import settings_for
from tests.conftest import KNOWLEDGE, SEEDS
from tests.fakes.discord import FakeDiscord, Recorded, running_bot

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]

EPHEMERAL = 64
ALIAS_BUTTON = "1. Add “ruski” → Russia"


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("discord-gaps") / "knowledge"
    shutil.copytree(KNOWLEDGE, target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture(scope="module")
def engine(knowledge: Path) -> Iterator[Engine]:
    usage = Usage(knowledge.parent / "usage.sqlite3", retention_days=90, interval=0.02)
    yield Engine(Store.open(knowledge, SEEDS), CommandTable(ALL), usage)
    usage.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeDiscord, engine: Engine) -> AsyncIterator[AnyBot]:
    async with running_bot(settings_for(fake, cooldown={"rate": 50, "per": 60}), engine) as client:
        yield client
    assert fake.errors == []


def embed_text(sent: Recorded) -> str:
    data = sent.body.get("data", sent.body)
    embeds = data.get("embeds") or []
    assert embeds, sent.body
    return str(embeds[0])


def buttons(sent: Recorded) -> list[dict[str, Any]]:
    return [c for row in sent.body.get("components", []) for c in row["components"]]


async def ask(fake: FakeDiscord, who: Any, line: str) -> Recorded:
    return await fake.reply_to(await fake.say(who, line, channel=fake.channel(5)))


async def gaps_after_a_session(fake: FakeDiscord) -> Recorded:
    student = fake.member("student")
    assert "The articles never mention “ruski”" in embed_text(
        await ask(fake, student, "!search ruski")
    )
    await ask(fake, student, "!topic russia")
    await ask(fake, fake.member("another"), "!search russki")
    return await ask(fake, fake.member("boss", admin=True), "!gaps")


async def test_gaps_lists_the_session_s_misses_with_an_alias_button(
    bot: AnyBot, fake: FakeDiscord
) -> None:
    """`!gaps` shows `russki`/`ruski` as one gap of 2 and a button to add the retried `ruski`."""
    listed = await gaps_after_a_session(fake)
    assert "2×" in embed_text(listed) and "“russki” (also “ruski”)" in embed_text(listed)
    assert [b["label"] for b in buttons(listed)] == [ALIAS_BUTTON]


async def test_a_member_pressing_the_button_is_refused_privately(
    bot: AnyBot, fake: FakeDiscord, knowledge: Path
) -> None:
    """A member's press gets an ephemeral refusal and changes no file."""
    listed = await gaps_after_a_session(fake)
    before = (knowledge / "aliases.yaml").read_bytes()
    [button] = buttons(listed)
    pressed = await fake.press(fake.member("curious"), listed.result, button["custom_id"])
    deferred = await fake.callback_for(pressed)
    assert deferred.body["data"]["flags"] == EPHEMERAL
    refused = await fake.followup_for(pressed)
    assert "for admins only" in embed_text(refused)
    assert (knowledge / "aliases.yaml").read_bytes() == before


async def test_an_admin_pressing_the_button_adds_the_alias(
    bot: AnyBot, fake: FakeDiscord, knowledge: Path
) -> None:
    """The admin's press writes `ruski` into aliases.yaml, switches the button off, and
    `!search ruski` then answers."""
    listed = await gaps_after_a_session(fake)
    [button] = buttons(listed)
    pressed = await fake.press(fake.member("boss", admin=True), listed.result, button["custom_id"])
    done = await fake.followup_for(pressed)
    assert "Added “ruski” as an alias of `russia`" in embed_text(done)
    assert "Russian Federation, Russian, ruski]" in (knowledge / "aliases.yaml").read_text()
    path = f"/api/v10/channels/{listed.result['channel_id']}/messages/{listed.result['id']}"
    edited = await fake.wait_for(lambda r: r.method == "PATCH" and r.path == path)
    assert [b["disabled"] for b in buttons(edited)] == [True]
    answered = await ask(fake, fake.member("student"), "!search ruski")
    assert "never mention" not in embed_text(answered)

"""Admin edits through the real bot and discord.py against the fake Discord, on copied files."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.adapters.discord.client import AnyBot
from bot.adapters.interaction import ADMINS_ONLY
from bot.core.engine import Engine
from tests.adapters.discord.conftest import settings_for
from tests.conftest import KNOWLEDGE, engine_over, folder_bytes, needs_articles
from tests.fakes.discord import FakeDiscord, Recorded, running_bot

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.timeout(60),
    needs_articles,
]

ADD = (
    '!fact add event date=1999-05 text="Nawaz Sharif flew to Moscow to discuss the Taliban." '
    'sources=challenges-and-prospects evidence="since Pakistan\'s emergence in 1947" '
    "people=nawaz-sharif topics=diplomacy"
)
NEW_ID = "nawaz-sharif-flew-moscow-discuss-taliban-1999"


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Give this module its own copy of knowledge/ to edit."""
    target = tmp_path_factory.mktemp("discord-admin") / "knowledge"
    shutil.copytree(KNOWLEDGE, target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture(scope="module")
def engine(knowledge: Path) -> Engine:
    return engine_over(knowledge)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeDiscord, engine: Engine) -> AsyncIterator[AnyBot]:
    async with running_bot(settings_for(fake), engine) as client:
        yield client
    assert fake.errors == []


def first_embed(sent: Recorded) -> dict[str, object]:
    data = sent.body.get("data", sent.body)
    embeds = data.get("embeds") or []
    assert embeds, sent.body
    return dict(embeds[0])


async def test_admin_adds_a_fact_and_members_find_it_at_once(
    bot: AnyBot, fake: FakeDiscord, knowledge: Path
) -> None:
    """An admin's `!fact add` is written to events.yaml and the next `!search` shows it."""
    admin = fake.member("boss", admin=True)
    added = await fake.reply_to(await fake.say(admin, ADD, channel=fake.channel(30)))
    assert NEW_ID in str(first_embed(added)["title"])
    assert f"  - id: {NEW_ID}\n" in (knowledge / "events.yaml").read_text(encoding="utf-8")
    asked = await fake.say(fake.member(), "!search taliban nawaz flew", channel=fake.channel(31))
    found = first_embed(await fake.reply_to(asked))
    assert "Nawaz Sharif flew to Moscow to discuss the Taliban." in str(found)


async def test_admin_edit_changes_only_that_key(
    bot: AnyBot, fake: FakeDiscord, knowledge: Path
) -> None:
    """`!fact edit` rewrites the one line of the one entry, and says where."""
    before = (knowledge / "events.yaml").read_text(encoding="utf-8").splitlines()
    admin = fake.member("boss", admin=True)
    line = '!fact edit pakistan-emerges-1947 text="Pakistan was founded in 1947."'
    edited = await fake.reply_to(await fake.say(admin, line, channel=fake.channel(32)))
    assert "events.yaml:4" in str(first_embed(edited)["title"])
    after = (knowledge / "events.yaml").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    (text,) = [row for row in before if row.startswith("    text: Pakistan came into being")]
    assert changed == [(text, "    text: Pakistan was founded in 1947.")]


async def test_shown_entry_arrives_as_a_yaml_code_block(
    bot: AnyBot, fake: FakeDiscord, knowledge: Path
) -> None:
    """`!fact show` sends the entry's stored lines inside a ```yaml fence, unescaped."""
    lines = (knowledge / "events.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  - id: first-joint-military-exercise-2016")
    end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith("    "))
    admin = fake.member("boss", admin=True)
    asked = await fake.say(
        admin, "!fact show first-joint-military-exercise-2016", channel=fake.channel(34)
    )
    shown = first_embed(await fake.reply_to(asked))
    assert shown["description"] == "```yaml\n" + "\n".join(lines[start:end]) + "\n```"


async def test_member_cannot_edit(bot: AnyBot, fake: FakeDiscord, knowledge: Path) -> None:
    """A member's `!fact add` is refused and nothing on disk changes."""
    before = folder_bytes(knowledge)
    refused = await fake.reply_to(
        await fake.say(fake.member(), ADD.replace("1999-05", "1999-06"), channel=fake.channel(33))
    )
    assert refused.body["content"] == ADMINS_ONLY
    assert folder_bytes(knowledge) == before


FORM_ANSWERS = {
    "form:text": 'The "Moscow format" talks on Afghanistan included Pakistan.',
    "form:date": "2017-02",
    "form:sources": "challenges-and-prospects",
    "form:evidence": "since Pakistan's emergence in 1947",
    "form:tags": "topics=diplomacy parties=pakistan,afghanistan",
}


async def test_slash_add_opens_a_form_and_saves_its_answers(
    bot: AnyBot, fake: FakeDiscord, knowledge: Path
) -> None:
    """`/fact action:add` opens a modal; submitting it writes the entry and shows it as YAML."""
    admin = fake.member("boss", admin=True)
    invoked = await fake.slash(admin, "fact", fake.channel(35), action="add")
    opened = await fake.callback_for(invoked)
    assert opened.body["type"] == 9  # a modal
    assert opened.body["data"]["title"] == "Add event"
    submitted = await fake.submit_form(admin, opened, FORM_ANSWERS, channel=fake.channel(35))
    answer = first_embed(await fake.followup_for(submitted))
    saved = '    text: The "Moscow format" talks on Afghanistan included Pakistan.'
    lines = (knowledge / "events.yaml").read_text(encoding="utf-8").splitlines()
    assert saved in lines
    assert "    parties: [pakistan, afghanistan]" in lines
    assert str(answer["title"]).startswith("Added `")
    assert "```yaml\n" in str(answer["description"])
    assert saved in str(answer["description"]).split("\n")


async def test_member_gets_no_form(bot: AnyBot, fake: FakeDiscord, knowledge: Path) -> None:
    """A member's `/fact action:add` is refused privately; no modal opens."""
    invoked = await fake.slash(fake.member(), "fact", fake.channel(36), action="add")
    refused = await fake.callback_for(invoked)
    assert refused.body["type"] == 4
    assert refused.body["data"]["content"] == ADMINS_ONLY

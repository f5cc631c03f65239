"""`factbot run` and `factbot sync` as an operator runs them: a real process, a fake Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.config import DiscordSettings
from tests.adapters.discord.expected import INTERESTS_RUSSIA_SHIPPED, TIMELINE_1970S_SHIPPED
from tests.conftest import KNOWLEDGE, ROOT
from tests.fakes.discord import FakeDiscord, Recorded

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]

SHIPPED_PAGE_SIZE = 8  # the config file below leaves it unset; the *_SHIPPED payloads use it
TOKEN = "MTIz.fake-token-that-must-never-be-printed"


def config(tmp: Path, fake: FakeDiscord) -> Path:
    path = tmp / "config.yaml"
    path.write_text(
        f"knowledge: {KNOWLEDGE}\n"
        "discord:\n"
        f"  api_base: {fake.api_base}\n"
        f"  channels: [{fake.channel(0)}, '{fake.channel(1)}']\n"
        "  dms: refuse\n",
        encoding="utf-8",
    )
    return path


async def factbot(*args: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "DISCORD_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


class Running:
    """The `factbot run` process and the fake it talks to."""

    def __init__(self, fake: FakeDiscord, process: asyncio.subprocess.Process) -> None:
        self.fake, self.process = fake, process


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def running(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Running]:
    fake = FakeDiscord()
    await fake.start()
    process = await factbot("run", "--config", str(config(tmp_path_factory.mktemp("run"), fake)))
    try:
        await fake.wait_until(lambda: bool(fake.gateway.identifies), timeout=30)
        yield Running(fake, process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.stop()
    assert fake.errors == []


def embeds(recorded: Recorded) -> object:
    return recorded.body.get("data", recorded.body).get("embeds")


async def test_the_payloads_below_are_for_the_shipped_page_size() -> None:
    """The expected embeds assume the page size `factbot run` uses when none is configured."""
    assert DiscordSettings().page_size == SHIPPED_PAGE_SIZE


async def test_run_answers_a_prefix_command(running: Running) -> None:
    """`factbot run` answers `!timeline 1970s` with its first page at the shipped page size."""
    fake = running.fake
    sent = await fake.reply_to(await fake.say(fake.member(), "!timeline 1970s"))
    assert embeds(sent) == [TIMELINE_1970S_SHIPPED]


async def test_run_answers_a_slash_command(running: Running) -> None:
    """`factbot run` answers `/interests party:russia` through the interaction callback."""
    fake = running.fake
    sent = await fake.callback_for(await fake.slash(fake.member(), "interests", party="russia"))
    assert embeds(sent) == [INTERESTS_RUSSIA_SHIPPED]


async def test_dms_are_refused_politely_when_configured(running: Running) -> None:
    """With `dms: refuse` a DM gets a short note instead of an answer."""
    fake = running.fake
    sent = await fake.reply_to(await fake.say(fake.member(), "!about", channel="77", dm=True))
    assert "only answer in servers" in sent.body["content"]


async def test_channels_outside_the_list_are_ignored(running: Running) -> None:
    """A command in a channel not listed in `channels` gets no answer at all."""
    fake = running.fake
    member = fake.member()
    await fake.say(member, "!about", channel=fake.channel(5))
    await fake.reply_to(await fake.say(member, "!sources", channel=fake.channel(1)))
    assert not [r for r in fake.requests if fake.channel(5) in r.path]


async def test_sigterm_stops_cleanly_without_showing_the_token(running: Running) -> None:
    """SIGTERM closes the connection and exits 0; the token never appears in the output."""
    running.process.send_signal(signal.SIGTERM)
    out, err = await asyncio.wait_for(running.process.communicate(), 20)
    logs = (out + err).decode()
    assert running.process.returncode == 0, logs
    assert "stopped cleanly" in logs
    assert "Traceback" not in logs
    assert TOKEN not in logs


async def unreachable_run(tmp_path: Path) -> tuple[int | None, str]:
    """Run `factbot run` against an API root where nothing listens; give exit code and stderr."""
    path = tmp_path / "config.yaml"
    path.write_text(
        f"knowledge: {KNOWLEDGE}\ndiscord:\n  api_base: http://127.0.0.1:9/api/v10\n",
        encoding="utf-8",
    )
    process = await factbot("run", "--config", str(path))
    _, err = await asyncio.wait_for(process.communicate(), 30)
    return process.returncode, err.decode()


async def test_an_unreachable_api_base_is_one_line_and_exit_1(tmp_path: Path) -> None:
    """No server at `api_base`: one error line naming the host and the cause, exit 1."""
    code, err = await unreachable_run(tmp_path)
    assert code == 1, err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if "ERROR" in line]
    assert len(errors) == 1, err
    assert "cannot reach 127.0.0.1:9: Connect call failed" in errors[0]


async def test_start_shows_no_voice_warnings(tmp_path: Path) -> None:
    """A text bot says nothing about PyNaCl or davey when it starts."""
    _, err = await unreachable_run(tmp_path)
    assert "logging in using static token" in err
    assert "voice will NOT be supported" not in err


async def test_sync_registers_top_level_slash_commands(tmp_path: Path) -> None:
    """`factbot sync --guild` registers /timeline period:, /interests party:… with autocomplete."""
    fake = FakeDiscord()
    await fake.start()
    try:
        process = await factbot(
            "sync", "--config", str(config(tmp_path, fake)), "--guild", fake.guild.id
        )
        out, err = await asyncio.wait_for(process.communicate(), 30)
    finally:
        await fake.stop()
    assert process.returncode == 0, err.decode()
    commands = {c["name"]: c for c in fake.commands[fake.guild.id]}
    options = {name: [(o["name"], o.get("autocomplete", False)) for o in c.get("options", [])]
               for name, c in commands.items()}  # fmt: skip
    assert options["timeline"] == [("period", True), ("chart", False)]
    assert options["interests"] == [("party", True)]
    assert options["who"] == [("person", True)]
    assert "Synced" in out.decode()

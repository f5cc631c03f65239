"""`factbot run` with Slack tokens, as an operator runs it: a real process, a fake Slack."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import statistics
import sys
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.core.engine import Engine
from bot.store.store import Store
from tests.adapters.slack.conftest import expected
from tests.conftest import KNOWLEDGE, ROOT
from tests.fakes.slack.server import FakeSlack

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(90)]

BOT_TOKEN = "xoxb-secret-bot-token-never-printed"
APP_TOKEN = "xapp-secret-app-token-never-printed"
BURST = 200


class Running:
    def __init__(self, fake: FakeSlack, process: asyncio.subprocess.Process) -> None:
        self.fake, self.process = fake, process


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def running(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Running]:
    fake = FakeSlack()
    await fake.start()
    config = tmp_path_factory.mktemp("run") / "config.yaml"
    config.write_text(f"knowledge: {KNOWLEDGE}\nslack:\n  api_base: {fake.api_base}\n"
                      "  page_size: 6\n  cooldown: {rate: 100, per: 1}\n"
                      "  channel_cooldown: {rate: 1000, per: 1}\n", encoding="utf-8")  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env |= {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "PYTHONPATH": str(ROOT)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(config), cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await fake.wait_until(lambda: fake.connections > 0, timeout=30)
        yield Running(fake, process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.stop()
    assert fake.errors == []


def _shown(body: dict[str, object]) -> str:
    return json.dumps(body, ensure_ascii=False)[:600]


async def test_run_answers_a_prefix_command(running: Running) -> None:
    """`factbot run` answers `!timeline 1970s` in a thread with the 1970s events."""
    fake = running.fake
    ts = await fake.message("U0RUNNER1", "!timeline 1970s")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    print("\nchat.postMessage for !timeline 1970s:", _shown(sent.body))
    engine = Engine(Store.open(KNOWLEDGE))
    assert sent.body["blocks"] == expected(engine, "timeline", "1970s", "U0RUNNER1").blocks


async def test_run_answers_a_slash_command(running: Running) -> None:
    """`factbot run` acks `/factbot interests russia` and answers it in the channel."""
    fake = running.fake
    envelope, url = await fake.slash("U0RUNNER2", "interests russia")
    sent = await fake.call(url)
    print("\nresponse_url for /factbot interests russia:", _shown(sent.body))
    engine = Engine(Store.open(KNOWLEDGE))
    want = expected(engine, "interests", "russia", "U0RUNNER2", "slash")
    assert sent.body["response_type"] == "in_channel"
    assert sent.body["blocks"] == want.blocks
    await fake.wait_until(lambda: envelope.acked_at is not None, timeout=3)


async def test_run_acks_a_burst_of_slash_commands(running: Running) -> None:
    """200 slash commands at once are all acked and answered by the running process."""
    fake = running.fake
    sent = await asyncio.gather(*(fake.slash(f"U0B{n:05d}", "interests russia")
                                  for n in range(BURST)))  # fmt: skip
    urls = {url for _, url in sent}
    await fake.wait_until(lambda: len({c.method for c in fake.calls} & urls) == BURST, 60)
    await fake.wait_until(lambda: all(e.acked_at is not None for e, _ in sent))
    latencies = sorted((e.acked_at or 0) - e.sent_at for e, _ in sent)
    p50, p99 = statistics.median(latencies), latencies[int(BURST * 0.99) - 1]
    print(f"\nslash ack latency, {BURST} at once: p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")
    assert len(latencies) == BURST


async def test_sigterm_stops_cleanly_without_showing_the_tokens(running: Running) -> None:
    """SIGTERM closes the socket and exits 0; neither token appears in the output."""
    running.process.send_signal(signal.SIGTERM)
    out, err = await asyncio.wait_for(running.process.communicate(), 20)
    logs = (out + err).decode()
    assert running.process.returncode == 0, logs
    assert "Slack: stopped cleanly" in logs
    assert "Traceback" not in logs
    assert BOT_TOKEN not in logs and APP_TOKEN not in logs

"""How fast the real Discord adapter answers a crowd: N members ask at once, via the fake Discord.

Run: `.venv/bin/python -m benchmarks.discord_crowd [N]`. Prints replies per second and the
latency from dispatch to the reply reaching the (local) API, at the median and 95th percentile.
Everything runs on 127.0.0.1; the numbers include discord.py's own parsing and HTTP work.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from bot.config import Cooldown, DiscordSettings
from bot.core.engine import Engine
from bot.store.store import Store
from tests.fakes.discord import FakeDiscord, running_bot

QUESTIONS = ("!timeline 1970s", "!interests russia", "!who bhuto", "!search tashkent")
KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


async def crowd(count: int) -> None:
    fake = FakeDiscord()
    await fake.start()
    unlimited = Cooldown(rate=1_000_000, per=1)
    settings = DiscordSettings(
        api_base=fake.api_base, cooldown=unlimited, channel_cooldown=unlimited
    )
    engine = Engine(Store.open(KNOWLEDGE))
    async with running_bot(settings, engine):
        members = [fake.member(f"m{n}") for n in range(count)]
        started = time.perf_counter()
        asked = await asyncio.gather(
            *(
                fake.say(m, QUESTIONS[n % 4], channel=fake.channel(n % 40))
                for n, m in enumerate(members)
            )
        )
        latencies = await asyncio.gather(*(_latency(fake, message, started) for message in asked))
        elapsed = time.perf_counter() - started
    await fake.stop()
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"{count} questions answered in {elapsed:.2f} s: {count / elapsed:.0f} replies/s")
    print(f"latency median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")


async def _latency(fake: FakeDiscord, message: dict[str, object], started: float) -> float:
    await fake.reply_to(message, timeout=120)
    return time.perf_counter() - started


if __name__ == "__main__":
    asyncio.run(crowd(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))

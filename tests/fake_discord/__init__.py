"""A fake Discord API server for real-client tests: see `server.FakeDiscord`."""

from tests.fake_discord.payloads import User
from tests.fake_discord.server import FakeDiscord, Recorded

__all__ = ["FakeDiscord", "Recorded", "User"]

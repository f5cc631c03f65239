"""A fake Discord API server for real-client tests (see `server.FakeDiscord`), and a way to run
the production bot against it (`running_bot`)."""

from tests.fakes.discord.payloads import User
from tests.fakes.discord.running import running_bot
from tests.fakes.discord.server import FakeDiscord, Recorded

__all__ = ["FakeDiscord", "Recorded", "User", "running_bot"]

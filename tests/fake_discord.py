"""Old import path of the fake Discord, kept only for benchmarks/discord_crowd.py.

Delete it (and tests/discord/) once that benchmark imports `tests.fakes.discord` instead.
"""

from tests.fakes.discord import FakeDiscord, Recorded, User, running_bot

__all__ = ["FakeDiscord", "Recorded", "User", "running_bot"]

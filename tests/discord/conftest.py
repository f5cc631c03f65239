"""Old import path of `running_bot`, kept only for benchmarks/discord_crowd.py.

Delete this folder (and tests/fake_discord.py) once that benchmark imports
`from tests.fakes.discord import FakeDiscord, running_bot`. tests/conftest.py keeps pytest out of
this folder: the Discord tests live in tests/adapters/discord/.
"""

from tests.fakes.discord import running_bot

__all__ = ["running_bot"]

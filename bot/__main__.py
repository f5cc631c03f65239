"""Let `python -m bot` behave exactly like the `factbot` console script."""

from bot.cli import entry

entry()

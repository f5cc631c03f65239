"""The ways people reach the engine: the console, Discord and Slack, each rendering Replies its way.

Only `bot.cli` sits above the adapters and nothing below imports them, so a new chat platform is
one more folder here and the core stays as it is. `bot.cli` imports an adapter only in the
subcommand that runs it, so the console never pays for importing discord.py.
"""

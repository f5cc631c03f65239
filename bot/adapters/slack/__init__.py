"""The Slack adapter: Socket Mode (no public URL), Block Kit replies, page and suggestion buttons.

Entry point is `runner.serve`, started by `bot.adapters.runner` when both Slack tokens are set.
"""

"""The Discord adapter: hybrid commands from the engine's table, embeds with paging, safety.

Entry points are `runner.run` and `runner.sync` (used by `factbot run` / `factbot sync`);
`client.create_bot` + `client.start` are what tests drive against the fake Discord.
"""

"""Command families; each module registers its commands with `bot.core.registry.register`."""

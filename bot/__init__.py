"""factbot: sourced answers about Pakistan-Russia relations, for Discord and the console."""

__version__ = "0.1.0"

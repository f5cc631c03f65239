"""Support code for tests: stand-ins for the services the bot talks to (not tests themselves)."""

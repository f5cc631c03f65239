"""Usage data: what people asked, what the bot answered, and what it could not.

Events are captured on the event loop in microseconds (`Event`), written in batches by a
background thread into SQLite (`UsageDatabase`), and read back as `stats` and `gaps` reports.
Identities are stored only as salted hashes and questions only in their normalised form; see
`bot.usage.privacy`. The engine sees the small `UsageLog` interface, like it sees the Store.
"""

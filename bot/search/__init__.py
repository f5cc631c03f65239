"""Finding things in text: free-text search, name matching, typo correction, dates and periods.

Only `bot.errors` lies below it, and it imports nothing of the bot at all: it knows ids, words
and date spans, not facts. So the fact base can use its date model and near-miss ids, and the
store can build a snapshot's indexes from it, with every import pointing down.
"""

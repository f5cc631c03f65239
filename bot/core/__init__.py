"""Dispatch, platform-neutral: a Request in, a Reply out, whichever adapter asked.

`table.py` reads command names and `engine.py` turns every failure into a reply, each in one
place; `commands/` holds every command family and `replies.py` builds their replies one way.
The core serves what it is handed (a `Store`, a command table) and knows no chat platform, so
an adapter only translates, and a test drives the core with a store of its own.
"""

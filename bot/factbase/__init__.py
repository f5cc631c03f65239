"""The fact base: its records, how the knowledge files become them, and how an edit changes them.

`model.py` holds the immutable records every command reads; `load/` reads and checks a
knowledge folder into them; `edit/` is the whole way a chat edit reaches the disk. Snapshots,
caches and serving belong to the store above, which decides when to load and what to publish.
"""

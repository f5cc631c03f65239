"""The one boundary around the fact base: open, cache, index, reload, edit and publish it.

Everything above sees a `Store` and the `Snapshot` it serves now. What a million-entry base
needs to stay fast (binary caches, a child process, a paused collector, freeing in slices)
stays in here, mostly in `large/`, so the core and the adapters read plain code.
"""

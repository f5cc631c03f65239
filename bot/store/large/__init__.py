"""Only for a large fact base: load, reload and free it without stalling the event loop.

A child process parses and indexes (`child`), the collector is paused and frozen around the
big builds (`memory`), and an old snapshot is taken apart in slices (`retire`). The store takes
this path only when the knowledge files reach `LARGE_BYTES`; the real base never does.
"""

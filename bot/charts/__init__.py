"""Pictures of replies: a core `Chart` (plain data) in, PNG bytes out.

Sits beside the adapters, below them and above the core: the core never imports it, and no
layer below it may import matplotlib (`pyproject.toml`'s import contracts hold both).
"""

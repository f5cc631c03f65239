"""Where the bot keeps what it derives and what it records: never inside the knowledge folder.

The knowledge folder is the admins' git checkout; a cache or a log there shows up in their
`git status` and can end up committed. So, as operators expect of any Linux program:

- caches (the decoded fact base and its indexes: safe to delete, rebuilt at the next start)
  go under `$XDG_CACHE_HOME/factbot/` (default `~/.cache/factbot/`);
- state (the audit log of chat edits and the edit lock) goes under `$XDG_STATE_HOME/factbot/`
  (default `~/.local/state/factbot/`).

Each knowledge folder gets its own subfolder, named after the folder and a hash of its full
path, so two checkouts on one machine never share a cache or a history. `cache_dir` and
`state_dir` in the config replace the XDG roots.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

APP = "factbot"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def cache_root() -> Path:
    """Give `$XDG_CACHE_HOME/factbot`, falling back to `~/.cache/factbot` as the spec says."""
    return _xdg("XDG_CACHE_HOME", ".cache") / APP


def state_root() -> Path:
    """Give `$XDG_STATE_HOME/factbot`, falling back to `~/.local/state/factbot`."""
    return _xdg("XDG_STATE_HOME", ".local/state") / APP


def folder_key(folder: Path) -> str:
    """Name a knowledge folder's own subfolder: readable, and unique per absolute path."""
    full = str(folder.resolve())
    digest = hashlib.sha256(full.encode()).hexdigest()[:12]
    return f"{_UNSAFE.sub('_', folder.resolve().name)[:40]}-{digest}"


def cache_dir(folder: Path, root: Path | None = None) -> Path:
    """Give the folder's cache directory (not created here: writers create it on demand)."""
    return (root if root is not None else cache_root()) / folder_key(folder)


def state_dir(folder: Path, root: Path | None = None) -> Path:
    """Give the folder's state directory (the audit log and the edit lock live there)."""
    return (root if root is not None else state_root()) / folder_key(folder)


def _xdg(variable: str, fallback: str) -> Path:
    """Read an XDG base directory; the spec says to ignore a relative or empty value."""
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / fallback

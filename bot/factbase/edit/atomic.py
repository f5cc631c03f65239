"""Replace a file so that a crash at any instant leaves either the old or the new content.

The recipe is pip's `utils/filesystem.py`: write a temporary file beside the target (same
filesystem, so the rename is atomic), fsync it, `os.replace` it over the target, then fsync the
directory so the rename itself survives a power cut.

A process killed mid-write leaves its temporary file behind (`.events.yaml.k3j9x_2a.tmp`).
`remove_stale_temps` takes those away: only names of exactly this pattern, only files older than
any write takes, so a write in progress in another process is never touched.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import time
from pathlib import Path

_log = logging.getLogger("factbot.files")
STALE_AFTER_S = 120.0  # no write of ours takes this long, even of a 400 MB file
# `.` + the target's name + `.` + mkstemp's 8 random characters + `.tmp`
_OUR_TEMP = re.compile(r"^\.[^./][^/]*\.[a-z0-9_]{8}\.tmp$")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping the target's permission bits."""
    mode = _mode_of(path)
    # A dot-name: the loader and the watcher skip hidden files, so a leftover is never loaded.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_directory(path.parent)


def fsync_directory(folder: Path) -> None:
    """Persist a directory entry change (a rename or a new file); a no-op where unsupported."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _mode_of(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0o644 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove_stale_temps(folder: Path, older_than_s: float = STALE_AFTER_S) -> list[str]:
    """Delete the temporary files crashed writes left in `folder`; give their names."""
    now = time.time()
    removed = []
    try:
        candidates = [p for p in folder.iterdir() if _OUR_TEMP.match(p.name)]
    except OSError:
        return []
    for path in candidates:
        try:
            info = path.lstat()
            if not path.is_file() or path.is_symlink() or now - info.st_mtime < older_than_s:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path.name)
    if removed:
        _log.info("removed %d stale temporary file(s) in %s: %s", len(removed), folder, removed)
    return removed

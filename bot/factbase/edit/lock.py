"""The edit lock: one writer at a time across threads and processes, queued, never refused.

A thread lock for this process's threads, then a file lock (in the state directory) for other
processes. Each edit holds it only to re-check and write, so a queue of fifty admins drains in
seconds; an edit waits its turn however long that takes, and `on_wait` hears once that it is
queued, so the admin is told why nothing has happened yet. A process that dies releases the
file lock with its file descriptor.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from bot.errors import UserError

_log = logging.getLogger("factbot.writer")
LOCK_NAME = "edit.lock"
NOTICE_AFTER_S = 1.0  # a wait longer than this is worth telling the admin about
# Waiters poll the file lock (filelock is not fair): often enough that a freed lock is taken at
# once, rarely enough that fifty queued processes leave the CPU to the one holding it.
POLL_S = 0.03


class EditLock:
    """Serialise edits of one knowledge folder; remembers how long the last holder waited."""

    def __init__(
        self, folder: Path, state: Path, on_wait: Callable[[], object] | None = None
    ) -> None:
        """Lock edits of `folder` through a lock file in `state`, outside the folder."""
        self.folder = folder
        self.on_wait = on_wait
        self.waited_s = 0.0
        self.thread = threading.RLock()
        self._state = state
        self._file = FileLock(str(state / LOCK_NAME), poll_interval=POLL_S)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold both locks: threads of this process, then other processes."""
        with self.thread:
            try:
                self._state.mkdir(parents=True, exist_ok=True)
                self.waited_s = self._acquire()
            except OSError as exc:  # e.g. a read-only folder
                raise UserError(f"Cannot edit {self.folder} ({exc.strerror or exc}).") from exc
            try:
                yield
            finally:
                self._file.release()

    def _acquire(self) -> float:
        """Take the file lock however long other edits hold it; give the seconds waited."""
        started = time.monotonic()
        try:
            self._file.acquire(timeout=NOTICE_AFTER_S)
            return 0.0
        except Timeout:
            _log.info("waiting for other edits of %s to finish", self.folder)
            if self.on_wait is not None:
                self.on_wait()
        self._file.acquire(timeout=-1)
        return time.monotonic() - started

"""Write usage events in batches on a background thread, so the event loop only appends to a queue.

`record` costs one `SimpleQueue.put` on the caller's thread. The writer thread wakes every
`interval` seconds (not on every event: waking per event would compete with the event loop for
the GIL), hashes and normalises the batch, and stores it in one transaction.

Nothing here may take the bot down. A locked database (another process mid-transaction beyond
the busy timeout) keeps the batch for the next round, up to `MAX_PENDING` events; a file that is
not a database, or a folder that cannot be written, is logged once and recording stops, while the
bot keeps answering.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from pathlib import Path

from bot.usage.database import Row, UsageDatabase, now, row_of
from bot.usage.events import Event
from bot.usage.privacy import Hasher, load_salt

_log = logging.getLogger("factbot.usage")

MAX_PENDING = 50_000  # events kept while the database is locked; the oldest go first beyond it
PRUNE_EVERY = 3_600.0  # seconds between retention sweeps


class Recorder:
    """Queues events and writes them from one daemon thread until `close`."""

    def __init__(
        self,
        database: UsageDatabase,
        salt_path: Path,
        retention_days: int,
        interval: float = 1.0,
    ) -> None:
        """Start the writer thread (the file is opened there, never on the caller's thread)."""
        self.database = database
        self.retention_days = retention_days
        self.interval = interval
        self.broken = ""  # why recording stopped, once it has
        self._salt_path = salt_path
        self._queue: queue.SimpleQueue[Event | None] = queue.SimpleQueue()
        self._pending: list[Row] = []
        self._hasher: Hasher | None = None
        self._written = threading.Condition()
        self._started = self._done = 0  # rounds begun and finished, for `flush`
        self._wake = threading.Event()  # set by `flush` and `close`: write now, not at the tick
        self._waiting = False  # the last write failed for a passing reason (a lock)
        self._thread = threading.Thread(target=self._run, name="factbot-usage", daemon=True)
        self._thread.start()

    def record(self, event: Event) -> None:
        """Queue one event; never blocks, never raises."""
        self._queue.put(event)

    def flush(self, timeout: float = 10.0) -> None:
        """Write everything queued so far now, and wait until it is written (or has failed)."""
        with self._written:
            target = self._started + 1  # the first round to drain after this moment
            self._wake.set()
            self._written.wait_for(lambda: self._done >= target or self.broken != "", timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Write what is queued and stop the thread."""
        self._queue.put(None)
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        stop = threading.Event()
        last_prune = 0.0
        while not stop.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            with self._written:
                self._started += 1
                number = self._started
            events = self._drain(stop)
            if not self.broken:
                last_prune = self._write(events, last_prune)
            with self._written:
                self._done = number
                self._written.notify_all()
            if self.broken:
                self._discard_until_closed(stop)

    def _drain(self, stop: threading.Event) -> list[Event]:
        events: list[Event] = []
        while True:
            try:
                event = self._queue.get_nowait()
            except queue.Empty:
                return events
            if event is None:
                stop.set()
            else:
                events.append(event)

    def _write(self, events: list[Event], last_prune: float) -> float:
        """Store the pending rows; give when retention last ran."""
        try:
            hasher = self._hasher = self._hasher or Hasher(load_salt(self._salt_path))
            self._pending.extend(row_of(e, hasher) for e in events)
            del self._pending[:-MAX_PENDING]
            with self.database.connect() as connection:
                if self._pending:
                    self.database.write(connection, self._pending)
                    self._pending = []
                if now() - last_prune >= PRUNE_EVERY:
                    gone = self.database.prune(connection, self.retention_days, now())
                    if gone:
                        _log.info(
                            "usage: pruned %d requests older than %d days",
                            gone,
                            self.retention_days,
                        )
                    last_prune = now()
            self._waiting = False
        except sqlite3.OperationalError as exc:  # locked or busy: keep the rows for next time
            if not self._waiting:  # once per spell, not once a second
                _log.warning("usage: cannot write yet, will retry (%s)", exc)
            self._waiting = True
        except (sqlite3.DatabaseError, OSError, ValueError) as exc:
            self._stop_recording(f"{self.database.path}: {exc}")
        return last_prune

    def _stop_recording(self, why: str) -> None:
        self.broken = why
        self._pending = []
        _log.error("usage: recording stopped, the bot keeps answering without it (%s)", why)

    def _discard_until_closed(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if self._queue.get() is None:
                stop.set()
        with self._written:
            self._written.notify_all()

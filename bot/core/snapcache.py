"""Keep a snapshot's indexes on disk beside the cached fact base, so a large base starts fast.

Decoding 100k cached entries takes ~0.6 s, but building their indexes (search postings, typo
table, date order, name matchers) took ~8 s more at every start. The indexes are plain arrays
and lists (`SnapshotTable`), so they are stored next to the fact base cache and read back in a
fraction of a second.

The file is keyed by the fact base cache's own key (every input of validation) plus the code
that builds the indexes and the fact order they number, and carries a digest of its body: a
stale, truncated or corrupt file is ignored and rebuilt, never trusted. Indexes read back are
exactly the ones built: `build_snapshot` opens the same `SnapshotTable` a cache hit decodes.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import msgspec

from bot.core.snapshot import Snapshot, SnapshotTable, build_snapshot, build_table, open_snapshot
from bot.factbase.atomic import write_atomic
from bot.factbase.cache import cache_path, load_keyed
from bot.factbase.memory import paused_gc
from bot.factbase.model import FactBase
from bot.search.packed import decode_array, encode_array

log = logging.getLogger(__name__)

INDEX_FILE = "indexes.msgpack"
MAGIC = b"factbot-indexes-1\n"
_HEADER = len(MAGIC) + 64
_ROOT = Path(__file__).resolve().parents[1]
# The code that decides what the indexes hold: any change must invalidate every stored copy.
_CODE = (_ROOT / "core" / "snapshot.py", *sorted((_ROOT / "search").glob("*.py")))


def index_path(folder: Path) -> Path:
    """Keep the indexes beside the fact base cache (git-ignored, skipped by the loader)."""
    return cache_path(folder).with_name(INDEX_FILE)


def index_key(base_key: bytes, fb: FactBase) -> bytes:
    """Key the indexes by the base's cache key, the index code, and the order facts are numbered."""
    h = hashlib.blake2b(digest_size=32)
    h.update(MAGIC + msgspec.__version__.encode() + base_key)
    for path in _CODE:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update("\n".join(fb.facts).encode())
    return h.digest()


def load_snapshot(folder: Path, seeds: Path | None = None) -> Snapshot:
    """Load a folder through both caches; raise KnowledgeError exactly as `load` does."""
    fb, base_key = load_keyed(folder, seeds)
    if base_key is None:  # the files changed while being read: nothing to key the indexes by
        return build_snapshot(fb)
    key, path = index_key(base_key, fb), index_path(folder)
    table = read_table(path, key)
    if table is None:
        table = build_table(fb)
        write_table(path, key, table)
    return open_snapshot(fb, table)


def write_table(path: Path, key: bytes, table: SnapshotTable) -> None:
    """Write atomically; a cache that cannot be written (read-only folder) is skipped."""
    body = msgspec.msgpack.Encoder(enc_hook=encode_array).encode(table)
    try:
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, MAGIC + key + hashlib.sha256(body).digest() + body)
    except OSError as exc:
        log.info("index cache not written (%s); start-up stays correct, only slower", exc)


def read_table(path: Path, key: bytes) -> SnapshotTable | None:
    """Give the stored indexes if the file is intact and was built for exactly this base."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[: len(MAGIC)] != MAGIC or data[len(MAGIC) : len(MAGIC) + 32] != key:
        return None
    body = memoryview(data)[_HEADER:]
    if hashlib.sha256(body).digest() != data[len(MAGIC) + 32 : _HEADER]:
        log.warning("ignoring corrupt index cache %s", path)
        return None
    try:
        with paused_gc():
            decoder = msgspec.msgpack.Decoder(SnapshotTable, dec_hook=decode_array)
            return decoder.decode(body)
    except (msgspec.DecodeError, msgspec.ValidationError, NotImplementedError) as exc:
        log.warning("ignoring unreadable index cache %s (%s)", path, exc)
        return None

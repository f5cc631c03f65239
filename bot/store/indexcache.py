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
import time
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
from msgspec.structs import replace

from bot.factbase.model import FactBase
from bot.search.index import SearchTable
from bot.search.matcher import MatcherTable
from bot.search.packed import FLOAT, INT, Ints, decode_array, encode_array
from bot.search.spans import SpanArrays
from bot.search.typos import TypoTable
from bot.store.basecache import load_keyed, read_framed, write_framed
from bot.store.snapshot import Snapshot, SnapshotTable, build_table, open_snapshot

log = logging.getLogger(__name__)

INDEX_FILE = "indexes.msgpack"
MAGIC = b"factbot-indexes-2\n"
STRINGS_CHUNK = 40_000
BYTES_CHUNK = 2_000_000
# Each part of a SnapshotTable but the groups is a frame of its own, decoded as its type.
_PARTS: dict[str, Any] = {
    "spans": SpanArrays,
    "quotes": Ints,
    "climate": Ints,
    "people": Ints,
    "person_words": dict[str, list[str]],
    "matchers": dict[str, MatcherTable],
    "search": SearchTable,
    "counts": dict[str, int],
}
_BOT = Path(__file__).resolve().parents[1]
# The code that decides what the indexes hold: any change must invalidate every stored copy.
_CODE = (
    _BOT / "store" / "snapshot.py",
    _BOT / "store" / "indexcache.py",  # the file layout
    *sorted((_BOT / "search").glob("*.py")),
)


def index_path(cache: Path) -> Path:
    """Keep the indexes beside the fact base cache, in the folder's cache directory."""
    return cache / INDEX_FILE


def index_key(base_key: bytes, fb: FactBase) -> bytes:
    """Key the indexes by the base's cache key, the index code, and the order facts are numbered."""
    h = hashlib.blake2b(digest_size=32)
    h.update(MAGIC + msgspec.__version__.encode() + base_key)
    for path in _CODE:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update("\n".join(fb.facts).encode())
    return h.digest()


def load_snapshot(folder: Path, seeds: Path | None, cache: Path) -> Snapshot:
    """Load a folder through both caches; raise KnowledgeError exactly as `load` does."""
    fb, table = load_indexed(folder, seeds, cache)
    return open_snapshot(fb, table)


def load_indexed(folder: Path, seeds: Path | None, cache: Path) -> tuple[FactBase, SnapshotTable]:
    """Give the folder's fact base and its indexes, each read from the cache or built.

    What is built is stored for the next start, unless the files changed while being read.
    """
    fb, base_key = load_keyed(folder, seeds, cache)
    if base_key is None:  # the files changed while being read: nothing to key the indexes by
        return fb, build_table(fb)
    key, path = index_key(base_key, fb), index_path(cache)
    table = read_table(path, key)
    if table is None:
        table = build_table(fb)
        write_table(path, key, table)
    return fb, table


def write_table(path: Path, key: bytes, table: SnapshotTable) -> None:
    """Write atomically; a cache that cannot be written (read-only folder) is skipped."""
    write_framed(path, MAGIC, key, _frames(table), "index cache")


def read_table(path: Path, key: bytes) -> SnapshotTable | None:
    """Give the stored indexes if the file is intact and was built for exactly this base."""
    frames = read_framed(path, MAGIC, key, "index cache")
    if frames is None:
        return None
    try:
        return _decode(frames)
    except (msgspec.MsgspecError, NotImplementedError, ValueError, StopIteration) as exc:
        log.warning("ignoring unreadable index cache %s (%s)", path, exc)
        return None


def _frames(table: SnapshotTable) -> Iterator[bytes]:
    """Cut a table into frames a reload decodes in a few ms each, never holding the GIL long.

    One frame per part, each group apart, the long string lists (search terms, typo words and
    deletion keys: ~400k strings at 100k entries) in chunks, then the postings' raw bytes in
    chunks.
    """
    encoder = msgspec.msgpack.Encoder(enc_hook=encode_array)
    lists = _string_lists(table)
    stripped = _with_string_lists(table, [[] for _ in lists])
    stripped = replace(
        stripped, search=replace(stripped.search, docs=array(INT), weights=array(FLOAT))
    )
    for name in _PARTS:
        yield encoder.encode(getattr(stripped, name))
    yield encoder.encode(list(table.groups))
    for group in table.groups.values():
        yield encoder.encode(group)
    yield encoder.encode([len(strings) for strings in lists])
    every = [s for strings in lists for s in strings]
    for start in range(0, len(every), STRINGS_CHUNK):
        yield encoder.encode(every[start : start + STRINGS_CHUNK])
    for postings in (table.search.docs, table.search.weights):
        raw = postings.tobytes()
        yield encoder.encode(len(raw))
        for start in range(0, len(raw), BYTES_CHUNK):
            yield raw[start : start + BYTES_CHUNK]


def _decode(frames: list[memoryview]) -> SnapshotTable:
    queue = iter(frames)
    parts: dict[str, Any] = {}
    for name, kind in _PARTS.items():
        parts[name] = msgspec.msgpack.Decoder(kind, dec_hook=decode_array).decode(next(queue))
        time.sleep(0)  # let the event loop's thread run between slices
    group = msgspec.msgpack.Decoder(dict[str, Ints], dec_hook=decode_array)
    groups: dict[str, dict[str, Ints]] = {}
    for name in msgspec.msgpack.Decoder(list[str]).decode(next(queue)):
        groups[name] = group.decode(next(queue))
        time.sleep(0)
    stripped = SnapshotTable(groups=groups, **parts)
    counts = msgspec.msgpack.Decoder(list[int]).decode(next(queue))
    chunk = msgspec.msgpack.Decoder(list[str])
    every: list[str] = []
    while len(every) < sum(counts):
        every += chunk.decode(next(queue))
        time.sleep(0)  # let the event loop's thread run between slices
    if sum(counts) != len(every) or len(counts) != len(_string_lists(stripped)):
        raise ValueError("string lists do not add up")
    lists, at = [], 0
    for count in counts:
        lists.append(every[at : at + count])
        at += count
    docs, weights = _postings(queue, INT), _postings(queue, FLOAT)
    table = _with_string_lists(stripped, lists)
    return replace(table, search=replace(table.search, docs=docs, weights=weights))


def _postings(queue: Iterator[memoryview], typecode: str) -> array[Any]:
    """Read one array stored as its byte length and then raw chunks."""
    size = msgspec.msgpack.Decoder(int).decode(next(queue))
    found = array(typecode)
    while len(found) * found.itemsize < size:
        found.frombytes(next(queue))
        time.sleep(0)
    if len(found) * found.itemsize != size:
        raise ValueError("postings do not add up")
    return found


def _string_lists(table: SnapshotTable) -> list[list[str]]:
    """Gather the long string lists, which `_frames` stores apart in chunks, in a fixed order.

    Search terms, then each typo table's words and keys (search's first, then the matchers' by
    name); `_with_string_lists` puts them back in the same order.
    """
    typos = [table.search.typos, *(table.matchers[name].words for name in sorted(table.matchers))]
    return [table.search.terms, *(strings for t in typos for strings in (t.words, t.keys))]


def _with_string_lists(table: SnapshotTable, lists: list[list[str]]) -> SnapshotTable:
    """Give `table` with its long string lists replaced, in `_string_lists` order."""

    def typos(t: TypoTable, at: int) -> TypoTable:
        return replace(t, words=lists[at], keys=lists[at + 1])

    search = replace(table.search, terms=lists[0], typos=typos(table.search.typos, 1))
    matchers = {
        name: replace(table.matchers[name], words=typos(table.matchers[name].words, 3 + 2 * n))
        for n, name in enumerate(sorted(table.matchers))
    }
    return replace(table, search=search, matchers=matchers)

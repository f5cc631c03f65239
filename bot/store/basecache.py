"""A binary cache of the validated fact base, so a large base starts in a fraction of a second.

Parsing and validating YAML costs ~30 s for 100k entries; decoding the same base from
MessagePack takes ~0.5 s. The cache is keyed by a hash of everything validation depends on (each
knowledge file's name and bytes, the schema, the source articles, and the code that parses and
validates them), and is written only after a load that found no problems: a hit may skip
validation because the identical input already passed it. A missing, stale, truncated or corrupt
cache is ignored and rebuilt (so is one for the same folder reached by another path, since
entries record their file's path); a cache that cannot be written (read-only folder) is
simply skipped.

File layout: MAGIC, the 32-byte key, the 32-byte digest of the body, then the body: frames of
(4-byte length, MessagePack). Frame 0 holds every table but the facts; the further frames hold
the facts as compact rows in slices (`bot.store.rows`), so a reload thread decodes in calls
short enough that the event loop keeps getting the GIL (one 0.5 s decode call would stall it
for 0.5 s).

Not pickle: a cache file must never be able to run code, and msgspec decodes faster.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from collections.abc import Iterable, Iterator
from pathlib import Path

import msgspec
from msgspec.structs import replace

from bot.factbase.edit.atomic import write_atomic
from bot.factbase.load.files import knowledge_files, schema_path
from bot.factbase.load.provenance import default_seeds_dir
from bot.factbase.model import FactBase
from bot.store.rows import decode_facts, encode_facts

log = logging.getLogger(__name__)

CACHE_FILE = "factbase.msgpack"
MAGIC = b"factbot-cache-3\n"
_LENGTH = struct.Struct("<I")
_BOT = Path(__file__).resolve().parents[1]
# Validation rules live in these modules: changing any of them must invalidate every cache.
_CODE = (
    _BOT / "store" / "basecache.py",  # the file layout
    _BOT / "store" / "rows.py",
    _BOT / "factbase" / "model.py",
    _BOT / "factbase" / "sharing.py",
    _BOT / "search" / "dates.py",
    *sorted((_BOT / "factbase" / "load").glob("*.py")),
)


def cache_path(cache: Path) -> Path:
    """Give the fact base cache file inside a folder's cache directory (`paths.cache_dir`)."""
    return cache / CACHE_FILE


def fingerprint(folder: Path, seeds: Path | None = None) -> bytes:
    """Hash every input of a validated load; equal fingerprints mean an equal fact base."""
    h = hashlib.blake2b(digest_size=32)
    h.update(MAGIC + msgspec.__version__.encode())
    inputs = [*_CODE, *knowledge_files(folder), schema_path(folder)]
    seeds_dir = seeds if seeds is not None else default_seeds_dir(folder)
    if seeds_dir.is_dir():
        inputs += sorted(seeds_dir.glob("*.txt"))
    for path in inputs:
        # The full path as given: entries record it (Location.file) for error messages.
        h.update(str(path).encode() + b"\0")
        with path.open("rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.digest()


def load_keyed(folder: Path, seeds: Path | None, cache: Path) -> tuple[FactBase, bytes | None]:
    """Load through the cache and give the key the base is cached under.

    The key is None if the base was not cached: the files changed while they were read, so no
    derived cache may be keyed by them.
    """
    key = fingerprint(folder, seeds)
    fb = read_cache(cache_path(cache), key)
    if fb is not None:
        return fb, key
    from bot.factbase.load.loader import load  # only on a miss: YAML and jsonschema cost ~70 ms

    fb = load(folder, seeds)
    if fingerprint(folder, seeds) != key:  # files changed while loading: don't cache a mix
        return fb, None
    write_cache(cache_path(cache), key, fb)
    return fb, key


def _frames(fb: FactBase) -> Iterator[bytes]:
    encoder = msgspec.msgpack.Encoder()
    yield encoder.encode(replace(fb, facts={}))
    yield from encode_facts(list(fb.facts.values()), encoder)


def write_cache(path: Path, key: bytes, fb: FactBase) -> None:
    """Write atomically (beside the target, fsync, rename), so a reader never sees half a file."""
    write_framed(path, MAGIC, key, _frames(fb), "fact base cache")


def read_cache(path: Path, key: bytes) -> FactBase | None:
    """Return the cached base if the file is intact and was built from this exact input."""
    frames = read_framed(path, MAGIC, key, "fact base cache")
    if frames is None:
        return None
    try:
        return _decode(frames)
    except (msgspec.DecodeError, struct.error, ValueError, IndexError) as exc:
        log.warning("ignoring unreadable fact base cache %s (%s)", path, exc)
        return None


def write_framed(path: Path, magic: bytes, key: bytes, frames: Iterable[bytes], what: str) -> None:
    """Write magic, key, body digest, then each frame with its length, atomically.

    Nothing is written when the folder is read-only: start-up stays correct, only slower.
    """
    body = b"".join(_LENGTH.pack(len(frame)) + frame for frame in frames)
    digest = hashlib.sha256(body).digest()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, magic + key + digest + body)
    except OSError as exc:
        log.info("%s not written (%s); start-up stays correct, only slower", what, exc)


def read_framed(path: Path, magic: bytes, key: bytes, what: str) -> list[memoryview] | None:
    """Give the frames of a file written by `write_framed` for this key, if it is intact."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = len(magic) + 64
    if data[: len(magic)] != magic or data[len(magic) : len(magic) + 32] != key:
        return None
    body = memoryview(data)[header:]
    if hashlib.sha256(body).digest() != data[len(magic) + 32 : header]:
        log.warning("ignoring corrupt %s %s", what, path)
        return None
    frames: list[memoryview] = []
    offset = 0
    while offset + _LENGTH.size <= len(body):
        (size,) = _LENGTH.unpack_from(body, offset)
        offset += _LENGTH.size
        frames.append(body[offset : offset + size])
        offset += size
    if offset != len(body) or not frames:
        log.warning("ignoring truncated %s %s", what, path)
        return None
    return frames


def _decode(frames: list[memoryview]) -> FactBase:
    """Decode frame by frame; each call is short, so other threads get the GIL in between."""
    tables = msgspec.msgpack.Decoder(FactBase).decode(frames[0])
    return replace(tables, facts=decode_facts(frames[1:]))

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
(4-byte length, MessagePack). Frame 0 holds every table but the facts; each further frame holds up
to CHUNK facts, so a reload thread decodes in slices short enough that the event loop keeps
getting the GIL (one 0.5 s decode call would stall it for 0.5 s).

Not pickle: a cache file must never be able to run code, and msgspec decodes faster.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import msgspec

from bot.factbase.atomic import write_atomic
from bot.factbase.files import knowledge_files, schema_path
from bot.factbase.memory import paused_gc
from bot.factbase.model import Fact, FactBase
from bot.factbase.provenance import default_seeds_dir

log = logging.getLogger(__name__)

CACHE_DIR = ".factbot-cache"
CACHE_FILE = "factbase.msgpack"
MAGIC = b"factbot-cache-1\n"
CHUNK = 2_000
_LENGTH = struct.Struct("<I")
_HEADER = len(MAGIC) + 64
# Validation rules live in these modules: changing any of them must invalidate every cache.
_CODE = (
    "model.py",
    "files.py",
    "loader.py",
    "dates.py",
    "schema.py",
    "provenance.py",
    "yamlfile.py",
)


def cache_path(folder: Path) -> Path:
    """Keep the cache beside the files it mirrors (git-ignored, skipped by the loader)."""
    return folder / CACHE_DIR / CACHE_FILE


def fingerprint(folder: Path, seeds: Path | None = None) -> bytes:
    """Hash every input of a validated load; equal fingerprints mean an equal fact base."""
    h = hashlib.blake2b(digest_size=32)
    h.update(MAGIC + msgspec.__version__.encode())
    here = Path(__file__).parent
    inputs = [here / name for name in _CODE]
    inputs += [*knowledge_files(folder), schema_path(folder)]
    seeds_dir = seeds if seeds is not None else default_seeds_dir(folder)
    if seeds_dir.is_dir():
        inputs += sorted(seeds_dir.glob("*.txt"))
    for path in inputs:
        # The full path as given: entries record it (Location.file) for error messages.
        h.update(str(path).encode() + b"\0")
        with path.open("rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.digest()


def load_cached(folder: Path, seeds: Path | None = None) -> FactBase:
    """Load a folder through the cache; raise KnowledgeError exactly as `load` does."""
    key = fingerprint(folder, seeds)
    fb = read_cache(cache_path(folder), key)
    if fb is not None:
        return fb
    from bot.factbase.loader import load  # only on a miss: YAML and jsonschema cost ~70 ms

    with paused_gc():
        fb = load(folder, seeds)
    if fingerprint(folder, seeds) == key:  # files changed while loading: don't cache a mix
        write_cache(cache_path(folder), key, fb)
    return fb


def _frames(fb: FactBase) -> Iterator[bytes]:
    encoder = msgspec.msgpack.Encoder()
    yield encoder.encode(replace(fb, facts={}))
    facts = list(fb.facts.values())
    for start in range(0, len(facts), CHUNK):
        yield encoder.encode(facts[start : start + CHUNK])


def write_cache(path: Path, key: bytes, fb: FactBase) -> None:
    """Write atomically (beside the target, fsync, rename), so a reader never sees half a file."""
    body = b"".join(_LENGTH.pack(len(frame)) + frame for frame in _frames(fb))
    digest = hashlib.sha256(body).digest()
    try:
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, MAGIC + key + digest + body)
    except OSError as exc:
        log.info("fact base cache not written (%s); start-up stays correct, only slower", exc)


def read_cache(path: Path, key: bytes) -> FactBase | None:
    """Return the cached base if the file is intact and was built from this exact input."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[: len(MAGIC)] != MAGIC or data[len(MAGIC) : len(MAGIC) + 32] != key:
        return None
    body = memoryview(data)[_HEADER:]
    if hashlib.sha256(body).digest() != data[len(MAGIC) + 32 : _HEADER]:
        log.warning("ignoring corrupt fact base cache %s", path)
        return None
    try:
        with paused_gc():
            return _decode(body)
    except (msgspec.DecodeError, struct.error, ValueError) as exc:
        log.warning("ignoring unreadable fact base cache %s (%s)", path, exc)
        return None


def _decode(body: memoryview) -> FactBase:
    """Decode frame by frame; each call is short, so other threads get the GIL in between."""
    tables_decoder = msgspec.msgpack.Decoder(FactBase)
    facts_decoder = msgspec.msgpack.Decoder(list[Fact])
    offset = 0
    frames: list[memoryview] = []
    while offset < len(body):
        (size,) = _LENGTH.unpack_from(body, offset)
        offset += _LENGTH.size
        if offset + size > len(body):
            raise ValueError("truncated frame")
        frames.append(body[offset : offset + size])
        offset += size
    if not frames:
        raise ValueError("empty cache")
    tables = tables_decoder.decode(frames[0])
    facts: dict[str, Fact] = {}
    for frame in frames[1:]:
        facts.update((fact.id, fact) for fact in facts_decoder.decode(frame))
    return replace(tables, facts=facts)

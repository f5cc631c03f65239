"""What the usage log may keep about a person: a salted hash, never an id, a name or a message.

Platform ids (Discord user and server ids, Slack workspace ids) are replaced by HMAC-SHA256 of
the id under a random salt kept beside the database (mode 0600). The hash lets `gaps` see that
one person retyped a question a few seconds later, and `stats` count people, without the
database ever holding an id that could be looked up; deleting the salt file unlinks every
recorded hash from everyone at once. Questions are kept only in their normalised form (folded,
accents and punctuation gone, cut to `MAX_QUERY` characters).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from bot.search.normalise import fold

SALT_BYTES = 32
MAX_QUERY = 100  # no question about five articles needs more; a pasted essay is not kept whole
HASH_CHARS = 16  # 64 bits: no collisions among any plausible number of users


class Hasher:
    """Hash ids with one salt; the same id always gives the same hash under that salt."""

    def __init__(self, salt: bytes) -> None:
        self._salt = salt

    def __call__(self, platform: str, raw_id: str) -> str:
        """Give the salted hash of a platform's id (empty stays empty: nothing to hide)."""
        if not raw_id:
            return ""
        message = f"{platform}:{raw_id}".encode()
        return hmac.new(self._salt, message, hashlib.sha256).hexdigest()[:HASH_CHARS]


def normalise_query(text: str) -> str:
    """Fold a question as the search does, and cut it short at a word boundary."""
    folded = fold(text)
    if len(folded) <= MAX_QUERY:
        return folded
    return folded[:MAX_QUERY].rsplit(" ", 1)[0]


def load_salt(path: Path) -> bytes:
    """Read the salt, or make one; two processes starting at once end up sharing one salt.

    The salt is written to a private temporary file and linked into place, which fails if
    another process won the race; then that process's salt is read instead.
    """
    try:
        return _read_salt(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(secrets.token_bytes(SALT_BYTES))
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):  # another process won: use its salt
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return _read_salt(path)


def _read_salt(path: Path) -> bytes:
    salt = path.read_bytes()
    if len(salt) < SALT_BYTES:
        raise ValueError(f"{path}: the salt file is damaged ({len(salt)} bytes); delete it")
    return salt

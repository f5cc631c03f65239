"""Facts as compact rows for the cache: each repeated value stored once, referred to by number.

A million facts repeat a few thousand id tuples (sources, people, topics, parties), dates, file
paths and short values (dispute, party, stance, speaker). Stored inside each fact they would be
decoded into a million separate copies and then have to be matched up again by hashing (~1 s per
100k facts). Stored once in a table of shared values, every decoded fact points at the same
copy for the price of a list lookup, and a fact is built from its row in well under a
microsecond.

Frames: one per CHUNK rows, then the shared table last (it is complete only once every row has
been numbered); a reader decodes the table first, then the rows slice by slice.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterator, Sequence
from typing import Annotated, Generic, TypeVar

import msgspec

from bot.factbase.model import Fact, FactKind, Location
from bot.search.dates import DateSpan

CHUNK = 1_000  # rows per frame: decoding one takes ~1 ms, so a reload hands the GIL back often

_T = TypeVar("_T", bound=Hashable)
# A position in the shared table: never negative, which Python would silently read from the end.
_At = Annotated[int, msgspec.Meta(ge=0)]


class _Row(msgspec.Struct, array_like=True, gc=False):
    """One fact; each int is a position in the shared table's list of that kind."""

    id: str
    kind: FactKind
    text: str
    evidence: tuple[str, ...]
    file: _At
    line: int
    end_line: int
    date: _At
    sources: _At
    people: _At
    topics: _At
    parties: _At
    dispute: _At
    party: _At
    stance: _At
    speaker: _At
    name: str | None
    occasion: str | None
    verified: bool = True
    tone: _At = 0
    label: str | None = None


class _Shared(msgspec.Struct, array_like=True):
    """The values facts share, each once; position 0 of each list is the empty value.

    No optional string is ever empty, so "" at position 0 of `words` reads back as None.
    """

    files: list[str]
    ids: list[list[_At]]  # each id tuple, as positions in `words` (so each id is held once)
    dates: list[DateSpan | None]
    words: list[str]


class _Numbering(Generic[_T]):
    """Number distinct values in the order they are first seen."""

    def __init__(self, empty: _T) -> None:
        self.values: list[_T] = [empty]
        self._numbers: dict[_T, int] = {empty: 0}

    def __call__(self, value: _T) -> int:
        number = self._numbers.get(value)
        if number is None:
            number = self._numbers[value] = len(self.values)
            self.values.append(value)
        return number


def encode_facts(facts: Sequence[Fact], encoder: msgspec.msgpack.Encoder) -> Iterator[bytes]:
    """Yield the frames of `facts`: rows in chunks, then the shared table."""
    files, ids = _Numbering(""), _Numbering[tuple[str, ...]](())
    dates, words = _Numbering[DateSpan | None](None), _Numbering("")
    for start in range(0, len(facts), CHUNK):
        rows = [
            _Row(
                id=f.id,
                kind=f.kind,
                text=f.text,
                evidence=f.evidence,
                file=files(f.where.file),
                line=f.where.line,
                end_line=f.where.end_line,
                date=dates(f.date),
                sources=ids(f.sources),
                people=ids(f.people),
                topics=ids(f.topics),
                parties=ids(f.parties),
                dispute=words(f.dispute or ""),
                party=words(f.party or ""),
                stance=words(f.stance or ""),
                speaker=words(f.speaker or ""),
                name=f.name,
                occasion=f.occasion,
                verified=f.verified,
                tone=words(f.tone or ""),
                label=f.label,
            )
            for f in facts[start : start + CHUNK]
        ]
        yield encoder.encode(rows)
    tuples = [[words(i) for i in t] for t in ids.values]
    yield encoder.encode(_Shared(files.values, tuples, dates.values, words.values))


def decode_facts(frames: Sequence[memoryview]) -> dict[str, Fact]:
    """Rebuild the facts from `encode_facts`' frames, pausing between slices for other threads.

    Raises msgspec.DecodeError (or IndexError for a row pointing past the table) when the frames
    are not what `encode_facts` wrote.
    """
    if not frames:
        raise msgspec.DecodeError("no shared table")
    shared = msgspec.msgpack.Decoder(_Shared).decode(frames[-1])
    files, dates, words = shared.files, shared.dates, shared.words
    ids = [tuple([words[n] for n in t]) for t in shared.ids]
    rows = msgspec.msgpack.Decoder(list[_Row])
    facts: dict[str, Fact] = {}
    for frame in frames[:-1]:
        for r in rows.decode(frame):
            facts[r.id] = Fact(
                id=r.id,
                kind=r.kind,
                text=r.text,
                sources=ids[r.sources],
                evidence=r.evidence,
                where=Location(files[r.file], r.line, r.end_line),
                date=dates[r.date],
                people=ids[r.people],
                topics=ids[r.topics],
                parties=ids[r.parties],
                dispute=words[r.dispute] or None,
                name=r.name,
                party=words[r.party] or None,
                stance=words[r.stance] or None,
                speaker=words[r.speaker] or None,
                occasion=r.occasion,
                verified=r.verified,
                tone=words[r.tone] or None,
                label=r.label,
            )
        time.sleep(0)  # let the event loop's thread run between slices
    return facts

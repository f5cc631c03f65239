"""Plain typed arrays for the indexes: compact in memory, and stored as raw bytes in the cache.

An index keeps millions of small numbers (fact numbers, BM25 weights); Python lists of tuples
cost ~100 bytes a posting, arrays 4 bytes a number, and an array loads from the cache with one
copy. Weights are single precision: a BM25 weight needs no more than 7 significant digits, and
at 1M entries the ~15M postings' weights take 60 MB instead of 120.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    Ints = array[int]
    Floats = array[float]
else:  # `array` takes no type arguments at run time before Python 3.12
    Ints = Floats = array

INT = "i"  # fact numbers, offsets: 32-bit
FLOAT = "f"  # weights: 32-bit


def encode_array(obj: Any) -> Any:
    """Serve as msgspec's `enc_hook`: store an array as its type code and raw bytes."""
    if isinstance(obj, array):
        return (obj.typecode, obj.tobytes())
    raise NotImplementedError(f"cannot store {type(obj).__name__}")


def decode_array(kind: type, obj: Any) -> Any:
    """Serve as msgspec's `dec_hook`: rebuild an array stored by `encode_array`."""
    if kind is array and isinstance(obj, list | tuple) and len(obj) == 2:
        typecode, raw = obj
        if typecode in (INT, FLOAT) and isinstance(raw, bytes):
            return array(typecode, raw)
    raise NotImplementedError(f"cannot read {kind.__name__} from {type(obj).__name__}")

"""Reading db.json: every kind of bad file turned into one `StoreError` line naming the file
and the place.

Reading never creates, truncates or rewrites a file. The bytes are refused before any parsing
when they cannot be a store (not a regular file, empty, a byte-order mark, too large); then the
decoder (`decode.py`) takes them, its fast path first; what it declines, orjson parses and the
precise path names. Neither parser rejects duplicate keys (both keep the last), so the keys the
decoder saw are counted against the `"key":` pairs in the file; on any difference the exact
(slower) stdlib parse finds and names a duplicate. A store this program wrote never needs it.
"""

from __future__ import annotations

import gc
import json
import os
import stat
import time
import zlib
from pathlib import Path
from typing import Any, Final, Protocol

import orjson

from kirklees_tui.store.decode import decode_records, decode_store, keys_if_whole, parse_tables
from kirklees_tui.store.errors import SchemaError, StoreError
from kirklees_tui.store.model import StoreData

__all__ = [
    "MAX_STORE_BYTES",
    "Vouching",
    "accepted_as_whole",
    "load_store",
    "read_store_bytes",
    "read_tables",
    "validate_bytes",
]

MAX_STORE_BYTES: Final = 1 << 30
_COUNT_CHUNK: Final = 1 << 20


class Vouching(Protocol):
    """A check of the same bytes made elsewhere: the verifier process (`verifier.py`)."""

    def accepts(self, checksum: int, timeout: float) -> bool | None:
        """True or False for the bytes with this CRC-32; None when it has no word on them."""

    def stop(self) -> None:
        """Stop checking (safe to call more than once)."""


def _open_regular(path: Path) -> int:
    """Open `path` for reading without blocking, refusing anything but a regular file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise StoreError(f"{path}: no such store") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path}: is a directory, not a store")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path}: not a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise StoreError(f"{path}: permission denied") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read: {error.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between stat and open
        os.close(fd)
        raise StoreError(f"{path}: not a regular file")
    return fd


def _read_bytes(path: Path) -> bytes:
    fd = _open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > MAX_STORE_BYTES:
            raise StoreError(f"{path}: {size} bytes is larger than a store can be")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as error:
        raise StoreError(f"{path}: cannot read: {error.strerror}") from None
    finally:
        os.close(fd)


def _line_col(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


class _Pairs(dict[str, Any]):
    """A JSON object as the exact parse read it, with the first key it held twice."""

    duplicate: str | None = None


def _pairs(pairs: list[tuple[str, Any]]) -> _Pairs:
    found = _Pairs()
    for key, value in pairs:
        if key in found and found.duplicate is None:
            found.duplicate = key
        found[key] = value
    return found


def _duplicate_in(value: Any, where: str, depth: int = 0) -> str | None:
    """The first duplicate key in a parsed store, named by table, record and field."""
    if isinstance(value, _Pairs):
        if value.duplicate is not None:
            return f"{where}: duplicate key {value.duplicate!r}"
        for key, item in value.items():
            inner = key if depth == 0 else f"{where}[{key}]" if depth == 1 else f"{where}.{key}"
            found = _duplicate_in(item, inner, depth + 1)
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _duplicate_in(item, f"{where}[{index}]", depth + 1)
            if found is not None:
                return found
    return None


def _strict_parse(path: Path, data: bytes) -> None:
    """The slow, exact parse: finds duplicate keys, which orjson silently merges, and names
    the table and record holding one."""
    try:
        duplicate = _duplicate_in(
            json.loads(data, object_pairs_hook=_pairs, parse_constant=_no_nan), "top level"
        )
    except StoreError as error:
        raise StoreError(f"{path}: {error}") from None
    except RecursionError:
        raise StoreError(f"{path}: nesting too deep for a store") from None
    except json.JSONDecodeError as error:  # pragma: no cover - orjson rejects these first
        raise StoreError(f"{path}: line {error.lineno}, column {error.colno}: {error.msg}") from None
    if duplicate is not None:
        raise StoreError(f"{path}: {duplicate}")


def _no_nan(token: str) -> Any:
    raise StoreError(f"{token} is not valid JSON")


def read_store_bytes(path: Path) -> bytes:
    """A store file's bytes, refusing what cannot be a store before any parsing."""
    data = _read_bytes(path)
    if not data.strip():
        raise StoreError(f"{path}: empty file, not a store")
    if data.startswith(b"\xef\xbb\xbf"):
        raise StoreError(f"{path}: starts with a byte-order mark; stores are plain UTF-8")
    return data


def _decode(path: Path, data: bytes) -> Any:
    """The JSON value of a store's bytes, or `StoreError` naming the problem's place."""
    try:
        decoded = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        message = error.msg
        if "utf-8" in message.lower():  # orjson checks the encoding as it parses
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as bad:
                raise StoreError(f"{path}: {_line_col(data, bad.start)}: invalid UTF-8") from None
        where = _line_col(data, min(error.pos, len(data)))
        if "recursion" in message.lower() or "depth" in message.lower():
            message = "nesting too deep for a store"
        raise StoreError(f"{path}: {where}: {message}") from None
    if not isinstance(decoded, dict):
        raise StoreError(f"{path}: top level: expected an object of tables")
    return decoded


def _keys_written(data: bytes | memoryview) -> int:
    """How many `"key":` pairs the raw JSON holds (one fast scan).

    A duplicate key makes this larger than the keys validation saw. A layout with a space
    before a colon, or a key ending in a backslash, makes it differ too, which only sends the
    file to the exact parse. A memoryview (of a mapped file) is counted a chunk at a time,
    each chunk reaching one byte into the next so that a pair across the cut counts once.
    """
    if isinstance(data, bytes):
        return data.count(b'":')
    return sum(
        bytes(data[start : start + _COUNT_CHUNK + 1]).count(b'":')
        for start in range(0, len(data), _COUNT_CHUNK)
    )


def validate_bytes(path: Path, data: bytes, dates: bool = True) -> StoreData:
    """The validated records in a store's bytes; `StoreError` names the file and the place.

    The fast typed decode (`decode.py`) takes every store this program wrote. Anything it
    declines goes to orjson and the precise validation, which names the problem's place.
    Neither parser rejects duplicate keys (both keep the last), so the keys validation saw are
    counted against the `"key":` pairs in the file; on any difference the exact (slower)
    stdlib parse finds and names a duplicate. A store this program wrote never needs it.
    With `dates` false (for `check`, which lists them), bad dates are let through.
    """
    fast = decode_store(data)  # declines bad dates, so it is right for both kinds of caller
    if fast is not None and _keys_written(data) == fast.keys:
        return fast.store
    return _validated_precisely(path, data, dates)


def _validated_precisely(path: Path, data: bytes, dates: bool = True) -> StoreData:
    """The precise path, for bytes the fast one declined: it names the problem's place."""
    decoded = _decode(path, data)
    try:
        parsed = parse_tables(decoded, dates)
    except SchemaError as error:
        if _keys_written(data) != _count_keys(decoded):
            _strict_parse(path, data)
        raise StoreError(f"{path}: {error}") from None
    if _keys_written(data) != parsed.keys:
        _strict_parse(path, data)
    return parsed.store


def accepted_as_whole(data: bytes | memoryview) -> bool:
    """Whether the tables in `data` pass the checks `load_store` leaves to a verifier process:
    the table-wide ones (spans, references, unique ids, order) and the count of keys
    (duplicates). Only for bytes whose records' types are checked where they are decoded."""
    keys = keys_if_whole(data)
    return keys is not None and _keys_written(data) == keys


def _vouched_for(data: bytes, verifier: Vouching) -> StoreData | None:
    """The records in `data`, decoded here with their types checked, if the verifier process
    accepted these very bytes as a whole meanwhile; None if anything was declined (the fast
    path would decline it too: the precise validation then names it). The verifier is given
    as long to answer as the decoding took (about what its checks would take here); with no
    word on these bytes by then, the checks are done here."""
    checksum = zlib.crc32(data)  # first: it lets go of the GIL, so the screen is composed
    began = time.monotonic()
    decoded = decode_records(data)
    if decoded is None:
        return None  # not as this program writes stores: the full validation names why
    accepted = verifier.accepts(checksum, timeout=time.monotonic() - began)
    if accepted is None:
        accepted = decoded.whole_ok() and _keys_written(data) == decoded.keys
    return decoded.parsed().store if accepted else None


def _count_keys(value: Any) -> int:
    """Every object key in a decoded value (used only on the error path)."""
    if isinstance(value, dict):
        return len(value) + sum(_count_keys(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_keys(v) for v in value)
    return 0


def read_tables(path: Path) -> dict[str, Any]:
    """A store's raw tables, validated; `StoreError` names the file and the place."""
    data = read_store_bytes(path)
    validate_bytes(path, data)
    return orjson.loads(data)  # type: ignore[no-any-return]


def load_store(path: Path, verifier: Vouching | None = None, dates: bool = True) -> StoreData:
    """Open a store read-only and return its validated records (with bad dates let through
    when `dates` is false: `check` lists them).

    With a `verifier` (the browser's first open) the validation as a whole is taken from it
    when it checked the same bytes. Garbage collection is paused during the load: with 100k
    records a collection would otherwise cost more than the parse. The loaded objects are
    then frozen out of later scans.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        data = read_store_bytes(path)
        if verifier is None:
            store = validate_bytes(path, data, dates)
        else:  # what it declines, the fast path would too: not decoded a second time
            store = _vouched_for(data, verifier) or _validated_precisely(path, data, dates)
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return store

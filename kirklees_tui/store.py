"""Reading and writing db.json safely.

Reading never creates, truncates or rewrites a file, and turns every kind of bad file into one
`StoreError` line naming the file and the place. Writing takes a lock on a separate
`db.json.lock`, writes a temp file beside the store, fsyncs it, keeps the old file's mode and
group, leaves `db.json.bak`, and replaces atomically: a reader sees the old store or the new one,
never half of either. `OrjsonStorage` offers the same to code that wants TinyDB's own API.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import orjson
from filelock import FileLock, Timeout
from tinydb.storages import Storage

from kirklees_tui.model import SchemaError, StoreData, store_to_tables
from kirklees_tui.schema import parse_store

__all__ = [
    "MAX_STORE_BYTES",
    "OrjsonStorage",
    "StoreError",
    "dump_tables",
    "load_store",
    "locked",
    "read_tables",
    "read_validated",
    "write_store",
    "write_tables",
]

MAX_STORE_BYTES: Final = 1 << 30
LOCK_TIMEOUT_S: Final = 30.0


class StoreError(Exception):
    """A store that cannot be used; `str()` is the one line to show the user."""


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


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise StoreError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _strict_parse(path: Path, data: bytes) -> Any:
    """The slow, exact parse: finds duplicate keys, which orjson silently merges."""
    try:
        return json.loads(data, object_pairs_hook=_reject_duplicates, parse_constant=_no_nan)
    except StoreError as error:
        raise StoreError(f"{path}: {error}") from None
    except RecursionError:
        raise StoreError(f"{path}: nesting too deep for a store") from None
    except json.JSONDecodeError as error:  # pragma: no cover - orjson rejects these first
        raise StoreError(f"{path}: line {error.lineno}, column {error.colno}: {error.msg}") from None


def _no_nan(token: str) -> Any:
    raise StoreError(f"{token} is not valid JSON")


def dump_tables(tables: dict[str, Any]) -> bytes:
    """The canonical bytes of a store: compact JSON and a final newline; tables, records and
    fields in the order the program builds them, so document ids read in numeric order.
    (Compact, not indented: a fifth smaller, and parsing is most of opening a large store.)"""
    return orjson.dumps(tables) + b"\n"


def _decode(path: Path) -> tuple[bytes, Any]:
    """The file's bytes and their JSON value, or `StoreError` naming the problem's place."""
    data = _read_bytes(path)
    if not data.strip():
        raise StoreError(f"{path}: empty file, not a store")
    if data.startswith(b"\xef\xbb\xbf"):
        raise StoreError(f"{path}: starts with a byte-order mark; stores are plain UTF-8")
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
    return data, decoded


def _keys_written(data: bytes) -> int:
    """How many `"key":` pairs the raw JSON holds (one fast scan).

    A duplicate key makes this larger than the keys validation saw. A layout with a space
    before a colon, or a key ending in a backslash, makes it differ too, which only sends the
    file to the exact parse.
    """
    return data.count(b'":')


def read_validated(path: Path) -> tuple[dict[str, Any], StoreData]:
    """Decode and validate a store: its raw tables and its records.

    orjson keeps the last of duplicate keys silently. Validation counts the keys it saw; if the
    file holds more `"key":` pairs than that, one was a duplicate, and the exact (slower) parse
    finds and names it. A store this program wrote never needs that parse.
    """
    data, decoded = _decode(path)
    try:
        parsed = parse_store(decoded)
    except SchemaError as error:
        if _keys_written(data) != _count_keys(decoded):
            _strict_parse(path, data)
        raise StoreError(f"{path}: {error}") from None
    if _keys_written(data) != parsed.keys:
        _strict_parse(path, data)
    return decoded, parsed.store


def _count_keys(value: Any) -> int:
    """Every object key in a decoded value (used only on the error path)."""
    if isinstance(value, dict):
        return len(value) + sum(_count_keys(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_keys(v) for v in value)
    return 0


def read_tables(path: Path) -> dict[str, Any]:
    """A store's raw tables, validated; `StoreError` names the file and the place."""
    return read_validated(path)[0]


def load_store(path: Path) -> StoreData:
    """Open a store read-only and return its validated records.

    Garbage collection is paused during the load: with 100k records a collection would
    otherwise cost more than the parse. The loaded objects are then frozen out of later scans.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        store = read_validated(path)[1]
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return store


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the store's lock file for a whole read-modify-write."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        with FileLock(lock_path, timeout=LOCK_TIMEOUT_S):
            yield
    except Timeout:
        raise StoreError(f"{path}: another process holds {lock_path.name}; try again") from None
    except PermissionError:
        raise StoreError(f"{path}: cannot lock: {path.parent} is not writable") from None


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_atomic(path: Path, data: bytes, keep_backup: bool) -> None:
    """Temp file in the same directory, fsync, keep mode and group, back up, replace."""
    directory = path.parent if str(path.parent) else Path(".")
    old = None
    with contextlib.suppress(FileNotFoundError):
        old = os.stat(path)
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise StoreError(f"{path}: not a regular file; refusing to replace it")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except PermissionError:
        raise StoreError(f"{path}: cannot write: {directory} is not writable") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot write: {error.strerror}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if old is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(old.st_mode))
                with contextlib.suppress(OSError):
                    os.fchown(handle.fileno(), -1, old.st_gid)
            else:
                os.fchmod(handle.fileno(), 0o644)
        if old is not None and keep_backup:
            _backup(path)
        os.replace(temp, path)
        _fsync_dir(directory)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write: {error.strerror}; the store is unchanged") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _backup(path: Path) -> None:
    """Keep the previous version as `db.json.bak`, itself replaced atomically."""
    backup = path.with_name(path.name + ".bak")
    link = path.with_name(f".{path.name}.bak.tmp")
    link.unlink(missing_ok=True)
    try:
        os.link(path, link)
    except OSError:
        import shutil

        shutil.copy2(path, link)
    os.replace(link, backup)


def write_tables(path: Path, tables: dict[str, Any], keep_backup: bool = True) -> None:
    """Validate `tables`, then write them atomically under the store's lock."""
    try:
        parse_store(tables)
    except SchemaError as error:
        raise StoreError(f"{path}: refusing to write an invalid store: {error}") from None
    data = dump_tables(tables)
    with locked(path):
        _write_atomic(path, data, keep_backup)


def write_store(path: Path, store: StoreData, keep_backup: bool = True) -> None:
    """Write validated records as a store."""
    write_tables(path, store_to_tables(store), keep_backup)


class OrjsonStorage(Storage):
    """A TinyDB `Storage`: orjson reads validated on load, locked atomic writes.

    Opened read-only unless `writable=True`; even then a missing file is never created by
    reading, unlike TinyDB's `JSONStorage`.
    """

    def __init__(self, path: str | Path, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable

    def read(self) -> dict[str, dict[str, Any]] | None:
        return read_tables(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self.writable:
            raise StoreError(f"{self.path}: opened read-only")
        write_tables(self.path, data)

    def close(self) -> None:
        """Nothing stays open between calls."""

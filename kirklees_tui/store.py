"""Reading and writing db.json safely.

Reading never creates, truncates or rewrites a file, and turns every kind of bad file into one
`StoreError` line naming the file and the place. Writing takes a lock on a separate
`db.json.lock`, writes a temp file beside the store, fsyncs it, keeps the old file's mode and
group, leaves `db.json.bak`, and replaces atomically: a reader sees the old store or the new one,
never half of either. `OrjsonStorage` offers the same to code that wants TinyDB's own API.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import glob
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import orjson
from tinydb.storages import Storage

from kirklees_tui.model import SchemaError, StoreData, store_to_tables
from kirklees_tui.schema import parse_store

__all__ = [
    "MAX_STORE_BYTES",
    "OrjsonStorage",
    "StoreError",
    "check_writable",
    "dump_tables",
    "load_store",
    "locked",
    "read_tables",
    "read_validated",
    "update_store",
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
    from filelock import FileLock, Timeout  # writers only: reading never pays for it

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


def _clear_stale_temps(path: Path, directory: Path) -> None:
    """Remove temp files a killed writer left; called under the lock, so none is live."""
    for stale in directory.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _open_unnamed(directory: Path) -> int | None:
    """An O_TMPFILE: a file with no name until it is complete, so a crash leaves nothing."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(directory, flag | os.O_WRONLY, 0o600)
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None  # the file system cannot; fall back to a named temp file
        raise


def _name_unnamed(fd: int, directory: Path, name: Path) -> None:
    """Give an O_TMPFILE a name. A directory fd makes CPython call linkat(AT_SYMLINK_FOLLOW),
    which follows /proc's link to the open file; plain link() would try to link the symlink."""
    folder = os.open(directory, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _write_atomic(path: Path, data: bytes, keep_backup: bool) -> None:
    """Write an unnamed temp file, fsync, keep mode and group, back up, name it, replace.

    The temp file gets a name only once its bytes are on disk, a moment before it replaces the
    store, so a writer killed while writing leaves no file behind; a name left by a kill in that
    moment is removed by the next writer.
    """
    directory = path.parent if str(path.parent) else Path(".")
    old = None
    with contextlib.suppress(FileNotFoundError):
        old = os.stat(path)
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise StoreError(f"{path}: not a regular file; refusing to replace it")
    _clear_stale_temps(path, directory)
    temp = directory / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = _open_unnamed(directory)
        named = fd is None
        if fd is None:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except PermissionError:
        raise StoreError(f"{path}: cannot write: {directory} is not writable") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot write: {error.strerror}") from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            os.fchmod(fd, stat.S_IMODE(old.st_mode) if old is not None else 0o644)
            if old is not None:
                with contextlib.suppress(OSError):
                    os.fchown(fd, -1, old.st_gid)
            if old is not None and keep_backup:
                _backup(path)
            if not named:
                _name_unnamed(fd, directory, temp)
            os.replace(temp, path)  # a named temp file exists only between these two calls
        finally:
            os.close(fd)
        _fsync_dir(directory)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write: {error.strerror}; the store is unchanged") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _backup(path: Path) -> None:
    """Keep the previous version as `db.json.bak`: a second hard link, so no temp file.

    A crash between the unlink and the link leaves no backup, never a half one.
    """
    backup = path.with_name(path.name + ".bak")
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)
    except OSError:
        import shutil

        shutil.copy2(path, backup)


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


def check_writable(path: Path) -> None:
    """Refuse, before any lock or temp file exists, a store or folder marked read-only.

    Mode bits are honoured even for root, who could write anyway: `chmod a-w db.json` is a
    person saying "leave this alone".
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise StoreError(f"{path}: no such store") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot use: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path}: not a regular file")
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise StoreError(f"{path}: the store is read-only; nothing was changed")
    folder = os.stat(directory)
    if not folder.st_mode & 0o222 or not os.access(directory, os.W_OK | os.X_OK):
        raise StoreError(f"{path}: the folder {directory} is read-only; nothing was changed")


def update_store(path: Path, change: Callable[[StoreData], StoreData | None]) -> StoreData | None:
    """Read, change and write a store under one lock, so concurrent updates all survive.

    `change` gets the store as it is on disk now and returns the new one, or None to write
    nothing. Returns what was written.
    """
    check_writable(path)
    with locked(path):
        new = change(load_store(path))
        if new is not None:
            tables = store_to_tables(new)
            try:
                parse_store(tables)
            except SchemaError as error:
                raise StoreError(f"{path}: refusing to write an invalid store: {error}") from None
            _write_atomic(path, dump_tables(tables), keep_backup=True)
        return new


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

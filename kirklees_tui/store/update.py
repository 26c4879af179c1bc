"""Writing a store: validated bytes, under its lock, with backup generations; read-modify-write
and restore.

A store is validated by the very decoder its readers use, on the very bytes about to be
written, then replaced whole through the one writer (`write.py`) under the store's lock
(`lock.py`): a reader sees the old store or the new one, never half of either, and imports run
at once each keep the other's articles.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import orjson

from kirklees_tui.store.decode import decode_store, parse_tables
from kirklees_tui.store.errors import SchemaError, StoreError
from kirklees_tui.store.lock import locked
from kirklees_tui.store.model import StoreData, store_to_tables
from kirklees_tui.store.read import load_store, read_store_bytes, validate_bytes
from kirklees_tui.store.write import backup_names, check_writable, write_file

__all__ = [
    "KEEP_BACKUPS",
    "backups",
    "dump_tables",
    "restore_backup",
    "update_store",
    "write_store",
    "write_tables",
]

KEEP_BACKUPS: Final = 3
"""Generations of a store kept when it is replaced: db.json.bak, db.json.bak.1, db.json.bak.2."""


def dump_tables(tables: dict[str, Any]) -> bytes:
    """The canonical bytes of a store: compact JSON and a final newline; tables, records and
    fields in the order the program builds them, so document ids read in numeric order.
    (Compact, not indented: a fifth smaller, and parsing is most of opening a large store.)"""
    return orjson.dumps(tables) + b"\n"


def _encoded(path: Path, tables: dict[str, Any]) -> bytes:
    """The bytes of a store, after the validation a reader applies to those very bytes."""
    try:
        data: bytes | None = dump_tables(tables)
    except orjson.JSONEncodeError:
        data = None  # the precise validation says why
    if data is None or decode_store(data) is None:
        try:
            parse_tables(tables)
        except SchemaError as error:
            raise StoreError(f"{path}: refusing to write an invalid store: {error}") from None
        if data is None:
            raise StoreError(f"{path}: refusing to write a store that is not plain JSON")
    return data


def write_tables(
    path: Path, tables: dict[str, Any], keep_backups: int = KEEP_BACKUPS, replace: bool = True
) -> None:
    """Validate `tables`, then write them atomically under the store's lock (an existing file
    only if `replace`), keeping `keep_backups` generations of the old one."""
    data = _encoded(path, tables)
    check_writable(path, must_exist=False)
    with locked(path):
        write_file(path, data, replace, keep_backups, what="store", under_lock=True)


def write_store(path: Path, store: StoreData, keep_backups: int = KEEP_BACKUPS, replace: bool = True) -> None:
    """Write validated records as a store."""
    write_tables(path, store_to_tables(store), keep_backups, replace)


def update_store(
    path: Path, change: Callable[[StoreData], StoreData | None], keep_backups: int = KEEP_BACKUPS
) -> StoreData | None:
    """Read, change and write a store under one lock, so concurrent updates all survive.

    `change` gets the store as it is on disk now and returns the new one, or None to write
    nothing. Returns what was written.
    """
    check_writable(path)
    with locked(path):
        new = change(load_store(path))
        if new is not None:
            write_file(
                path, _encoded(path, store_to_tables(new)), True, keep_backups, what="store", under_lock=True
            )
        return new


def backups(path: Path) -> list[tuple[int, Path]]:
    """The store's backups that exist, as (generation, path): 1 is `NAME.bak`, the newest."""
    names = backup_names(path.name, 100)
    return [
        (number, path.with_name(name))
        for number, name in enumerate(names, 1)
        if os.path.lexists(path.with_name(name))
    ]


def restore_backup(
    path: Path,
    generation: int,
    keep_backups: int = KEEP_BACKUPS,
) -> tuple[Path, StoreData]:
    """Put a backup generation back as the store, under the lock and through the same writer;
    the version it replaces is kept as the newest backup. A backup that is not a sound store
    is refused, naming it. Returns the backup used and what it holds."""
    check_writable(path)
    with locked(path):
        found = dict(backups(path))
        if not found:
            raise StoreError(f"{path}: no backups to restore")
        if generation not in found:
            raise StoreError(
                f"{path}: no backup generation {generation}; there are "
                f"{', '.join(map(str, found))} (restore --list shows them)"
            )
        source = found[generation]
        if os.path.islink(source):
            raise StoreError(f"{source}: is a symbolic link; refusing to restore from it")
        data = read_store_bytes(source)
        store = validate_bytes(source, data)
        write_file(path, data, True, keep_backups, what="store", under_lock=True)
    return source, store

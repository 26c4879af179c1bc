"""TinyDB's own API over a store: validated reads, locked atomic writes.

For code that wants `TinyDB(path, storage=OrjsonStorage)`. Opened read-only unless asked;
even then a missing file is never created by reading, unlike TinyDB's `JSONStorage`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.read import read_tables
from kirklees_tui.store.update import write_tables

__all__ = ["OrjsonStorage"]


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

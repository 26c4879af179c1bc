"""A per-user cache of validated stores, so the browser opens a large store fast.

Decoding and validating 100k findings from JSON takes about a third of a second; reading the
same records back from `marshal` takes a third of that. The cache lives in the user's own cache
directory (never beside the shared store), is written only by the user's own process after a
full validated load, and is keyed by the store file's device, inode, size, mtime and ctime and
by the program and schema versions: any change to db.json (an atomic replace gives it a new
inode) makes the cache miss, and the JSON path is taken. `check` and `export` always read the
JSON. Writing is done in chunks with pauses, so a running app never stalls on it.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import time
from collections.abc import Iterator
from dataclasses import astuple
from pathlib import Path
from typing import Any, Final

from msgspec.structs import astuple as struct_astuple

from kirklees_tui import __version__
from kirklees_tui.store.model import (
    SCHEMA_VERSION,
    Event,
    Finding,
    Meta,
    Person,
    Quote,
    Role,
    Source,
    StoreData,
    Theme,
    Visit,
)
from kirklees_tui.store.write import Sink, replacing

__all__ = ["ENV_CACHE", "cache_file", "is_current", "load_cached", "save_cached"]

ENV_CACHE: Final = "KIRKLEES_TUI_CACHE"
"""A directory for the cache, or `off` to use none."""
_FORMAT: Final = 2
_CHUNK: Final = 4000
"""Records per blob: each blob is marshalled in one call that holds the interpreter lock."""
_CHUNK_OF: Final = {"sources": 1}
"""A source holds a whole article: one per blob, or 100 long texts are one 60 ms stall."""


def _directory() -> Path | None:
    choice = os.environ.get(ENV_CACHE, "")
    if choice.lower() == "off":
        return None
    if choice:
        return Path(choice)
    from platformdirs import user_cache_path

    return user_cache_path("kirklees-tui", appauthor=False)


def cache_file(db: Path) -> Path | None:
    """Where the cache of one store lives, or None when caching is off."""
    directory = _directory()
    if directory is None:
        return None
    name = hashlib.sha256(str(db.resolve()).encode()).hexdigest()[:32]
    return directory / f"{name}.marshal"


def _key(info: os.stat_result) -> tuple[Any, ...]:
    return (_FORMAT, SCHEMA_VERSION, __version__, info.st_dev, info.st_ino, info.st_size,
            info.st_mtime_ns, info.st_ctime_ns)


def _chunks(store: StoreData) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Each table as rows of plain values, a chunk at a time: converting 100k records in one
    C-level call would hold the interpreter lock (and stall the interface) for tens of ms."""
    yield "meta", [astuple(store.meta)]
    for name in ("sources", "visits", "people", "themes", "events", "findings", "quotes"):
        records = getattr(store, name)
        row = struct_astuple if name in ("sources", "findings", "quotes") else astuple
        size = _CHUNK_OF.get(name, _CHUNK)
        for start in range(0, max(1, len(records)), size):
            yield name, [row(r) for r in records[start : start + size]]


def _write_blob(handle: Sink, value: Any) -> None:
    """One length-prefixed marshal blob: read back from a single buffer, not object by object
    from the file (which costs a read call per string)."""
    blob = marshal.dumps(value)
    handle.write(len(blob).to_bytes(8, "little"))
    handle.write(blob)


def _blobs(data: bytes) -> Iterator[Any]:
    view = memoryview(data)
    offset = 0
    while offset < len(view):
        size = int.from_bytes(view[offset : offset + 8], "little")
        yield marshal.loads(view[offset + 8 : offset + 8 + size])
        offset += 8 + size


def save_cached(db: Path, info: os.stat_result, store: StoreData) -> None:
    """Write the cache for a store just loaded from `db` (whose stat was `info`), through the
    one writer. Best effort: any failure leaves no cache and no temp file. The cache folder
    is the user's own choice (or platformdirs'), resolved once, links and all."""
    from kirklees_tui.store.model import StoreError

    target = cache_file(db)
    if target is None:
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with replacing(target.parent.resolve() / target.name, replace=True) as handle:
            _write_blob(handle, _key(info))
            for name, rows in _chunks(store):
                _write_blob(handle, (name, rows))
                time.sleep(0.001)  # let the interface thread run between chunks
            _write_blob(handle, ("end", ()))
    except (OSError, ValueError, StoreError):
        pass


def _records(name: str, rows: list[Any]) -> list[Any]:
    if name == "findings":
        return [Finding(*r) for r in rows]
    if name == "quotes":
        return [Quote(*r) for r in rows]
    if name == "sources":
        return [Source(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                       tuple((a, b) for a, b in r[9])) for r in rows]
    if name == "people":
        return [Person(r[0], r[1], r[2], r[3], tuple(Role(*x) for x in r[4]), r[5]) for r in rows]
    kind = {"visits": Visit, "themes": Theme, "meta": Meta, "events": Event}[name]
    return [kind(*r) for r in rows]


def is_current(db: Path) -> bool:
    """Whether `db` has a cache made from the file as it is now (reads only the cache's key)."""
    target = cache_file(db)
    if target is None:
        return False
    try:
        info = os.stat(db)
        with target.open("rb") as handle:
            size = int.from_bytes(handle.read(8), "little")
            return bool(marshal.loads(handle.read(size)) == _key(info))
    except (OSError, EOFError, ValueError, TypeError):
        return False


def load_cached(db: Path) -> tuple[StoreData | None, os.stat_result]:
    """The cached store for `db` if it is current, and the stat of `db` now."""
    info = os.stat(db)
    target = cache_file(db)
    if target is None:
        return None, info
    tables: dict[str, list[Any]] = {}
    was_enabled = gc.isenabled()
    gc.disable()  # as for the JSON load: a collection mid-load costs more than the load
    try:
        blobs = _blobs(target.read_bytes())
        if next(blobs) != _key(info):
            return None, info
        for name, rows in blobs:
            if name == "end":
                break
            tables.setdefault(name, []).extend(_records(name, rows))
        else:
            return None, info  # truncated: no end marker
        store = StoreData(
            meta=tables["meta"][0], sources=tuple(tables["sources"]),
            visits=tuple(tables["visits"]), findings=tuple(tables.get("findings", ())),
            quotes=tuple(tables.get("quotes", ())), people=tuple(tables.get("people", ())),
            themes=tuple(tables.get("themes", ())), events=tuple(tables.get("events", ())),
        )
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, StopIteration):
        return None, info
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return store, info

"""A per-user cache of validated stores, so the browser opens a large store fast.

Decoding and validating 100k findings from JSON takes about a third of a second; reading the
same records back from msgpack takes a fraction of that. The cache lives in the user's own cache
directory (never beside the shared store), is written only by the user's own process after a
full validated load, and is keyed by the store file's device, inode, size, mtime and ctime and
by the program and schema versions: any change to db.json (an atomic replace gives it a new
inode) makes the cache miss, and the JSON path is taken. `check` and `export` always read the
JSON. Writing is done in chunks with pauses, so a running app never stalls on it.

The cache holds the schema's own Structs (`model.py`), encoded by msgspec as msgpack maps of
field name to value and decoded back into the same types, checked: never positional rows, so
a field added, renamed or reordered makes a stale cache fail to decode (and the JSON is read)
rather than silently shift its values.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import msgspec

from kirklees_tui import __version__
from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.model import RECORDS, SCHEMA_VERSION, StoreData
from kirklees_tui.store.write import Sink, replacing

__all__ = ["ENV_CACHE", "cache_file", "is_current", "load_cached", "save_cached"]

ENV_CACHE: Final = "KIRKLEES_TUI_CACHE"
"""A directory for the cache, or `off` to use none."""
_FORMAT: Final = 3
"""Bumped when the file's layout changes (3: msgpack maps of the Structs, not marshal rows)."""
_CHUNK: Final = 4000
"""Records per blob: each blob is encoded in one call that holds the interpreter lock."""
_CHUNK_OF: Final = {"sources": 1}
"""A source holds a whole article: one per blob, or 100 long texts are one 60 ms stall."""
_ENCODER: Final = msgspec.msgpack.Encoder()
_DECODERS: Final = {name: msgspec.msgpack.Decoder(list[kind]) for name, kind in RECORDS.items()}  # type: ignore[valid-type]
_NAME: Final = msgspec.msgpack.Decoder(str)
_KEY: Final = msgspec.msgpack.Decoder(list[Any])


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
    return directory / f"{name}.msgpack"


def _key(info: os.stat_result) -> list[Any]:
    """What the cache was made from: any change to the file or the program misses it."""
    return [
        _FORMAT,
        SCHEMA_VERSION,
        __version__,
        info.st_dev,
        info.st_ino,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
    ]


def _chunks(store: StoreData) -> Iterator[tuple[str, list[Any]]]:
    """Each table a chunk of records at a time: encoding 100k records in one C-level call
    would hold the interpreter lock (and stall the interface) for tens of ms."""
    yield "meta", [store.meta]
    for name in ("sources", "visits", "people", "themes", "events", "findings", "quotes"):
        records = getattr(store, name)
        size = _CHUNK_OF.get(name, _CHUNK)
        for start in range(0, max(1, len(records)), size):
            yield name, list(records[start : start + size])


def _write_blob(handle: Sink, blob: bytes) -> None:
    """One length-prefixed blob: read back from a single buffer, not object by object from
    the file (which costs a read call per string)."""
    handle.write(len(blob).to_bytes(8, "little"))
    handle.write(blob)


def _blobs(data: bytes) -> Iterator[memoryview]:
    view = memoryview(data)
    offset = 0
    while offset < len(view):
        size = int.from_bytes(view[offset : offset + 8], "little")
        yield view[offset + 8 : offset + 8 + size]
        offset += 8 + size


def save_cached(db: Path, info: os.stat_result, store: StoreData) -> None:
    """Write the cache for a store just loaded from `db` (whose stat was `info`), through the
    one writer. Best effort: any failure leaves no cache and no temp file. The cache folder
    is the user's own choice (or platformdirs'), resolved once, links and all."""
    target = cache_file(db)
    if target is None:
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with replacing(target.parent.resolve() / target.name, replace=True) as handle:
            _write_blob(handle, _ENCODER.encode(_key(info)))
            for name, records in _chunks(store):
                _write_blob(handle, _ENCODER.encode(name))
                _write_blob(handle, _ENCODER.encode(records))
                time.sleep(0.001)  # let the interface thread run between chunks
            _write_blob(handle, _ENCODER.encode("end"))
    except (OSError, ValueError, StoreError):
        pass


def is_current(db: Path) -> bool:
    """Whether `db` has a cache made from the file as it is now (reads only the cache's key)."""
    target = cache_file(db)
    if target is None:
        return False
    try:
        info = os.stat(db)
        with target.open("rb") as handle:
            size = int.from_bytes(handle.read(8), "little")
            return bool(_KEY.decode(handle.read(size)) == _key(info))
    except (OSError, msgspec.MsgspecError):
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
        if _KEY.decode(next(blobs)) != _key(info):
            return None, info
        for blob in blobs:
            name = _NAME.decode(blob)
            if name == "end":
                break
            tables.setdefault(name, []).extend(_DECODERS[name].decode(next(blobs)))
        else:
            return None, info  # truncated: no end marker
        store = StoreData(
            meta=tables["meta"][0],
            sources=tuple(tables["sources"]),
            visits=tuple(tables["visits"]),
            findings=tuple(tables.get("findings", ())),
            quotes=tuple(tables.get("quotes", ())),
            people=tuple(tables.get("people", ())),
            themes=tuple(tables.get("themes", ())),
            events=tuple(tables.get("events", ())),
        )
    except (OSError, msgspec.MsgspecError, KeyError, StopIteration):
        return None, info
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return store, info

"""Opening a store for browsing: the loading policy, without a screen.

The per-user cache first, when it was made from the file as it is now; otherwise the JSON,
its checks as a whole taken from the verifier process when one checked the same bytes
(`verifier.py`); afterwards, a store read from JSON is cached for next time, unless the file
changed while it was read. The browser's loader runs this in a thread (`ui/loader.py`);
`check`, `export` and `import` always read the JSON (`read.load_store`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import NamedTuple

from kirklees_tui.store.cache import load_cached, save_cached
from kirklees_tui.store.model import StoreData
from kirklees_tui.store.read import Vouching, load_store

__all__ = ["Opened", "Signature", "keep_cached", "open_store", "signature", "signature_of"]

Signature = tuple[int, int, int, int]
"""What changes when a store is replaced (a new inode) or rewritten."""


class Opened(NamedTuple):
    """A store as opened, and what is needed to cache it and to notice it change."""

    store: StoreData
    before: os.stat_result | None
    """The file's stat as it was read (None if it could not be taken)."""
    from_cache: bool


def open_store(path: Path, verifier: Vouching | None = None) -> Opened:
    """The store at `path`, from the cache when current, else from the JSON; `StoreError`
    names the file and the problem. The verifier, if any, is stopped either way."""
    try:
        try:
            store, before = load_cached(path)
        except OSError:  # the JSON read says why, in its words
            store, before = None, None
        if store is not None:
            return Opened(store, before, from_cache=True)
        return Opened(load_store(path, verifier), before, from_cache=False)
    finally:
        if verifier is not None:
            verifier.stop()


def keep_cached(path: Path, opened: Opened) -> None:
    """Cache a store read from JSON for next time, if the file is still the one read.
    (Chunked, with pauses: meant for the loader's thread once the screen shows the data.)"""
    if opened.from_cache or opened.before is None:
        return
    with contextlib.suppress(OSError):
        if os.stat(path) == opened.before:  # unchanged while it was read
            save_cached(path, opened.before, opened.store)


def signature_of(info: os.stat_result) -> Signature:
    """The file's identity and version: device, inode, size and modification time."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def signature(path: Path) -> Signature | None:
    """The store's signature now, or None when it cannot be seen."""
    try:
        return signature_of(os.stat(path))
    except OSError:
        return None

"""Loading the store for the browser, in a worker thread, and the messages that say how it went.

The policy (cache first, else the JSON with the verifier's word, then a cache for next time)
is the store's (`store/open.py`); this is the thread around it: it indexes the store, checks
the command line's themes and speaker against it, and posts `StoreLoaded` or `StoreFailed` to
the main screen. The screen shows a loaded store; a failed reload it reports and keeps the store
it has; a failed first load bubbles up to the app, which ends with its message. `StoreChanged`
is the app's watcher saying the file on disk is not the one shown. Once the screen has drawn the
data, the thread's remaining work (search indexes, writing the cache) runs.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from textual.message import Message

from kirklees_tui.query.filter import Filter

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from kirklees_tui.query.catalog import Catalog
    from kirklees_tui.store.open import Signature
    from kirklees_tui.store.read import Vouching

__all__ = ["SHOWN_WAIT_SECONDS", "StoreChanged", "StoreFailed", "StoreLoaded", "load"]

LOADING_SWITCH_SECONDS: Final = 0.001
"""How often the interpreter hands the GIL between threads while the store loads (Python's
default is 5 ms). The loader waits on a dozen system calls, and after each it waited up to a
turn for the GIL back from the thread composing the screen: 20-35 ms of a 10k first open."""
SHOWN_WAIT_SECONDS: Final = 1.0


class StoreLoaded(Message):
    """A store was read and indexed: show it."""

    def __init__(self, catalog: Catalog, signature: Signature | None, flt: Filter | None) -> None:
        super().__init__()
        self.catalog = catalog
        self.signature = signature
        """The file as it was read, to notice when it is replaced."""
        self.filter = flt
        """The filter to show it under: the command line's on the first load; None on a
        reload, which keeps the screen's own."""
        self.shown = threading.Event()
        """Set once the screen with the data has been drawn; the loader waits for it."""

    @property
    def reload(self) -> bool:
        return self.filter is None


class StoreFailed(Message):
    """The store cannot be used (or the command line asked for what it does not hold)."""

    def __init__(self, message: str, reload: bool) -> None:
        super().__init__()
        self.message = message
        """The one line to show: it names the file and the place."""
        self.reload = reload


class StoreChanged(Message):
    """The file on disk is no longer the store shown: an import replaced it."""


def _resolved(initial: Filter, catalog: Catalog) -> Filter | str:
    """The command line's filter against the store: with the speaker's and the council's
    names as the store has them, or the line that refuses it."""
    unknown = sorted(set(initial.themes) - set(catalog.theme_ids))
    if unknown:
        return f"no theme {unknown[0]!r}; known: {', '.join(catalog.theme_ids)}"
    if initial.authority is not None:
        wanted = initial.authority.casefold()
        named = next((a for a in catalog.authorities if a.casefold() == wanted), None)
        if named is None:
            return f"no council {initial.authority!r}; known: {', '.join(catalog.authorities)}"
        initial = replace(initial, authority=named)
    if initial.speaker is None:
        return initial
    named = catalog.speaker_named(initial.speaker)
    return f"no speaker {initial.speaker!r}" if named is None else replace(initial, speaker=named)


def load(target: MessagePump, db: Path, verifier: Vouching | None, initial: Filter | None) -> None:
    """Read the store at `db`, index it and post the outcome to `target` (the main screen);
    then, once the screen shows it, warm the other indexes and cache it. Run in a thread;
    `initial` is the command line's filter on the first load, None on a reload."""
    from kirklees_tui.query.catalog import Catalog
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.open import keep_cached, open_store, signature_of

    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, LOADING_SWITCH_SECONDS))
    try:
        opened = open_store(db, verifier)
        catalog = Catalog(opened.store)
        flt = None if initial is None else _resolved(initial, catalog)
    except StoreError as error:
        target.post_message(StoreFailed(str(error), reload=initial is None))
        return
    finally:
        sys.setswitchinterval(interval)
    if isinstance(flt, str):  # the store was read, but cannot be shown as asked
        target.post_message(StoreFailed(flt, reload=False))
        return
    loaded = StoreLoaded(catalog, None if opened.before is None else signature_of(opened.before), flt)
    target.post_message(loaded)
    loaded.shown.wait(timeout=SHOWN_WAIT_SECONDS)  # the screen with the data is drawn first
    catalog.warm()
    keep_cached(db, opened)

"""The Textual app: shows its first frame at once, then loads the store in a thread.

A one-line splash is the first frame. As soon as it is out, the main screen is composed while a
worker thread loads the store (from the per-user cache when that is current; otherwise from
JSON, with the checks as a whole done by a verifier process started before Textual, see
`verifier.py`), indexes it and hands the catalog to the screen, which shows its panes, once,
with the data; the worker's remaining work (search indexes, writing the cache) waits until
that screen has been drawn.
A store that cannot be used ends the app with exit status 2 and one line, as every command
does. Afterwards the app looks at the file every few seconds: when an import has replaced it,
the user is offered `r` to reload, keeping the filter. Stores are replaced by rename, so a
reload reads the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.widgets import Static

from kirklees_tui.query.filter import Filter
from kirklees_tui.store.paths import shipped
from kirklees_tui.ui.commands import KirkleesCommands

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from kirklees_tui.query.catalog import Catalog
    from kirklees_tui.store.verifier import Verifier
    from kirklees_tui.ui.screens.main import MainScreen

__all__ = ["KirkleesApp"]

WATCH_SECONDS = 2.0
SPLASH = "Kirklees inspections: loading the store…"
LOADING_SWITCH_SECONDS = 0.001
"""How often the interpreter hands the GIL between threads while the store loads (Python's
default is 5 ms). The loader waits on a dozen system calls, and after each it waited up to a
turn for the GIL back from the thread composing the screen: 20-35 ms of a 10k first open."""


Signature = tuple[int, int, int, int]


def _signature_of(info: os.stat_result) -> Signature:
    """What changes when the store is replaced or rewritten."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _signature(db: Path) -> Signature | None:
    try:
        return _signature_of(os.stat(db))
    except OSError:
        return None


class KirkleesApp(App[None]):
    """Browse Ofsted's findings on Kirklees children's services."""

    CSS_PATH = shipped("styles.tcss")
    TITLE = "Kirklees inspections"
    COMMANDS = App.COMMANDS | {KirkleesCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(self, db: Path, initial: Filter | None = None,
                 verifier: Verifier | None = None) -> None:
        super().__init__()
        self.db = db
        self.verifier = verifier
        """Validating the store in another process, for the first load only."""
        self.initial = initial or Filter()
        self.error: str | None = None
        self.crash: tuple[str, str] | None = None
        """An unexpected error's summary and traceback, for the log (`crash.py`), never the screen."""
        self.catalog: Catalog | None = None
        self.main: MainScreen
        self.loaded_signature: Signature | None = None
        self.store_changed = False

    def compose(self) -> ComposeResult:
        # The first frame: one line, out as fast as a bare Textual app's. Everything else
        # (the main screen, the store's modules, the store) comes after it.
        yield Static(SPLASH, id="splash")

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification as plain, cleaned text: they carry file names, search words and
        stored ids, and as markup `[/]` in one would end the app (MarkupError)."""
        from kirklees_tui.sanitize import clean

        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout,
                       markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """Keep an unexpected error's traceback for the log; Textual ends the app as ever
        (and a test's `run_test` still raises it)."""
        if self.crash is None:
            from kirklees_tui.exits import describe

            self.crash = describe(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        """Nothing on the terminal: the traceback goes to the log, with one line after exit.
        (What Textual would print for other reasons is logged the same way.)"""
        if self._exit_renderables and self.crash is None:
            from io import StringIO

            from rich.console import Console

            text = StringIO()
            console = Console(file=text, width=100, color_system=None)
            for renderable in self._exit_renderables:
                console.print(renderable)
            self.crash = ("the app stopped", text.getvalue())
        self._exit_renderables.clear()

    def pop_screen(self) -> AwaitComplete:
        """Never the main screen: whatever asks late (a dismissal queued behind another, or
        Textual's own command palette's), the app is not left on its splash."""
        main = getattr(self, "main", None)
        if main is not None and self.screen is main:
            return AwaitComplete.nothing()  # type: ignore[no-untyped-call, no-any-return]
        return super().pop_screen()

    def on_ready(self) -> None:
        """The first frame is out (Textual's `Ready`, which comes at once, where a callback
        after refresh waited for the next 60 Hz tick): now the main screen and the store."""
        # The loader's modules are imported here, not in its thread: each file an import
        # opens lets go of the GIL, and getting it back from a main thread busy composing
        # the screen made 7 ms of imports take 60.
        import kirklees_tui.query.catalog
        import kirklees_tui.store.open  # noqa: F401
        from kirklees_tui.ui.screens.main import MainScreen

        self.main = MainScreen(loading=SPLASH)
        self.load_data()  # its thread starts as the screen is composed
        self.push_screen(self.main)

    @work(thread=True, exclusive=True, name="load store")
    def load_data(self, reload: bool = False) -> None:
        """Read the store (from the per-user cache when current), index it, hand it over;
        then, once the screen shows it, warm the other indexes and, if it came from JSON,
        cache it for next time."""
        from kirklees_tui.query.catalog import Catalog
        from kirklees_tui.store.errors import StoreError
        from kirklees_tui.store.open import keep_cached, open_store

        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, LOADING_SWITCH_SECONDS))
        try:
            verifier, self.verifier = self.verifier, None  # it helps the first read only
            opened = open_store(self.db, verifier)
            catalog = Catalog(opened.store)
            signature = None if opened.before is None else _signature_of(opened.before)
            self.call_from_thread(self.reloaded if reload else self.loaded, catalog, signature)
        except StoreError as error:
            self.call_from_thread(self.reload_failed if reload else self.fail, str(error))
            return
        finally:
            sys.setswitchinterval(interval)
        if self.error is not None:  # the store was read but cannot be shown: leaving
            return
        shown = threading.Event()
        self.call_from_thread(self.call_after_refresh, shown.set)
        shown.wait(timeout=1.0)  # the screen with the data is drawn before more work here
        catalog.warm()
        keep_cached(self.db, opened)

    def loaded(self, catalog: Catalog, signature: Signature | None) -> None:
        unknown = sorted(set(self.initial.themes) - set(catalog.theme_ids))
        if unknown:
            self.fail(f"no theme {unknown[0]!r}; known: {', '.join(catalog.theme_ids)}")
            return
        if self.initial.speaker is not None:
            named = catalog.speaker_named(self.initial.speaker)
            if named is None:
                self.fail(f"no speaker {self.initial.speaker!r}")
                return
            self.initial = replace(self.initial, speaker=named)
        self.catalog = catalog
        self.loaded_signature = signature
        self.main.set_catalog(catalog, self.initial)
        self.set_interval(WATCH_SECONDS, self.look_at_store, name="watch store")

    def look_at_store(self) -> None:
        """Offer a reload once the file on disk is not the one shown."""
        now = _signature(self.db)
        if self.store_changed or now is None or now == self.loaded_signature:
            return
        self.store_changed = True
        self.main.show_store_changed(True)
        self.notify("The store has changed on disk: press r to reload (the filter is kept).",
                    title="Store changed", timeout=8)

    def reload_store(self) -> None:
        """Load the store again; the screen keeps its filter."""
        self.notify("Reloading the store…", timeout=2)
        self.load_data(reload=True)

    def reloaded(self, catalog: Catalog, signature: Signature | None) -> None:
        self.catalog = catalog
        self.loaded_signature = signature
        self.store_changed = False
        self.main.show_store_changed(False)
        self.main.set_catalog(catalog, self.main.filter)
        self.clear_notifications()
        self.notify(f"Reloaded: {len(catalog.store.sources)} articles, "
                    f"{len(catalog.store.findings)} findings, {len(catalog.store.quotes)} quotes.",
                    timeout=4)

    def reload_failed(self, message: str) -> None:
        """A store that cannot be read now: keep showing the one already loaded."""
        self.notify(f"{message}. Still showing the store as it was.", title="Cannot reload",
                    severity="error", timeout=10)

    def fail(self, message: str) -> None:
        """Leave with status 2; the command line prints the message."""
        self.error = message
        self.exit(return_code=2)

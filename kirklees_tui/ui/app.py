"""The Textual app: shows its first frame at once, then loads the store in a thread.

A one-line splash is the first frame. As soon as it is out, the main screen is composed while a
worker thread loads the store (`loader.py`: from the per-user cache when that is current;
otherwise from JSON, with the checks as a whole done by a verifier process started before
Textual, see `store/verifier.py`) and posts it to the screen, which shows its panes, once, with
the data. A store that cannot be used ends the app with exit status 2 and one line, as every
command does. Afterwards the app looks at the file every few seconds: when an import has
replaced it, it tells the screen, which offers `r` to reload, keeping the filter. Stores are
replaced by rename, so a reload reads the old file or the new one, never half of one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.widgets import Static

from kirklees_tui.query.filter import Filter
from kirklees_tui.store.paths import shipped
from kirklees_tui.ui.commands import KirkleesCommands
from kirklees_tui.ui.loader import StoreChanged, StoreFailed, StoreLoaded, load

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from kirklees_tui.store.open import Signature
    from kirklees_tui.store.verifier import Verifier
    from kirklees_tui.ui.screens.main import MainScreen

__all__ = ["KirkleesApp"]

WATCH_SECONDS = 2.0
SPLASH = "Kirklees inspections: loading the store…"


class KirkleesApp(App[None]):
    """Browse Ofsted's findings on Kirklees children's services."""

    CSS_PATH = shipped("styles.tcss")
    TITLE = "Kirklees inspections"
    # Textual's own commands come from the app's provider too, after the app's.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {KirkleesCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(self, db: Path, initial: Filter | None = None, verifier: Verifier | None = None) -> None:
        super().__init__()
        self.db = db
        self.verifier = verifier
        """Validating the store in another process, for the first load only."""
        self.initial = initial or Filter()
        self.error: str | None = None
        """Why the app ended without showing a store: the line the command line prints."""
        self.crash: tuple[str, str] | None = None
        """An unexpected error's summary and traceback, for the log (`exits.py`), never the screen."""
        self.main: MainScreen
        self.loaded_signature: Signature | None = None
        self._watching = False
        self._change_told = False

    def compose(self) -> ComposeResult:
        # The first frame: one line, out as fast as a bare Textual app's. Everything else
        # (the main screen, the store's modules, the store) comes after it.
        yield Static(SPLASH, id="splash")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification as plain, cleaned text: they carry file names, search words and
        stored ids, and as markup `[/]` in one would end the app (MarkupError)."""
        from kirklees_tui.sanitize import clean

        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

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
        """Load the store in a thread; the outcome is posted to the main screen (`loader.py`).
        The verifier helps the first load only."""
        verifier, self.verifier = self.verifier, None
        load(self.main, self.db, verifier, None if reload else self.initial)

    def on_store_loaded(self, event: StoreLoaded) -> None:
        """After the screen has shown it: watch the file from now on, and let the loader go
        on with its background work once the data is drawn."""
        self.loaded_signature = event.signature
        self._change_told = False
        self.call_after_refresh(event.shown.set)
        if not self._watching:
            self._watching = True
            self.set_interval(WATCH_SECONDS, self.look_at_store, name="watch store")

    def on_store_failed(self, event: StoreFailed) -> None:
        """A store the screen could not show (a first load: a reload's failure the screen
        reports itself)."""
        self.fail(event.message)

    def look_at_store(self) -> None:
        """Tell the screen, once, when the file on disk is not the one shown."""
        from kirklees_tui.store.open import signature

        now = signature(self.db)
        if self._change_told or now is None or now == self.loaded_signature:
            return
        self._change_told = True
        self.main.post_message(StoreChanged())

    def on_main_screen_reload_requested(self) -> None:
        """`r` on the main screen: load the store again; the screen keeps its filter."""
        self.notify("Reloading the store…", timeout=2)
        self.load_data(reload=True)

    def fail(self, message: str) -> None:
        """Leave with status 2; the command line prints the message."""
        self.error = message
        self.exit(return_code=2)

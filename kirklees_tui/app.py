"""The Textual app: shows its first frame at once, then loads the store in a thread.

The main screen appears before the store is read; a worker loads and indexes it and hands the
catalog to the screen. A store that cannot be used ends the app with exit status 2 and one
line, as every command does.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from kirklees_tui.catalog import Catalog, Filter
from kirklees_tui.commands import KirkleesCommands
from kirklees_tui.paths import shipped
from kirklees_tui.screens.main import MainScreen
from kirklees_tui.store import StoreError, load_store

__all__ = ["KirkleesApp"]


class KirkleesApp(App[None]):
    """Browse Ofsted's findings on Kirklees children's services."""

    CSS_PATH = shipped("styles.tcss")
    TITLE = "Kirklees inspections"
    COMMANDS = App.COMMANDS | {KirkleesCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(self, db: Path, initial: Filter | None = None) -> None:
        super().__init__()
        self.db = db
        self.initial = initial or Filter()
        self.error: str | None = None
        self.catalog: Catalog | None = None
        self.main = MainScreen(self.initial)

    def on_mount(self) -> None:
        self.push_screen(self.main)
        # Load once the first frame is out: the loader shares the GIL with rendering.
        self.call_after_refresh(self.load_store)

    @work(thread=True, exclusive=True, name="load store")
    def load_store(self) -> None:
        try:
            catalog = Catalog(load_store(self.db))
        except StoreError as error:
            self.call_from_thread(self.fail, str(error))
            return
        self.call_from_thread(self.loaded, catalog)

    def loaded(self, catalog: Catalog) -> None:
        unknown = sorted(set(self.initial.themes) - set(catalog.theme_ids))
        if unknown:
            self.fail(f"no theme {unknown[0]!r}; known: {', '.join(catalog.theme_ids)}")
            return
        self.catalog = catalog
        self.main.set_catalog(catalog)

    def fail(self, message: str) -> None:
        """Leave with status 2; the command line prints the message."""
        self.error = message
        self.exit(return_code=2)

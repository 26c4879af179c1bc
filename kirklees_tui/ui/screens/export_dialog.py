"""Export the current view: type a path; an existing file needs a second `enter` to replace.

The format follows the extension (.csv, .json, .md). What the writer would refuse (a symbolic
link, FIFO, device or folder, a path through a linked folder, a read-only file or folder) is
refused here, with its reason. The dialog returns the records kind, the path and whether the
user agreed to replace a file there; the main screen writes it through the one writer.

In a session served to a web browser (`kirklees-tui serve`) nothing is written on the server:
the dialog asks only for a file name, and the export goes to the browser as a download
(Textual's `deliver_text`), whoever is reading the page being no user of the server.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.export import FORMATS, render
from kirklees_tui.query.filter import Filter
from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.write import check_writable, write_file
from kirklees_tui.ui.screens.once import DismissedOnce
from kirklees_tui.ui.widgets.bounded_input import BoundedInput

__all__ = ["ExportDialog", "export_view"]

PATH_MAX = 4096
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
"""What a download's name may not hold: it goes, unquoted, into an HTTP header (textual-serve)."""


class ExportDialog(DismissedOnce, ModalScreen[tuple[str, Path, bool] | None]):
    """Ask where to export; refuse to overwrite without confirmation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, records: str, suggestion: str) -> None:
        super().__init__()
        self.records = records
        self.suggestion = suggestion
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        web = self.app.is_web
        ask = "Download" if web else "Export"
        where = "as" if web else "to"
        with Vertical(id="export-dialog"):
            yield Static(Text(f"{ask} {self.records} in the current view {where} (.csv .json .md):"))
            yield BoundedInput(self.suggestion, max_length=PATH_MAX, id="export-path")
            yield Static(Text(f"enter: {ask.lower()} · escape: cancel"), id="export-note")

    def on_mount(self) -> None:
        self.query_one("#export-path").focus()

    def _note(self, message: str) -> None:
        self.query_one("#export-note", Static).update(Text(message))

    @on(Input.Changed)
    def _changed(self) -> None:
        self._confirm = None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw:
            self._note("Type a file name, such as kirklees-findings.csv")
            return
        if self.app.is_web:  # a name for the browser's download, never a path on the server
            name = _UNSAFE.sub("-", Path(raw).name).lstrip(".-")
            if Path(name).suffix.lstrip(".").lower() not in FORMATS or not Path(name).stem:
                self._note("The name must end in .csv, .json or .md")
                return
            self.dismiss((self.records, Path(name), False))
            return
        path = Path(raw).expanduser()
        if path.suffix.lstrip(".").lower() not in FORMATS:
            self._note("The name must end in .csv, .json or .md")
            return
        try:
            exists = check_writable(path, must_exist=False)
        except StoreError as error:
            self._note(str(error))
            return
        if exists and self._confirm != path:
            self._confirm = path
            self._note(f"{path} exists. Press enter again to replace it, escape to cancel.")
            return
        self.dismiss((self.records, path, exists))

    def action_cancel(self) -> None:
        self.dismiss(None)


def export_view(
    screen: Screen[None],
    catalog: Catalog,
    flt: Filter,
    records: str,
    path: Path,
    agreed: bool,
    sort: str = "date",
) -> None:
    """Write what the dialog chose through the one writer (replacing a file only if the user
    agreed), in the order the screen lists it, or, served to a web browser, hand it to the
    browser as a download; and say how it went on `screen`."""
    fmt = path.suffix.lstrip(".").lower()
    text = render(catalog, records, flt, fmt, sort)  # type: ignore[arg-type]
    if screen.app.is_web:
        screen.app.deliver_text(io.StringIO(text), save_filename=path.name, encoding="utf-8")
        screen.notify(f"Downloading {records} ({flt.describe()}) as {path.name}", timeout=4)
        return
    try:
        write_file(path, text.encode("utf-8"), replace=agreed)
    except StoreError as error:
        screen.notify(f"Not exported: {error}", severity="error", timeout=10)
        return
    screen.notify(f"Exported {records} ({flt.describe()}) to {path}", timeout=4)

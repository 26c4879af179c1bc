"""Saved views on screen: `v` names the filter to keep it, `V` shows the command line that lists
the same records, to copy.

Views are kept by `query/views.py` in the user's own data folder (never beside a shared store);
a name it refuses is refused here with its reason, and the dialog stays open to try another.
"""

from __future__ import annotations

from typing import ClassVar, Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kirklees_tui.query.filter import Filter
from kirklees_tui.sanitize import one_line
from kirklees_tui.ui.screens.clipboard import copy_text
from kirklees_tui.ui.screens.once import DismissedOnce
from kirklees_tui.ui.widgets.bounded_input import BoundedInput

__all__ = ["MAX_NAME", "CommandLineDialog", "SaveViewDialog"]

MAX_NAME: Final = 40
"""The longest name `views.py` accepts; the field takes no more."""


class SaveViewDialog(DismissedOnce, ModalScreen[str | None]):
    """Ask for a name and save the filter under it; returns the name, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="save_view.cancel"),
    ]

    def __init__(self, flt: Filter) -> None:
        super().__init__()
        self.filter = flt

    def compose(self) -> ComposeResult:
        with Vertical(id="view-dialog", classes="dialog"):
            yield Static(Text(f"Save the view ({one_line(self.filter.describe())}) as:"))
            yield BoundedInput(max_length=MAX_NAME, placeholder="such as: caseloads progress", id="view-name")
            note = "enter: save · escape: cancel · saving under a name in use replaces that view"
            yield Static(Text(note), id="view-note")

    def on_mount(self) -> None:
        self.query_one("#view-name").focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        from kirklees_tui.query.views import ViewError, save_view

        name = " ".join(event.value.split())
        if not name:
            self._note("Type a name for the view.")
            return
        try:
            save_view(name, self.filter)
        except ViewError as error:
            self._note(f"Not saved: {error}.")
            return
        self.dismiss(name)

    def _note(self, message: str) -> None:
        self.query_one("#view-note", Static).update(Text(message))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CommandLineDialog(DismissedOnce, ModalScreen[None]):
    """The export command that lists what the screen shows; `y` copies it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy", "Copy", id="command.copy"),
        Binding("escape", "close", "Back", id="command.back"),
        Binding("q", "app.quit", "Quit", show=False, id="command.quit"),
    ]

    def __init__(self, line: str, records: str) -> None:
        super().__init__()
        self.line = line
        self.records = records

    def compose(self) -> ComposeResult:
        with Vertical(id="command-dialog", classes="dialog"):
            yield Static(Text(f"The command line that lists these {self.records}:", style="bold"))
            yield Static(Text(one_line(self.line)), id="command-line")
            yield Static(Text("y: copy · escape: back"), id="command-note")

    def action_copy(self) -> None:
        where = copy_text(self.app, self.line)
        self.query_one("#command-note", Static).update(Text(f"{where} · escape: back"))

    def action_close(self) -> None:
        self.dismiss(None)

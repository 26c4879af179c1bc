"""Every council the store has visits of, with their counts: the way to one council's records.

Like the theme picker: `enter` chooses, `escape` closes. "All councils" comes first. A store
about one council lists it alone, saying so.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.filter import Filter
from kirklees_tui.sanitize import one_line
from kirklees_tui.ui.screens.once import DismissedOnce
from kirklees_tui.wording import counted

__all__ = ["EVERY_COUNCIL", "CouncilPicker"]

EVERY_COUNCIL = ""
"""What the picker returns for "all councils" (None is cancelling)."""


class CouncilPicker(DismissedOnce, ModalScreen[str | None]):
    """Returns a council's name, `EVERY_COUNCIL`, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="council.back"),
        Binding("question_mark,f1", "help", "Help", show=False, id="council.help"),
        Binding("q", "app.quit", "Quit", show=False, id="council.quit"),
    ]

    def __init__(self, catalog: Catalog, chosen: str | None) -> None:
        super().__init__()
        self.catalog = catalog
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        catalog = self.catalog
        options = [Option(Text(f"{'▶' if self.chosen is None else ' '} all councils"), id="\x00all")]
        for council in catalog.authorities:
            visits = len(catalog.visits_of(council))
            findings = len(catalog.select("findings", Filter(authority=council)))
            mark = "▶" if council == self.chosen else " "
            line = f"{mark} {one_line(council)} · {counted(visits, 'visit')} · {counted(findings, 'finding')}"
            options.append(Option(Text(line), id=council))
        picker = OptionList(*options, id="council-picker")
        only = " (one here)" if len(catalog.authorities) == 1 else ""
        picker.border_title = f"Councils{only}: enter chooses · esc closes"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one("#council-picker", OptionList)
        picker.focus()
        if self.chosen in self.catalog.authorities:
            picker.highlighted = 1 + self.catalog.authorities.index(self.chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        if chosen is not None:
            self.dismiss(EVERY_COUNCIL if chosen == "\x00all" else chosen)

    def action_help(self) -> None:
        from kirklees_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("pickers"))

    def action_cancel(self) -> None:
        self.dismiss(None)

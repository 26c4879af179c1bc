"""Every theme in a list with its count: the way to reach themes past the ninth."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kirklees_tui.query.filter import Filter
from kirklees_tui.store.model import Theme
from kirklees_tui.ui.screens.once import DismissedOnce

__all__ = ["ThemePicker"]


class ThemePicker(DismissedOnce, ModalScreen[tuple[str, str] | None]):
    """Returns ("toggle" | "exclude", theme id), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="picker.cancel"),
        Binding("x", "exclude", "Exclude", id="picker.exclude"),
        Binding("question_mark,f1", "help", "Help", show=False, id="picker.help"),
        Binding("q", "app.quit", "Quit", show=False, id="picker.quit"),
    ]

    def __init__(self, themes: tuple[Theme, ...], counts: dict[str, int], flt: Filter) -> None:
        super().__init__()
        self.themes, self.counts, self.filter = themes, counts, flt

    def compose(self) -> ComposeResult:
        options = []
        for theme in self.themes:
            mark = "+" if theme.id in self.filter.themes else "−" if theme.id in self.filter.exclude else " "
            options.append(
                Option(Text(f"{mark} {theme.label} ({theme.id}) {self.counts.get(theme.id, 0)}"), id=theme.id)
            )
        picker = OptionList(*options, id="theme-picker")
        picker.border_title = "Themes: enter toggles · x excludes · escape closes"
        yield picker

    def on_mount(self) -> None:
        self.query_one("#theme-picker").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(("toggle", event.option.id))

    def action_exclude(self) -> None:
        option = self.query_one("#theme-picker", OptionList).highlighted_option
        if option is not None and option.id:
            self.dismiss(("exclude", option.id))

    def action_help(self) -> None:
        from kirklees_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("pickers"))

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Help: every key, from a Markdown file shipped with the package."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

__all__ = ["HELP", "HelpScreen"]

HELP = Path(__file__).resolve().parents[1] / "help.md"


class HelpScreen(ModalScreen[None]):
    """The key table, over the main screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "app.pop_screen", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP.read_text(encoding="utf-8"))

    def on_mount(self) -> None:
        self.query_one("#help").focus()

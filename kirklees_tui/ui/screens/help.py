"""Help: each screen's keys, from a Markdown file shipped with the package.

`help.md` has an introduction (the keys every screen shares) and a section per screen; `?` on a
screen shows the introduction and that screen's sections, so what it lists are the keys that
work where the user is.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

__all__ = ["HELP", "TOPICS", "HelpScreen", "help_text"]

HELP = Path(__file__).resolve().parents[1] / "help.md"
TOPICS: Final = {
    "main": ("Main screen", "Copying"),
    "article": ("Article", "Copying"),
    "chronology": ("Chronology",),
    "grid": ("Grid",),
    "people": ("People",),
    "pickers": ("Pickers and dialogs", "Copying"),
}
"""Each screen's sections of `help.md`, by the screen's topic."""


def sections(text: str) -> dict[str, str]:
    """`help.md` by section: the introduction under "", each `## Heading` under its name."""
    parts = text.split("\n## ")
    found = {"": parts[0].strip()}
    for part in parts[1:]:
        title, _, _ = part.partition("\n")
        found[title.strip()] = f"## {part.strip()}"
    return found


def help_text(topic: str) -> str:
    """The introduction and `topic`'s sections, as Markdown."""
    found = sections(HELP.read_text(encoding="utf-8"))
    return "\n\n".join([found[""], *(found[name] for name in TOPICS[topic])])


class HelpScreen(ModalScreen[None]):
    """One screen's keys, over that screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1", "app.pop_screen", "Back", id="help.close"),
        Binding("q", "app.quit", "Quit", id="help.quit"),
    ]

    def __init__(self, topic: str = "main") -> None:
        super().__init__()
        self.topic = topic if topic in TOPICS else "main"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(help_text(self.topic))

    def on_mount(self) -> None:
        self.query_one("#help").focus()

"""The theme rail: every theme with its count under the current filter.

States read without colour: `+` for a theme that filters in, `−` for one excluded, and the
rail's cursor (the theme `x` excludes) in ‹angle quotes›. The first nine carry their key.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from kirklees_tui.query.filter import Filter
from kirklees_tui.store.model import Theme

__all__ = ["ThemeRail"]


class ThemeRail(Widget, can_focus=True):
    """Themes as a wrapping line of chips; left/right move, space toggles, x excludes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Previous theme", show=False),
        Binding("right,l", "move(1)", "Next theme", show=False),
        Binding("space,enter", "toggle_theme", "Toggle theme", show=False),
    ]

    class Toggled(Message):
        """The user toggled a theme on the rail."""

        def __init__(self, theme_id: str) -> None:
            super().__init__()
            self.theme_id = theme_id

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.themes: tuple[Theme, ...] = ()
        self.counts: dict[str, int] = {}
        self.filter = Filter()
        self.cursor = 0
        self.max_lines = 3
        """Lines the rail may take; the screen gives it more on taller terminals."""

    @property
    def cursor_theme(self) -> str | None:
        return self.themes[self.cursor].id if self.themes else None

    def show(self, themes: tuple[Theme, ...], counts: dict[str, int], flt: Filter) -> None:
        self.themes, self.counts, self.filter = themes, counts, flt
        self.refresh()

    def point_at(self, theme_id: str) -> None:
        """Move the cursor to a theme (the last one toggled is the one `x` excludes)."""
        ids = [t.id for t in self.themes]
        if theme_id in ids:
            self.cursor = ids.index(theme_id)
            self.refresh()

    def action_move(self, step: int) -> None:
        if self.themes:
            self.cursor = (self.cursor + step) % len(self.themes)
            self.refresh()

    def action_toggle_theme(self) -> None:
        if self.cursor_theme:
            self.post_message(self.Toggled(self.cursor_theme))

    def _chips(self) -> list[Text]:
        chips: list[Text] = []
        for index, theme in enumerate(self.themes):
            on = theme.id in self.filter.themes
            off = theme.id in self.filter.exclude
            mark = "+" if on else "−" if off else ""
            key = f"{index + 1}:" if index < 9 else ""
            label = f"{mark}{key}{theme.id} {self.counts.get(theme.id, 0)}"
            focused = index == self.cursor and self.has_focus
            style = "bold reverse" if on else "strike dim" if off else ""
            if index == self.cursor:
                style += " underline"
            chips.append(Text(f"‹{label}›" if focused else label, style=style.strip()))
        match = "any" if self.filter.match == "any" else "all"
        chips.append(Text(f"a: match {match}", style="bold"))
        return chips

    def fit(self, width: int, max_lines: int) -> None:
        """Size the rail for a terminal: as many lines as the chips need, at most
        `max_lines`. Done on resize and load only, so a changing count never re-lays the screen."""
        self.max_lines = max_lines
        needed = len(self._lines(max(20, width - 6))[0]) if self.themes else 1
        self.styles.height = max(1, min(needed, max_lines))

    def _lines(self, width: int) -> tuple[list[list[Text]], int]:
        """Chips in lines of at most `width` cells, and the line holding the cursor."""
        lines: list[list[Text]] = [[]]
        used = 0
        cursor_line = 0
        for index, chip in enumerate(self._chips()):
            if lines[-1] and used + 2 + chip.cell_len > width:
                lines.append([])
                used = 0
            used += chip.cell_len + (2 if lines[-1] else 0)
            lines[-1].append(chip)
            if index == self.cursor:
                cursor_line = len(lines) - 1
        return lines, cursor_line

    def render(self) -> Text:
        """Chips laid out in lines; when they need more lines than the rail has, the lines
        around the cursor are shown, with ↑ / ↓ saying there is more (t lists every theme)."""
        if not self.themes:
            return Text("Loading themes…", style="italic")
        lines, cursor_line = self._lines(max(20, self.content_region.width - 4))  # room for ↑ ↓
        room = self.max_lines
        start = min(max(0, cursor_line - room + 1), max(0, len(lines) - room))
        shown = lines[start : start + room]
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, line in enumerate(shown):
            if number:
                text.append("\n")
            text.append("↑ " if number == 0 and start > 0 else "")
            text.append_text(Text("  ").join(line))
            if number == len(shown) - 1 and start + room < len(lines):
                text.append(" ↓", style="bold")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

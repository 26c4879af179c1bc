"""The footer: the keys that matter where the focus is, as one line of text.

Textual's `Footer` is a grid with a widget per key, composed again on every change of focus;
on the main screen it was a third of the time from the first frame to the data (about 50 ms at
140x40). This bar draws the same keys (the focused widget's, then the screen's and the app's,
those marked `show`) as one line, rebuilt only when the screen's bindings change. Keys are
still clickable, for those with a mouse. What does not fit the width is left out, the last keys
first, but never the ways back, out and to help (`LAST_TO_GO`); the palette's key goes before
those.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

__all__ = ["KeyBar"]

Item = tuple[DOMNode, Binding, bool]
LAST_TO_GO = frozenset({"Help", "Quit", "Back", "Close", "Cancel", "Results"})
"""Descriptions of the keys a narrow bar keeps longest."""


class KeyBar(Widget):
    """Key and description pairs on the left, the command palette's key on the right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
        & > .key-bar--disabled { text-style: dim; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--disabled"}

    def __init__(self) -> None:
        super().__init__()
        self._items: list[Item] = []
        self._palette: Item | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        items: list[Item] = []
        seen: set[tuple[str, str]] = set()
        palette: Item | None = None
        for key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = (node, binding, enabled)
            elif binding.show and (binding.action, binding.description) not in seen:
                seen.add((binding.action, binding.description))  # one entry, its first key
                items.append((node, binding, enabled))
        if items != self._items or palette != self._palette:
            self._items, self._palette = items, palette
            self.refresh()

    @property
    def keys(self) -> list[str]:
        """What the bar says, key and description, in order (those that fit its width)."""
        shown, _ = self._fit(self.size.width)
        bindings = [self._items[i][1] for i in shown]
        return [f"{self.app.get_key_display(b)} {b.description}" for b in bindings]

    def _fit(self, width: int) -> tuple[list[int], bool]:
        """The entries that fit in `width`, by index, and whether the palette's key does."""
        widths = [self._entry(i, item).cell_length for i, item in enumerate(self._items)]
        shown = list(range(len(self._items)))

        def used() -> int:
            return sum(widths[i] for i in shown) + max(0, len(shown) - 1)

        droppable = [i for i in shown if self._items[i][1].description not in LAST_TO_GO]
        palette = 0 if self._palette is None else self._entry(len(self._items), self._palette).cell_length
        while droppable and used() + (palette + 3 if palette else 0) > width:
            shown.remove(droppable.pop())
        if palette and used() + palette + 3 > width:
            palette = 0
        while droppable and used() > width:
            shown.remove(droppable.pop())
        return shown, bool(palette)

    def _entry(self, index: int, item: Item) -> Content:
        _node, binding, enabled = item
        key_style = self.get_visual_style("key-bar--key", partial=True)
        entry = Content.assemble(
            (f" {self.app.get_key_display(binding)} ", key_style),
            binding.description,
        )
        if not enabled:
            entry = entry.stylize(self.get_visual_style("key-bar--disabled", partial=True))
        return entry.stylize(Style.from_meta({"@click": f"press({index})"}))

    def render(self) -> Content:
        shown, palette = self._fit(self.size.width)
        left = Content(" ").join(self._entry(i, self._items[i]) for i in shown)
        if self._palette is None or not palette:
            return left
        right = self._entry(len(self._items), self._palette)
        gap = self.size.width - left.cell_length - right.cell_length - 1
        return Content.assemble(left, " " * gap, right, " ")

    async def action_press(self, index: int) -> None:
        """A click on an entry runs its key's action where the key is bound."""
        items = [*self._items, *([self._palette] if self._palette else [])]
        if 0 <= index < len(items):
            node, binding, enabled = items[index]
            if enabled:
                await self.app.run_action(binding.action, node)

"""The footer: the keys that matter where the focus is, as one line of text.

Textual's `Footer` is a grid with a widget per key, composed again on every change of focus;
on the main screen it was a third of the time from the first frame to the data (about 50 ms at
140x40). This bar draws the same keys (the focused widget's, then the screen's and the app's,
those marked `show`) as one line, rebuilt only when the screen's bindings change. Keys are
still clickable, for those with a mouse.
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
        """What the bar says, key and description, in order."""
        return [f"{self.app.get_key_display(b)} {b.description}" for _, b, _ in self._items]

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
        left = Content(" ").join(self._entry(i, item) for i, item in enumerate(self._items))
        if self._palette is None:
            return left
        right = self._entry(len(self._items), self._palette)
        gap = self.size.width - left.cell_length - right.cell_length - 1
        if gap < 2:
            return left
        return Content.assemble(left, " " * gap, right, " ")

    async def action_press(self, index: int) -> None:
        """A click on an entry runs its key's action where the key is bound."""
        items = [*self._items, *([self._palette] if self._palette else [])]
        if 0 <= index < len(items):
            node, binding, enabled = items[index]
            if enabled:
                await self.app.run_action(binding.action, node)
